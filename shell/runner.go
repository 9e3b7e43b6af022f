// Package shell is pipesh's interpreter: it holds the shell state
// (variables, functions, options, cwd, fd table, jobs), evaluates parsed
// programs, applies redirections and runs pipelines.
//
// Parsing comes from mvdan.cc/sh/v3/syntax, word expansion from package
// pipesh/wordexp; processes and descriptors from package pipesh/exec; builtins
// from package pipesh/builtins, which sees the shell through the
// capabilities of builtins.Shell that the Runner's adapter (api.go)
// implements.
package shell

import (
	"context"
	"io"
	"maps"
	"os"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"mvdan.cc/sh/v3/expand"
	"mvdan.cc/sh/v3/syntax"

	"pipesh/arith"
	"pipesh/arithsrc"
	"pipesh/builtins"
	"pipesh/cmdhash"
	"pipesh/coproc"
	"pipesh/exec"
	"pipesh/fds"
	"pipesh/history"
	"pipesh/jobs"
	"pipesh/options"
	"pipesh/parse"
	"pipesh/readloop"
	"pipesh/signals"
	"pipesh/sources"
	"pipesh/trace"
	"pipesh/vars"
	"pipesh/wordexp"
)

// Version is pipesh's version, printed by --version.
const Version = "0.1.0"

// Runner is one shell: the main shell, or an in-process subshell (a
// pipeline stage, a ( ) group, a command substitution) with its own copy
// of the state.
type Runner struct {
	sh *process // shared by a shell and all its subshells

	vars      vars.Store // the variables, their scopes shared with subshells (package vars)
	envCache  []string
	funcs     map[string]*funcDef
	aliases   map[string]string
	params    []string
	arg0      string
	dir       string
	dirStack  []string  // pushd's stack below dir, top first (dirstack.go)
	compSpecs compTable // complete's specifications by command (compspec.go)
	fds       fds.Table
	opts      [numOpts]bool
	shopts    map[string]bool
	shoptsCOW bool // shopts may be another shell's too: copy before a change
	sharesCOW sharedTables
	traps     map[string]string
	jobs      *jobs.Table
	status    int // $?
	lastBg    int // $!
	ecfg      *expand.Config
	wx        wordexp.Expander // word expansion over ecfg (expand.go)

	arg0Plain bool // BASH_ARGV0 was unset: an ordinary variable from then on
	// globIgnoreEnv: GLOBIGNORE is the one from the environment, which
	// bash does not apply until it is assigned (expand.go)
	globIgnoreEnv bool

	// ownIn is the input the statement about to run may call its own
	// (a pipeline stage's pipe), readBuf the buffer of the loop that
	// reads its own input (package readloop); neither passes to subshells
	ownIn   *fds.Desc
	readBuf *readloop.Buf

	subshell  bool         // an in-process copy: exit ends only it
	funcDepth int          // functions and sourced files running (return allowed)
	nest      int          // shell code running inside shell code (nest.go)
	childTop  bool         // the subshell a child process is (childsub.go): exec replaces it
	optindGen uint64       // assignments to OPTIND so far
	getopts   getoptsPlace // where getopts goes on (api.go)
	loopDepth int
	noErrExit int  // >0 inside if/while conditions, && || lists, !
	flow      flow // a pending exit/return/break/continue
	line      uint // line of the command running, for messages and LINENO
	cmdName   string
	freeCalls []*builtins.Call // builtin calls done, for runBuiltin to use again (a subshell starts without)

	inTrap    bool // running an ERR trap: failures in it do not recurse
	errExempt bool // the status was checked for errexit and ERR already, or came from a && / || short circuit or !
	jobTop    bool // the next statement is a whole background job: ERR and errexit skip its own status

	lastSubst  int   // status of the last command substitution
	substRan   bool  // a command substitution ran in the current command
	procFds    []int // shell fds of process substitutions to close
	execTail   bool  // a pipeline stage: its program gets the stage's fds
	group      *jobs.Group
	bgJob      *jobs.Job   // the background job this subshell runs, if any
	bgTail     bool        // its first program is the job's $! (jobs.go bgPrepare)
	frames     callStack   // FUNCNAME, BASH_SOURCE, BASH_LINENO (callstack.go)
	curCmd     syntax.Node // the command BASH_COMMAND shows
	trapDepth  int         // trap actions running: BASH_COMMAND stays the interrupted command
	inDebug    bool        // the DEBUG trap is running: it does not fire in itself
	pipeStatus []int       // PIPESTATUS

	curRedirs []*syntax.Redirect // curCmd's redirections, when it is a simple command

	lastArg    string            // $_: the last word of the last simple command
	subPID     int               // BASHPID of an in-process subshell, once asked
	shownTraps map[string]string // what trap lists in a subshell: the parent's
	trc        *trace.Scope      // IPC trace and time -v context (trace.go); nil when off
}

// funcDef is a defined function.
type funcDef struct {
	body *syntax.Stmt
	src  string
	file string // where it was defined, its frames' BASH_SOURCE
	// exported: export -f, passed to children as BASH_FUNC_name%%
	// (funcexport.go)
	exported bool
}

// process is what a shell and its in-process subshells share: things of
// the one OS process.
type process struct {
	pid, ppid   int
	start       time.Time
	name        string // script or shell name for messages ($0 at start)
	interactive bool
	dashC       bool
	login       bool   // a login shell (Config.Login)
	logoutFile  string // Config.LogoutFile
	invoke      string // c or s in $-: how the shell got its commands
	tracer      exec.Tracer

	mu   sync.Mutex
	rand uint32
	hash cmdhash.Cache // command path cache

	// foreignEnv: environment entries that are no variable of the shell
	// (names like a-b, function entries not imported), passed on to
	// children as they came; set at start only
	foreignEnv []string

	virtual int // last in-process job id handed out

	signals      signals.Dispositions // caught, ignored: the traps' part of the process (trap.go)
	inForeground bool                 // the main shell waits for a program
	killedBy     syscall.Signal       // the signal that ended the shell
	subshellIDs  atomic.Int64         // ids of in-process subshells in trace events
	arithText    arithsrc.Cache
	arith        arith.Cache // parsed expressions, by text
	coprocs      coproc.Table
	jc           *jobs.Control // job control: terminal, groups (package jobs)
	tasks        tasks         // goroutines running shell code (tasks.go)
	funcNestSet  atomic.Bool   // FUNCNEST was ever set: calls look at it (nest.go)
	sources      sources.Texts // the texts parsed (package sources)

	hist     *history.History // the REPL's history, for the history builtin
	compCur  *compSpec        // the completion running, for compopt (compspec.go)
	exitHeld bool             // the last command line's exit was refused for stopped jobs
	// editLine is the REPL's line editor, for read -e (nil without one)
	editLine func(prompt, text string) (string, error)
	// afterProgram runs after each foreground program the interactive
	// shell waited for, with checkwinsize on (SetAfterProgram)
	afterProgram func()
	// child: this process is a subshell's child (childsub.go): its
	// shell is a subshell, yet its traps are the process's to apply
	child bool
}

func (p *process) random() uint32 {
	p.mu.Lock()
	defer p.mu.Unlock()
	// xorshift: cheap, and $RANDOM makes no promise of quality
	x := p.rand
	x ^= x << 13
	x ^= x >> 17
	x ^= x << 5
	p.rand = x
	return x
}

type flowKind uint8

const (
	flowNone flowKind = iota
	flowExit
	flowReturn
	flowBreak
	flowContinue
	flowAbort // an error that abandons the rest of the input line, as bash's jump to top level
)

type flow struct {
	kind flowKind
	n    int // loops to break or continue
}

// Config sets up a new shell.
type Config struct {
	// Name is $0 and the prefix of messages about the script.
	Name string
	// Args are $1...
	Args []string
	// Stdin, Stdout, Stderr are the shell's fds 0, 1, 2.
	Stdin, Stdout, Stderr *os.File
	// Env is the starting environment ("k=v").
	Env []string
	// Dir is the starting directory; empty means the process's.
	Dir         string
	Interactive bool
	// CommandString is set for -c: bash then exits 127, not 1, on a
	// fatal expansion error.
	CommandString bool
	// Options are set -o names to turn on.
	Options []string
	// Fds are more descriptors the shell starts with (inherited from
	// its parent), by number.
	Fds map[int]*os.File
	// Tracer sees every IPC event.
	Tracer exec.Tracer
	// Privileged is set for -p and for a setuid start: SHELLOPTS from
	// Env is then ignored, and no function is imported from it.
	Privileged bool
	// Login makes a login shell: shopt login_shell is on, and as it ends
	// it runs LogoutFile (see Finish).
	Login bool
	// LogoutFile is what a login shell runs as it ends, as bash runs
	// ~/.bash_logout; a leading ~/ is HOME's value then.
	LogoutFile string
	// child: the shell is a child subshell (RunChild), whose environment
	// its parent built
	child bool
}

// New makes a shell from c.
func New(c Config) (*Runner, error) {
	dir := c.Dir
	if dir == "" {
		var err error
		if dir, err = os.Getwd(); err != nil {
			return nil, err
		}
	}
	now := time.Now()
	r := &Runner{
		sh: &process{
			pid:         os.Getpid(),
			ppid:        os.Getppid(),
			start:       now,
			name:        c.Name,
			interactive: c.Interactive,
			dashC:       c.CommandString,
			login:       c.Login,
			logoutFile:  c.LogoutFile,
			tracer:      c.Tracer,
			rand:        uint32(now.UnixNano()) | 1,
		},
		funcs:   map[string]*funcDef{},
		aliases: map[string]string{},
		params:  c.Args,
		arg0:    c.Name,
		lastArg: c.Name,
		dir:     dir,
		shopts:  options.DefaultShopts(),
		traps:   map[string]string{},
	}
	r.vars = vars.New(varShell{r})
	r.jobs = jobs.NewTable(r.sh.jobCtl())
	r.shopts["login_shell"] = c.Login
	for n, f := range []*os.File{c.Stdin, c.Stdout, c.Stderr} {
		if f != nil {
			// the caller's files: an extra reference that is never
			// dropped, so the shell never closes them
			d := fds.NewDesc(f, false).Hold()
			r.fds.Set(nil, n, d, false)
		}
	}
	for n, f := range c.Fds {
		r.setFd(n, f, false)
	}
	r.importEnv(c.Env, c.Privileged, c.child)
	r.ignoreEntrySignals()
	r.opts[optHashAll] = true
	r.opts[optBraceExpand] = true
	r.opts[optInteractiveComments] = true // comments always work; set -o and SHELLOPTS show it on, as bash
	if c.Interactive {
		r.opts[optInteractive] = true
		r.opts[optEmacs] = true // bash's line editing default
		if _, ok := r.vars.Global().Get("HISTFILE"); !ok {
			r.vars.Put(r.vars.Global(), "HISTFILE", str(r.lookupVar("HOME").String()+"/.pipesh_history"))
		}
	}
	for _, o := range c.Options {
		if err := r.setOption(o, true); err != nil {
			return nil, err
		}
	}
	r.initExpand()
	return r, nil
}

// Parse parses a whole program as bash reads it (parse.File). Syntax
// errors carry FILE:LINE:COL.
func Parse(src io.Reader, name string) (*syntax.File, error) { return parse.File(src, name) }

// runFile runs a parsed program and returns the last status. It stops early
// on exit (or errexit).
func (r *Runner) runFile(ctx context.Context, f *syntax.File) int {
	return r.runTop(ctx, f.Stmts, nil)
}

// runTop runs top-level statements, as runFile; last, if not nil, may
// replace the final statement just before it runs.
func (r *Runner) runTop(ctx context.Context, stmts []*syntax.Stmt, last func([]*syntax.Stmt) []*syntax.Stmt) int {
	var skipLine uint
	for i, st := range stmts {
		if last != nil && i == len(stmts)-1 {
			st = last(stmts[i:])[0]
		}
		if r.flow.kind == flowExit {
			break
		}
		if skipLine != 0 && st.Pos().Line() == skipLine {
			continue
		}
		if r.sh.signals.Chan() != nil {
			if r.runPendingTraps(ctx); r.flow.kind == flowExit {
				break
			}
		}
		r.topStmt(ctx, st)
		switch r.flow.kind {
		case flowAbort:
			// bash reads a script a line at a time: an error that
			// aborts a command drops the rest of its line
			skipLine = st.End().Line()
			r.flow = flow{}
		case flowReturn, flowBreak, flowContinue:
			r.flow = flow{}
		}
	}
	return r.status
}

// topStmt runs one top-level command; an internal error in it ends that
// command, never the shell.
func (r *Runner) topStmt(ctx context.Context, st *syntax.Stmt) {
	defer r.recoverInternal()
	r.stmt(ctx, st)
}

// Exited reports whether the shell was asked to exit.
func (r *Runner) Exited() bool { return r.flow.kind == flowExit }

// runString parses and runs src; a syntax error is reported and gives
// status 2.
func (r *Runner) runString(ctx context.Context, src, name string) int {
	r.sh.sources.Add(src)
	f, err := Parse(strings.NewReader(src), name)
	if err != nil {
		r.reportSyntax(err)
		r.status = 2
		return 2
	}
	return r.runFile(ctx, f)
}

// Finish runs the EXIT trap and reaps what can be reaped; call it once
// when the shell ends. It returns the final status. A login shell runs
// its logout file first, and hangs up its jobs after the trap (see
// logout).
func (r *Runner) Finish(ctx context.Context) int {
	if r.flow.kind != flowExit {
		r.afterForeground(ctx, exec.Status{Exited: true})
	}
	r.logout(ctx)
	r.runExitTrap(ctx)
	r.hangUpJobs()
	r.endTrace()
	return r.status
}

// sub makes an in-process subshell of r for a command that ends before
// r goes on: a pipeline stage, ( ), $(...). See newSub.
func (r *Runner) sub() *Runner { return r.newSub(false) }

// subAsync makes a subshell that outlives the command that started it (a
// background job, a coproc, a process substitution): it gets none of the
// private entries of the fd table (the coprocs' ends, which would keep
// them from seeing EOF).
func (r *Runner) subAsync() *Runner { return r.newSub(true) }

// newSub is the one place a subshell's state is made: it says, field by
// field, what a subshell shares with its parent and what it copies. A
// subshell runs on a goroutine of its own while its parent may go on, so
// nothing mutable may be shared unless it is the process's (sh, with its
// own locks) or immutable once built (envCache, funcDef bodies).
func (r *Runner) newSub(async bool) *Runner {
	c := &Runner{
		sh: r.sh, // the process: pid, job control, caches, coprocs

		// the state a subshell inherits, copied
		// vars: r's scopes, copied on write (below)
		envCache:  r.envCache, // never modified in place: replaced when stale
		funcs:     r.funcs,    // copied on write (ownFuncs)
		aliases:   r.aliases,  // copied on write (ownAliases)
		sharesCOW: sharedTables{funcs: true, aliases: true},
		params:    slices.Clone(r.params),
		arg0:      r.arg0,
		dir:       r.dir,
		dirStack:  slices.Clone(r.dirStack),
		compSpecs: maps.Clone(r.compSpecs), // specs are replaced, never changed in place
		fds:       r.fds.Clone(async),
		opts:      r.opts,
		shopts:    r.shopts, // copied on write (setShopt)
		shoptsCOW: true,
		status:    r.status,
		lastBg:    r.lastBg,
		lastArg:   r.lastArg,
		line:      r.line,
		cmdName:   r.cmdName,
		trc:       r.trc,

		arg0Plain:     r.arg0Plain,
		globIgnoreEnv: r.globIgnoreEnv,

		// where the subshell stands: inside the same functions (return
		// works), the same if-condition (no errexit), the same job
		subshell:   true,
		funcDepth:  r.funcDepth,
		nest:       r.nest,
		optindGen:  r.optindGen,
		getopts:    r.getopts,
		noErrExit:  r.noErrExit,
		inTrap:     r.inTrap,
		group:      r.group,
		bgJob:      r.bgJob,
		frames:     r.frames.Clone(), // the subshell pushes and pops its own calls
		curCmd:     r.curCmd,         // BASH_COMMAND
		curRedirs:  r.curRedirs,      // and its redirections
		trapDepth:  r.trapDepth,      // inside a trap action, BASH_COMMAND stays
		inDebug:    r.inDebug,        // and the DEBUG trap does not fire again
		pipeStatus: slices.Clone(r.pipeStatus),

		// fresh: traps other than ignored ones are reset (but listed
		// as the parent's until one is set), jobs are its own (bash
		// clears a subshell's table; $(...) and a jobs stage keep the
		// parent's in view: SubKeeping), break and continue do not reach the parent's
		// loops, and nothing is pending; the caller sets execTail and
		// bgTail for a stage
		traps:      map[string]string{},
		shownTraps: maps.Clone(r.listedTraps()),
		jobs:       r.jobs.Sub(),
	}
	c.vars = r.vars.Share(varShell{c}) // r's scopes, copied on write (package vars)

	r.shoptsCOW, r.sharesCOW = true, sharedTables{true, true} // c shares r's shopts, functions and aliases

	r.inheritTraps(c.traps) // ignored ones, ERR with -E, DEBUG and RETURN with -T (stacktraps.go)
	c.initExpand()
	return c
}

// stop reports whether statement execution should unwind.
func (r *Runner) stop() bool { return r.flow.kind != flowNone }

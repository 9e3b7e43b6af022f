package shell

import (
	"context"
	"errors"
	"io"
	"os"
	"strings"
	"syscall"

	"mvdan.cc/sh/v3/expand"
	"mvdan.cc/sh/v3/syntax"

	"pipesh/assign"
	"pipesh/builtins"
	"pipesh/cmdhash"
	"pipesh/decl"
	"pipesh/errmsg"
	"pipesh/exec"
	"pipesh/fds"
	"pipesh/parse"
	"pipesh/quote"
	"pipesh/vars"
)

// call runs a simple command: expand words, apply redirections, then run a
// function, a builtin or a program.
func (r *Runner) call(ctx context.Context, c *syntax.CallExpr, redirs []*syntax.Redirect) {
	// the process substitutions of this command's words are its own:
	// the commands of a function it calls must not close them
	defer r.closeProcFds(len(r.procFds))
	// only this command may hand the stage's fds to its program; a
	// function or eval it runs must not
	tail := r.execTail
	r.execTail = false
	if r.trapDepth == 0 {
		r.curRedirs = redirs // BASH_COMMAND shows them
	}
	if r.beforeCommand(ctx, c) {
		r.status = 0
		return
	}
	if r.opts[optKeyword] {
		c = parse.KeywordAssigns(c) // set -k
	}
	r.substRan = false
	r.lastSubst = 0
	args, err := r.fields(c.Args)
	if err != nil {
		r.expandFailed(err)
		return
	}
	if len(args) == 0 {
		// assignments only (or an empty expansion): they stay
		for _, as := range c.Assigns {
			if err := assign.Assign(assignShell{r}, as); err != nil {
				r.expandFailed(err)
				return
			}
		}
		if len(c.Assigns) > 0 {
			r.xtraceAssigns(c.Assigns)
		}
		undo, err := r.redirect(ctx, redirs, false)
		if err != nil {
			r.reportErr(err)
			r.status = 1
			return
		}
		r.restore(undo)
		r.lastArg = ""
		if r.substRan {
			r.status = r.lastSubst
		} else {
			r.status = 0
		}
		return
	}
	name := args[0]
	keep := name == "exec" && (len(args) == 1 || len(args) == 2 && args[1] == "--")
	fn := r.funcs[name]
	var b builtins.Builtin
	isBuiltin := false
	if fn == nil || r.opts[optPosix] { // a function is found first, but in posix mode
		b, isBuiltin = builtins.Lookup(name)
	}
	if isBuiltin && b.Special && r.opts[optPosix] {
		fn = nil // POSIX: special builtins are found before functions
	}
	isDecl := fn == nil && decl.IsBuiltin(name)

	// prefix assignments: permanent before special builtins, otherwise
	// scoped to the command (and exported to it)
	var restoreVars func()
	if len(c.Assigns) > 0 {
		if (isBuiltin && b.Special || isDecl && name != "declare" && name != "typeset" && name != "local") && fn == nil && r.opts[optPosix] {
			// POSIX (bash only in posix mode): they outlive the command,
			// and bash leaves them exported
			for _, as := range c.Assigns {
				if err := assign.Assign(assignShell{r}, as); err != nil {
					r.expandFailed(err)
					return
				}
				r.setVar(as.Name.Value, expand.Variable{Kind: expand.KeepValue, Exported: true})
			}
		} else {
			var err error
			restoreVars, err = assign.Prefix(assignShell{r}, c.Assigns, fn != nil)
			if err != nil {
				r.expandFailed(err)
				return
			}
		}
	}
	r.xtraceCall(c.Assigns, args)
	// a pipeline stage's table ends with it: its redirections need no
	// undo, and a saved pipe end would stay open in the shell while the
	// program runs, holding back its neighbour's EOF
	undo, err := r.redirect(ctx, redirs, keep || tail)
	if err != nil {
		if restoreVars != nil {
			restoreVars()
		}
		r.reportErr(err)
		r.status = 1
		if keep && r.opts[optPosix] && !r.sh.interactive {
			r.flow = flow{kind: flowExit}
		}
		return
	}
	switch {
	case fn != nil:
		if tail {
			r.stageInProcess(args)
		}
		r.callFunc(ctx, name, fn, args[1:])
	case isDecl:
		// reached by a name that is not a literal keyword ($cmd x=1,
		// FOO=1 export x): the arguments are already expanded words
		r.declWords(ctx, name, args[1:])
	case isBuiltin:
		if tail {
			r.stageInProcess(args)
		}
		r.status = r.runBuiltin(ctx, b, args)
	default:
		r.execTail = tail
		r.status = r.external(ctx, args, &undo)
		r.execTail = false
	}
	r.lastArg = args[len(args)-1]
	r.restore(undo)
	if restoreVars != nil {
		restoreVars()
	}
}

// expandFailed reports an expansion error; ${x?} and set -u errors end a
// non-interactive shell, as in bash.
func (r *Runner) expandFailed(err error) {
	r.reportErr(err)
	r.status = 1
	var ee *expandErr
	switch {
	case errors.As(err, &ee) && ee.fatal:
		if r.sh.dashC && !r.subshell && !r.sh.child {
			// bash -c's own shell ends with 127, a subshell of it with 1
			r.status = 127
		}
		if !r.sh.interactive {
			r.flow = flow{kind: flowExit}
		} else {
			r.flow = flow{kind: flowAbort}
		}
	case errors.As(err, &ee):
		r.flow = flow{kind: flowAbort}
	case errors.As(err, new(vars.CircularRefError)):
		// bash abandons the rest of the line
		r.flow = flow{kind: flowAbort}
	case errors.As(err, new(vars.ReadonlyError)):
		r.flow = flow{kind: flowAbort}
	}
}

// callFunc runs a function with its own positional parameters and a new
// scope for locals.
func (r *Runner) callFunc(ctx context.Context, name string, fn *funcDef, args []string) {
	if n := r.funcNest(); n > 0 && r.frames.FuncCount() >= n {
		r.errorf("%s: maximum function nesting level exceeded (%d)", name, n)
		r.status = 1
		r.flow = flow{kind: flowAbort}
		return
	}
	if !r.enterNest(name) {
		return
	}
	defer r.leaveNest()
	oldParams := r.params
	r.params = args
	r.vars.Push()
	r.funcDepth++
	r.pushFrame(frame{Name: name, File: fn.file, Args: args, HasArgs: r.shopts["extdebug"], Fn: true})
	leaveTraps := r.enterFuncTraps()
	line := r.line
	oldLoop := r.loopDepth
	r.loopDepth = 0
	r.line = fn.body.Pos().Line()
	if !r.debugTrap(ctx) {
		r.stmt(ctx, fn.body)
	}
	if r.flow.kind == flowExit && ctx.Err() == nil {
		// the shell ends here: bash runs the EXIT trap inside the
		// call, with its frames, locals and line (stacktraps.go)
		return
	}
	if r.flow.kind == flowReturn {
		r.flow = flow{}
	}
	r.returnTrap(ctx)
	r.loopDepth = oldLoop
	r.line = line
	leaveTraps()
	r.popFrame()
	r.funcDepth--
	r.vars.Pop()
	r.params = oldParams
}

// runBuiltin runs a builtin with the current fd table as its streams.
func (r *Runner) runBuiltin(ctx context.Context, b builtins.Builtin, args []string) int {
	var c *builtins.Call
	if n := len(r.freeCalls); n > 0 {
		// a builtin keeps no Call past its return: one allocation per
		// nesting depth, not per command
		c, r.freeCalls = r.freeCalls[n-1], r.freeCalls[:n-1]
	} else {
		c = new(builtins.Call)
	}
	*c = builtins.Call{Name: args[0], Args: args[1:], Sh: builtinShell{r}}
	if f := r.fds.Get(0); f != nil {
		c.Stdin = f
	}
	if f := r.fds.Get(1); f != nil {
		c.Stdout = f
	}
	if f := r.fds.Get(2); f != nil {
		c.Stderr = f
	}
	old := r.cmdName
	r.cmdName = args[0]
	st := b.Run(ctx, c)
	r.cmdName = old
	*c = builtins.Call{}
	r.freeCalls = append(r.freeCalls, c)
	return st
}

// external runs a program and waits for it. redirs holds what the
// command's own redirections put aside: once the program is started it
// alone holds the files they opened, as a forked child does, so the shell
// puts its table back before it waits (and sets *redirs to nil). While
// the program runs, the shell's process then holds no descriptor of the
// command's, which a program listing its parent's /proc/PID/fd sees. A
// caller whose redirections are not the program's alone (command, exec
// as builtins) passes nil.
func (r *Runner) external(ctx context.Context, args []string, redirs *fds.Undo) int {
	path, err := r.lookPath(args[0])
	if err != nil {
		if st, ok := r.handleNotFound(ctx, args, err); ok {
			return st
		}
		return r.notFound(args[0], err)
	}
	// what the program is given is the shell's no more once it starts:
	// let go of it before the program can run, as a forked bash child's
	// parent never holds it
	// (a pipeline stage's pipe ends alone are let go after the spawn: the
	// other stages' ends are in the shell's table while the stages start,
	// in bash's as in pipesh's, so starting from a thread of its own,
	// which costs an OS thread's start and end, would hide nothing)
	var release func() // nil when there is nothing to let go (see exec.Proc)
	if redirs != nil && len(*redirs) > 0 {
		// the undo is this call's now: the closure keeps a copy, so the
		// caller's stays off the heap
		u, tail := *redirs, r.execTail
		*redirs = nil
		release = func() {
			if tail {
				// the stage's last act: give up its pipe ends, so
				// EOF and SIGPIPE reach the neighbours as with
				// fork+exec
				r.releaseFds()
			}
			r.restore(u)
		}
	}
	status := 126
	failed := func(err error, stderr io.Writer) {
		var msg string
		status, msg = spawnFailure(args[0], err)
		if stderr != nil {
			io.WriteString(stderr, r.prefix()+msg+"\n")
		}
	}
	child, err := r.spawn(path, args, release, failed)
	if err != nil {
		return status
	}
	if release == nil && r.execTail {
		r.releaseFds() // as release would: the stage's last act
	}
	return r.waitChild(ctx, child)
}

// spawn starts the program at path with the shell's fds; release (see
// exec.Proc) lets go of what the program takes. A script without #! runs
// under pipesh, as bash runs it under bash.
func (r *Runner) spawn(path string, argv []string, release func(), failed func(error, io.Writer)) (*exec.Child, error) {
	p := &exec.Proc{
		Path:    path,
		Argv:    argv,
		Env:     r.environ(),
		Dir:     r.dir,
		Files:   r.fds.ChildFiles(),
		Release: release,
		Failed:  failed,
	}
	if self, err := os.Executable(); err == nil {
		p.Shell = self
	}
	return r.spawnJob(p)
}

func (r *Runner) waitChild(ctx context.Context, child *exec.Child) int {
	if !r.subshell {
		r.sh.inForeground = true
	}
	st, err := r.waitJob(ctx, child)
	if !r.subshell {
		r.sh.inForeground = false
	}
	if err != nil {
		r.errorf("wait: %v", err)
		return 1
	}
	if !r.subshell && r.sh.afterProgram != nil && r.shopts["checkwinsize"] {
		r.sh.afterProgram()
	}
	r.afterForeground(ctx, st)
	if r.flow.kind == flowExit {
		// a trap the signal ran exited (trap '...; exit 1' TERM): its
		// status stands, and bash reports no killed program then
		return r.status
	}
	if !st.Exited && !st.Stopped && st.Signal != syscall.SIGPIPE && st.Signal != syscall.SIGINT {
		r.reportSignal(child.Pid, st)
	}
	return st.ExitCode()
}

func (r *Runner) notFound(name string, err error) int {
	if errors.Is(err, errNotFound) {
		r.errorf("%s: command not found", name)
		return 127
	}
	if errors.Is(err, syscall.EISDIR) {
		r.errorf("%s: Is a directory", name)
		return 126
	}
	if errors.Is(err, syscall.ENOENT) {
		r.errorf("%s: No such file or directory", name)
		return 127
	}
	r.errorf("%s: %s", name, errmsg.Text(err))
	return 126
}

func (r *Runner) spawnFailed(name string, err error) int {
	status, msg := spawnFailure(name, err)
	r.errorf("%s", msg)
	return status
}

// spawnFailure is the status and message for a program that could not
// be started.
func spawnFailure(name string, err error) (int, string) {
	var se *exec.SpawnError
	if errors.As(err, &se) {
		err = se.Err
	}
	if errors.Is(err, syscall.ENOENT) {
		return 127, name + ": No such file or directory"
	}
	return 126, name + ": " + errmsg.Text(err)
}

var errNotFound = cmdhash.ErrNotFound

// lookPath finds name as bash would: a name with a slash as is, else on
// PATH (cached per process, as bash's hash table).
func (r *Runner) lookPath(name string) (string, error) {
	if strings.Contains(name, "/") {
		p := r.abs(name)
		fi, err := os.Stat(p)
		if err != nil {
			return "", err
		}
		if fi.IsDir() {
			return "", syscall.EISDIR
		}
		// the child changes to the shell's cwd before exec, so a
		// relative name stays as typed and a script sees it in $0
		return name, nil
	}
	return r.sh.hash.Find(r.lookupVar("PATH").String(), r.dir, name)
}

// xtraceCall prints a command for set -x.
func (r *Runner) xtraceCall(assigns []*syntax.Assign, args []string) {
	if !r.opts[optXtrace] {
		return
	}
	var parts []string
	for _, as := range assigns {
		v, _ := r.literal(as.Value)
		parts = append(parts, as.Name.Value+"="+quote.Trace(v))
	}
	for _, a := range args {
		parts = append(parts, quote.Trace(a))
	}
	r.traceLine(strings.Join(parts, " "))
}

func (r *Runner) xtraceAssigns(assigns []*syntax.Assign) {
	if !r.opts[optXtrace] {
		return
	}
	for _, as := range assigns {
		if as.Array != nil {
			r.traceLine(as.Name.Value + "=" + printNode(as.Array))
			continue
		}
		v := r.lookupVar(as.Name.Value).String()
		r.traceLine(as.Name.Value + "=" + quote.Trace(v))
	}
}

func (r *Runner) xtrace(parts ...string) {
	if !r.opts[optXtrace] {
		return
	}
	r.traceLine(strings.Join(parts, " "))
}

func (r *Runner) traceLine(s string) {
	// PS4's own expansions ($(date)) are not traced, as in bash: tracing
	// them would expand PS4 again, for ever
	r.opts[optXtrace] = false
	ps4, _ := r.literalString(r.lookupVar("PS4").String())
	r.opts[optXtrace] = true
	if f := r.fds.Get(2); f != nil {
		f.WriteString(ps4 + s + "\n")
	}
}

// literalString expands a string as a here-doc-like word (for PS4).
func (r *Runner) literalString(s string) (string, error) {
	if !strings.ContainsAny(s, "$`\\") {
		return s, nil
	}
	p := syntax.NewParser(syntax.Variant(syntax.LangBash))
	w, err := p.Document(strings.NewReader(s))
	if err != nil {
		return s, err
	}
	return expand.Document(r.ecfg, w)
}

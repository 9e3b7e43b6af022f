package shell

import (
	"context"
	"encoding/gob"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"mvdan.cc/sh/v3/expand"
	"mvdan.cc/sh/v3/syntax"

	"pipesh/exec"
)

// A subshell that must be a process of its own (a background job, a
// coproc body: anything whose pid the user may see, or that may change
// what a process owns) is pipesh started again as a child: Go cannot
// fork without exec. The child gets the subshell's fd table as its fds,
// at their numbers, and on one more fd, above them all, the subshell's
// state and the code to run, which it reads before anything else
// (cmd/pipesh's --subshell). What the state holds is what a forked bash
// subshell would keep: childState lists it field by field.

// SubshellFlag is the option by which pipesh is started as a subshell
// child: `pipesh --subshell N`, with the state on fd N.
const SubshellFlag = "--subshell"

// childState is a subshell's state as it travels to its child process.
type childState struct {
	Scopes     []map[string]expand.Variable // the variables, globals first
	Funcs      []string                     // each function's definition
	Aliases    map[string]string
	Opts       []bool
	Shopts     map[string]bool
	Traps      map[string]string // only ignored signals stay ignored
	Shown      map[string]string // what trap lists: the parent's
	Dir        string
	Params     []string
	Arg0       string
	Name       string
	PID, PPID  int // the parent shell's $$ and $PPID
	Start      time.Time
	Status     int
	LastBg     int
	LastArg    string
	Line       uint
	FuncDepth  int
	NoErrExit  int
	FuncNames  []string
	PipeStatus []int
	DashC      bool
	Invoke     string
	Code       string // the command, at its line
}

// state captures what the subshell sub is to run st with.
func (sub *Runner) childState(st *syntax.Stmt) *childState {
	cs := &childState{
		Aliases:    sub.aliases,
		Opts:       sub.opts[:],
		Shopts:     sub.shopts,
		Traps:      sub.traps,
		Shown:      sub.Traps(),
		Dir:        sub.dir,
		Params:     sub.params,
		Arg0:       sub.arg0,
		Name:       sub.sh.name,
		PID:        sub.sh.pid,
		PPID:       sub.sh.ppid,
		Start:      sub.sh.start,
		Status:     sub.status,
		LastBg:     sub.lastBg,
		LastArg:    sub.lastArg,
		Line:       sub.line,
		FuncDepth:  sub.funcDepth,
		NoErrExit:  sub.noErrExit,
		FuncNames:  sub.funcNames,
		PipeStatus: sub.pipeStatus,
		DashC:      sub.sh.dashC,
		Invoke:     sub.sh.invoke,
	}
	if code, ok := sub.sh.sources.code(st); ok {
		cs.Code = code
	} else {
		cs.Code = atLine(printNode(st), st.Pos().Line())
	}
	for sc := sub.vars; sc != nil; sc = sc.parent {
		cs.Scopes = append([]map[string]expand.Variable{sc.vars}, cs.Scopes...)
	}
	for _, name := range sub.funcList() {
		cs.Funcs = append(cs.Funcs, sub.funcs[name].src)
	}
	return cs
}

// startChild starts the subshell sub as a child process running st, in
// its job's process group when there is job control. sub's fds become
// the child's; the caller still owns sub.
func (sub *Runner) startChild(st *syntax.Stmt) (*exec.Child, error) {
	self, err := os.Executable()
	if err != nil {
		return nil, fmt.Errorf("subshell: %w", err)
	}
	pr, pw, err := exec.Pipe(sub.tracer())
	if err != nil {
		return nil, fmt.Errorf("subshell: %w", err)
	}
	files := sub.fds.childFiles()
	for len(files) < 3 {
		files = append(files, nil)
	}
	n := len(files)
	files = append(files, pr)
	p := &exec.Proc{
		Path:  self,
		Argv:  []string{self, SubshellFlag, strconv.Itoa(n)},
		Env:   sub.environ(),
		Dir:   sub.dir,
		Files: files,
	}
	child, err := sub.spawnJob(p)
	exec.Close(sub.tracer(), pr)
	if err != nil {
		exec.Close(sub.tracer(), pw)
		return nil, err
	}
	state := sub.childState(st)
	// the state may not fit in the pipe: written while the child reads
	tr := sub.tracer()
	go func() {
		gob.NewEncoder(pw).Encode(state) // a failure is the child's to report
		exec.Close(tr, pw)
	}()
	return child, nil
}

// RunChild is the child's side: it reads the subshell's state from in
// (closing it), makes the shell of c into that subshell and runs its
// code, then its EXIT trap, and returns its status.
func RunChild(c Config, in io.ReadCloser) int {
	var cs childState
	err := gob.NewDecoder(in).Decode(&cs)
	in.Close()
	if err != nil {
		fmt.Fprintf(c.Stderr, "pipesh: subshell: reading its state: %v\n", err)
		return 1
	}
	c.Name = cs.Arg0
	c.CommandString = cs.DashC
	r, err := New(c)
	if err != nil {
		fmt.Fprintf(c.Stderr, "pipesh: subshell: %v\n", err)
		return 1
	}
	r.loadChildState(&cs)
	ctx := context.Background()
	f, err := Parse(strings.NewReader(cs.Code), cs.Name)
	if err != nil {
		r.reportSyntax(err)
		return 2
	}
	r.syncSignals()
	r.RunFile(ctx, f)
	return r.Finish(ctx)
}

// loadChildState makes r the subshell cs describes.
func (r *Runner) loadChildState(cs *childState) {
	var sc *scope
	for _, vars := range cs.Scopes {
		sc = newScope(sc)
		sc.vars = vars
		if sc.vars == nil {
			sc.vars = map[string]expand.Variable{}
		}
	}
	if sc != nil {
		r.vars = sc
	}
	r.envCache = nil
	for _, src := range cs.Funcs {
		f, err := Parse(strings.NewReader(src), cs.Name)
		if err != nil || len(f.Stmts) != 1 {
			continue
		}
		if fd, ok := f.Stmts[0].Cmd.(*syntax.FuncDecl); ok && fd.Name != nil {
			r.funcs[fd.Name.Value] = &funcDef{body: fd.Body, src: funcSource(fd)}
		}
	}
	if cs.Aliases != nil {
		r.aliases = cs.Aliases
	}
	copy(r.opts[:], cs.Opts)
	if cs.Shopts != nil {
		r.shopts = cs.Shopts
	}
	r.traps = map[string]string{}
	for k, v := range cs.Traps {
		if v == "" {
			r.traps[k] = v
		}
	}
	r.shownTraps = cs.Shown
	r.dir = cs.Dir
	r.params = cs.Params
	r.arg0 = cs.Arg0
	r.sh.name = cs.Name
	r.sh.pid, r.sh.ppid = cs.PID, cs.PPID
	r.sh.start = cs.Start
	r.subPID = os.Getpid() // $BASHPID: this process; $$ stays the parent's
	r.sh.invoke = cs.Invoke
	r.status = cs.Status
	r.lastBg = cs.LastBg
	r.lastArg = cs.LastArg
	r.line = cs.Line
	r.funcDepth = cs.FuncDepth
	r.noErrExit = cs.NoErrExit
	r.funcNames = cs.FuncNames
	r.pipeStatus = cs.PipeStatus
	r.subshell = true
	r.syncExpand()
}

// runChild runs st in a child process of its own (startChild) and waits
// for it as for a program; if the child cannot be started, st runs in
// sub itself.
func (sub *Runner) runChild(ctx context.Context, st *syntax.Stmt) int {
	child, err := sub.startChild(st)
	if err != nil {
		sub.stmt(ctx, st)
		return sub.status
	}
	// the child has the fds now: letting go of them here lets EOF reach
	// its readers as soon as it is done, as after a fork
	sub.releaseFds()
	return sub.waitChild(ctx, child)
}

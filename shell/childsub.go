package shell

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"mvdan.cc/sh/v3/syntax"

	"pipesh/childstate"
	"pipesh/cmdread"
	"pipesh/errmsg"
	"pipesh/exec"
	"pipesh/history"
)

// A subshell that must be a process of its own (a background job, a
// coproc body: anything whose pid the user may see, or that may change
// what a process owns) is pipesh started again as a child: Go cannot
// fork without exec. The child gets the subshell's fd table as its fds,
// at their numbers, and on one more fd, above them all, the subshell's
// state and the code to run, which it reads before anything else
// (cmd/pipesh's --subshell). What the state holds is what a forked bash
// subshell would keep: childstate.State lists it field by field.

// SubshellFlag is the option by which pipesh is started as a subshell
// child (childstate.Flag).
const SubshellFlag = childstate.Flag

// childState captures what the subshell sub is to run st with.
func (sub *Runner) childState(st *syntax.Stmt) *childstate.State {
	cs := &childstate.State{
		Aliases:    sub.aliases,
		Opts:       sub.opts[:],
		Shopts:     sub.shopts,
		Traps:      sub.traps,
		Shown:      sub.listedTraps(),
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
		Frames:     sub.frames.Clone(),
		FuncFiles:  map[string]string{},
		DirStack:   sub.dirStack,
		PipeStatus: sub.pipeStatus,
		DashC:      sub.sh.dashC,
		Invoke:     sub.sh.invoke,
		CompSpecs:  compSpecsOut(sub.compSpecs),
	}
	if code, ok := sub.sh.sources.Code(st); ok {
		cs.Code = code
	} else {
		cs.Code = cmdread.AtLine(printNode(st), st.Pos().Line())
	}
	cs.Scopes, cs.Attrs = sub.vars.Snapshot()
	for _, name := range sub.funcList() {
		fn := sub.funcs[name]
		// mvdan's text, which reads back as it was (bash's layout of a
		// coproc does not)
		cs.Funcs = append(cs.Funcs, printNode(&syntax.FuncDecl{Name: &syntax.Lit{Value: name}, Parens: true, Body: fn.body}))
		cs.FuncFiles[name] = fn.file
		if fn.exported {
			cs.FuncExport = append(cs.FuncExport, name)
		}
	}
	return cs
}

// childHow says how a child subshell is made: with unwrap, its statement
// is a ( list ) whose list the child runs as the subshell itself; with
// history, it gets the interactive shell's history list, which only a
// child made while the shell waits for it may read (a pipeline stage, a
// ( ) subshell), since the REPL adds to it otherwise.
type childHow struct{ unwrap, history bool }

// startChildAs starts the subshell sub as a child process running st, in
// its job's process group when there is job control. sub's fds become
// the child's; the caller still owns sub.
func (sub *Runner) startChildAs(st *syntax.Stmt, how childHow) (*exec.Child, error) {
	self, err := os.Executable()
	if err != nil {
		return nil, fmt.Errorf("subshell: %w", err)
	}
	state := sub.childState(st)
	state.Unwrap = how.unwrap
	if h := sub.sh.hist; h != nil && how.history {
		state.HistBase, state.HistEntries = h.List()
	}
	// the state goes in a memory file, written whole before the child
	// starts (childstate.File says why)
	mf, err := state.File()
	if err != nil {
		return nil, fmt.Errorf("subshell: %w", err)
	}
	argv, files := childstate.Handoff(sub.fds.ChildFiles(), mf, stmtText(st))
	defer mf.Close() // the child's fd is its own once it has started
	p := &exec.Proc{
		Path:  self,
		Argv:  argv,
		Env:   sub.environ(),
		Dir:   sub.dir,
		Files: files,
	}
	return sub.spawnJob(p)
}

// RunChild is the child's side: it reads the subshell's state from in
// (closing it), makes the shell of c into that subshell and runs its
// code, then its EXIT trap, and returns its status.
func RunChild(c Config, in io.ReadCloser) int {
	var cs childstate.State
	err := cs.Decode(in)
	in.Close()
	if err != nil {
		errmsg.Report(c.Stderr, fmt.Errorf("subshell: reading its state: %w", err))
		return 1
	}
	c.Name = cs.Arg0
	c.CommandString = cs.DashC
	c.child = true
	r, err := New(c)
	if err != nil {
		errmsg.Report(c.Stderr, fmt.Errorf("subshell: %w", err))
		return 1
	}
	r.loadChildState(&cs)
	ctx := context.Background()
	f, err := Parse(strings.NewReader(cs.Code), cs.Name)
	if err != nil {
		r.reportSyntax(err)
		return 2
	}
	// the child is the subshell (childstate.Body); a job's own status is
	// its parent's to check (eval.go)
	body, jobTop := childstate.Body(f.Stmts, cs.Unwrap)
	r.sh.child = true // its traps are this process's (trap.go)
	r.syncSignals()
	r.jobTop = jobTop
	r.runTop(ctx, body, r.execLast)
	return r.Finish(ctx)
}

// execLast is the last statement a child subshell runs, rewritten to
// exec its program when it is one program and nothing is left for this
// process to do after it (no trap with an action, no job of its own), so
// that the program takes the child's place, as a forked bash subshell
// execs its last command: its pid is the subshell's and a signal sent to
// the subshell reaches it. ({ cmd; } counts as cmd.)
func (r *Runner) execLast(stmts []*syntax.Stmt) []*syntax.Stmt {
	if len(stmts) != 1 || !r.canExecInPlace() {
		return stmts
	}
	for _, act := range r.traps {
		if act != "" {
			return stmts
		}
	}
	st := childstate.SoleCommand(stmts[0])
	if !isProgram(r, st) || st.Background || !r.found(st) {
		return stmts
	}
	return []*syntax.Stmt{childstate.WithExec(st)}
}

// loadChildState makes r the subshell cs describes.
func (r *Runner) loadChildState(cs *childstate.State) {
	r.vars.Load(cs.Scopes, cs.Attrs)
	if _, ok := r.vars.Lookup("FUNCNEST"); ok {
		r.sh.funcNestSet.Store(true) // see funcNest
	}
	r.envCache = nil
	for _, src := range cs.Funcs {
		f, err := Parse(strings.NewReader(src), cs.Name)
		if err != nil || len(f.Stmts) != 1 {
			continue
		}
		if fd, ok := f.Stmts[0].Cmd.(*syntax.FuncDecl); ok && fd.Name != nil {
			r.funcs[fd.Name.Value] = &funcDef{body: fd.Body, src: funcSource(fd), file: cs.FuncFiles[fd.Name.Value]}
		}
	}
	for _, name := range cs.FuncExport {
		if fn, ok := r.funcs[name]; ok {
			fn.exported = true
		}
	}
	if cs.Aliases != nil {
		r.aliases = cs.Aliases
	}
	r.compSpecs = compSpecsIn(cs.CompSpecs)
	copy(r.opts[:], cs.Opts)
	// a subshell has no job control of its own, as in bash: its
	// programs stay in the job's process group
	r.opts[optMonitor] = false
	if cs.Shopts != nil {
		r.shopts = cs.Shopts
	}
	r.traps = map[string]string{}
	for k, v := range cs.Traps {
		r.traps[k] = v // what the subshell kept of its parent's (newSub)
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
	r.frames = cs.Frames
	r.dirStack = cs.DirStack
	r.pipeStatus = cs.PipeStatus
	r.subshell = true
	r.childTop = true
	if cs.HistEntries != nil {
		r.sh.hist = history.FromList(cs.HistBase, cs.HistEntries)
	}
	r.syncExpand()
}

// runChild runs st in a child process of its own (startChildAs) and waits
// for it as for a program; if the child cannot be started, st runs in
// sub itself.
func (sub *Runner) runChild(ctx context.Context, st *syntax.Stmt) int {
	return sub.runChildAs(ctx, st, childHow{})
}

// runChildAs is runChild, made as how says (see childHow).
func (sub *Runner) runChildAs(ctx context.Context, st *syntax.Stmt, how childHow) int {
	child, err := sub.startChildAs(st, how)
	if err != nil {
		if how.unwrap {
			sub.stmts(ctx, st.Cmd.(*syntax.Subshell).Stmts)
		} else {
			sub.stmt(ctx, st)
		}
		return sub.status
	}
	// the child has the fds now: letting go of them here lets EOF reach
	// its readers as soon as it is done, as after a fork
	sub.releaseFds()
	return sub.waitChild(ctx, child)
}

// found reports whether st's program is on PATH (not found, it is
// reported as a command, not as exec's).
func (r *Runner) found(st *syntax.Stmt) bool {
	_, err := r.lookPath(st.Cmd.(*syntax.CallExpr).Args[0].Lit())
	return err == nil
}

// needsChild reports whether a subshell running n, which would run
// in-process, must be a process of its own instead: with set -o
// forksubshells always; otherwise when n may change what a process owns
// (umask, limits, signal dispositions, exec) or ask for its pid
// ($BASHPID), which an in-process subshell would change for, or take
// from, the whole shell. Functions n calls by name are looked into too.
func (r *Runner) needsChild(n syntax.Node) bool {
	if r.opts[optForkSubshells] {
		return true
	}
	return r.touchesProcess(n)
}

// touchesProcess is needsChild without the option (see
// childstate.TouchesProcess).
func (r *Runner) touchesProcess(n syntax.Node) bool {
	return childstate.TouchesProcess(n, func(name string) (syntax.Node, bool) {
		fn, ok := r.funcs[name]
		if !ok {
			return nil, false
		}
		return fn.body, true
	})
}

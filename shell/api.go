package shell

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"syscall"

	"mvdan.cc/sh/v3/expand"
	"mvdan.cc/sh/v3/syntax"

	"pipesh/assign"
	"pipesh/builtins"
	"pipesh/cmdread"
	"pipesh/errmsg"
	"pipesh/exec"
	"pipesh/options"
)

// builtinShell is a Runner as its builtins see it: every capability of
// builtins.Shell, each method answering from the Runner's state (or the
// Runner's method that does the work). It is what runBuiltin passes as
// Call.Sh; holding only the pointer, it goes in an interface without an
// allocation.
type builtinShell struct{ r *Runner }

var _ builtins.Shell = builtinShell{}

// State is the shell as its builtins see it (builtins.Shell). The REPL
// and the command line read and change the shell's variables, options,
// directory and fds through it, and the REPL's completion lists names
// through it as compgen does.
func (r *Runner) State() builtins.Shell { return builtinShell{r} }

// builtins.Core

// Errorf reports a builtin's error.
func (b builtinShell) Errorf(c *builtins.Call, format string, args ...any) {
	msg := b.r.prefix() + c.Name + ": " + fmt.Sprintf(format, args...) + "\n"
	if c.Stderr != nil {
		io.WriteString(c.Stderr, msg)
	}
}

// BrokenPipe ends an in-process subshell whose output reader is gone.
func (b builtinShell) BrokenPipe() {
	r := b.r
	if r.subshell {
		r.status = builtins.StatusBrokenPipe
		r.flow = flow{kind: flowExit}
		return
	}
	// the shell itself survives (e.g. a write to a coproc that exited):
	// say why the command failed, as bash does when SIGPIPE is ignored
	r.errorf("%s: write error: Broken pipe", r.cmdName)
}

// builtins.Vars

func (b builtinShell) Var(name string) expand.Variable { return b.r.lookupVar(name) }

func (b builtinShell) SetVar(name string, vr expand.Variable) error {
	return b.r.abortOn(b.r.setVar(name, vr))
}

func (b builtinShell) SetString(name, value string) error {
	r := b.r
	if base, idx, ok := strings.Cut(name, "["); ok && strings.HasSuffix(idx, "]") {
		// printf -v 'a[1]', read 'm[key]': one element
		return r.abortOn(assign.SetElemString(assignShell{r}, base, idx[:len(idx)-1], value))
	}
	return r.abortOn(r.setString(name, value))
}

func (b builtinShell) UnsetVar(name string) error                    { return b.r.unsetVar(name) }
func (b builtinShell) EachVar(fn func(string, expand.Variable) bool) { b.r.eachVar(fn) }
func (b builtinShell) ExpandKey(s string) (string, error)            { return b.r.expandKey(s) }

// unsetVar unsets a variable; it fails for a readonly one.
func (r *Runner) unsetVar(name string) error {
	vr, ok := r.vars.Lookup(name)
	if !ok {
		if name == "BASH_ARGV0" {
			r.arg0Plain = true // not stored while it is $0 (vars.go)
		}
		return nil
	}
	if vr.ReadOnly {
		return fmt.Errorf("%s: cannot unset: readonly variable", name)
	}
	return r.setVar(name, expand.Variable{})
}

// builtins.Positional

func (b builtinShell) Params() []string        { return b.r.params }
func (b builtinShell) SetParams(args []string) { b.r.params = args }

func (b builtinShell) GetoptsPlace() (optind, pos int, ok bool) {
	g := b.r.getopts
	return g.optind, g.pos, g.set && g.gen == b.r.optindGen
}

func (b builtinShell) SetGetoptsPlace(optind, pos int) {
	b.r.getopts = getoptsPlace{optind: optind, pos: pos, gen: b.r.optindGen, set: true}
}

// getoptsPlace is getopts' state between calls (see
// builtins.Positional.GetoptsPlace).
type getoptsPlace struct {
	optind, pos int
	gen         uint64 // optindGen when it was recorded
	set         bool
}

// builtins.FuncTable

func (b builtinShell) Funcs() []string { return b.r.funcList() }

func (b builtinShell) FuncSource(name string) (string, bool) {
	fn, ok := b.r.funcs[name]
	if !ok {
		return "", false
	}
	return fn.src, true
}

func (b builtinShell) IsFunc(name string) bool {
	_, ok := b.r.funcs[name]
	return ok
}

func (b builtinShell) UnsetFunc(name string) {
	r := b.r
	if fn, ok := r.funcs[name]; ok && fn.exported {
		r.envCache = nil
	}
	r.ownFuncs()
	delete(r.funcs, name)
}

// builtins.AliasTable

func (b builtinShell) Aliases() map[string]string { return b.r.aliases }

func (b builtinShell) SetAlias(name, value string) {
	b.r.ownAliases()
	b.r.aliases[name] = value
}

func (b builtinShell) UnsetAlias(name string) bool {
	_, ok := b.r.aliases[name]
	b.r.ownAliases()
	delete(b.r.aliases, name)
	return ok
}

// builtins.Dirs

func (b builtinShell) Dir() string { return b.r.dir }

// Chdir changes the shell's cwd after checking the directory.
func (b builtinShell) Chdir(dir string) error {
	fi, err := os.Stat(dir)
	if err != nil {
		return err
	}
	if !fi.IsDir() {
		return &os.PathError{Op: "chdir", Path: dir, Err: syscall.ENOTDIR}
	}
	if err := syscall.Access(dir, 1); err != nil {
		return &os.PathError{Op: "chdir", Path: dir, Err: err}
	}
	b.r.dir = dir
	return nil
}

func (b builtinShell) DirStack() []string        { return slices.Clone(b.r.dirStack) }
func (b builtinShell) SetDirStack(dirs []string) { b.r.dirStack = slices.Clone(dirs) }

// builtins.Fds

func (b builtinShell) Fd(n int) (*os.File, bool) {
	f := b.r.fds.Get(n)
	return f, f != nil
}

func (b builtinShell) ReadBuffer(f *os.File) *bufio.Reader { return b.r.readBuffer(f) }

func (b builtinShell) EditLine(prompt, text string) (string, bool, error) {
	return b.r.editLine(prompt, text)
}

// builtins.Options

func (b builtinShell) Option(name string) bool {
	o, ok := optByName(name)
	return ok && b.r.opts[o]
}

func (b builtinShell) SetOption(name string, on bool) error { return b.r.setOption(name, on) }
func (b builtinShell) OptionNames() []string                { return options.Names() }

func (b builtinShell) ShoptOption(name string) (bool, bool) {
	on, ok := b.r.shopts[name]
	return on, ok
}

func (b builtinShell) SetShopt(name string, on bool) error { return b.r.setShopt(name, on) }
func (b builtinShell) ShoptNames() []string                { return options.ShoptNames() }

// builtins.Evaluator

func (b builtinShell) Eval(ctx context.Context, src string) int { return b.r.eval(ctx, src) }

func (b builtinShell) Source(ctx context.Context, path string, args []string) int {
	return b.r.source(ctx, path, args)
}

// Declare runs a declare-family builtin on expanded words: command
// declare, builtin export (declcall.go).
func (b builtinShell) Declare(ctx context.Context, name string, args []string) int {
	b.r.declWords(ctx, name, args)
	return b.r.status
}

// Run runs a command by name (command, builtin).
func (b builtinShell) Run(ctx context.Context, args []string, noFuncs bool) int {
	r := b.r
	if len(args) == 0 {
		return 0
	}
	if !noFuncs {
		if fn, ok := r.funcs[args[0]]; ok {
			r.callFunc(ctx, args[0], fn, args[1:])
			return r.status
		}
	}
	if bi, ok := builtins.Lookup(args[0]); ok {
		return r.runBuiltin(ctx, bi, args)
	}
	return r.external(ctx, args, nil)
}

// Exec replaces the shell with a program. In an in-process subshell it
// runs the program and ends the subshell with its status.
func (b builtinShell) Exec(ctx context.Context, args []string) int {
	r := b.r
	path, err := r.lookPath(args[0])
	if err != nil {
		st := r.notFound(args[0], err)
		if !r.sh.interactive {
			r.flow = flow{kind: flowExit}
		}
		return st
	}
	if (!r.subshell || r.childTop) && !r.sh.interactive && r.sh.tracer == nil && r.canExecInPlace() {
		// the shell's own fds must become the table's; where the Go
		// runtime holds a number the table needs, the program runs as
		// a child instead, and the shell ends with its status
		if exec.InstallFds(r.fds.ChildFiles()) {
			// the new program starts in the shell's cwd; nothing else
			// runs in this process any more, so chdir is safe here
			err = syscall.Chdir(r.dir)
			if err == nil {
				err = syscall.Exec(r.abs(path), args, r.environ())
			}
			r.errorf("%s: %s", args[0], errmsg.Text(err))
			r.flow = flow{kind: flowExit}
			return 126
		}
	}
	st := r.external(ctx, args, nil)
	r.flow = flow{kind: flowExit}
	return st
}

// builtins.CommandPaths

func (b builtinShell) LookPath(name string) (string, error) { return b.r.lookPath(name) }
func (b builtinShell) HashClear()                           { b.r.sh.hash.Clear() }
func (b builtinShell) HashAdd(name string) error {
	return b.r.sh.hash.Add(b.r.lookupVar("PATH").String(), name, b.r.lookPath)
}
func (b builtinShell) HashList() []builtins.HashEntry {
	var list []builtins.HashEntry
	for _, e := range b.r.sh.hash.List(b.r.lookupVar("PATH").String()) {
		list = append(list, builtins.HashEntry(e))
	}
	return list
}

// builtins.Flow

// Exit requests the shell (or subshell) to exit.
func (b builtinShell) Exit(code int) {
	b.r.status = code
	b.r.flow = flow{kind: flowExit}
}

// Return requests a function return.
func (b builtinShell) Return(code int) {
	b.r.status = code
	b.r.flow = flow{kind: flowReturn}
}

// Break requests leaving n loops.
func (b builtinShell) Break(n int) {
	if b.r.loopDepth == 0 {
		return
	}
	b.r.flow = flow{kind: flowBreak, n: min(n, b.r.loopDepth)}
}

// Continue requests the next iteration of the n-th enclosing loop.
func (b builtinShell) Continue(n int) {
	if b.r.loopDepth == 0 {
		return
	}
	b.r.flow = flow{kind: flowContinue, n: min(n, b.r.loopDepth)}
}

// Abort abandons the rest of the current top-level command.
func (b builtinShell) Abort()         { b.r.flow = flow{kind: flowAbort} }
func (b builtinShell) InFunc() bool   { return b.r.funcDepth > 0 }
func (b builtinShell) LoopDepth() int { return b.r.loopDepth }

func (b builtinShell) Caller(n int) (line int, fn, file string, ok bool) {
	return b.r.frames.Caller(n)
}

func (b builtinShell) LastStatus() int   { return b.r.status }
func (b builtinShell) Interactive() bool { return b.r.sh.interactive }

// builtins.TrapTable

func (b builtinShell) Traps() map[string]string { return b.r.listedTraps() }

// SetTrap installs or resets a trap.
func (b builtinShell) SetTrap(sig, action string) error {
	r := b.r
	r.shownTraps = nil
	if r.keepsIgnored(sig) {
		return nil // silently, as bash: see ignoreEntrySignals
	}
	if action == "-" {
		delete(r.traps, sig)
	} else {
		r.traps[sig] = action
	}
	r.syncSignals()
	return nil
}

// builtins.JobTable (jobAPI does the work)

func (b builtinShell) ListJobs(w io.Writer, flags string, specs []string) error {
	return jobAPI(b).List(w, flags, specs)
}

func (b builtinShell) Foreground(ctx context.Context, spec string) (int, error) {
	return jobAPI(b).Foreground(ctx, spec)
}

func (b builtinShell) Background(spec string) error        { return jobAPI(b).Background(spec) }
func (b builtinShell) ResolveJob(spec string) (int, error) { return jobAPI(b).Resolve(spec) }

func (b builtinShell) SignalJob(id string, sig syscall.Signal) (bool, error) {
	return jobAPI(b).Signal(id, sig)
}

func (b builtinShell) Disown(specs []string, all bool) error { return jobAPI(b).Disown(specs, all) }
func (b builtinShell) HoldExit(w io.Writer) bool             { return b.r.refuseExit(w) }

// Wait waits for background jobs.
func (b builtinShell) Wait(ctx context.Context, ids []string, anyJob bool) int {
	st := b.r.waitJobs(ctx, ids, anyJob)
	b.r.sweepCoprocs() // a waited-for coproc loses NAME_PID, as in bash
	return st
}

// builtins.HistoryKeeper

func (b builtinShell) History() builtins.HistoryList { return b.r.historyList() }

// builtins.Completion

func (b builtinShell) CompSpecs() map[string]*builtins.CompSpec { return b.r.completionSpecs() }
func (b builtinShell) CurrentCompletion() *builtins.CompSpec    { return b.r.sh.compCur }

// eval runs src in this shell, as the eval builtin does.
func (r *Runner) eval(ctx context.Context, src string) int {
	// bash counts eval's lines from the line it has read up to: the
	// last of the eval command
	first := r.line
	if c, ok := r.curCmd.(*syntax.CallExpr); ok && r.trapDepth == 0 && c.End().Line() > first {
		first = c.End().Line()
	}
	st := r.evalStringAt(ctx, src, "eval", first)
	if r.flow.kind == flowAbort {
		// an error that abandons the rest of a line (x=1 of a readonly
		// x) ends the eval, not the caller's line, as in bash
		r.flow = flow{}
	}
	return st
}

// source runs a file in this shell with the given positional parameters
// (nil: keep the current ones), as the source builtin does.
func (r *Runner) source(ctx context.Context, path string, args []string) int {
	data, err := exec.ReadFile(r.abs(path))
	if err != nil {
		r.errorf("%s: %s", path, errmsg.Text(err))
		return 1
	}
	r.sh.sources.Add(string(data))
	if !r.enterNest(path) {
		return r.status
	}
	defer r.leaveNest()
	oldParams := r.params
	if args != nil {
		r.params = args
	}
	r.funcDepth++
	line := r.line
	r.pushFrame(frame{Name: "source", File: path, Args: r.params, HasArgs: args != nil && r.shopts["extdebug"]})
	// read a command at a time, as bash reads a sourced file (reader.go)
	r.readRun(ctx, cmdread.NewText(string(data)), readHow{name: path, what: path + ": "})
	if r.flow.kind == flowExit && ctx.Err() == nil {
		return r.status // the EXIT trap runs in the sourced file's frame, as in bash
	}
	r.popFrame()
	r.line = line
	r.funcDepth--
	if r.flow.kind == flowReturn {
		r.flow = flow{}
	}
	r.returnTrap(ctx)
	if args != nil {
		r.params = oldParams
	}
	return r.status
}

// canExecInPlace reports whether the process can be replaced: no other
// goroutine of this shell may be running.
func (r *Runner) canExecInPlace() bool {
	return r.jobs.Len() == 0
}

// listedTraps is the trap table trap lists.
func (r *Runner) listedTraps() map[string]string {
	if r.shownTraps != nil {
		// a subshell lists its parent's traps until it sets one, as
		// bash does, though they do not fire in it
		return r.shownTraps
	}
	return r.traps
}

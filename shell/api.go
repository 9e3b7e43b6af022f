package shell

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"syscall"

	"golang.org/x/sys/unix"
	"mvdan.cc/sh/v3/expand"
	"mvdan.cc/sh/v3/syntax"

	"pipesh/builtins"
	"pipesh/errmsg"
	"pipesh/exec"
	"pipesh/options"
)

// The builtins see the shell through builtins.Shell; these methods are
// that view of a Runner.
var _ builtins.Shell = (*Runner)(nil)

// Var returns a variable.
func (r *Runner) Var(name string) expand.Variable { return r.lookupVar(name) }

// SetVar sets a variable.
func (r *Runner) SetVar(name string, vr expand.Variable) error { return r.abortOn(r.setVar(name, vr)) }

// SetString sets a string value.
func (r *Runner) SetString(name, value string) error {
	if base, idx, ok := strings.Cut(name, "["); ok && strings.HasSuffix(idx, "]") {
		// printf -v 'a[1]', read 'm[key]': one element
		return r.abortOn(r.setElemString(base, idx[:len(idx)-1], value))
	}
	return r.abortOn(r.setString(name, value))
}

// UnsetVar unsets a variable.
func (r *Runner) UnsetVar(name string) error {
	_, vr, ok := r.vars.lookup(name)
	if !ok {
		return nil
	}
	if vr.ReadOnly {
		return fmt.Errorf("%s: cannot unset: readonly variable", name)
	}
	return r.setVar(name, expand.Variable{})
}

// EachVar calls fn for every variable.
func (r *Runner) EachVar(fn func(string, expand.Variable) bool) { r.eachVar(fn) }

// Funcs lists function names, sorted.
func (r *Runner) Funcs() []string { return r.funcList() }

// FuncSource returns a function's definition.
func (r *Runner) FuncSource(name string) (string, bool) {
	fn, ok := r.funcs[name]
	if !ok {
		return "", false
	}
	return fn.src, true
}

// UnsetFunc removes a function.
func (r *Runner) UnsetFunc(name string) {
	if fn, ok := r.funcs[name]; ok && fn.exported {
		r.envCache = nil
	}
	r.ownFuncs()
	delete(r.funcs, name)
}

// Params returns $1...
func (r *Runner) Params() []string { return r.params }

// SetParams replaces $1...
func (r *Runner) SetParams(args []string) { r.params = args }

// Dir is the shell's cwd.
func (r *Runner) Dir() string { return r.dir }

// Chdir changes the shell's cwd after checking the directory.
func (r *Runner) Chdir(dir string) error {
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
	r.dir = dir
	return nil
}

// Fd returns the file on shell fd n.
func (r *Runner) Fd(n int) (*os.File, bool) {
	f := r.fds.get(n)
	return f, f != nil
}

// Option reports a set -o option.
func (r *Runner) Option(name string) bool {
	o, ok := optByName(name)
	return ok && r.opts[o]
}

// SetOption changes a set -o option.
func (r *Runner) SetOption(name string, on bool) error { return r.setOption(name, on) }

// OptionNames lists set -o options.
func (r *Runner) OptionNames() []string { return options.Names() }

// ShoptOption reports a shopt option.
func (r *Runner) ShoptOption(name string) (bool, bool) {
	on, ok := r.shopts[name]
	return on, ok
}

// SetShopt changes a shopt option.
func (r *Runner) SetShopt(name string, on bool) error { return r.setShopt(name, on) }

// ShoptNames lists shopt options.
func (r *Runner) ShoptNames() []string { return options.ShoptNames() }

// Eval runs src in this shell.
func (r *Runner) Eval(ctx context.Context, src string) int {
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

// Source runs a file in this shell.
func (r *Runner) Source(ctx context.Context, path string, args []string) int {
	data, err := exec.ReadFile(r.abs(path))
	if err != nil {
		r.errorf("%s: %s", path, errmsg.Text(err))
		return 1
	}
	r.sh.sources.add(string(data))
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
	r.readRun(ctx, &textLines{s: string(data)}, readHow{name: path, what: path + ": "})
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

// Run runs a command by name (command, builtin).
func (r *Runner) Run(ctx context.Context, args []string, noFuncs bool) int {
	if len(args) == 0 {
		return 0
	}
	if !noFuncs {
		if fn, ok := r.funcs[args[0]]; ok {
			r.callFunc(ctx, args[0], fn, args[1:])
			return r.status
		}
	}
	if b, ok := builtins.Lookup(args[0]); ok {
		return r.runBuiltin(ctx, b, args)
	}
	return r.external(ctx, args, nil)
}

// Exec replaces the shell with a program. In an in-process subshell it
// runs the program and ends the subshell with its status.
func (r *Runner) Exec(ctx context.Context, args []string) int {
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
		if r.installFds() {
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

// canExecInPlace reports whether the process can be replaced: no other
// goroutine of this shell may be running.
func (r *Runner) canExecInPlace() bool {
	return r.jobs.Len() == 0
}

// installFds makes the process's fds equal the fd table, for exec, in two
// passes as a forked child's are set (syscall/exec_linux.go): first every
// file whose number is needed by another moves above the table, then each
// is dup'ed onto its number. Only descriptors the table uses are touched:
// everything else the process holds is close-on-exec, the Go runtime's
// own (epoll, eventfd, cgroup files) included, and must keep working
// until execve. It reports false, changing nothing, when a number the
// table needs is held by such a descriptor.
func (r *Runner) installFds() bool {
	files := r.fds.childFiles()
	n := len(files)
	mine := map[int]bool{}
	for _, f := range files {
		if f != nil {
			mine[int(f.Fd())] = true
		}
	}
	for i, f := range files {
		// 0 to 2 are the shell's stdio, never the runtime's
		if i > 2 && f != nil && !mine[i] && fdOpen(i) {
			return false
		}
	}
	fds := make([]int, n)
	for i, f := range files {
		fds[i] = -1
		if f == nil {
			continue
		}
		fd := int(f.Fd())
		if fd < n && fd != i {
			nfd, err := unix.FcntlInt(uintptr(fd), unix.F_DUPFD_CLOEXEC, n)
			if err != nil {
				return false
			}
			fd = nfd
		}
		fds[i] = fd
	}
	for i, fd := range fds {
		switch {
		case fd < 0 && i < 3:
			syscall.Close(i)
		case fd == i:
			unix.FcntlInt(uintptr(i), unix.F_SETFD, 0)
		case fd >= 0:
			if err := unix.Dup3(fd, i, 0); err != nil {
				return false
			}
		}
	}
	for i := n; i < 3; i++ {
		syscall.Close(i) // the table has no stdio there
	}
	return true
}

// fdOpen reports whether the process has fd open.
func fdOpen(fd int) bool {
	_, err := unix.FcntlInt(uintptr(fd), unix.F_GETFD, 0)
	return err == nil
}

// LookPath finds a program on PATH.
func (r *Runner) LookPath(name string) (string, error) { return r.lookPath(name) }

// Aliases returns the alias table.
func (r *Runner) Aliases() map[string]string { return r.aliases }

// SetAlias defines an alias.
func (r *Runner) SetAlias(name, value string) {
	r.ownAliases()
	r.aliases[name] = value
}

// UnsetAlias removes an alias.
func (r *Runner) UnsetAlias(name string) bool {
	_, ok := r.aliases[name]
	r.ownAliases()
	delete(r.aliases, name)
	return ok
}

// IsFunc reports whether name is a function.
func (r *Runner) IsFunc(name string) bool {
	_, ok := r.funcs[name]
	return ok
}

// Exit requests the shell (or subshell) to exit.
func (r *Runner) Exit(code int) {
	r.status = code
	r.flow = flow{kind: flowExit}
}

// Return requests a function return.
func (r *Runner) Return(code int) {
	r.status = code
	r.flow = flow{kind: flowReturn}
}

// Break requests leaving n loops.
func (r *Runner) Break(n int) {
	if r.loopDepth == 0 {
		return
	}
	r.flow = flow{kind: flowBreak, n: min(n, r.loopDepth)}
}

// Continue requests the next iteration of the n-th enclosing loop.
func (r *Runner) Continue(n int) {
	if r.loopDepth == 0 {
		return
	}
	r.flow = flow{kind: flowContinue, n: min(n, r.loopDepth)}
}

// Abort abandons the rest of the current top-level command.
func (r *Runner) Abort() { r.flow = flow{kind: flowAbort} }

// InFunc reports whether return is allowed.
func (r *Runner) InFunc() bool { return r.funcDepth > 0 }

// LoopDepth is the number of enclosing loops.
func (r *Runner) LoopDepth() int { return r.loopDepth }

// Interactive reports whether the shell is interactive.
func (r *Runner) Interactive() bool { return r.sh.interactive }

// LastStatus is $?.
func (r *Runner) LastStatus() int { return r.status }

// Traps returns the trap table.
func (r *Runner) Traps() map[string]string {
	if r.shownTraps != nil {
		// a subshell lists its parent's traps until it sets one, as
		// bash does, though they do not fire in it
		return r.shownTraps
	}
	return r.traps
}

// SetTrap installs or resets a trap.
func (r *Runner) SetTrap(sig, action string) error {
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

// Wait waits for background jobs.
func (r *Runner) Wait(ctx context.Context, ids []string, anyJob bool) int {
	st := r.waitJobs(ctx, ids, anyJob)
	r.sweepCoprocs() // a waited-for coproc loses NAME_PID, as in bash
	return st
}

// Jobs returns the job table.
func (r *Runner) Jobs() builtins.JobControl { return jobAPI{r} }

// BrokenPipe ends an in-process subshell whose output reader is gone.
func (r *Runner) BrokenPipe() {
	if r.subshell {
		r.status = builtins.StatusBrokenPipe
		r.flow = flow{kind: flowExit}
		return
	}
	// the shell itself survives (e.g. a write to a coproc that exited):
	// say why the command failed, as bash does when SIGPIPE is ignored
	r.errorf("%s: write error: Broken pipe", r.cmdName)
}

// GetoptsPlace is where the last getopts call left off, unless OPTIND
// was assigned since.
func (r *Runner) GetoptsPlace() (optind, pos int, ok bool) {
	g := r.getopts
	return g.optind, g.pos, g.set && g.gen == r.optindGen
}

// SetGetoptsPlace records where getopts goes on.
func (r *Runner) SetGetoptsPlace(optind, pos int) {
	r.getopts = getoptsPlace{optind: optind, pos: pos, gen: r.optindGen, set: true}
}

// getoptsPlace is getopts' state between calls (see GetoptsPlace).
type getoptsPlace struct {
	optind, pos int
	gen         uint64 // optindGen when it was recorded
	set         bool
}

// Errorf reports a builtin's error.
func (r *Runner) Errorf(c *builtins.Call, format string, args ...any) {
	msg := r.prefix() + c.Name + ": " + fmt.Sprintf(format, args...) + "\n"
	if c.Stderr != nil {
		io.WriteString(c.Stderr, msg)
	}
}

// Declare runs a declare-family builtin on expanded words: command
// declare, builtin export (declcall.go).
func (r *Runner) Declare(ctx context.Context, name string, args []string) int {
	r.declWords(ctx, name, args)
	return r.status
}

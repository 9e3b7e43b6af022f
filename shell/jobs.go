package shell

import (
	"context"
	"fmt"
	"io"
	"os"
	"strconv"
	"syscall"

	"mvdan.cc/sh/v3/syntax"

	"pipesh/exec"
	"pipesh/jobs"
	"pipesh/parse"
	"pipesh/quote"
	"pipesh/signals"
)

// The shell's side of job control (package jobs): which group a
// pipeline's or a background job's programs join, how they are spawned
// and waited for, and the job table as the builtins see it.

// jobCtl returns the process's job-control state.
func (p *process) jobCtl() *jobs.Control {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.jc == nil {
		p.jc = jobs.NewControl()
	}
	return p.jc
}

// InitJobControl makes the shell a job-control shell on the terminal tty:
// it waits until it is in the foreground, becomes a process-group leader,
// takes the terminal and turns set -m on. It reports whether it managed.
func (r *Runner) InitJobControl(tty *os.File) bool {
	if !r.sh.jobCtl().Init(tty) {
		return false
	}
	r.opts[optMonitor] = true
	r.syncSignals()
	return true
}

// EndJobControl gives the terminal back as the shell found it.
func (r *Runner) EndJobControl() { r.sh.jobCtl().End() }

// interruptCommand stops the command the REPL is running, as SIGINT to
// the shell would.
func (p *process) interruptCommand() { p.jobCtl().Interrupt() }

// monitor reports whether job control is on.
func (r *Runner) monitor() bool { return r.opts[optMonitor] }

// jobShell is a Runner as package jobs sees it.
type jobShell struct{ r *Runner }

func (s jobShell) Notice(msg string)                    { s.r.writeErr(msg) }
func (s jobShell) Interactive() bool                    { return s.r.sh.interactive }
func (s jobShell) ReportSignal(pid int, st exec.Status) { s.r.reportSignal(pid, st) }

// newGroup makes the group of a pipeline's programs; within a job (a
// stage of an outer pipeline, a background job) it is the job's group.
func (r *Runner) newGroup(c *syntax.BinaryCmd) *jobs.Group {
	if r.group != nil {
		return r.group
	}
	return jobs.NewGroup(r.monitor(), jobText(&syntax.Stmt{Cmd: c}), r.sh.jobCtl().HasTTY())
}

// endGroup waits for a pipeline's stages (wait returns the status). For a
// foreground job under job control it returns false if the job stopped
// instead: it is then in the job table and $? is 148.
func (r *Runner) endGroup(ctx context.Context, g *jobs.Group, wait func() int) bool {
	if g == r.group || !g.JobControl() {
		wait()
		return true
	}
	if !r.jobs.WaitForeground(jobShell{r}, g, wait) {
		r.status = jobs.StatusStopped
		return false
	}
	return true
}

func (r *Runner) writeErr(s string) {
	if f := r.fds.Get(2); f != nil {
		f.WriteString(s)
	}
}

// spawnJob starts a program in its job's process group.
func (r *Runner) spawnJob(p *exec.Proc) (*exec.Child, error) {
	g := r.group
	if g != nil && !g.JobControl() {
		g = nil
	}
	// a program run outside any pipeline or background job is a job of
	// its own; execTail marks a stage's (or coproc's) last program,
	// whose waiting is its caller's business
	if g == nil && r.monitor() && r.bgJob == nil && !r.execTail {
		g = jobs.NewProgramGroup(quote.Argv(p.Argv), r.sh.jobCtl().HasTTY())
	}
	var child *exec.Child
	var err error
	if g == nil {
		child, err = exec.Spawn(r.tracer(), p)
	} else {
		child, err = r.sh.jobCtl().Spawn(r.tracer(), g, p)
	}
	if err != nil {
		return nil, err
	}
	if j := r.bgJob; j != nil {
		j.AddProgram(child.Pid, r.bgTail)
	}
	return child, nil
}

// waitJob waits for a program r started. A program that is a job of its
// own is waited for as a foreground job: if it stops, the status says
// so and the job is in the table.
func (r *Runner) waitJob(ctx context.Context, c *exec.Child) (exec.Status, error) {
	if j := r.bgJob; j != nil {
		defer j.RemoveProgram(c.Pid)
	}
	return r.jobs.WaitProgram(jobShell{r}, c)
}

// startBackground runs fn in sub as a background job and returns its
// pid for $!.
func (r *Runner) startBackground(ctx context.Context, sub *Runner, fn func(ctx context.Context)) int {
	jctx, cancel := context.WithCancel(context.Background())
	if sub.group == nil && r.monitor() {
		sub.group = jobs.NewGroup(true, "", false)
	}
	var g *jobs.Group
	if sub.group != nil && sub.group.JobControl() && r.group == nil {
		g = sub.group
	}
	j := r.jobs.AddBackground(jobs.VirtualPidBase+r.sh.nextVirtual(), cancel, g)
	sub.bgJob = j
	r.goShell(sub, func() {
		fn(jctx)
		sub.runExitTrap(jctx)
	}, func() {
		sub.endSub()
		j.Finish(sub.status)
	})
	return j.Pid()
}

// bgPrepare marks sub, about to run st as a background job, to report
// the pid of its program for $! when st's last command is certain to
// run one (an external command named literally).
func (r *Runner) bgPrepare(sub *Runner, st *syntax.Stmt) bool {
	tail := st
	if b, ok := st.Cmd.(*syntax.BinaryCmd); ok && (b.Op == syntax.Pipe || b.Op == syntax.PipeAll) {
		stages := parse.Pipeline(b)
		tail = stages[len(stages)-1].Stmt
	}
	if !isProgram(r, tail) || tail.Background || !r.found(tail) {
		return false
	}
	if r.mayBlockOpening(tail.Redirs) || r.mayBlockOpening(st.Redirs) {
		// its program starts only once its redirections are open, and
		// opening a FIFO waits for the other side: the shell must not
		// wait for that pid, as bash's fork does not
		return false
	}
	sub.bgTail = true
	return true
}

// mayBlockOpening reports whether opening one of redirs could wait: a
// FIFO, or a target known only once expanded.
func (r *Runner) mayBlockOpening(redirs []*syntax.Redirect) bool {
	for _, rd := range redirs {
		switch rd.Op {
		case syntax.RdrIn, syntax.RdrInOut, syntax.RdrOut, syntax.AppOut, syntax.RdrClob, syntax.RdrAll, syntax.AppAll:
		default:
			continue
		}
		name := rd.Word.Lit()
		if name == "" {
			// >"$f": a word of plain parameter expansions has no side
			// effects, so the parent may expand it to look (safeword.go)
			n, ok := r.safeWordValue(rd.Word)
			if !ok || n == "" {
				return true
			}
			name = n
		}
		if fi, err := os.Stat(r.abs(name)); err == nil && fi.Mode()&os.ModeNamedPipe != 0 {
			return true
		}
	}
	return false
}

// bgStarted finishes starting a background job: it names the job, waits
// (when bgPrepare said it can) for the real pid of its last program, and
// in an interactive shell prints "[N] PID". It returns $!.
func (r *Runner) bgStarted(st *syntax.Stmt, pid int, tail bool) int {
	j := r.jobs.ByPid(pid)
	if j == nil {
		return pid
	}
	if tail {
		pid = r.jobs.AwaitPid(j)
	}
	r.jobs.SetCommand(j, jobText(st))
	if r.sh.interactive && !r.subshell {
		r.writeErr(fmt.Sprintf("[%d] %d\n", j.ID(), pid))
	}
	return pid
}

func (p *process) nextVirtual() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.virtual++
	return p.virtual
}

// jobAPI is the job table as builtins see it.
type jobAPI struct{ r *Runner }

// Signal lets kill reach jobs by %spec, and in-process jobs by the
// virtual pid $! gave them; other pids are left to kill itself.
func (j jobAPI) Signal(id string, sig syscall.Signal) (bool, error) {
	if id == strconv.Itoa(os.Getpid()) && j.r.sh.signals.Deliver(sig) {
		// kill $$ of a signal the shell handles: handed over at once,
		// so its trap runs before the next command as in bash. (The
		// process's own pid: in a subshell's child process $$ is the
		// parent's, which kill must reach as any other process.)
		return true, nil
	}
	if id == strconv.Itoa(os.Getpid()) && jobs.Terminates(sig) && sig != syscall.SIGKILL && !j.r.sh.interactive && !j.r.sh.signals.Catches(sig) && !j.r.sh.signals.Ignores(sig) {
		// kill $$ of a signal the shell does not catch ends it at once,
		// as the default action would: the Go runtime ignores some
		// (SIGUSR1) and takes others on another thread a moment later
		signals.DieBy(sig)
	}
	return j.r.jobs.Signal(id, sig)
}

func (j jobAPI) List(w io.Writer, flags string, specs []string) error {
	return j.r.jobs.List(w, flags, specs)
}

func (j jobAPI) Foreground(ctx context.Context, spec string) (int, error) {
	var w io.Writer = io.Discard
	if f := j.r.fds.Get(1); f != nil {
		w = f
	}
	return j.r.jobs.Foreground(ctx, jobShell(j), spec, w, j.r.monitor())
}

func (j jobAPI) Background(spec string) error {
	var w io.Writer = io.Discard
	if f := j.r.fds.Get(1); f != nil {
		w = f
	}
	return j.r.jobs.Background(spec, w, j.r.monitor())
}

func (j jobAPI) Resolve(spec string) (int, error) { return j.r.jobs.Resolve(spec) }

func (j jobAPI) Disown(specs []string, all bool) error { return j.r.jobs.Disown(specs, all) }

// waitJobs implements wait: for the given ids, or all jobs. A trapped
// signal cuts it short once its trap has run, as in bash.
func (r *Runner) waitJobs(ctx context.Context, ids []string, anyJob bool) int {
	st := r.jobs.Wait(ctx, ids, anyJob, jobs.WaitHooks{
		Signals: r.waitSignals(),
		Trap: func(sig os.Signal) (int, bool) {
			s := sig.(syscall.Signal)
			ran := r.handleSignal(ctx, s, false)
			if r.flow.kind == flowExit {
				return r.status, true // the trap's exit status stands
			}
			if ran {
				return 128 + int(s), true
			}
			return 0, false
		},
		Error: func(err error) { r.errorf("wait: %s", err) },
	})
	if r.waitSignals() != nil && r.sh.signals.CatchesOther(syscall.SIGINT) {
		// what a job sent the shell as it ended runs its trap now,
		// before the next command, as in bash
		r.sh.signals.Settle()
	}
	return st
}

// NotifyJobs prints what happened to background jobs since the last
// prompt (Done, Exit N, Stopped) and forgets finished ones, as bash does
// before each prompt.
func (r *Runner) NotifyJobs() { r.jobs.Notify(jobShell{r}) }

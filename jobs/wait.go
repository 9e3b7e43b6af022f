package jobs

import (
	"context"
	"os"
	"slices"
	"strconv"
	"syscall"

	"pipesh/exec"
)

// WaitProgram waits for a program started by [Control.Spawn] (or, in no
// group, by exec.Spawn). A program that is a job of its own
// ([NewProgramGroup]) is waited for as a foreground job: if it stops,
// the status says so and the job is in the table.
func (t *Table) WaitProgram(sh Shell, c *exec.Child) (exec.Status, error) {
	g := t.ctl.groupOf(c.Pid)
	defer t.ctl.forget(c.Pid)
	if g == nil {
		return c.Wait(false)
	}
	if !g.implicit {
		return g.waitProc(c)
	}
	var st exec.Status
	var err error
	if !t.WaitForeground(sh, g, func() int {
		st, err = g.waitProc(c)
		return st.ExitCode()
	}) {
		return exec.Status{Stopped: true, Signal: syscall.SIGTSTP}, nil
	}
	return st, err
}

// WaitHooks connect wait to the shell's traps and messages.
type WaitHooks struct {
	// Signals delivers the trapped signals that may cut a wait short;
	// nil for none.
	Signals <-chan os.Signal
	// Trap handles a signal from Signals: cut reports whether the wait
	// ends, with status (bash: 128+N once a trap ran).
	Trap func(sig os.Signal) (status int, cut bool)
	// Error reports an id that names no job; wait goes on with the next.
	Error func(err error)
}

// Wait is the wait builtin: it waits for the jobs ids name (pids or job
// specs), or for every job, or with anyJob for the first to end, and
// forgets those it saw end. It returns wait's status: the last job's,
// 127 for one that names none, 130 once ctx is cancelled, or what
// h.Trap said.
func (t *Table) Wait(ctx context.Context, ids []string, anyJob bool, h WaitHooks) int {
	if len(ids) == 0 {
		t.mu.Lock()
		list := append([]*Job(nil), t.jobs...)
		t.mu.Unlock()
		if anyJob {
			if len(list) == 0 {
				return 127
			}
			cases := make(chan *Job, len(list))
			for _, j := range list {
				go func(j *Job) { <-j.done; cases <- j }(j)
			}
			select {
			case j := <-cases:
				t.Remove(j)
				return j.status
			case <-ctx.Done():
				return 130
			}
		}
		for _, j := range list {
			if st, ok := waitOne(ctx, j, h); !ok {
				return st
			}
			t.Remove(j)
		}
		return 0
	}
	status := 0
	for _, id := range ids {
		j, err := t.Find(id)
		if err != nil {
			if pid, perr := strconv.Atoi(id); perr == nil {
				if st, ok := t.Saved(pid); ok {
					status = st // ended and left the table: bash keeps its status
					continue
				}
			}
			h.Error(err)
			status = 127
			continue
		}
		if st, ok := waitOne(ctx, j, h); !ok {
			return st
		}
		status = j.status
		t.Remove(j)
	}
	return status
}

// waitOne waits for j to end; ok is false when the wait was cut short,
// by an interrupt (130) or by a signal whose trap ran.
func waitOne(ctx context.Context, j *Job, h WaitHooks) (status int, ok bool) {
	for {
		select {
		case <-j.done:
			return j.status, true
		case <-ctx.Done():
			return 130, false
		case sig := <-h.Signals:
			if st, cut := h.Trap(sig); cut {
				return st, false
			}
		}
	}
}

// Kill sends sig to the job id names: its process group, and every
// program it started; an in-process job ends too unless sig only stops
// or continues. A stopped job is continued so that it can die.
func (t *Table) Kill(id string, sig syscall.Signal) error {
	j, err := t.Find(id)
	if err != nil {
		return err
	}
	j.signal(sig)
	return nil
}

// SignalAll sends sig to every job in the table, as Kill sends it to one
// (a shell's huponexit).
func (t *Table) SignalAll(sig syscall.Signal) {
	t.mu.Lock()
	all := slices.Clone(t.jobs)
	t.mu.Unlock()
	for _, j := range all {
		j.signal(sig)
	}
}

// signal is Kill for the job j.
func (j *Job) signal(sig syscall.Signal) {
	j.mu.Lock()
	kids := make([]int, 0, len(j.children))
	for pid := range j.children {
		kids = append(kids, pid)
	}
	j.mu.Unlock()
	if g := j.g; g != nil {
		g.mu.Lock()
		pgid, stopped := g.pgid, g.allStopped()
		g.mu.Unlock()
		if pgid != 0 {
			syscall.Kill(-pgid, sig)
			if stopped && sig != syscall.SIGCONT && sig != syscall.SIGSTOP && sig != syscall.SIGTSTP && sig != 0 {
				// continued so that it can die: it is running from now
				// on, as bash marks it, whenever its end is seen (exit
				// right after kill %1 must not find it stopped)
				g.resume(false)
				syscall.Kill(-pgid, syscall.SIGCONT)
			}
		}
	}
	for _, pid := range kids {
		syscall.Kill(pid, sig)
	}
	if Terminates(sig) {
		// an in-process job has no process for the signal to kill: end
		// it as the signal's default action would end a subshell
		j.cancel()
	}
}

// Terminates reports whether a signal's default action ends a process
// (in a subshell, which has no traps of its own for it).
func Terminates(sig syscall.Signal) bool {
	switch sig {
	case 0, syscall.SIGCHLD, syscall.SIGURG, syscall.SIGWINCH, syscall.SIGCONT,
		syscall.SIGSTOP, syscall.SIGTSTP, syscall.SIGTTIN, syscall.SIGTTOU:
		return false
	}
	return true
}

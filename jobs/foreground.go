package jobs

import (
	"context"
	"errors"
	"fmt"
	"io"
	"syscall"

	"pipesh/exec"
)

// Shell is what job control asks of the shell it serves, for the
// messages bash prints around foreground jobs.
type Shell interface {
	// Notice writes a notice about a job ("[1]+  Stopped  cmd") to the
	// shell's standard error.
	Notice(msg string)
	// Interactive reports whether the shell is interactive: a job ended
	// by Ctrl-C then leaves a newline.
	Interactive() bool
	// ReportSignal tells, as after any foreground program, that program
	// pid of a job fg waited for was killed as st says.
	ReportSignal(pid int, st exec.Status)
}

// StatusStopped is the status of a foreground job that stopped
// (128+SIGTSTP), as bash sets $? after Ctrl-Z.
const StatusStopped = 128 + int(syscall.SIGTSTP)

// WaitForeground waits for a foreground job whose stages wait waits for
// (returning the job's status), or until all its programs have stopped:
// it then enters the job in the table as Stopped, tells sh, and reports
// false. The shell has the terminal back either way.
func (t *Table) WaitForeground(sh Shell, g *Group, wait func() int) bool {
	done := make(chan struct{})
	go func() {
		g.status = wait()
		close(done)
	}()
	select {
	case <-done:
		t.ctl.takeTerminal(g, false)
		last := g.lastStatus()
		if !last.Exited && last.Signal == syscall.SIGINT && !last.Stopped {
			// bash acts as if it got the SIGINT itself
			if sh.Interactive() {
				sh.Notice("\n")
			}
			t.ctl.Interrupt()
		}
		return true
	case <-g.stopped:
	}
	t.ctl.takeTerminal(g, true)
	j := t.addStopped(g, done)
	sh.Notice("\n" + j.line(t, "Stopped", false) + "\n")
	j.reported = "Stopped"
	return false
}

// Foreground is fg: the job spec names (the current one if empty) gets
// the terminal and SIGCONT, its command is written to w, and the shell
// waits for it to end or stop again. monitor is set -m: without job
// control there is no fg. It returns the job's status.
func (t *Table) Foreground(ctx context.Context, sh Shell, spec string, w io.Writer, monitor bool) (int, error) {
	j, err := t.controlledJob(spec, monitor)
	if err != nil {
		return 1, err
	}
	fmt.Fprintln(w, j.cmd)
	g := j.g
	var pgid int
	if g != nil {
		g.mu.Lock()
		pgid = g.pgid
		g.mu.Unlock()
	}
	if pgid == 0 {
		// in-process only: nothing to continue, just wait
		select {
		case <-j.done:
		case <-ctx.Done():
			j.cancel()
			<-j.done
		}
		t.Remove(j)
		return j.status, nil
	}
	g.resume(true)
	t.mu.Lock()
	t.touch(j)
	t.mu.Unlock()
	t.ctl.giveTerminal(g)
	syscall.Kill(-pgid, syscall.SIGCONT)
	select {
	case <-j.done:
		t.ctl.takeTerminal(g, false)
		t.Remove(j)
		last := g.lastStatus()
		if !last.Exited && last.Signal == syscall.SIGINT && sh.Interactive() {
			sh.Notice("\n")
			t.ctl.Interrupt()
		} else if !last.Exited && !last.Stopped && last.Signal != syscall.SIGPIPE {
			sh.ReportSignal(g.lastPid, last)
		}
		return j.status, nil
	case <-g.stopped:
	}
	t.ctl.takeTerminal(g, true)
	sh.Notice("\n" + j.line(t, "Stopped", false) + "\n")
	j.reported = "Stopped"
	return StatusStopped, nil
}

// Background is bg: the stopped job spec names (the current one if
// empty) continues in the background; "[N]+ cmd &" is written to w.
func (t *Table) Background(spec string, w io.Writer, monitor bool) error {
	j, err := t.controlledJob(spec, monitor)
	if err != nil {
		return err
	}
	g := j.g
	if g == nil || g.pgid == 0 {
		return nil
	}
	if !g.isStopped() {
		return fmt.Errorf("job %d already in background", j.id)
	}
	g.resume(false)
	t.mu.Lock()
	t.touch(j)
	t.mu.Unlock()
	j.reported = "Running"
	fmt.Fprintf(w, "[%d]+ %s &\n", j.id, j.cmd)
	syscall.Kill(-g.pgid, syscall.SIGCONT)
	return nil
}

// controlledJob finds the job fg or bg acts on: there must be job
// control, and the job must have been started under it (its programs
// are in a process group of their own), as bash requires.
func (t *Table) controlledJob(spec string, monitor bool) (*Job, error) {
	if !monitor {
		return nil, errors.New("no job control")
	}
	j, err := t.Find(orCurrent(spec))
	if err != nil {
		return nil, err
	}
	if j.g == nil || !j.g.jc {
		return nil, fmt.Errorf("job %d started without job control", j.id)
	}
	return j, nil
}

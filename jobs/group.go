// Package jobs is pipesh's job control: the job table and job specs,
// the process groups of jobs, the terminal's foreground, waiting for
// foreground and background jobs, and the notices bash prints about them.
//
// A job is what bash calls one: a pipeline or a simple command, run in
// the foreground or with &. With job control on (set -m; on in the
// interactive shell) every job's programs share one process group: the
// first program the job spawns creates it (Setpgid, Pgid 0) and later ones
// join it (Pgid = leader). Which program comes first is not known in
// advance, since a stage may be a builtin or a function running
// in-process, so the group records the leader as programs start (see
// [Control.Spawn]). A foreground group is handed the terminal by its
// leader in the child (exec.Proc.Foreground), and the shell takes it back
// (tcsetpgrp with SIGTTOU blocked) when the job ends or stops.
//
// Every program is waited for with wait4(WUNTRACED) on its own pid by the
// goroutine that started it, so stops are seen. When every live program
// of the foreground job has stopped, the shell stops waiting, enters the
// job in the table as Stopped and goes on; the goroutines keep waiting
// for their programs, and fg/bg continue the group with SIGCONT.
//
// Under job control every stage of a pipeline that is not a program
// (a builtin, a function, a loop) is a child process too, pipesh started
// again as a subshell in the job's group, so Ctrl-Z stops all of a job
// and the shell itself runs none of it while it is stopped. What the
// shell does run for a job is a goroutine per stage that waits for the
// stage's process; one that gets to spawn its program only after the
// job stopped has it join the group stopped, without the terminal.
//
// The package knows nothing of the interpreter: what it needs from the
// shell it serves (printing a notice, reporting a killed program, running
// a trap during wait) it asks through [Shell] and [WaitHooks].
package jobs

import (
	"sync"
	"syscall"

	"pipesh/exec"
)

// Group collects the programs of one job. The zero value is not usable:
// make one with [NewGroup] or [NewProgramGroup].
type Group struct {
	jc       bool // job control: the programs get a process group
	implicit bool // made for one program run outside any pipeline

	mu   sync.Mutex
	pgid int  // 0 until its first program starts
	fg   bool // the group should own the terminal
	// procs are the live programs; true once stopped
	procs   map[int]bool
	stopped chan struct{} // a token when every live program has stopped
	stopSig syscall.Signal
	cmd     string
	lastPid int // the program spawned last
	last    exec.Status
	status  int             // the job's status once done
	modes   *exec.TermModes // the terminal modes it had when it stopped
	job     *Job
}

// NewGroup makes the group of a job's programs (a pipeline's, a
// background job's): with jc, they get a process group of their own;
// with fg, the first one started takes the terminal. cmd is the job's
// text, as jobs shows it.
func NewGroup(jc bool, cmd string, fg bool) *Group {
	return &Group{jc: jc, cmd: cmd, fg: fg, procs: map[int]bool{}, stopped: make(chan struct{}, 1)}
}

// NewProgramGroup makes the group of a program that is a foreground job
// of its own (a simple command under job control): waiting for it with
// [Table.WaitProgram] waits as for a foreground job.
func NewProgramGroup(cmd string, fg bool) *Group {
	g := NewGroup(true, cmd, fg)
	g.implicit = true
	return g
}

// JobControl reports whether the group's programs get a process group.
func (g *Group) JobControl() bool { return g.jc }

// allStopped reports whether the group has live programs and all are
// stopped. g.mu must be held.
func (g *Group) allStopped() bool {
	if len(g.procs) == 0 {
		return false
	}
	for _, s := range g.procs {
		if !s {
			return false
		}
	}
	return true
}

func (g *Group) signalStop() {
	if g.allStopped() {
		select {
		case g.stopped <- struct{}{}:
		default:
		}
	}
}

// resume marks every program running and forgets a stop not yet seen, to
// be called before SIGCONT.
func (g *Group) resume(fg bool) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.fg = fg
	for pid := range g.procs {
		g.procs[pid] = false
	}
	select {
	case <-g.stopped:
	default:
	}
}

// isStopped reports whether the job is stopped.
func (g *Group) isStopped() bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.allStopped()
}

// lastStatus is how the program spawned last ended, once it has.
func (g *Group) lastStatus() exec.Status {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.last
}

// waitProc waits for one program of g to end, noting its stops.
func (g *Group) waitProc(c *exec.Child) (exec.Status, error) {
	for {
		st, err := c.Wait(true)
		g.mu.Lock()
		if err == nil && st.Stopped {
			g.procs[c.Pid] = true
			g.stopSig = st.Signal
			g.signalStop()
			g.mu.Unlock()
			continue
		}
		delete(g.procs, c.Pid)
		if err == nil && c.Pid == g.lastPid {
			g.last = st
		}
		g.signalStop()
		g.mu.Unlock()
		return st, err
	}
}

// Spawn starts p as a program of g: in its process group, which the
// first program creates (taking the terminal when g is in the
// foreground). Wait for it with [Table.WaitProgram].
func (c *Control) Spawn(t exec.Tracer, g *Group, p *exec.Proc) (*exec.Child, error) {
	child, err := c.spawnInGroup(t, g, p)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	c.byPid[child.Pid] = g
	c.mu.Unlock()
	return child, nil
}

func (c *Control) spawnInGroup(t exec.Tracer, g *Group, p *exec.Proc) (*exec.Child, error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	p.Setpgid = true
	p.Pgid = g.pgid
	c.mu.Lock()
	if c.tty != nil {
		p.Ctty = int(c.tty.Fd())
		p.Foreground = g.fg && g.pgid == 0
	}
	// the leader may be gone, and its group with it: the program then
	// starts the group anew
	p.Regroup = true
	p.RegroupForeground = g.fg && c.tty != nil
	c.mu.Unlock()
	child, err := exec.Spawn(t, p)
	if err != nil {
		return nil, err
	}
	if child.NewGroup {
		g.pgid = child.Pid
	}
	// a program joining a job whose programs are all stopped (Ctrl-Z
	// came before this stage got to spawn) stops too, so the job does
	wasStopped := g.allStopped()
	g.procs[child.Pid] = false
	g.lastPid = child.Pid
	if wasStopped {
		syscall.Kill(child.Pid, syscall.SIGTSTP)
	}
	return child, nil
}

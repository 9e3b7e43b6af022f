package jobs

import (
	"context"
	"os"
	"sync"
	"syscall"

	"pipesh/exec"
)

// Control is the job-control state of one shell process, shared by the
// shell and all its in-process subshells: the terminal, the process group
// of each program started in a job's group, and the command line the
// interactive shell is running. The zero value is not usable: make one
// with [NewControl].
type Control struct {
	mu        sync.Mutex
	tty       *os.File // the terminal handed to foreground jobs; nil: none
	shellPgid int
	origPgid  int             // the terminal's group when the shell took it
	modes     *exec.TermModes // the shell's terminal modes
	byPid     map[int]*Group
	interrupt context.CancelFunc // stops the command the REPL runs
	intCh     chan os.Signal     // SIGINT while the REPL runs a command
}

// NewControl returns the state of a shell without job control.
func NewControl() *Control { return &Control{byPid: map[int]*Group{}} }

// Init makes the shell a job-control shell on the terminal tty: it waits
// until it is in the foreground, becomes a process-group leader and takes
// the terminal. It reports whether it managed; the caller then turns
// set -m on.
func (c *Control) Init(tty *os.File) bool {
	fd := int(tty.Fd())
	modes, err := exec.GetTermModes(fd)
	if err != nil {
		return false
	}
	for {
		pg, err := exec.Tcgetpgrp(fd)
		if err != nil {
			return false
		}
		if pg == exec.Getpgrp() {
			c.origPgid = pg
			break
		}
		// in the background: stop until put in the foreground, as bash
		// does (SIGTTIN is not yet caught)
		syscall.Kill(-exec.Getpgrp(), syscall.SIGTTIN)
	}
	if exec.Getpgrp() != os.Getpid() {
		exec.Setpgid(0, 0)
	}
	c.shellPgid = exec.Getpgrp()
	if err := exec.Tcsetpgrp(fd, c.shellPgid); err != nil {
		return false
	}
	c.mu.Lock()
	c.tty = tty
	c.modes = modes
	c.intCh = make(chan os.Signal, 1)
	c.mu.Unlock()
	return true
}

// End gives the terminal back as the shell found it.
func (c *Control) End() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.tty == nil {
		return
	}
	fd := int(c.tty.Fd())
	exec.SetTermModes(fd, c.modes)
	if c.origPgid != 0 && c.origPgid != c.shellPgid {
		exec.Tcsetpgrp(fd, c.origPgid)
	}
}

// HasTTY reports whether the shell has a terminal to hand to jobs.
func (c *Control) HasTTY() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.tty != nil
}

// Interrupts is the channel on which SIGINT is to arrive while the
// interactive shell runs a command, for the REPL to cancel it; nil
// without job control.
func (c *Control) Interrupts() chan os.Signal {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.intCh
}

// SetInterrupt sets what [Control.Interrupt] calls: the cancel function
// of the command line running, or nil between command lines.
func (c *Control) SetInterrupt(cancel context.CancelFunc) {
	c.mu.Lock()
	c.interrupt = cancel
	c.mu.Unlock()
}

// Interrupt stops the command the REPL is running, as SIGINT to the
// shell would.
func (c *Control) Interrupt() {
	c.mu.Lock()
	f := c.interrupt
	c.mu.Unlock()
	if f != nil {
		f()
	}
}

// Reclaim makes sure the shell owns the terminal after a command (a job
// may have ended without the shell seeing it hand the terminal back, as
// with exec failures).
func (c *Control) Reclaim() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.tty == nil {
		return
	}
	fd := int(c.tty.Fd())
	if pg, err := exec.Tcgetpgrp(fd); err == nil && pg != c.shellPgid {
		exec.Tcsetpgrp(fd, c.shellPgid)
	}
}

// takeTerminal gives the terminal back to the shell after a foreground
// job: a job that stopped or was killed keeps its modes for fg and the
// shell's come back; after a normal end the modes stay (stty works).
func (c *Control) takeTerminal(g *Group, stopped bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	g.mu.Lock()
	g.fg = false
	killed := !g.last.Exited && g.last.Signal != 0
	g.mu.Unlock()
	if c.tty == nil {
		return
	}
	fd := int(c.tty.Fd())
	exec.Tcsetpgrp(fd, c.shellPgid)
	if stopped || killed {
		if m, err := exec.GetTermModes(fd); err == nil && stopped {
			g.modes = m
		}
		exec.SetTermModes(fd, c.modes)
	} else if m, err := exec.GetTermModes(fd); err == nil {
		c.modes = m
	}
}

// giveTerminal hands the terminal (and its saved modes) to a job for fg.
func (c *Control) giveTerminal(g *Group) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.tty == nil {
		return
	}
	fd := int(c.tty.Fd())
	if g.modes != nil {
		exec.SetTermModes(fd, g.modes)
	}
	exec.Tcsetpgrp(fd, g.pgid)
}

// groupOf returns the group a program was spawned in, nil if none.
func (c *Control) groupOf(pid int) *Group {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.byPid[pid]
}

// forget drops a program that has been waited for.
func (c *Control) forget(pid int) {
	c.mu.Lock()
	delete(c.byPid, pid)
	c.mu.Unlock()
}

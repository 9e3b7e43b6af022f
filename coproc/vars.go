package coproc

import (
	"os"
	"strconv"

	"pipesh/exec"
	"pipesh/jobs"
)

// Shell is what the books need of the shell whose coprocesses they
// are: its job table (the owner of its entries), its variables NAME and
// NAME_PID, and its fd table, where the ends are.
type Shell interface {
	// Jobs is the shell's job table.
	Jobs() *jobs.Table
	// SetFds sets the indexed array name to the two fds given.
	SetFds(name string, read, write int)
	// Var is a variable's value, and whether it is set.
	Var(name string) (string, bool)
	// Unset unsets a variable.
	Unset(name string)
	// CloseEnd closes e.Fd in the shell's fd table if e.File is still
	// what it refers to (the script may have moved it since).
	CloseEnd(e End)
	// Tracer is where the IPC events of closing an end go.
	Tracer() exec.Tracer
}

// SetVars sets NAME to its two fds, -1 for a side the script closed
// (as bash shows it).
func (e *Entry) SetVars(sh Shell) {
	read, write := e.Fds()
	sh.SetFds(e.Name, read, write)
}

// FdClosing is told before the shell itself (not a subshell) closes f
// for good (exec N>&-). Closing NAME[1] shuts the socket's write side,
// so the coproc reads EOF while its last replies can still be read from
// NAME[0]. Once both sides are closed and the coproc has been waited
// for, NAME goes.
func (t *Table) FdClosing(sh Shell, f *os.File) {
	e := t.ByFile(sh.Jobs(), f)
	if e == nil {
		return
	}
	if e.Closing(sh.Tracer(), f) && reaped(sh, e) {
		t.drop(sh, e)
		return
	}
	e.SetVars(sh)
}

// reaped reports whether e's status has been collected by wait (its
// NAME_PID is gone).
func reaped(sh Shell, e *Entry) bool {
	_, set := sh.Var(e.Name + "_PID")
	return !set
}

// Sweep runs after wait: every coproc of sh that has exited loses
// NAME_PID and its write end (no one reads it any more); NAME[0] stays
// open while it may hold unread output, and NAME goes once the script
// has closed it too.
func (t *Table) Sweep(sh Shell) {
	for _, e := range t.Exited(sh.Jobs()) {
		if cur, set := sh.Var(e.Name + "_PID"); set && cur == strconv.Itoa(e.Job.Pid()) {
			sh.Unset(e.Name + "_PID")
		}
		sh.Jobs().Remove(e.Job)
		if e.Write.File != nil {
			sh.CloseEnd(e.Write)
			e.Write.File = nil
		}
		if e.Read.File == nil {
			t.drop(sh, e)
			continue
		}
		e.SetVars(sh)
	}
}

// Forget closes what is left of an exited coproc that a new one
// replaces under the same NAME, and forgets it.
func (t *Table) Forget(sh Shell, e *Entry) {
	if e.Write.File != nil {
		sh.CloseEnd(e.Write)
	}
	if e.Read.File != nil {
		sh.CloseEnd(e.Read)
	}
	sh.Jobs().Remove(e.Job)
	t.drop(sh, e)
}

// drop unsets NAME and NAME_PID and forgets e.
func (t *Table) drop(sh Shell, e *Entry) {
	t.Delete(sh.Jobs(), e.Name)
	sh.Unset(e.Name)
	sh.Unset(e.Name + "_PID")
}

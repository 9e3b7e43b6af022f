// Package coproc keeps the books of a shell's coprocesses: which live
// under which NAME for which shell, and which entries of that shell's fd
// table are their ends. Starting them is the shell's.
package coproc

import (
	"os"
	"sync"

	"mvdan.cc/sh/v3/syntax"

	"pipesh/exec"
	"pipesh/jobs"
)

// Table is the coprocesses of the process. Entries are keyed by the
// shell that started them (its job table) and NAME, so a coproc started
// in a subshell never collides with one of its parent. The zero Table is
// empty and ready; it is safe for concurrent use, while each entry is
// its own shell's alone.
type Table struct {
	mu     sync.Mutex
	byName map[key]*Entry
}

type key struct {
	owner *jobs.Table
	name  string
}

// Entry is one coprocess as the shell that started it sees it. Its
// variables change only at points the script controls (closing one of
// its fds, wait, starting another coproc under the same NAME), never
// behind the script's back when the child happens to exit: that is how
// bash loses a coproc's unread output. Only the shell that started it
// reads or changes an entry.
type Entry struct {
	Name  string
	Read  End // NAME[0]: the shell reads the coproc's output there
	Write End // NAME[1]: the shell writes to the coproc there
	Job   *jobs.Job
}

// End is one of the shell's ends of a coproc: the file at fd Fd of the
// shell's table, File nil once the script has closed it.
type End struct {
	Fd   int
	File *os.File
}

// Exited reports whether the coproc has ended (whether or not it has
// been waited for).
func (e *Entry) Exited() bool {
	select {
	case <-e.Job.Done():
		return true
	default:
		return false
	}
}

// Fds is what NAME holds: the fds of its two ends, -1 for a side the
// script closed (as bash shows it).
func (e *Entry) Fds() (read, write int) {
	read, write = -1, -1
	if e.Read.File != nil {
		read = e.Read.Fd
	}
	if e.Write.File != nil {
		write = e.Write.Fd
	}
	return read, write
}

// Closing is told that the shell is closing f, one of e's ends, for good
// (exec N>&-); it reports whether both ends are now closed. Closing
// NAME[1] shuts the socket's write side (traced by tr), so the coproc
// reads end of file while its last replies can still be read from
// NAME[0].
func (e *Entry) Closing(tr exec.Tracer, f *os.File) (both bool) {
	if e.Write.File == f {
		// the peer may be gone already (ENOTCONN): nothing to tell it
		exec.Shutdown(tr, f)
		e.Write.File = nil
	} else if e.Read.File == f {
		e.Read.File = nil
	}
	return e.Read.File == nil && e.Write.File == nil
}

// Get returns owner's coproc NAME, or nil.
func (t *Table) Get(owner *jobs.Table, name string) *Entry {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.byName[key{owner, name}]
}

// Put makes e owner's coproc e.Name, in the place of any before it.
func (t *Table) Put(owner *jobs.Table, e *Entry) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.byName == nil {
		t.byName = map[key]*Entry{}
	}
	t.byName[key{owner, e.Name}] = e
}

// Delete forgets owner's coproc NAME.
func (t *Table) Delete(owner *jobs.Table, name string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	delete(t.byName, key{owner, name})
}

// ByFile returns owner's coproc one of whose open ends is f, or nil.
func (t *Table) ByFile(owner *jobs.Table, f *os.File) *Entry {
	t.mu.Lock()
	defer t.mu.Unlock()
	for k, e := range t.byName {
		if k.owner == owner && (e.Read.File == f || e.Write.File == f) {
			return e
		}
	}
	return nil
}

// Exited returns owner's coprocs that have ended.
func (t *Table) Exited(owner *jobs.Table) []*Entry {
	t.mu.Lock()
	defer t.mu.Unlock()
	var done []*Entry
	for k, e := range t.byName {
		if k.owner == owner && e.Exited() {
			done = append(done, e)
		}
	}
	return done
}

// NameAsProgram undoes a parse of "coproc cmd 2>/dev/null" (or "coproc
// cmd <in arg") as NAME cmd with a body of only redirections and
// arguments: as bash says, NAME goes only with a compound command, so
// before a simple one the word is the program. Without this the program
// never ran, the coproc "succeeded" with status 0 and the variables were
// named after the program. c itself is returned when it needs no change.
func NameAsProgram(c *syntax.CoprocClause) *syntax.CoprocClause {
	if c.Name == nil || c.Stmt == nil {
		return c
	}
	call := &syntax.CallExpr{}
	switch cmd := c.Stmt.Cmd.(type) {
	case nil:
	case *syntax.CallExpr:
		if len(cmd.Assigns) > 0 {
			return c
		}
		*call = *cmd
	default:
		return c
	}
	call.Args = append([]*syntax.Word{c.Name}, call.Args...)
	st := *c.Stmt
	st.Cmd = call
	return &syntax.CoprocClause{Coproc: c.Coproc, Stmt: &st}
}

// Package fds is the shell's table of file descriptors: which open file
// each fd number of a shell refers to, shared by reference count between
// a shell, its subshells and the redirections that put entries aside.
//
// A child process gets exactly the table's inheritable entries as its
// fds, at their numbers, whatever the numbers of the files in pipesh's
// own process.
//
// Entries refer to open files through Descs, which count their
// references: the table of a shell and of each of its subshells, and the
// entries a scoped redirection has put aside, each hold one. Replacing or
// dropping an entry drops its reference, and the last one closes the
// file, so no caller decides whether a file is "owned", and none relies
// on os.File's finalizer to close what was forgotten.
package fds

import (
	"os"
	"slices"
	"sync/atomic"

	"golang.org/x/sys/unix"

	"pipesh/exec"
)

// Desc is one open file of the shell's process, shared by the table
// entries that refer to it. It is safe to hold and drop from several
// goroutines (a subshell's table is another goroutine's).
type Desc struct {
	f    *os.File
	ipc  bool // a pipe or socket end: its close is traced (exec.Close)
	refs atomic.Int32
}

// NewDesc wraps f; it holds no reference until an entry takes one (Set,
// or Hold for an entry put in place by Swap). ipc says f is a pipe or
// socket end, whose close the IPC trace shows.
func NewDesc(f *os.File, ipc bool) *Desc { return &Desc{f: f, ipc: ipc} }

// File is the open file d refers to.
func (d *Desc) File() *os.File { return d.f }

// Hold takes a reference to d and returns d.
func (d *Desc) Hold() *Desc {
	d.refs.Add(1)
	return d
}

// Drop releases one reference; the last closes the file (through
// exec.Close, traced by t, for a pipe or socket end).
func (d *Desc) Drop(t exec.Tracer) {
	if d.refs.Add(-1) != 0 {
		return
	}
	if d.ipc {
		exec.Close(t, d.f)
	} else {
		d.f.Close()
	}
}

// Slot is one entry of the table: fd N refers to D (nil when N is
// closed). A private entry (a coproc's end, a process substitution's end
// while its siblings start) is not given to child processes nor to
// subshells that outlive the command.
type Slot struct {
	N       int
	D       *Desc
	Private bool
}

// Table maps fd numbers to open files. It is sparse, kept sorted by
// number: a script may use fd 2000000 without the table growing to it.
// The zero Table has every fd closed. A table is used by one goroutine;
// subshells get their own (Clone).
type Table struct {
	slots []Slot
}

func (t *Table) find(n int) (int, bool) {
	if n >= 0 && n < len(t.slots) && t.slots[n].N == n {
		return n, true // fds 0 to n all open, as 0, 1 and 2 mostly are
	}
	return slices.BinarySearchFunc(t.slots, n, func(s Slot, n int) int { return s.N - n })
}

// Get returns the file at n, or nil.
func (t *Table) Get(n int) *os.File {
	if i, ok := t.find(n); ok {
		return t.slots[i].D.f
	}
	return nil
}

// Slot returns the entry at n (D is nil when n is closed).
func (t *Table) Slot(n int) Slot {
	if i, ok := t.find(n); ok {
		return t.slots[i]
	}
	return Slot{N: n}
}

// Set makes n refer to d (taking a reference), or closes n when d is
// nil; whatever n referred to before is released, its close traced by
// tr.
func (t *Table) Set(tr exec.Tracer, n int, d *Desc, private bool) {
	if d != nil {
		d.Hold()
	}
	old := t.Swap(Slot{N: n, D: d, Private: private})
	if old.D != nil {
		old.D.Drop(tr)
	}
}

// Swap puts s in its place and returns the entry it replaced, whose
// reference passes to the caller: a scoped redirection keeps it to put
// back (see Undo), anyone else drops it. s's reference passes to the
// table.
func (t *Table) Swap(s Slot) Slot {
	i, ok := t.find(s.N)
	switch {
	case ok && s.D == nil:
		old := t.slots[i]
		t.slots = slices.Delete(t.slots, i, i+1)
		return old
	case ok:
		old := t.slots[i]
		t.slots[i] = s
		return old
	case s.D != nil:
		t.slots = slices.Insert(t.slots, i, s)
	}
	return Slot{N: s.N}
}

// SetPrivate changes whether n is given to children; a closed n stays
// closed.
func (t *Table) SetPrivate(n int, private bool) {
	if i, ok := t.find(n); ok {
		t.slots[i].Private = private
	}
}

// Clone returns a table for a subshell with the same files, each with a
// reference of its own. A subshell that outlives the command starting
// it (async) gets no private entries: a coproc or a process
// substitution would never see EOF while it held one.
func (t *Table) Clone(async bool) Table {
	c := Table{slots: make([]Slot, 0, len(t.slots))}
	for _, s := range t.slots {
		if async && s.Private {
			continue
		}
		s.D.Hold()
		c.slots = append(c.slots, s)
	}
	return c
}

// CloseAll releases every entry, their closes traced by tr: the end of
// a subshell.
func (t *Table) CloseAll(tr exec.Tracer) {
	slots := t.slots
	t.slots = nil
	for _, s := range slots {
		s.D.Drop(tr)
	}
}

// Free returns the lowest unused fd number at or above min.
func (t *Table) Free(min int) int {
	i, _ := t.find(min)
	n := min
	for ; i < len(t.slots) && t.slots[i].N == n; i++ {
		n++
	}
	return n
}

// ChildFiles is the fd map for a child (exec's Files): every inheritable
// entry, at its number, nil where none. Entries at or above the
// process's open-file limit are left out: no child could be given them
// (dup2 fails past the limit), and the program still runs, as it does in
// bash.
func (t *Table) ChildFiles() []*os.File {
	limit := Limit()
	n := 0
	for _, s := range t.slots {
		if !s.Private && s.N < limit {
			n = s.N + 1
		}
	}
	files := make([]*os.File, n)
	for _, s := range t.slots {
		if !s.Private && s.N < n {
			files[s.N] = s.D.f
		}
	}
	return files
}

// Limit is the soft limit on open files: the fd numbers a shell may use
// are below it, as in bash.
func Limit() int {
	var lim unix.Rlimit
	if err := unix.Getrlimit(unix.RLIMIT_NOFILE, &lim); err != nil || lim.Cur > 1<<30 {
		return 1 << 30
	}
	return int(lim.Cur)
}

// Dup duplicates f close-on-exec, at a number of 3 or more, as a file of
// its own for the caller to close.
func Dup(f *os.File) (*os.File, error) {
	nfd, err := unix.FcntlInt(f.Fd(), unix.F_DUPFD_CLOEXEC, 3)
	if err != nil {
		return nil, err
	}
	return os.NewFile(uintptr(nfd), f.Name()), nil
}

// Undo is what scoped redirections put aside, to be put back, newest
// first, when their command is done. Each entry holds the reference the
// table held.
type Undo []Slot

// Restore puts the saved entries back in t, releasing what the
// redirections installed (their closes traced by tr).
func (u Undo) Restore(t *Table, tr exec.Tracer) {
	for i := len(u) - 1; i >= 0; i-- {
		cur := t.Swap(u[i])
		if cur.D != nil {
			cur.D.Drop(tr)
		}
	}
}

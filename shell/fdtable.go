package shell

import (
	"os"
	"slices"
	"sync/atomic"

	"golang.org/x/sys/unix"

	"pipesh/exec"
)

// The fd table is the shell's view of its descriptors: a child gets
// exactly the table's inheritable entries as its fds, at their numbers,
// whatever the numbers of the files in pipesh's own process.
//
// Entries refer to open files through descs, which count their
// references: the table of a shell and of each of its subshells, and the
// entries a scoped redirection has put aside, each hold one. Replacing or
// dropping an entry drops its reference, and the last one closes the
// file, so no caller decides whether a file is "owned", and none relies
// on os.File's finalizer to close what was forgotten.

// desc is one open file of the shell's process, shared by the table
// entries that refer to it.
type desc struct {
	f    *os.File
	ipc  bool // a pipe or socket end: its close is traced (exec.Close)
	refs atomic.Int32
}

// newDesc wraps f; it holds no reference until an entry takes one.
func newDesc(f *os.File, ipc bool) *desc { return &desc{f: f, ipc: ipc} }

func (d *desc) hold() *desc {
	d.refs.Add(1)
	return d
}

// drop releases one reference; the last closes the file.
func (d *desc) drop(t exec.Tracer) {
	if d.refs.Add(-1) != 0 {
		return
	}
	if d.ipc {
		exec.Close(t, d.f)
	} else {
		d.f.Close()
	}
}

// fdSlot is one entry of the table: fd n refers to d. A private entry (a
// coproc's end, a process substitution's end while its siblings start)
// is not given to child processes nor to subshells that outlive the
// command.
type fdSlot struct {
	n       int
	d       *desc
	private bool
}

// fdTable maps fd numbers to open files. It is sparse, kept sorted by
// number: a script may use fd 2000000 without the table growing to it.
// A table is used by one goroutine; subshells get their own (clone).
type fdTable struct {
	slots []fdSlot
}

func (t *fdTable) find(n int) (int, bool) {
	if n >= 0 && n < len(t.slots) && t.slots[n].n == n {
		return n, true // fds 0 to n all open, as 0, 1 and 2 mostly are
	}
	return slices.BinarySearchFunc(t.slots, n, func(s fdSlot, n int) int { return s.n - n })
}

// get returns the file at n, or nil.
func (t *fdTable) get(n int) *os.File {
	if i, ok := t.find(n); ok {
		return t.slots[i].d.f
	}
	return nil
}

// slot returns the entry at n (d is nil when n is closed).
func (t *fdTable) slot(n int) fdSlot {
	if i, ok := t.find(n); ok {
		return t.slots[i]
	}
	return fdSlot{n: n}
}

// set makes n refer to d (taking a reference), or closes n when d is
// nil; whatever n referred to before is released.
func (t *fdTable) set(tr exec.Tracer, n int, d *desc, private bool) {
	if d != nil {
		d.hold()
	}
	old := t.swap(fdSlot{n: n, d: d, private: private})
	if old.d != nil {
		old.d.drop(tr)
	}
}

// swap puts s in its place and returns the entry it replaced, whose
// reference passes to the caller: a scoped redirection keeps it to put
// back (see undo), anyone else drops it. s's reference passes to the
// table.
func (t *fdTable) swap(s fdSlot) fdSlot {
	i, ok := t.find(s.n)
	switch {
	case ok && s.d == nil:
		old := t.slots[i]
		t.slots = slices.Delete(t.slots, i, i+1)
		return old
	case ok:
		old := t.slots[i]
		t.slots[i] = s
		return old
	case s.d != nil:
		t.slots = slices.Insert(t.slots, i, s)
	}
	return fdSlot{n: s.n}
}

// setPrivate changes whether n is given to children.
func (t *fdTable) setPrivate(n int, private bool) {
	if i, ok := t.find(n); ok {
		t.slots[i].private = private
	}
}

// clone returns a table for a subshell with the same files, each with a
// reference of its own. A subshell that outlives the command starting
// it (async) gets no private entries: a coproc or a process
// substitution would never see EOF while it held one.
func (t *fdTable) clone(async bool) fdTable {
	c := fdTable{slots: make([]fdSlot, 0, len(t.slots))}
	for _, s := range t.slots {
		if async && s.private {
			continue
		}
		s.d.hold()
		c.slots = append(c.slots, s)
	}
	return c
}

// closeAll releases every entry: the end of a subshell.
func (t *fdTable) closeAll(tr exec.Tracer) {
	slots := t.slots
	t.slots = nil
	for _, s := range slots {
		s.d.drop(tr)
	}
}

// free returns the lowest unused fd number at or above min.
func (t *fdTable) free(min int) int {
	i, _ := t.find(min)
	n := min
	for ; i < len(t.slots) && t.slots[i].n == n; i++ {
		n++
	}
	return n
}

// childFiles is the fd map for a child: every inheritable entry, at its
// number. Entries at or above the process's open-file limit are left
// out: no child could be given them (dup2 fails past the limit), and the
// program still runs, as it does in bash.
func (t *fdTable) childFiles() []*os.File {
	limit := fdLimit()
	n := 0
	for _, s := range t.slots {
		if !s.private && s.n < limit {
			n = s.n + 1
		}
	}
	files := make([]*os.File, n)
	for _, s := range t.slots {
		if !s.private && s.n < n {
			files[s.n] = s.d.f
		}
	}
	return files
}

// fdLimit is the soft limit on open files: the fd numbers a shell may
// use are below it, as in bash.
func fdLimit() int {
	var lim unix.Rlimit
	if err := unix.Getrlimit(unix.RLIMIT_NOFILE, &lim); err != nil || lim.Cur > 1<<30 {
		return 1 << 30
	}
	return int(lim.Cur)
}

// undo is what scoped redirections put aside, to be put back, newest
// first, when their command is done.
type undo []fdSlot

// restore puts the saved entries back, releasing what the redirections
// installed.
func (u undo) restore(t *fdTable, tr exec.Tracer) {
	for i := len(u) - 1; i >= 0; i-- {
		cur := t.swap(u[i])
		if cur.d != nil {
			cur.d.drop(tr)
		}
	}
}

// setFd puts f at n in r's table, as a new open file.
func (r *Runner) setFd(n int, f *os.File, ipc bool) {
	r.fds.set(r.tracer(), n, newDesc(f, ipc), false)
}

// closeFd closes n in r's table.
func (r *Runner) closeFd(n int) { r.fds.set(r.tracer(), n, nil, false) }

// releaseFds drops every entry of r's table: the end of a subshell, or
// of a pipeline stage whose program now holds its fds.
func (r *Runner) releaseFds() { r.fds.closeAll(r.tracer()) }

// endSub ends the subshell r: its fds are released and its variables
// no longer hold its parent's scopes. r must not run again.
func (r *Runner) endSub() {
	r.releaseFds()
	if r.vars != nil {
		r.vars.release()
		r.vars = nil
	}
}

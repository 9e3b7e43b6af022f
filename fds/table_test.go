package fds

import (
	"os"
	"sync"
	"testing"

	"golang.org/x/sys/unix"

	"pipesh/exec"
)

// pipe returns the read end of a new pipe and its write end wrapped in
// a Desc.
func pipe(t *testing.T) (*os.File, *Desc) {
	t.Helper()
	r, w, err := exec.Pipe(nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close(); w.Close() })
	if err := unix.SetNonblock(int(r.Fd()), true); err != nil {
		t.Fatal(err)
	}
	return r, NewDesc(w, true)
}

// writerClosed reports whether every write end of r's pipe is closed:
// an empty pipe then reads as end of file, an open one as EAGAIN.
func writerClosed(t *testing.T, r *os.File) bool {
	t.Helper()
	var b [1]byte
	n, err := unix.Read(int(r.Fd()), b[:])
	switch {
	case err == unix.EAGAIN:
		return false
	case err != nil:
		t.Fatal(err)
	case n != 0:
		t.Fatalf("read %q from an empty pipe", b[:n])
	}
	return true
}

func TestLastReferenceCloses(t *testing.T) {
	r, d := pipe(t)
	var a, b Table
	a.Set(nil, 1, d, false)
	b.Set(nil, 5, d, false)
	a.Set(nil, 1, nil, false)
	if writerClosed(t, r) {
		t.Fatal("closing one of two entries closed the file")
	}
	if a.Get(1) != nil {
		t.Fatal("fd 1 still open after Set(nil)")
	}
	b.CloseAll(nil)
	if !writerClosed(t, r) {
		t.Fatal("the last entry was dropped and the file is still open")
	}
}

func TestReplacingReleases(t *testing.T) {
	r, d := pipe(t)
	var tb Table
	tb.Set(nil, 1, d, false)
	_, other := pipe(t)
	tb.Set(nil, 1, other, false)
	if !writerClosed(t, r) {
		t.Fatal("the replaced entry's file is still open")
	}
	if tb.Get(1) != other.File() {
		t.Fatal("fd 1 is not the new file")
	}
	tb.CloseAll(nil)
}

func TestUndoPutsBack(t *testing.T) {
	rOld, old := pipe(t)
	rNew, d := pipe(t)
	var tb Table
	tb.Set(nil, 1, old, false)
	// what a scoped redirection does: take a reference, keep the old
	// entry aside
	u := Undo{tb.Swap(Slot{N: 1, D: d.Hold()})}
	u = append(u, tb.Swap(Slot{N: 7, D: d.Hold()}))
	if tb.Get(7) != d.File() || tb.Get(1) != d.File() {
		t.Fatal("the redirections are not in place")
	}
	u.Restore(&tb, nil)
	if tb.Get(1) != old.File() || tb.Get(7) != nil {
		t.Fatalf("after Restore fd 1 is %v and fd 7 %v", tb.Get(1), tb.Get(7))
	}
	if !writerClosed(t, rNew) {
		t.Fatal("the redirections' file is still open after Restore")
	}
	if writerClosed(t, rOld) {
		t.Fatal("the file put back was closed")
	}
	tb.CloseAll(nil)
}

func TestSparse(t *testing.T) {
	_, d := pipe(t)
	var tb Table
	for _, n := range []int{2000000, 0, 1, 2, 10} {
		tb.Set(nil, n, d, false)
	}
	if len(tb.slots) != 5 {
		t.Fatalf("%d slots for 5 fds", len(tb.slots))
	}
	for i := 1; i < len(tb.slots); i++ {
		if tb.slots[i-1].N >= tb.slots[i].N {
			t.Fatalf("slots out of order: %v", tb.slots)
		}
	}
	if got := tb.Free(0); got != 3 {
		t.Errorf("Free(0) = %d, want 3", got)
	}
	if got := tb.Free(10); got != 11 {
		t.Errorf("Free(10) = %d, want 11", got)
	}
	if got := tb.Free(63); got != 63 {
		t.Errorf("Free(63) = %d, want 63", got)
	}
	if s := tb.Slot(2000000); s.D != d {
		t.Errorf("Slot(2000000) = %+v", s)
	}
	if s := tb.Slot(5); s.D != nil || s.N != 5 {
		t.Errorf("Slot(5) = %+v, want closed", s)
	}
	tb.CloseAll(nil)
}

func TestChildFiles(t *testing.T) {
	_, d := pipe(t)
	_, priv := pipe(t)
	var tb Table
	tb.Set(nil, 0, d, false)
	tb.Set(nil, 4, d, false)
	tb.Set(nil, 9, priv, true)
	tb.Set(nil, Limit(), d, false) // no child can be given it
	files := tb.ChildFiles()
	if len(files) != 5 || files[0] != d.File() || files[4] != d.File() || files[1] != nil {
		t.Fatalf("ChildFiles = %v", files)
	}
	tb.SetPrivate(9, false)
	if files := tb.ChildFiles(); len(files) != 10 || files[9] != priv.File() {
		t.Fatalf("after SetPrivate(9, false) ChildFiles = %v", files)
	}
	tb.CloseAll(nil)
}

func TestCloneLeavesPrivateOutOfAsync(t *testing.T) {
	r, priv := pipe(t)
	_, d := pipe(t)
	var tb Table
	tb.Set(nil, 1, d, false)
	tb.Set(nil, 60, priv, true)
	inCmd := tb.Clone(false)
	async := tb.Clone(true)
	if inCmd.Get(60) != priv.File() {
		t.Error("a subshell of the command lost the private entry")
	}
	if async.Get(60) != nil || async.Get(1) != d.File() {
		t.Error("an async subshell got a private entry, or lost a public one")
	}
	tb.CloseAll(nil)
	inCmd.CloseAll(nil)
	if !writerClosed(t, r) {
		t.Fatal("the private file outlived every table holding it")
	}
	async.CloseAll(nil)
}

// TestConcurrentTables is for the race detector: subshells' tables
// share descs across goroutines, each table its own goroutine's.
func TestConcurrentTables(t *testing.T) {
	r, d := pipe(t)
	var tb Table
	tb.Set(nil, 1, d, false)
	var wg sync.WaitGroup
	for range 8 {
		c := tb.Clone(false)
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 100 {
				c.Set(nil, 3+i%5, d, false)
			}
			c.CloseAll(nil)
		}()
	}
	wg.Wait()
	if writerClosed(t, r) {
		t.Fatal("closed while the shell's table holds it")
	}
	tb.CloseAll(nil)
	if !writerClosed(t, r) {
		t.Fatal("still open after every table let go")
	}
}

func TestDup(t *testing.T) {
	r, d := pipe(t)
	g, err := Dup(d.File())
	if err != nil {
		t.Fatal(err)
	}
	if g.Fd() < 3 {
		t.Errorf("Dup gave fd %d, want 3 or more", g.Fd())
	}
	flags, err := unix.FcntlInt(g.Fd(), unix.F_GETFD, 0)
	if err != nil || flags&unix.FD_CLOEXEC == 0 {
		t.Errorf("Dup's fd is not close-on-exec (flags %#x, %v)", flags, err)
	}
	var tb Table
	tb.Set(nil, 1, d, false)
	tb.CloseAll(nil)
	if writerClosed(t, r) {
		t.Fatal("the duplicate did not keep the pipe open")
	}
	g.Close()
	if !writerClosed(t, r) {
		t.Fatal("still open after the duplicate's close")
	}
}

package coproc

import (
	"os"
	"slices"
	"strconv"
	"testing"

	"pipesh/exec"
	"pipesh/jobs"
)

// fakeShell is the variables and fd table of a shell, as maps.
type fakeShell struct {
	jobs   *jobs.Table
	vars   map[string]string
	closed []int
	table  map[int]*os.File
}

func (s *fakeShell) Jobs() *jobs.Table   { return s.jobs }
func (s *fakeShell) Tracer() exec.Tracer { return nil }
func (s *fakeShell) Unset(name string)   { delete(s.vars, name) }
func (s *fakeShell) SetFds(name string, read, write int) {
	s.vars[name] = strconv.Itoa(read) + " " + strconv.Itoa(write)
}
func (s *fakeShell) Var(name string) (string, bool) { v, ok := s.vars[name]; return v, ok }
func (s *fakeShell) CloseEnd(e End) {
	if s.table[e.Fd] == e.File {
		s.closed = append(s.closed, e.Fd)
		delete(s.table, e.Fd)
	}
}

// A coproc that has exited keeps NAME[0] (unread output) after wait
// but loses NAME_PID and its write end; NAME goes when the script
// closes NAME[0] as well.
func TestSweepThenClose(t *testing.T) {
	mine, theirs, err := exec.Socketpair(nil)
	if err != nil {
		t.Fatal(err)
	}
	defer mine.Close()
	defer theirs.Close()
	wdup, err := exec.Dup(nil, mine)
	if err != nil {
		t.Fatal(err)
	}
	defer wdup.Close()
	sh := &fakeShell{jobs: jobs.NewTable(nil), vars: map[string]string{}, table: map[int]*os.File{60: mine, 61: wdup}}
	var tb Table
	e := &Entry{Name: "C", Read: End{Fd: 60, File: mine}, Write: End{Fd: 61, File: wdup}, Job: sh.jobs.AddProcess(jobs.VirtualPidBase + 1)}
	tb.Put(sh.jobs, e)
	e.SetVars(sh)
	sh.vars["C_PID"] = strconv.Itoa(e.Job.Pid())
	if sh.vars["C"] != "60 61" {
		t.Fatalf("C = %q", sh.vars["C"])
	}

	tb.Sweep(sh) // still running: nothing changes
	if _, ok := sh.vars["C_PID"]; !ok || len(sh.closed) != 0 {
		t.Fatalf("a running coproc was swept: %v, closed %v", sh.vars, sh.closed)
	}
	e.Job.Finish(0)
	tb.Sweep(sh)
	if _, ok := sh.vars["C_PID"]; ok || !slices.Equal(sh.closed, []int{61}) || sh.vars["C"] != "60 -1" {
		t.Fatalf("after the sweep: vars %v, closed %v", sh.vars, sh.closed)
	}
	if tb.Get(sh.jobs, "C") != e {
		t.Fatal("the entry went while NAME[0] is open")
	}
	tb.FdClosing(sh, mine)
	if _, ok := sh.vars["C"]; ok || tb.Get(sh.jobs, "C") != nil {
		t.Fatalf("C is still there after both ends closed and wait: %v", sh.vars)
	}
}

// Forget closes both ends of an old coproc and unsets its variables.
func TestForget(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	sh := &fakeShell{jobs: jobs.NewTable(nil), vars: map[string]string{"C": "60 61", "C_PID": "1"}, table: map[int]*os.File{60: r, 61: w}}
	var tb Table
	e := &Entry{Name: "C", Read: End{Fd: 60, File: r}, Write: End{Fd: 61, File: w}, Job: sh.jobs.AddProcess(jobs.VirtualPidBase + 1)}
	tb.Put(sh.jobs, e)
	tb.Forget(sh, e)
	slices.Sort(sh.closed)
	if len(sh.vars) != 0 || !slices.Equal(sh.closed, []int{60, 61}) || tb.Get(sh.jobs, "C") != nil {
		t.Fatalf("after Forget: vars %v, closed %v", sh.vars, sh.closed)
	}
}

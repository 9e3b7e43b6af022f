package jobs

import (
	"context"
	"os"
	"strings"
	"syscall"
	"testing"
	"time"

	"pipesh/exec"
)

// notices is a Shell that records what job control tells it.
type notices struct{ msgs []string }

func (n *notices) Notice(msg string)                    { n.msgs = append(n.msgs, msg) }
func (n *notices) Interactive() bool                    { return false }
func (n *notices) ReportSignal(pid int, st exec.Status) {}

// addDone enters a background job named cmd that has already ended with
// status.
func addDone(t *Table, cmd string, status int) *Job {
	j := t.AddBackground(VirtualPidBase+t.Len()+1, func() {}, nil)
	t.SetCommand(j, cmd)
	j.Finish(status)
	return j
}

func TestFindSpecs(t *testing.T) {
	tab := NewTable(NewControl())
	if _, err := tab.Find("%+"); err == nil || err.Error() != "current: no such job" {
		t.Fatalf("empty table %%+: %v", err)
	}
	a := addDone(tab, "sleep 10", 0)
	b := addDone(tab, "cat file", 0)
	for spec, want := range map[string]*Job{
		"%1": a, "%2": b, "%+": b, "%%": b, "%": b, "%-": a,
		"%sleep": a, "%?file": b, "4194305": a,
	} {
		got, err := tab.Find(spec)
		if err != nil || got != want {
			t.Errorf("Find(%q) = job %v, %v; want job %d", spec, got, err, want.ID())
		}
	}
	for spec, msg := range map[string]string{
		"%3":   "%3: no such job",
		"%x":   "x: no such job",
		"%?e":  "?e: ambiguous job spec",
		"12":   "pid 12 is not a child of this shell",
		"abc":  "`abc': not a pid or valid job spec",
		"%?zz": "?zz: no such job",
	} {
		if _, err := tab.Find(spec); err == nil || err.Error() != msg {
			t.Errorf("Find(%q) error %v, want %q", spec, err, msg)
		}
	}
	// numbers go on from the largest in use, as in bash
	tab.Remove(a)
	if c := addDone(tab, "true", 0); c.ID() != 3 {
		t.Errorf("next job is %%%d, want %%3", c.ID())
	}
}

func TestListForgetsFinished(t *testing.T) {
	tab := NewTable(NewControl())
	addDone(tab, "true", 0)
	addDone(tab, "false", 3)
	var out strings.Builder
	if err := tab.List(&out, "", nil); err != nil {
		t.Fatal(err)
	}
	want := "[1]-  Done                    true\n[2]+  Exit 3                  false\n"
	if out.String() != want {
		t.Errorf("jobs printed\n%s\nwant\n%s", out.String(), want)
	}
	if tab.Len() != 0 {
		t.Errorf("%d finished jobs stay after jobs listed them", tab.Len())
	}
	// a subshell keeping the table in view lists its parent's jobs with
	// their marks but has none of its own; a plain subshell lists none
	run := tab.AddBackground(VirtualPidBase+9, func() {}, nil)
	tab.SetCommand(run, "loop")
	sub := tab.SubKeeping()
	out.Reset()
	sub.List(&out, "", nil)
	if out.String() != "[1]+  Running                 loop &\n" || sub.Len() != 0 {
		t.Errorf("$(jobs)'s jobs: %q, %d of its own", out.String(), sub.Len())
	}
	out.Reset()
	tab.Sub().List(&out, "", nil)
	if out.String() != "" {
		t.Errorf("( jobs ) listed %q, want nothing", out.String())
	}
	run.Finish(0)
}

// startGroup spawns a program of g with no terminal.
func startGroup(t *testing.T, c *Control, g *Group, argv ...string) *exec.Child {
	t.Helper()
	null, err := os.OpenFile(os.DevNull, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer null.Close()
	child, err := c.Spawn(nil, g, &exec.Proc{Path: argv[0], Argv: argv, Files: []*os.File{null, null, null}})
	if err != nil {
		t.Skipf("spawn %s: %v", argv[0], err)
	}
	return child
}

// TestStopKillWait: a foreground job whose programs all stop enters the
// table as Stopped; kill continues it so that it can die, and wait
// returns the signal's status.
func TestStopKillWait(t *testing.T) {
	ctl := NewControl()
	tab := NewTable(ctl)
	g := NewGroup(true, "sleep 100 | sleep 100", false)
	sh := &notices{}
	kids := []*exec.Child{startGroup(t, ctl, g, "/bin/sleep", "100"), startGroup(t, ctl, g, "/bin/sleep", "100")}
	if kids[0].Pid != g.pgid {
		t.Fatalf("leader %d, group %d", kids[0].Pid, g.pgid)
	}
	statuses := make(chan int, len(kids))
	for _, k := range kids {
		go func(k *exec.Child) {
			st, _ := tab.WaitProgram(sh, k)
			statuses <- st.ExitCode()
		}(k)
	}
	syscall.Kill(-g.pgid, syscall.SIGSTOP)
	if tab.WaitForeground(sh, g, func() int { <-statuses; return <-statuses }) {
		t.Fatal("WaitForeground returned as if the job ended")
	}
	if len(sh.msgs) != 1 || !strings.Contains(sh.msgs[0], "[1]+  Stopped") || !tab.Stopped() {
		t.Fatalf("notices %q, stopped %v", sh.msgs, tab.Stopped())
	}
	if err := tab.Kill("%1", syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	st := tab.Wait(ctx, []string{"%1"}, false, WaitHooks{Error: func(err error) { t.Error(err) }})
	if st != 128+int(syscall.SIGTERM) {
		t.Errorf("wait %%1 = %d, want 143", st)
	}
	if tab.Len() != 0 {
		t.Errorf("the waited-for job stays in the table")
	}
}

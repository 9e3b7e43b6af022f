package jobs

import (
	"context"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

// An exit is held for a stopped job always, for a running one only
// when asked (shopt checkjobs), which also lists the jobs.
func TestHoldsExit(t *testing.T) {
	tab := NewTable(NewControl())
	var out strings.Builder
	if tab.HoldsExit(&out, true) || out.Len() != 0 {
		t.Fatalf("an empty table held the exit: %q", out.String())
	}
	run := tab.AddBackground(VirtualPidBase+1, func() {}, nil)
	tab.SetCommand(run, "loop")
	defer run.Finish(0)
	if tab.HoldsExit(&out, false) || out.Len() != 0 {
		t.Fatalf("a running job held the exit without checkjobs: %q", out.String())
	}
	if !tab.HoldsExit(&out, true) {
		t.Fatal("a running job did not hold the exit with checkjobs")
	}
	want := "There are running jobs.\n[1]+  Running                 loop &\n"
	if out.String() != want {
		t.Errorf("HoldsExit wrote %q, want %q", out.String(), want)
	}
}

// Signal takes job specs and the virtual pids of in-process jobs and
// leaves every other pid to the caller.
func TestSignal(t *testing.T) {
	tab := NewTable(NewControl())
	for _, id := range []string{"1", "12345", "x"} {
		if handled, err := tab.Signal(id, syscall.SIGTERM); handled || err != nil {
			t.Errorf("Signal(%s) = %v, %v; want it left to the caller", id, handled, err)
		}
	}
	if handled, err := tab.Signal("%3", syscall.SIGTERM); !handled || err == nil {
		t.Errorf("Signal(%%3) of no job = %v, %v; want handled with an error", handled, err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	j := tab.AddBackground(VirtualPidBase+7, cancel, nil)
	go func() { <-ctx.Done(); j.Finish(143) }()
	if handled, err := tab.Signal(strconv.Itoa(j.Pid()), syscall.SIGTERM); !handled || err != nil {
		t.Fatalf("Signal(its $!) = %v, %v", handled, err)
	}
	<-j.Done() // the in-process job ends, as its process would
}

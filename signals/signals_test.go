package signals

import (
	"errors"
	"os"
	"os/exec"
	"os/signal"
	"syscall"
	"testing"
)

func TestNumber(t *testing.T) {
	tests := []struct {
		name string
		sig  syscall.Signal
		ok   bool
	}{
		{"EXIT", 0, true},
		{"0", 0, true},
		{"INT", syscall.SIGINT, true},
		{"SIGTERM", syscall.SIGTERM, true},
		{"10", syscall.SIGUSR1, true},
		{"64", 64, true},
		{"65", 65, false},
		{"-1", -1, false},
		{"ERR", 0, false},
		{"DEBUG", 0, false},
		{"RETURN", 0, false},
		{"NOSUCH", 0, false},
	}
	for _, tt := range tests {
		sig, ok := number(tt.name)
		if ok != tt.ok || ok && sig != tt.sig {
			t.Errorf("number(%q) = %d, %v; want %d, %v", tt.name, sig, ok, tt.sig, tt.ok)
		}
	}
}

func TestCanIgnore(t *testing.T) {
	script, repl := &Dispositions{}, &Dispositions{interactive: true}
	for _, sig := range []syscall.Signal{syscall.SIGCHLD, syscall.SIGURG} {
		if script.canIgnore(sig) || repl.canIgnore(sig) {
			t.Errorf("%v may be ignored", sig)
		}
	}
	if !script.canIgnore(syscall.SIGWINCH) || repl.canIgnore(syscall.SIGWINCH) {
		t.Error("SIGWINCH: a script may ignore it, an interactive shell may not")
	}
	if !script.canIgnore(syscall.SIGUSR1) {
		t.Error("SIGUSR1 may not be ignored")
	}
}

// TestSync follows a trap table through its changes in this process: a
// trapped signal arrives on Chan, one trapped with "" is ignored for
// real, and one no longer trapped is neither. (Real signals: the test
// process catches SIGUSR1 while it sends it, and only ever ignores
// SIGUSR2, never taking its default action.)
func TestSync(t *testing.T) {
	var d Dispositions
	d.Start(false)
	if d.Chan() != nil || d.Catches(syscall.SIGUSR1) {
		t.Fatal("a fresh Dispositions has a channel or catches a signal")
	}
	d.Sync(map[string]string{"USR1": "echo 1", "USR2": "", "EXIT": "echo bye", "ERR": "x"}, nil)
	defer d.Sync(nil, nil)
	if d.Chan() == nil {
		t.Fatal("no channel after Sync")
	}
	if !d.Catches(syscall.SIGUSR1) || d.Catches(syscall.SIGUSR2) {
		t.Errorf("catches USR1 %v (want true), USR2 %v (want false)", d.Catches(syscall.SIGUSR1), d.Catches(syscall.SIGUSR2))
	}
	if !d.Ignores(syscall.SIGUSR2) || !signal.Ignored(syscall.SIGUSR2) {
		t.Error("trap '' USR2 left it not ignored")
	}
	if !signal.Ignored(syscall.SIGINT) && !d.Catches(syscall.SIGINT) {
		t.Error("a script does not catch SIGINT")
	}
	if !d.CatchesOther(syscall.SIGINT) {
		t.Error("CatchesOther(SIGINT) is false with USR1 trapped")
	}
	if err := syscall.Kill(syscall.Getpid(), syscall.SIGUSR1); err != nil {
		t.Fatal(err)
	}
	if got := <-d.Chan(); got != syscall.SIGUSR1 {
		t.Errorf("got %v on the channel, want SIGUSR1", got)
	}
	if !d.Deliver(syscall.SIGUSR1) || d.Deliver(syscall.SIGUSR2) {
		t.Error("Deliver: USR1 is caught, USR2 is not")
	}
	if got := <-d.Chan(); got != syscall.SIGUSR1 {
		t.Errorf("Deliver put %v on the channel, want SIGUSR1", got)
	}

	// USR2 trapped with an action after being ignored: Notify undoes
	// the ignoring; then nothing: back to the start's disposition
	d.Sync(map[string]string{"USR2": "echo 2"}, nil)
	if d.Ignores(syscall.SIGUSR2) || signal.Ignored(syscall.SIGUSR2) || !d.Catches(syscall.SIGUSR2) || d.Catches(syscall.SIGUSR1) {
		t.Error("after trapping USR2 with an action: still ignored, or USR1 still caught")
	}
	d.Sync(map[string]string{"INT": ""}, nil)
	if d.Catches(syscall.SIGUSR2) || d.Catches(syscall.SIGINT) || d.CatchesOther(syscall.SIGINT) {
		t.Error("after trap - USR2 and trap '' INT: a signal still caught")
	}
	d.Sync(nil, nil)
}

// TestKeepsIgnored: only what was ignored when a script started is
// kept ignored, by any of its names.
func TestKeepsIgnored(t *testing.T) {
	d := Dispositions{entryIgnored: map[syscall.Signal]bool{syscall.SIGHUP: true}}
	for _, name := range []string{"HUP", "SIGHUP", "1"} {
		if !d.KeepsIgnored(name) {
			t.Errorf("KeepsIgnored(%q) = false", name)
		}
	}
	for _, name := range []string{"INT", "EXIT", "ERR", "bogus"} {
		if d.KeepsIgnored(name) {
			t.Errorf("KeepsIgnored(%q) = true", name)
		}
	}
	if !d.Ignores(syscall.SIGHUP) {
		t.Error("Ignores(SIGHUP) = false")
	}
}

// TestStartInteractive: an interactive shell keeps nothing ignored
// from its start, whatever it inherited.
func TestStartInteractive(t *testing.T) {
	var d Dispositions
	if names := d.Start(true); names != nil || d.KeepsIgnored("HUP") || d.KeepsIgnored("INT") {
		t.Errorf("an interactive start keeps %v ignored", names)
	}
}

// TestDieBy: a process that calls DieBy is seen by its parent as killed
// by that signal, even one the Go runtime would otherwise ignore.
func TestDieBy(t *testing.T) {
	if os.Getenv("PIPESH_TEST_DIEBY") == "1" {
		DieBy(syscall.SIGUSR1)
		return
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestDieBy$")
	cmd.Env = append(os.Environ(), "PIPESH_TEST_DIEBY=1")
	err := cmd.Run()
	var ee *exec.ExitError
	if !errors.As(err, &ee) {
		t.Fatalf("the child did not die: %v", err)
	}
	ws := ee.Sys().(syscall.WaitStatus)
	if !ws.Signaled() || ws.Signal() != syscall.SIGUSR1 {
		t.Errorf("the child ended with %v, want killed by SIGUSR1", ws)
	}
}

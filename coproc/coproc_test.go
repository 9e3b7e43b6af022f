package coproc

import (
	"io"
	"strings"
	"sync"
	"testing"

	"mvdan.cc/sh/v3/syntax"

	"pipesh/exec"
	"pipesh/jobs"
)

func TestTableKeysByOwner(t *testing.T) {
	var tb Table
	shell, sub := jobs.NewTable(nil), jobs.NewTable(nil)
	mine, theirs, err := exec.Socketpair(nil)
	if err != nil {
		t.Fatal(err)
	}
	defer mine.Close()
	defer theirs.Close()
	a := &Entry{Name: "C", Read: End{Fd: 60, File: mine}, Job: shell.AddProcess(jobs.VirtualPidBase + 1)}
	b := &Entry{Name: "C", Job: sub.AddProcess(jobs.VirtualPidBase + 2)}
	tb.Put(shell, a)
	tb.Put(sub, b)
	if tb.Get(shell, "C") != a || tb.Get(sub, "C") != b || tb.Get(shell, "D") != nil {
		t.Fatal("a subshell's coproc collides with its parent's")
	}
	if tb.ByFile(shell, mine) != a || tb.ByFile(sub, mine) != nil {
		t.Error("ByFile found an end in the wrong shell")
	}
	if len(tb.Exited(shell)) != 0 {
		t.Error("a running coproc is listed as exited")
	}
	b.Job.Finish(0)
	if ex := tb.Exited(sub); len(ex) != 1 || ex[0] != b || len(tb.Exited(shell)) != 0 {
		t.Errorf("Exited(sub) = %v", ex)
	}
	tb.Delete(sub, "C")
	if tb.Get(sub, "C") != nil || tb.Get(shell, "C") != a {
		t.Error("Delete removed the wrong entry")
	}
}

// Closing NAME[1] shuts down the socket's write side: the coproc reads
// end of file while its replies can still be read from NAME[0].
func TestClosingWriteEnd(t *testing.T) {
	mine, theirs, err := exec.Socketpair(nil)
	if err != nil {
		t.Fatal(err)
	}
	defer theirs.Close()
	wdup, err := exec.Dup(nil, mine)
	if err != nil {
		t.Fatal(err)
	}
	defer mine.Close()
	defer wdup.Close()
	e := &Entry{Name: "C", Read: End{Fd: 60, File: mine}, Write: End{Fd: 61, File: wdup}}
	if r, w := e.Fds(); r != 60 || w != 61 {
		t.Fatalf("Fds = %d %d", r, w)
	}
	if e.Closing(nil, wdup) {
		t.Fatal("both ends reported closed after NAME[1] alone")
	}
	if r, w := e.Fds(); r != 60 || w != -1 {
		t.Fatalf("after closing NAME[1] Fds = %d %d, want 60 -1", r, w)
	}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		b, err := io.ReadAll(theirs) // ends at the shutdown
		if err != nil || len(b) != 0 {
			t.Errorf("the coproc read %q, %v", b, err)
		}
		io.WriteString(theirs, "reply")
	}()
	wg.Wait()
	buf := make([]byte, 5)
	if _, err := io.ReadFull(mine, buf); err != nil || string(buf) != "reply" {
		t.Errorf("the reply after the shutdown: %q, %v", buf, err)
	}
	if !e.Closing(nil, mine) {
		t.Error("both ends closed and Closing says otherwise")
	}
	if r, w := e.Fds(); r != -1 || w != -1 {
		t.Errorf("Fds = %d %d, want -1 -1", r, w)
	}
}

func TestNameAsProgram(t *testing.T) {
	for src, want := range map[string]string{
		"coproc cat 2>/dev/null": "coproc cat 2>/dev/null",
		"coproc cat <in arg":     "coproc cat <in arg",
		"coproc C { cat; }":      "coproc C { cat; }",
		"coproc cat":             "coproc cat",
	} {
		f, err := syntax.NewParser().Parse(strings.NewReader(src), "")
		if err != nil {
			t.Fatal(err)
		}
		c := f.Stmts[0].Cmd.(*syntax.CoprocClause)
		got := NameAsProgram(c)
		if got.Name != nil && strings.HasPrefix(want, "coproc cat") {
			t.Errorf("%q: NAME %q kept before a simple command", src, got.Name.Lit())
		}
		var sb strings.Builder
		syntax.NewPrinter(syntax.SingleLine(true)).Print(&sb, got)
		if sb.String() != want {
			t.Errorf("%q becomes %q, want %q", src, sb.String(), want)
		}
	}
}

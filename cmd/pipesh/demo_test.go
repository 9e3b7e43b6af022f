package main

// The demos in testdata/demo are the seed documents turned into scripts.
// Each must print what the document's C program prints, so the tests run
// both: the C program compiled with cc, and the script under pipesh.

import (
	"bytes"
	"context"
	"os"
	osexec "os/exec"
	"path/filepath"
	"testing"
)

// seedsDir is ../shared/seeds beside the repository root: the seed C
// programs, compiled when it is there. What they print is also kept in
// demoDir, so a clone without ../shared checks the demos all the same.
const (
	seedsDir = "../../../shared/seeds"
	demoDir  = "../../testdata/demo"
)

// runDemo runs cmd with a timeout and returns its stdout, failing the test
// on a non-zero exit.
func runDemo(t *testing.T, name string, args []string, env []string) []byte {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), caseTimeout)
	defer cancel()
	cmd := osexec.CommandContext(ctx, name, args...)
	cmd.Env = env
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %q: %v\nstderr:\n%s", name, args, err, stderr.Bytes())
	}
	return stdout.Bytes()
}

func demoEnv() []string {
	return []string{"PATH=" + binDir + ":/usr/local/bin:/usr/bin:/bin", "LC_ALL=C"}
}

// TestDemoPipeRecorded checks pipe.sh against pipe.out, what pipe.c
// printed when the document was written (kept in testdata/demo). It needs
// no C compiler and no ../shared.
func TestDemoPipeRecorded(t *testing.T) {
	sh := needPipesh(t)
	want, err := os.ReadFile(filepath.Join(demoDir, "pipe.out"))
	if err != nil {
		t.Fatal(err)
	}
	got := runDemo(t, sh, []string{"../../testdata/demo/pipe.sh"}, demoEnv())
	if !bytes.Equal(got, want) {
		t.Errorf("pipe.sh printed (-want +got):\n%s", diff(string(want), string(got)))
	}
}

// TestDemoPipeMatchesC compiles pipe.c and checks that pipe.sh prints the
// same, both when run by pipesh and when run directly through its
// #!/usr/bin/env pipesh line.
func TestDemoPipeMatchesC(t *testing.T) {
	sh := needPipesh(t)
	src := filepath.Join(seedsDir, "pipe.c")
	if _, err := os.Stat(src); err != nil {
		t.Skipf("seed program not found: %v", err)
	}
	cc, err := osexec.LookPath("cc")
	if err != nil {
		t.Skip("cc not installed")
	}
	bin := filepath.Join(t.TempDir(), "pipe")
	if out, err := osexec.Command(cc, "-o", bin, src).CombinedOutput(); err != nil {
		t.Fatalf("cc %s: %v\n%s", src, err, out)
	}
	want := runDemo(t, bin, nil, demoEnv())
	if len(want) == 0 {
		t.Fatal("pipe.c printed nothing")
	}
	script, err := filepath.Abs("../../testdata/demo/pipe.sh")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		argv []string
	}{
		{"pipesh pipe.sh", []string{sh, script}},
		{"./pipe.sh", []string{script}},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := runDemo(t, c.argv[0], c.argv[1:], demoEnv())
			if !bytes.Equal(got, want) {
				t.Errorf("pipe.c and pipe.sh differ (-pipe.c +pipe.sh):\n%s", diff(string(want), string(got)))
			}
		})
	}
}

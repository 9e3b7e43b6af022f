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
	"regexp"
	"strings"
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

// TestDemoTracesShowChildren runs each demo under the IPC trace: its
// children are processes pipesh started (spawned with their fd maps),
// none runs inside the shell, the shell closes the ends it gave away, and
// it waits for every child, as the seed programs' parents do.
func TestDemoTracesShowChildren(t *testing.T) {
	sh := needPipesh(t)
	for _, c := range []struct {
		script   string
		children int
		want     []string
	}{
		{"pipe.sh", 2, []string{
			`(?m)^ipc \S+: pipe\(\) = \[\d+, \d+\] pipe#1$`,
			`(?m)^ipc \S+: spawn pid \d+ 'pipesh --subshell \d+ parent': 0</dev/null 1<pipe#1\.w 2<\S+ \d+</memfd:pipesh-subshell-state`,
			`(?m)^ipc \S+: spawn pid \d+ 'pipesh --subshell \d+ child': 0<pipe#1\.r 1<\S+ 2<\S+ \d+</memfd:pipesh-subshell-state`,
			`(?m)^ipc \S+: close \d+ \(pipe#1\.w\) in shell$`,
			`(?m)^ipc \S+: close \d+ \(pipe#1\.r\) in shell$`,
		}},
		{"socketpair.sh", 3, []string{
			`(?m)^ipc \S+: socketpair\(\) = \[\d+, \d+\] sock#3$`,
			`(?m)^ipc \S+: spawn pid \d+ 'pipesh --subshell \d+ \{ child 3; \}': 0<sock#3\.1 1<sock#3\.1 `,
			`(?m)^ipc \S+: shutdown\(\d+, SHUT_WR\) \(sock#3\.0\)$`,
		}},
	} {
		t.Run(c.script, func(t *testing.T) {
			dir := t.TempDir()
			trace := filepath.Join(dir, "trace")
			env := append(demoEnv(), "PIPESH_TRACE="+trace)
			runDemo(t, sh, []string{"--ipctrace", filepath.Join(demoDir, c.script)}, env)
			data, err := os.ReadFile(trace)
			if err != nil {
				t.Fatal(err)
			}
			all := string(data)
			for _, re := range c.want {
				if !regexp.MustCompile(re).MatchString(all) {
					t.Errorf("no line matches %s in\n%s", re, all)
				}
			}
			if strings.Contains(all, "in-process") {
				t.Errorf("a child ran inside the shell:\n%s", all)
			}
			spawns := regexp.MustCompile(`(?m)^ipc \S+: spawn pid (\d+) 'pipesh --subshell`).FindAllStringSubmatch(all, -1)
			if len(spawns) != c.children {
				t.Errorf("%d children spawned, want %d:\n%s", len(spawns), c.children, all)
			}
			for _, m := range spawns {
				if !strings.Contains(all, "wait pid "+m[1]+" = exit 0") {
					t.Errorf("child %s not waited for with status 0:\n%s", m[1], all)
				}
			}
		})
	}
}

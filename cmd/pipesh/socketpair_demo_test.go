package main

// socketpair.sh is the second seed document (one socketpair per child,
// three children, hello and reply both ways) written with pipesh's
// coprocs. The order of its lines is not fixed, so the tests compare
// sorted output, as socketpair.sorted.out records it.

import (
	"bytes"
	"os"
	osexec "os/exec"
	"path/filepath"
	"sort"
	"testing"
)

// sortedLines returns b's lines sorted, each ending in a newline.
func sortedLines(b []byte) []byte {
	ls := bytes.SplitAfter(b, []byte("\n"))
	if n := len(ls); n > 0 && len(ls[n-1]) == 0 {
		ls = ls[:n-1]
	}
	for i, l := range ls {
		if !bytes.HasSuffix(l, []byte("\n")) {
			ls[i] = append(l, '\n')
		}
	}
	sort.Slice(ls, func(i, j int) bool { return bytes.Compare(ls[i], ls[j]) < 0 })
	return bytes.Join(ls, nil)
}

// TestDemoSocketpairRecorded checks socketpair.sh, sorted, against
// socketpair.sorted.out. It runs the script several times, since a
// scheduling-dependent bug would show only in some orders.
func TestDemoSocketpairRecorded(t *testing.T) {
	sh := needPipesh(t)
	want, err := os.ReadFile(filepath.Join(demoDir, "socketpair.sorted.out"))
	if err != nil {
		t.Fatal(err)
	}
	for range 5 {
		got := sortedLines(runDemo(t, sh, []string{"../../testdata/demo/socketpair.sh"}, demoEnv()))
		if !bytes.Equal(got, want) {
			t.Fatalf("socketpair.sh printed, sorted (-want +got):\n%s", diff(string(want), string(got)))
		}
	}
}

// TestDemoSocketpairMatchesCpp compiles socketpair.cpp with the machine's
// c++ and checks that the script prints the same lines, both run by
// pipesh and run directly through its #!/usr/bin/env pipesh line.
func TestDemoSocketpairMatchesCpp(t *testing.T) {
	sh := needPipesh(t)
	src := filepath.Join(seedsDir, "socketpair.cpp")
	if _, err := os.Stat(src); err != nil {
		t.Skipf("seed program not found: %v", err)
	}
	cxx, err := osexec.LookPath("c++")
	if err != nil {
		t.Skip("c++ not installed")
	}
	bin := filepath.Join(t.TempDir(), "socketpair")
	if out, err := osexec.Command(cxx, "-o", bin, src).CombinedOutput(); err != nil {
		t.Fatalf("c++ %s: %v\n%s", src, err, out)
	}
	// the C++ program sends NUL-terminated strings, but prints them with
	// cout << buffer, so no NUL reaches its output
	want := sortedLines(runDemo(t, bin, nil, demoEnv()))
	if len(want) == 0 {
		t.Fatal("socketpair.cpp printed nothing")
	}
	script, err := filepath.Abs("../../testdata/demo/socketpair.sh")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		argv []string
	}{
		{"pipesh", []string{sh, script}},
		{"shebang", []string{script}},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := sortedLines(runDemo(t, c.argv[0], c.argv[1:], demoEnv()))
			if !bytes.Equal(got, want) {
				t.Errorf("socketpair.sh and socketpair.cpp differ, sorted (-cpp +script):\n%s", diff(string(want), string(got)))
			}
		})
	}
}

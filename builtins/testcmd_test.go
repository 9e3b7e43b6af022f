package builtins

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// testFake is what test and [ use.
type testFake struct {
	fakeCore
	*fakeVars
	*fakeOptions
	fakeFds
	*fakeDirs
}

// TestTestBash runs test expressions through our test and bash's, in a
// directory with one file of each kind, and compares status and stderr.
func TestTestBash(t *testing.T) {
	dir := t.TempDir()
	must := func(err error) {
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.WriteFile(filepath.Join(dir, "file"), []byte("x"), 0o644))
	must(os.WriteFile(filepath.Join(dir, "empty"), nil, 0o600))
	must(os.WriteFile(filepath.Join(dir, "exe"), nil, 0o755))
	must(os.Mkdir(filepath.Join(dir, "dir"), 0o755))
	must(os.Symlink("file", filepath.Join(dir, "link")))
	must(os.Symlink("nowhere", filepath.Join(dir, "dangling")))
	must(syscall.Mkfifo(filepath.Join(dir, "fifo"), 0o644))
	must(os.Chmod(filepath.Join(dir, "dir"), 0o755|os.ModeSticky))

	cases := [][]string{
		{}, {""}, {"a"}, {"-n"}, {"!"}, {"-z", ""}, {"-n", ""}, {"!", ""}, {"!", "a"},
		{"a", "b"}, {"-l", "a"}, {"a", "-a"},
		{"a", "=", "a"}, {"a", "==", "b"}, {"a", "!=", "b"}, {"a", "<", "b"}, {"b", ">", "a"},
		{"a", "b", "c"}, {"(", "a", ")"}, {"(", "", ")"}, {"!", "-z", "a"}, {"a", "-a", ""}, {"", "-o", "b"},
		{"1", "-eq", "1"}, {" 1 ", "-eq", "1"}, {"1", "-eq", "x"}, {"-5", "-lt", "3"}, {"08", "-eq", "8"},
		{"99999999999999999999", "-eq", "1"}, {"2", "-ge", "3"}, {"+3", "-le", "3"}, {"1", "-ne", ""},
		{"!", "a", "=", "a"}, {"(", "-n", "x", ")"}, {"(", "a", "b", "c"}, {"a", "-a", "b", "-o"},
		{"a", "b", "c", "d", "e"}, {"-z", "a", "-a", "-n"}, {"x", "-eq", "1", "-a", "1"},
		{"(", "(", "a", ")", ")"}, {"a", "="}, {"", "-a"}, {"!", "!", "a", "-a", "b"},
		{"-e", "file"}, {"-f", "file"}, {"-f", "dir"}, {"-d", "dir"}, {"-s", "file"}, {"-s", "empty"},
		{"-h", "link"}, {"-L", "dangling"}, {"-e", "dangling"}, {"-p", "fifo"}, {"-f", "fifo"},
		{"-x", "exe"}, {"-x", "file"}, {"-r", "file"}, {"-w", "file"}, {"-k", "dir"}, {"-u", "file"},
		{"-O", "file"}, {"-G", "file"}, {"-e", "nope"}, {"-c", "/dev/null"}, {"-S", "file"},
		{"file", "-ef", "link"}, {"file", "-nt", "nope"}, {"nope", "-ot", "file"}, {"-e", ""},
		{"-t"}, {"-t", "9"}, {"-v", "HOME"}, {"-v", "NOPE_VAR"}, {"-o", "errexit"},
		{"-f", "file", "-a", "-d", "dir"}, {"-f", "nope", "-o", "(", "-d", "dir", ")"}, {"(", "a", "-a"},
	}
	sh := &testFake{fakeVars: newFakeVars(), fakeOptions: newFakeOptions(), fakeDirs: newFakeDirs()}
	sh.dir = dir
	sh.vars["HOME"] = varStr("/root")
	for _, args := range cases {
		for _, name := range []string{"test", "["} {
			a := args
			if name == "[" {
				a = append(append([]string{}, args...), "]")
			}
			_, gotErr, got := runBuiltin(t, sh, nil, name, a...)
			_, wantErr, want := bashRun(t, "cd "+shq([]string{dir})+" && HOME=/root; unset NOPE_VAR; "+name+" "+shq(a), nil)
			if got != want || gotErr != wantErr {
				t.Errorf("%s %s: got %d %q, want %d %q", name, strings.Join(a, " "), got, gotErr, want, wantErr)
			}
		}
	}
	if _, e, st := runBuiltin(t, sh, nil, "[", "a"); st != 2 || e != "bash: line 1: [: missing `]'\n" {
		t.Errorf("[ a: %d %q", st, e)
	}
}

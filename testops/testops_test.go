package testops

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"mvdan.cc/sh/v3/expand"
)

// fakeEnv is a shell with some variables, options and fds, in dir.
type fakeEnv struct {
	vars map[string]expand.Variable
	opts map[string]bool
	fds  map[int]*os.File
	dir  string
}

func (e *fakeEnv) Var(name string) expand.Variable { return e.vars[name] }
func (e *fakeEnv) Option(name string) bool         { return e.opts[name] }
func (e *fakeEnv) Dir() string                     { return e.dir }
func (e *fakeEnv) Fd(n int) (*os.File, bool) {
	f, ok := e.fds[n]
	return f, ok
}

// EvalArith knows "i+1", with i=1.
func (e *fakeEnv) EvalArith(expr string) (int, error) {
	if expr == "i+1" {
		return 2, nil
	}
	return 0, fmt.Errorf("%s: not known", expr)
}

func newEnv(t *testing.T) *fakeEnv {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "file"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "empty"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("file", filepath.Join(dir, "link")); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(filepath.Join(dir, "file"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return &fakeEnv{
		vars: map[string]expand.Variable{
			"s":   {Set: true, Kind: expand.String, Str: "v"},
			"a":   {Set: true, Kind: expand.Indexed, List: []string{"x", "z"}, Indexes: []int{1, 2}},
			"m":   {Set: true, Kind: expand.Associative, Map: map[string]string{"k": "v"}},
			"ref": {Set: true, Kind: expand.NameRef, Str: "s"},
		},
		opts: map[string]bool{"errexit": true},
		fds:  map[int]*os.File{5: f},
		dir:  dir,
	}
}

func TestUnary(t *testing.T) {
	e := newEnv(t)
	for _, tc := range []struct {
		op, arg string
		want    bool
	}{
		{"-n", "x", true}, {"-z", "x", false}, {"-z", "", true},
		{"-v", "s", true}, {"-v", "nope", false}, {"-v", "ref", true},
		{"-v", "a", false}, // element 0 is unset
		{"-v", "a[1]", true}, {"-v", "a[i+1]", true}, {"-v", "a[-1]", true}, {"-v", "a[3]", false},
		{"-v", "m[k]", true}, {"-v", "m[j]", false}, {"-v", "s[0]", true}, {"-v", "s[1]", false},
		{"-R", "ref", true}, {"-R", "s", false},
		{"-o", "errexit", true}, {"-o", "nounset", false},
		{"-f", "file", true}, {"-f", "nope", false}, {"-d", ".", true}, {"-d", "file", false},
		{"-s", "file", true}, {"-s", "empty", false}, {"-h", "link", true}, {"-L", "file", false},
		{"-e", "link", true}, {"-r", "/dev/fd/5", true}, {"-s", "/dev/fd/5", true}, {"-e", "/dev/fd/9", false},
		{"-t", "5", false}, {"-q", "x", false},
	} {
		if got := UnaryTest(e, tc.op, tc.arg); got != tc.want {
			t.Errorf("%s %s: got %v, want %v", tc.op, tc.arg, got, tc.want)
		}
	}
}

func TestBinary(t *testing.T) {
	e := newEnv(t)
	old := time.Now().Add(-time.Hour)
	if err := os.Chtimes(filepath.Join(e.dir, "empty"), old, old); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		a, op, b string
		want     bool
	}{
		{"a", "=", "a", true}, {"a", "!=", "a", false}, {"a", "<", "b", true}, {"b", ">", "a", true},
		{" 3 ", "-eq", "3", true}, {"-2", "-lt", "1", true}, {"2", "-ge", "3", false},
		{"file", "-nt", "empty", true}, {"empty", "-ot", "file", true},
		{"file", "-nt", "nope", true}, {"nope", "-nt", "file", false}, {"nope", "-ot", "file", true},
		{"file", "-ef", "link", true}, {"file", "-ef", "empty", false},
	} {
		got, err := BinaryTest(e, tc.op, tc.a, tc.b)
		if err != nil || got != tc.want {
			t.Errorf("%q %s %q: got %v, %v; want %v", tc.a, tc.op, tc.b, got, err, tc.want)
		}
	}
	if _, err := BinaryTest(e, "-eq", "1x", "1"); err == nil || err.Error() != "1x: integer expression expected" {
		t.Errorf("-eq with 1x: got error %v, want bash's integer expression expected", err)
	}
}

func TestOperators(t *testing.T) {
	for _, op := range []string{"-f", "-z", "-v", "-N"} {
		if !IsUnaryTestOp(op) {
			t.Errorf("%s should be a unary operator", op)
		}
	}
	for _, op := range []string{"-y", "f", "--"} {
		if IsUnaryTestOp(op) {
			t.Errorf("%s should not be a unary operator", op)
		}
	}
	if !IsBinaryTestOp("-nt") || IsBinaryTestOp("-a") {
		t.Error("-nt is binary, -a a connective")
	}
}

func TestDecimalSubscriptNeedsNoArith(t *testing.T) {
	e := newEnv(t)
	if !UnaryTest(e, "-v", "a[1]") {
		t.Error("-v a[1]: want set")
	}
	if UnaryTest(e, "-v", "a[ 7 ]") {
		t.Error("-v a[ 7 ]: want unset")
	}
}

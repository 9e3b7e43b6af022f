package shell

import (
	"os"
	"strings"
	"testing"

	"mvdan.cc/sh/v3/expand"
	"mvdan.cc/sh/v3/syntax"

	"pipesh/assign"
)

// arithRunner is a shell with nothing run yet, for evaluating text.
func arithRunner(t *testing.T) *Runner {
	t.Helper()
	null, err := os.OpenFile(os.DevNull, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { null.Close() })
	r, err := New(Config{Name: "t", Stdin: null, Stdout: null, Stderr: null, Env: []string{"LC_ALL=C"}, Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestEvalArith(t *testing.T) {
	r := arithRunner(t)
	r.setVar("e", str("2+3"))
	r.setVar("five", str("5"))
	r.setVar("rec", str("rec"))
	r.setVar("bad", str("42x"))
	r.setVar("arr", expand.Variable{Set: true, Kind: expand.Indexed, List: []string{"10", "20", "30"}})
	r.setVar("asc", expand.Variable{Set: true, Kind: expand.Associative, Map: map[string]string{"k": "7", "0": "9"}})
	// the evaluator's own table (arith/eval_test.go) has the expressions
	// without variables; these are the ones that read the shell's
	tests := []struct {
		in   string
		want int
		err  string // the whole message when an error is expected
	}{
		{in: "010 + 0x10 + 0X1f", want: 8 + 16 + 31},
		{in: "2#101 + 16#ff + 36#Z + 62#Z + 64#@_", want: 5 + 255 + 35 + 61 + 4031},
		{in: "0x", want: 0},
		{in: "e*2", want: 10},
		{in: "five", want: 5},
		{in: "unset_var + 1", want: 1},
		{in: "arr + arr[1] + arr[-1] + arr[1+1]", want: 10 + 20 + 30 + 30},
		{in: "arr[7]", want: 0},
		{in: "asc + asc[k] + asc['k']", want: 9 + 7 + 7},
		{in: "x = 3, x += 2, x *= 3, x -= 1, x /= 2, x %= 4, x <<= 3, x >>= 1, x &= 6, x |= 1, x ^= 2", want: 7},
		{in: "y = 5, y++ + ++y", want: 12},
		{in: "z = 5, z-- - --z", want: 2},
		{in: "42x", err: `42x: value too great for base (error token is "42x")`},
		{in: "bad + 1", err: `42x: value too great for base (error token is "42x")`},
		{in: "rec", err: `rec: expression recursion level exceeded (error token is "rec")`},
		{in: "a[1", err: `a[1: bad array subscript (error token is "a[1")`},
	}
	for _, tt := range tests {
		got, err := r.evalArith(tt.in)
		switch {
		case tt.err != "":
			if err == nil || err.Error() != tt.err {
				t.Errorf("%q: got %d, %v; want error %s", tt.in, got, err, tt.err)
			}
		case err != nil:
			t.Errorf("%q: unexpected error %v", tt.in, err)
		case got != tt.want:
			t.Errorf("%q = %d, want %d", tt.in, got, tt.want)
		}
	}
}

func TestEvalArithAssignsElements(t *testing.T) {
	r := arithRunner(t)
	r.setVar("m", expand.Variable{Set: true, Kind: expand.Associative, Map: map[string]string{}})
	r.setVar("x", str("1/0")) // about to be assigned: not read
	for _, s := range []string{"a[2] = 7", "a[2] += 1", "a[0]++", "m[key] = 4", "m[key]++", "i = 1, a[i+2] = 9", "x = 5"} {
		if _, err := r.evalArith(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
	a := r.lookupVar("a")
	if got := []string{assign.IndexGet(a, 0), assign.IndexGet(a, 2), assign.IndexGet(a, 3)}; got[0] != "1" || got[1] != "8" || got[2] != "9" {
		t.Errorf("a = %v (%q), want 1 8 9 at 0 2 3", got, a.List)
	}
	if got := r.lookupVar("m").Map["key"]; got != "5" {
		t.Errorf("m[key] = %q, want 5", got)
	}
	if got := r.lookupVar("x").String(); got != "5" {
		t.Errorf("x = %q, want 5", got)
	}
}

// BenchmarkEvalArith is the loop counter's i+1.
func BenchmarkEvalArith(b *testing.B) {
	r := arithRunner(&testing.T{})
	r.setVar("i", str("12345"))
	for b.Loop() {
		if _, err := r.evalArith("i+1"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkArithExp is $(( i + 1 )) as a loop evaluates it: from the
// parsed word, each time.
func BenchmarkArithExp(b *testing.B) {
	r := arithRunner(&testing.T{})
	r.setVar("i", str("12345"))
	f, err := syntax.NewParser().Parse(strings.NewReader("echo $(( i + 1 ))"), "")
	if err != nil {
		b.Fatal(err)
	}
	var ae *syntax.ArithmExp
	syntax.Walk(f, func(n syntax.Node) bool {
		if x, ok := n.(*syntax.ArithmExp); ok {
			ae = x
		}
		return true
	})
	b.ReportAllocs()
	for b.Loop() {
		if _, err := r.arithExp(ae); err != nil {
			b.Fatal(err)
		}
	}
}

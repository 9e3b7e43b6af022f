package shell

import (
	"os"
	"testing"

	"mvdan.cc/sh/v3/expand"
)

// FuzzEvalArith feeds arbitrary text to pipesh's arithmetic evaluator,
// which has no side effects beyond the shell's variables: whatever the
// text, it must give a number or an error, never a panic or a hang.
func FuzzEvalArith(f *testing.F) {
	for _, s := range []string{
		"1+2*3", "x=5, x**2", "a[1]=3, a[1]++", "m[k]+=2", "2#101 + 16#ff + 64#@_",
		"1/0", "(1 ? 2 : 3) << 70", "-9223372036854775808 / -1", "e*2", "rec",
		"x+=x+=1", "!~-+1", "08", "1 +", "((((1))))", "a[a[a[0]]]",
	} {
		f.Add(s)
	}
	null, err := os.OpenFile(os.DevNull, os.O_RDWR, 0)
	if err != nil {
		f.Fatal(err)
	}
	defer null.Close()
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, s string) {
		r, err := New(Config{Name: "fuzz", Stdin: null, Stdout: null, Stderr: null, Env: []string{"LC_ALL=C"}, Dir: dir})
		if err != nil {
			t.Fatal(err)
		}
		r.setVar("e", str("2+3"))
		r.setVar("rec", str("rec"))
		r.setVar("a", expand.Variable{Set: true, Kind: expand.Indexed, List: []string{"1", "2"}})
		r.setVar("m", expand.Variable{Set: true, Kind: expand.Associative, Map: map[string]string{"k": "7"}})
		r.evalArith(s) // must return, whatever it returns
	})
}

package arith

import (
	"fmt"
	"maps"
	"testing"
)

// FuzzEval feeds arbitrary text to the evaluator: whatever the text, it
// must give a number or an error, never a panic or a hang, and the
// parsed form kept in a Cache must do exactly what a fresh parse does.
func FuzzEval(f *testing.F) {
	for _, s := range []string{
		"1+2*3", "x=5, x**2", "a[1]=3, a[1]++", "m[k]+=2", "2#101 + 16#ff + 64#@_",
		"1/0", "(1 ? 2 : 3) << 70", "-9223372036854775808 / -1", "e*2", "rec",
		"x+=x+=1", "!~-+1", "08", "1 +", "((((1))))", "a[a[a[0]]]",
		"0 && (x = 1/0)", "1 || a[i++]++", "c ? a[i++] += 2 : 3", "x = 1, 2 +",
	} {
		f.Add(s)
	}
	vars := func() *testVars {
		v := newTestVars()
		v.str["e"] = "2+3"
		v.str["rec"] = "rec"
		v.list["a"] = []string{"1", "2"}
		v.assoc["m"] = map[string]string{"k": "7"}
		return v
	}
	cache := new(Cache)
	f.Fuzz(func(t *testing.T, s string) {
		v1, v2 := vars(), vars()
		n1, err1 := Eval(s, v1, nil)
		Eval(s, vars(), cache) // the first use parses and keeps it
		n2, err2 := Eval(s, v2, cache)
		if n1 != n2 || fmt.Sprint(err1) != fmt.Sprint(err2) {
			t.Fatalf("%q: %d, %v parsed; %d, %v cached", s, n1, err1, n2, err2)
		}
		if !maps.Equal(v1.str, v2.str) || fmt.Sprint(v1.list) != fmt.Sprint(v2.list) || fmt.Sprint(v1.assoc) != fmt.Sprint(v2.assoc) {
			t.Fatalf("%q: variables differ between parsed and cached", s)
		}
	})
}

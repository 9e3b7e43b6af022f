package arith

import (
	"bufio"
	"bytes"
	"fmt"
	"math/rand/v2"
	"os/exec"
	"strings"
	"testing"
)

// randomExpr makes an expression of operators, constants (good and bad),
// variables, elements, assignments, increments and stray characters.
func randomExpr(r *rand.Rand, depth int) string {
	atoms := []string{"1", "0", "2", "x", "y", "a[1]", "a[i]", "m[k]", "e", "i", "07", "0x1f",
		"2#11", "-1", "u", "a[-1]", "a[i+1]", "08", "3#", "@", "f"}
	ops := []string{"+", "-", "*", "/", "%", "**", "<<", ">>", "<", ">", "<=", ">=", "==", "!=",
		"&", "^", "|", "&&", "||", ","}
	assigns := []string{"=", "+=", "-=", "*=", "/=", "%=", "<<=", "&=", "|="}
	p := r.Float64()
	switch {
	case depth > 3 || p < 0.3:
		a := atoms[r.IntN(len(atoms))]
		if r.Float64() < 0.1 {
			a = []string{"++", "--", "-", "!", "~"}[r.IntN(5)] + a
		}
		if r.Float64() < 0.1 && a[0] >= 'a' {
			a += []string{"++", "--"}[r.IntN(2)]
		}
		return a
	case p < 0.4:
		return "(" + randomExpr(r, depth+1) + ")"
	case p < 0.5:
		return randomExpr(r, depth+1) + " ? " + randomExpr(r, depth+1) + " : " + randomExpr(r, depth+1)
	case p < 0.6:
		return []string{"x", "y", "a[1]", "m[k]"}[r.IntN(4)] + " " + assigns[r.IntN(len(assigns))] + " " + randomExpr(r, depth+1)
	}
	s := randomExpr(r, depth+1) + " " + ops[r.IntN(len(ops))] + " " + randomExpr(r, depth+1)
	if r.Float64() < 0.05 {
		s += " " + []string{"+", ")", "(", "@", "09"}[r.IntN(5)]
	}
	return s
}

// TestEvalRandomLikeBash evaluates random expressions in bash and here,
// over the same variables, and compares the value or the error message
// and the variables afterwards.
func TestEvalRandomLikeBash(t *testing.T) {
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("no bash")
	}
	r := rand.New(rand.NewPCG(1, 2))
	exprs := make([]string, 500)
	var script strings.Builder
	for i := range exprs {
		exprs[i] = randomExpr(r, 0)
		fmt.Fprintf(&script, "( x=3 y=5 i=1 e='x+y' f='x=i++' a=(4 5 6); declare -A m=([k]=7); E='%s'; "+
			"echo \"$(($E))\" \"x=$x y=$y i=$i a=${a[*]} m=${m[k]}\" ) 2>&1\n", exprs[i])
	}
	cmd := exec.Command(bash)
	cmd.Stdin = strings.NewReader(script.String())
	out, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(bytes.NewReader(out))
	for i, e := range exprs {
		if !sc.Scan() {
			t.Fatalf("bash printed %d lines, want %d", i, len(exprs))
		}
		want := sc.Text()
		if msg, ok := strings.CutPrefix(want, bash+": line "); ok {
			_, want, _ = strings.Cut(msg, ": ")
		}
		v := newTestVars()
		v.str["x"], v.str["y"], v.str["i"], v.str["e"], v.str["f"] = "3", "5", "1", "x+y", "x=i++"
		v.list["a"] = []string{"4", "5", "6"}
		v.assoc["m"] = map[string]string{"k": "7"}
		n, err := Eval(e, v, nil)
		got := fmt.Sprintf("%d x=%s y=%s i=%s a=%s m=%s", n, v.str["x"], v.str["y"], v.str["i"], strings.Join(v.list["a"], " "), v.assoc["m"]["k"])
		if err != nil {
			got = err.Error()
		}
		if got != want {
			t.Errorf("$((%s)):\n got %s\nbash %s", e, got, want)
		}
	}
}

package shell

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"

	"pipesh/array"
)

// benchShell is a shell on /dev/null with n variables defined.
func benchShell(b *testing.B, n int) *Runner {
	b.Helper()
	null, err := os.OpenFile(os.DevNull, os.O_RDWR, 0)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { null.Close() })
	r, err := New(Config{Name: "bench", Stdin: null, Stdout: null, Stderr: null, Env: []string{"LC_ALL=C"}, Dir: b.TempDir()})
	if err != nil {
		b.Fatal(err)
	}
	var sb strings.Builder
	for i := range n {
		fmt.Fprintf(&sb, "V%d=value%d\n", i, i)
	}
	r.runString(context.Background(), sb.String(), "setup")
	return r
}

// BenchmarkCmdSubstVars times x=$(echo hi) with 10 and with 5,000
// variables defined: a subshell shares its parent's scopes (vars/scope.go), so
// the two should cost about the same (the executor issue's goal: the
// 5,000 case at most 1.5 times the 10 case).
//
//	go test ./shell -run '^$' -bench CmdSubstVars
func BenchmarkCmdSubstVars(b *testing.B) {
	for _, n := range []int{10, 5000} {
		b.Run(fmt.Sprintf("vars=%d", n), func(b *testing.B) {
			r := benchShell(b, n)
			f, err := Parse(strings.NewReader("x=$(echo hi)"), "bench")
			if err != nil {
				b.Fatal(err)
			}
			ctx := context.Background()
			for b.Loop() {
				r.runFile(ctx, f)
			}
			if got := r.lookupVar("x").String(); got != "hi" {
				b.Fatalf("x = %q", got)
			}
		})
	}
}

// BenchmarkArrayAssign times 20,000 element assignments a[i]=$i (one
// op), which change the array in place (vars/scope.go).
func BenchmarkArrayAssign(b *testing.B) {
	r := benchShell(b, 10)
	f, err := Parse(strings.NewReader("unset a; for ((i=0; i<20000; i++)); do a[i]=$i; done"), "bench")
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	for b.Loop() {
		r.runFile(ctx, f)
	}
	if got := array.Len(r.lookupVar("a")); got != 20000 {
		b.Fatalf("a has %d elements", got)
	}
}

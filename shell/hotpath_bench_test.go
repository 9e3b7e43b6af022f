package shell

import (
	"context"
	"strings"
	"testing"
)

// The interpreter's hot paths, one benchmark each, as the workloads of
// ../shared/bench/run exercise them (bench/compare.sh runs those against
// other shells); each op is one iteration of the workload's loop.
//
//	go test ./shell -run '^$' -bench HotPath -benchmem

// benchRun parses src once and runs it b.N times in a shell on /dev/null,
// then checks that $out is want.
func benchRun(b *testing.B, setup, src, want string) {
	b.Helper()
	r := benchShell(b, 10)
	ctx := context.Background()
	r.runString(ctx, setup, "setup")
	f, err := Parse(strings.NewReader(src), "bench")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		r.runFile(ctx, f)
	}
	if got := r.lookupVar("out").String(); got != want {
		b.Fatalf("out = %q, want %q", got, want)
	}
}

// BenchmarkHotPathLoop is one iteration of the loop workload: a test and
// an arithmetic assignment.
func BenchmarkHotPathLoop(b *testing.B) {
	benchRun(b, "i=0", `[ $i -lt 1000000000 ]; i=$((i+1)); out=ok`, "ok")
}

// BenchmarkHotPathTest is one `[ ]` builtin call.
func BenchmarkHotPathTest(b *testing.B) {
	benchRun(b, "i=5", `[ $i -lt 10 ] && out=ok`, "ok")
}

// BenchmarkHotPathFuncCall is one call of a function taking an argument.
func BenchmarkHotPathFuncCall(b *testing.B) {
	benchRun(b, "f() { out=$1; }", `f a`, "a")
}

// BenchmarkHotPathCmdSubst is one $(echo hi).
func BenchmarkHotPathCmdSubst(b *testing.B) {
	benchRun(b, "", `out=$(echo hi)`, "hi")
}

// BenchmarkHotPathEcho is one builtin echo to /dev/null.
func BenchmarkHotPathEcho(b *testing.B) {
	benchRun(b, "i=3 out=ok", `echo $i`, "ok")
}

// BenchmarkHotPathReadLoop is one `while read` loop over 1,000 lines of
// its own pipe, fed by a builtin loop (read buffers it: readloop.go).
func BenchmarkHotPathReadLoop(b *testing.B) {
	benchRun(b, "", `i=0; while [ $i -lt 1000 ]; do echo $i; i=$((i+1)); done | { n=0; while read -r l; do n=$((n+1)); done; [ $n = 1000 ]; }; [ $? = 0 ] && out=ok`, "ok")
}

// BenchmarkHotPathReadShared is the same loop reading a pipe it shares
// with cat: read takes a byte at a time.
func BenchmarkHotPathReadShared(b *testing.B) {
	benchRun(b, "", `i=0; while [ $i -lt 1000 ]; do echo $i; i=$((i+1)); done | { while read -r l; do [ $l = 999 ] && break; done; cat; }; out=ok`, "ok")
}

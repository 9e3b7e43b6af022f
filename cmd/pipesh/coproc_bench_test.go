package main

import (
	"bytes"
	osexec "os/exec"
	"testing"
	"time"
)

// BenchmarkCoproc10kRoundTrips runs bench/coproc_10k.bash (10,000
// request/response round trips through `coproc cat`) under pipesh and
// under bash in every iteration, alternating which goes first, and
// reports each shell's time per run and their ratio (pipesh/bash, below 1
// when pipesh is faster). Only the ratio means much on a noisy machine.
//
//	go test ./cmd/pipesh -run '^$' -bench Coproc -benchtime 5x
func BenchmarkCoproc10kRoundTrips(b *testing.B) {
	sh := pipeshBin
	if sh == "" {
		b.Skipf("pipesh not built: %v", buildErr)
	}
	bash, err := osexec.LookPath("bash")
	if err != nil {
		b.Skip("bash not installed")
	}
	const work = "../../bench/coproc_10k.bash"
	run := func(shell string) time.Duration {
		cmd := osexec.Command(shell, work)
		cmd.Env = demoEnv()
		start := time.Now()
		out, err := cmd.Output()
		d := time.Since(start)
		if err != nil || !bytes.Equal(out, []byte("9999\n")) {
			b.Fatalf("%s %s: %v, printed %q", shell, work, err, out)
		}
		return d
	}
	var p, s time.Duration
	for i := 0; b.Loop(); i++ {
		if i%2 == 0 {
			p += run(sh)
			s += run(bash)
		} else {
			s += run(bash)
			p += run(sh)
		}
	}
	n := float64(b.N)
	b.ReportMetric(float64(p.Milliseconds())/n, "pipesh-ms/op")
	b.ReportMetric(float64(s.Milliseconds())/n, "bash-ms/op")
	b.ReportMetric(float64(p)/float64(s), "pipesh/bash")
}

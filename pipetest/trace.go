package pipetest

import (
	"regexp"
	"sort"
	"strings"
	"sync"
)

// traceNumber is a part of an IPC trace line that changes from run to
// run (a pid, one of the shell's OS fd numbers, a byte count), and what
// it is replaced with.
type traceNumber struct {
	re   *regexp.Regexp
	with string
}

// traceNumbers are compiled on first use, not at init: this package is
// linked into pipesh (pipesh test), whose every start would pay for them.
var traceNumbers = sync.OnceValue(func() []traceNumber {
	return []traceNumber{
		{regexp.MustCompile(`pid \d+`), "pid N"},
		{regexp.MustCompile(`\[\d+, \d+\]`), "[N, N]"},
		{regexp.MustCompile(`(close |shutdown\()\d+`), "${1}N"},
		{regexp.MustCompile(`dup \d+ = \d+`), "dup N = N"},
		{regexp.MustCompile(` \(read \d+ B, wrote \d+ B\)`), ""},
	}
})

// normaliseTrace makes an IPC trace comparable across runs: pids, the
// shell's own fd numbers and byte counts become N, and the lines are
// sorted, since pipeline stages run at once and their lines interleave
// in any order.
func normaliseTrace(data []byte) []byte {
	if len(data) == 0 {
		return []byte{}
	}
	lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	for i, l := range lines {
		for _, n := range traceNumbers() {
			l = n.re.ReplaceAllString(l, n.with)
		}
		lines[i] = l
	}
	sort.Strings(lines)
	return []byte(strings.Join(lines, "\n") + "\n")
}

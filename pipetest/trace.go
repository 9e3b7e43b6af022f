package pipetest

import (
	"regexp"
	"sort"
	"strings"
)

// traceNumbers are the parts of an IPC trace line that change from run to
// run: pids, the shell's OS fd numbers, byte counts.
var traceNumbers = []struct {
	re   *regexp.Regexp
	with string
}{
	{regexp.MustCompile(`pid \d+`), "pid N"},
	{regexp.MustCompile(`\[\d+, \d+\]`), "[N, N]"},
	{regexp.MustCompile(`(close |shutdown\()\d+`), "${1}N"},
	{regexp.MustCompile(`dup \d+ = \d+`), "dup N = N"},
	{regexp.MustCompile(` \(read \d+ B, wrote \d+ B\)`), ""},
}

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
		for _, n := range traceNumbers {
			l = n.re.ReplaceAllString(l, n.with)
		}
		lines[i] = l
	}
	sort.Strings(lines)
	return []byte(strings.Join(lines, "\n") + "\n")
}

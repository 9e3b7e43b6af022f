package pipetest

import (
	"fmt"
	"regexp"
	"strings"
)

// reSuffix ends an expected line that is a regular expression: the line
// without it must match the whole output line (Go syntax, RE2).
const reSuffix = " (re)"

// lineMatch reports whether the output line got satisfies the expected
// line want: equal, or matched by want's pattern when want ends in " (re)".
func lineMatch(want, got string) bool {
	if want == got {
		return true
	}
	w := strings.TrimSuffix(want, "\n")
	pat, ok := strings.CutSuffix(w, reSuffix)
	if !ok {
		return false
	}
	re, err := regexp.Compile(`^(?:` + pat + `)$`)
	if err != nil {
		return false
	}
	return strings.HasSuffix(want, "\n") == strings.HasSuffix(got, "\n") && re.MatchString(strings.TrimSuffix(got, "\n"))
}

// badPatterns returns an error naming the first expected line whose
// pattern does not compile.
func badPatterns(want []byte) error {
	for _, l := range strings.Split(string(want), "\n") {
		if pat, ok := strings.CutSuffix(l, reSuffix); ok {
			if _, err := regexp.Compile(pat); err != nil {
				return fmt.Errorf("bad pattern in %q: %w", l, err)
			}
		}
	}
	return nil
}

// op is one line of an alignment: ' ' both sides, '-' want only, '+' got only.
type op struct {
	kind      byte
	want, got string
}

// align lines up want and got by their longest common subsequence under
// lineMatch.
func align(want, got string) []op {
	a, b := lineSlices(want), lineSlices(got)
	n, m := len(a), len(b)
	lcs := make([][]int32, n+1)
	for i := range lcs {
		lcs[i] = make([]int32, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if lineMatch(a[i], b[j]) {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var ops []op
	i, j := 0, 0
	for i < n && j < m {
		switch {
		case lineMatch(a[i], b[j]):
			ops = append(ops, op{' ', a[i], b[j]})
			i, j = i+1, j+1
		case lcs[i+1][j] >= lcs[i][j+1]:
			ops = append(ops, op{'-', a[i], ""})
			i++
		default:
			ops = append(ops, op{'+', "", b[j]})
			j++
		}
	}
	for ; i < n; i++ {
		ops = append(ops, op{'-', a[i], ""})
	}
	for ; j < m; j++ {
		ops = append(ops, op{'+', "", b[j]})
	}
	return ops
}

// lineSlices splits s after each newline; a last line without one is kept.
func lineSlices(s string) []string {
	if s == "" {
		return nil
	}
	l := strings.SplitAfter(s, "\n")
	if l[len(l)-1] == "" {
		l = l[:len(l)-1]
	}
	return l
}

// matches reports whether got satisfies want line by line.
func matches(want, got []byte) bool {
	a, b := lineSlices(string(want)), lineSlices(string(got))
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !lineMatch(a[i], b[i]) {
			return false
		}
	}
	return true
}

// unifiedDiff is a unified diff of want and got with three lines of
// context, labelled with the two names.
func unifiedDiff(wantName, gotName string, want, got []byte) string {
	ops := align(string(want), string(got))
	const context = 3
	var sb strings.Builder
	fmt.Fprintf(&sb, "--- %s\n+++ %s\n", wantName, gotName)
	for start := 0; start < len(ops); {
		// find the next change
		k := start
		for k < len(ops) && ops[k].kind == ' ' {
			k++
		}
		if k == len(ops) {
			break
		}
		lo := max(k-context, start)
		// extend the hunk while changes are within 2*context of each other
		hi := k
		for {
			for hi < len(ops) && ops[hi].kind != ' ' {
				hi++
			}
			next := hi
			for next < len(ops) && ops[next].kind == ' ' {
				next++
			}
			if next < len(ops) && next-hi <= 2*context {
				hi = next
				continue
			}
			hi = min(hi+context, len(ops))
			break
		}
		wl, gl := 1, 1
		for _, o := range ops[:lo] {
			if o.kind != '+' {
				wl++
			}
			if o.kind != '-' {
				gl++
			}
		}
		wn, gn := 0, 0
		for _, o := range ops[lo:hi] {
			if o.kind != '+' {
				wn++
			}
			if o.kind != '-' {
				gn++
			}
		}
		fmt.Fprintf(&sb, "@@ -%s +%s @@\n", hunkRange(wl, wn), hunkRange(gl, gn))
		for _, o := range ops[lo:hi] {
			switch o.kind {
			case ' ':
				writeDiffLine(&sb, " ", o.got)
			case '-':
				writeDiffLine(&sb, "-", o.want)
			case '+':
				writeDiffLine(&sb, "+", o.got)
			}
		}
		start = hi
	}
	return sb.String()
}

func hunkRange(start, n int) string {
	if n == 0 {
		return fmt.Sprintf("%d,0", start-1)
	}
	if n == 1 {
		return fmt.Sprint(start)
	}
	return fmt.Sprintf("%d,%d", start, n)
}

func writeDiffLine(sb *strings.Builder, prefix, s string) {
	sb.WriteString(prefix)
	sb.WriteString(s)
	if !strings.HasSuffix(s, "\n") {
		sb.WriteString("\n\\ No newline at end of file\n")
	}
}

// mergePatterns is got with each line that an expected pattern matched
// replaced by the pattern, so an update keeps the case's patterns.
func mergePatterns(want, got []byte) []byte {
	if !strings.Contains(string(want), reSuffix) {
		return got
	}
	var sb strings.Builder
	for _, o := range align(string(want), string(got)) {
		switch o.kind {
		case ' ':
			if strings.HasSuffix(strings.TrimSuffix(o.want, "\n"), reSuffix) {
				sb.WriteString(o.want)
			} else {
				sb.WriteString(o.got)
			}
		case '+':
			sb.WriteString(o.got)
		}
	}
	return []byte(sb.String())
}

// Diff is a unified diff of want and got ("-" want, "+" got), empty when
// they are equal line for line (lines ending in " (re)" in want are
// patterns, as in a case's expected sections).
func Diff(want, got []byte) string {
	if matches(want, got) {
		return ""
	}
	return unifiedDiff("want", "got", want, got)
}

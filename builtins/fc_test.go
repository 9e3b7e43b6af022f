package builtins

import (
	"strings"
	"testing"
)

// fcFake is what fc uses.
type fcFake struct {
	fakeCore
	*fakeVars
	fakeEval
	fakeHistory
}

func TestFc(t *testing.T) {
	sh := &fcFake{fakeVars: newFakeVars()}
	for _, tc := range []struct {
		args   []string
		out    string
		errOut string
		evals  string
		hist   string // the history after, | separated
		status int
	}{
		{[]string{"-l"}, "1\t echo aa a\n2\t ls\n", "", "", "echo aa a|ls|fc", 0},
		{[]string{"-ln", "-1"}, "\t ls\n", "", "", "echo aa a|ls|fc", 0},
		{[]string{"-lr", "1", "2"}, "2\t ls\n1\t echo aa a\n", "", "", "echo aa a|ls|fc", 0},
		{[]string{"-l", "2", "1"}, "2\t ls\n1\t echo aa a\n", "", "", "echo aa a|ls|fc", 0},
		{[]string{"-l", "ec"}, "1\t echo aa a\n2\t ls\n", "", "", "echo aa a|ls|fc", 0},
		{[]string{"-l", "zz"}, "", "bash: line 1: fc: history specification out of range\n", "", "echo aa a|ls|fc", 1},
		{[]string{"-s"}, "", "ls\n", "ls", "echo aa a|ls|ls", 0},
		{[]string{"-s", "a=b", "ech"}, "", "echo bb b\n", "echo bb b", "echo aa a|ls|echo bb b", 0},
		{[]string{"-e", "-", "1"}, "", "echo aa a\n", "echo aa a", "echo aa a|ls|echo aa a", 0},
		{[]string{"-s", "zz"}, "", "bash: line 1: fc: no command found\n", "", "echo aa a|ls|fc", 1},
		{[]string{"-x"}, "", "bash: line 1: fc: -x: invalid option\nfc: usage: " + fcUsage + "\n", "", "echo aa a|ls|fc", 2},
	} {
		sh.history = []string{"echo aa a", "ls", "fc"}
		sh.evals = nil
		out, errOut, st := runBuiltin(t, sh, nil, "fc", tc.args...)
		evals := strings.Join(sh.evals, "|")
		hist := strings.Join(sh.history, "|")
		if out != tc.out || errOut != tc.errOut || st != tc.status || evals != tc.evals || hist != tc.hist {
			t.Errorf("fc %q: got %q %q %d evals %q hist %q, want %q %q %d evals %q hist %q",
				tc.args, out, errOut, st, evals, hist, tc.out, tc.errOut, tc.status, tc.evals, tc.hist)
		}
	}
}

package builtins

import (
	"strings"
	"testing"

	"mvdan.cc/sh/v3/expand"
)

// historyFake is what history uses.
type historyFake struct {
	fakeCore
	*fakeVars
	fakeHistory
}

func TestHistory(t *testing.T) {
	sh := &historyFake{fakeVars: newFakeVars()}
	sh.history = []string{"echo a", "for i in 1; do echo $i; done", "history"}
	for _, tc := range []struct {
		args   []string
		out    string
		errOut string
		status int
	}{
		{nil, "    1  echo a\n    2  for i in 1; do echo $i; done\n    3  history\n", "", 0},
		{[]string{"1"}, "    3  history\n", "", 0},
		{[]string{"0"}, "", "", 0},
		{[]string{"99"}, "    1  echo a\n    2  for i in 1; do echo $i; done\n    3  history\n", "", 0},
		{[]string{"x"}, "", "bash: line 1: history: x: numeric argument required\n", 1},
		{[]string{"1", "2"}, "", "bash: line 1: history: too many arguments\n", 1},
		{[]string{"-z"}, "", "bash: line 1: history: -z: invalid option\nhistory: usage: " + historyUsage + "\n", 2},
	} {
		out, errOut, st := runBuiltin(t, sh, nil, "history", tc.args...)
		if out != tc.out || errOut != tc.errOut || st != tc.status {
			t.Errorf("history %q: got %q %q %d, want %q %q %d", tc.args, out, errOut, st, tc.out, tc.errOut, tc.status)
		}
	}
	if _, _, st := runBuiltin(t, sh, nil, "history", "-c"); st != 0 || sh.history != nil {
		t.Fatalf("history -c: status %d, list %q", st, sh.history)
	}
}

func TestHistoryEdit(t *testing.T) {
	sh := &historyFake{fakeVars: newFakeVars()}
	for _, tc := range []struct {
		hist   []string
		args   []string
		want   []string
		out    string
		errOut string
		status int
	}{
		{[]string{"a", "b", "c", "history -d 2"}, []string{"-d", "2"}, []string{"a", "c", "history -d 2"}, "", "", 0},
		{[]string{"a", "b", "c", "history -d -2"}, []string{"-d", "-2"}, []string{"a", "b", "history -d -2"}, "", "", 0},
		{[]string{"a", "b", "c", "history -d 1-3"}, []string{"-d", "1-3"}, []string{"history -d 1-3"}, "", "", 0},
		{[]string{"a", "x"}, []string{"-d", "9"}, []string{"a", "x"}, "", "bash: line 1: history: 9: history position out of range\n", 1},
		{[]string{"a", "x"}, []string{"-d", "z"}, []string{"a", "x"}, "", "bash: line 1: history: z: history position out of range\n", 1},
		{[]string{"a", "history -s"}, []string{"-s", "echo", "b"}, []string{"a", "echo b"}, "", "", 0},
		{[]string{"a", "history -p"}, []string{"-p", "x !!", "y"}, []string{"a"}, "x a\ny\n", "", 0},
		{[]string{"a", "history -rw"}, []string{"-rw"}, []string{"a", "history -rw"}, "", "bash: line 1: history: cannot use more than one of -anrw\nhistory: usage: " + historyUsage + "\n", 2},
	} {
		sh.history = tc.hist
		out, errOut, st := runBuiltin(t, sh, nil, "history", tc.args...)
		if out != tc.out || errOut != tc.errOut || st != tc.status || strings.Join(sh.history, "|") != strings.Join(tc.want, "|") {
			t.Errorf("history %q: got %q %q %d %q, want %q %q %d %q", tc.args, out, errOut, st, sh.history, tc.out, tc.errOut, tc.status, tc.want)
		}
	}
	sh.history = []string{"a", "b"}
	sh.vars["HISTTIMEFORMAT"] = expand.Variable{Set: true, Kind: expand.String, Str: "%d/%m "}
	sh.vars["TZ"] = expand.Variable{Set: true, Exported: true, Kind: expand.String, Str: "UTC"}
	if out, _, _ := runBuiltin(t, sh, nil, "history"); out != "    1  01/01 a\n    2  02/01 b\n" {
		t.Errorf("HISTTIMEFORMAT: got %q", out)
	}
}

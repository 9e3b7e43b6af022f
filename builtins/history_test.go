package builtins

import "testing"

func TestHistory(t *testing.T) {
	sh := newFake()
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
		{[]string{"-z"}, "", "bash: line 1: history: -z: invalid option\nhistory: usage: history [-c] [n]\n", 2},
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

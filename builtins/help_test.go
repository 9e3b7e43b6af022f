package builtins

import (
	"strings"
	"testing"
)

// Every builtin has help, with a synopsis, a description and a text.
func TestHelpCoversBuiltins(t *testing.T) {
	names := append(Names(), "declare", "typeset", "local", "export", "readonly", "let")
	for _, n := range names {
		h, ok := helpTopics[n]
		if !ok || h.synopsis == "" || h.short == "" || strings.TrimSpace(h.long) == "" {
			t.Errorf("builtin %q has no complete help", n)
		}
	}
	for n := range helpTopics {
		if _, ok := Lookup(n); !ok && !strings.Contains(" declare typeset local export readonly let ", " "+n+" ") {
			t.Errorf("help for %q, which is no builtin", n)
		}
	}
}

func TestHelp(t *testing.T) {
	var sh fakeCore
	for _, tc := range []struct {
		args   []string
		out    string
		errOut string
		status int
	}{
		{[]string{"-s", "pwd", "true"}, "pwd: pwd [-LP]\ntrue: true\n", "", 0},
		{[]string{"-d", "ec"}, "echo - Print the arguments.\n", "", 0},
		{[]string{"-d", "ex*"}, "Shell commands matching keyword `ex*'\n\nexec - Replace the shell with a program, or redirect the shell.\nexit - Leave the shell.\nexport - Pass variables to the programs the shell starts.\n", "", 0},
		{[]string{"false"}, "false: false\n    Fail.\n\n    Exit status: always 1.\n", "", 0},
		{[]string{"-m", "true"}, "NAME\n    true - Succeed.\n\nSYNOPSIS\n    true\n\nDESCRIPTION\n    Succeed.\n\n    Exit status: always 0.\n\n", "", 0},
		{[]string{"zz"}, "", "bash: line 1: help: no help topics match `zz'; `help' lists them\n", 1},
		{[]string{"-x"}, "", "bash: line 1: help: -x: invalid option\nhelp: usage: " + helpUsage + "\n", 2},
	} {
		out, errOut, st := runBuiltin(t, sh, nil, "help", tc.args...)
		if out != tc.out || errOut != tc.errOut || st != tc.status {
			t.Errorf("help %q: got %q %q %d, want %q %q %d", tc.args, out, errOut, st, tc.out, tc.errOut, tc.status)
		}
	}
	out, _, _ := runBuiltin(t, sh, nil, "help")
	if !strings.Contains(out, "\n cd [-L|[-P [-e]] [-@]] [dir]\n") || !strings.Contains(out, "\n wait [-fn] [-p var] [id ...]\n") {
		t.Errorf("help lists:\n%s", out)
	}
}

package builtins

import "testing"

// TestUsesMissing runs builtins on a shell that lacks what they use: each
// says so and fails with status 2, where a type assertion in the builtin
// itself would have panicked.
func TestUsesMissing(t *testing.T) {
	for _, name := range []string{"cd", "read", "jobs", "set"} {
		out, errOut, st := runBuiltin(t, fakeCore{}, nil, name)
		want := "bash: line 1: " + name + ": not supported by this shell\n"
		if out != "" || errOut != want || st != 2 {
			t.Errorf("%s: got %q %q %d, want \"\" %q 2", name, out, errOut, st, want)
		}
	}
	// a builtin that needs nothing more runs on Core alone
	if _, _, st := runBuiltin(t, fakeCore{}, nil, "false"); st != 1 {
		t.Errorf("false: status %d", st)
	}
}

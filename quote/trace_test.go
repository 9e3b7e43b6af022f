package quote

import "testing"

func TestTraceCallArgv(t *testing.T) {
	for _, tc := range []struct {
		name, got, want string
	}{
		{"Trace empty", Trace(""), "''"},
		{"Trace plain", Trace("abc"), "abc"},
		{"Trace blank", Trace("a b"), "'a b'"},
		{"Trace quote", Trace("it's"), `'it'\''s'`},
		{"Trace control", Trace("a\x01\r"), `$'a\001\r'`},
		{"Trace escape", Trace("\x1b"), `$'\E'`},
		{"Call", Call("f", []string{"a b", ""}), `f a\ b ''`},
		{"Argv", Argv([]string{"echo", "a b"}), "echo 'a b'"},
	} {
		if tc.got != tc.want {
			t.Errorf("%s: got %q, want %q", tc.name, tc.got, tc.want)
		}
	}
}

package errmsg

import "testing"

func TestLinePrefix(t *testing.T) {
	for _, tc := range []struct {
		file        string
		line        uint
		interactive bool
		want        string
	}{
		{"", 3, false, "pipesh: line 3: "},
		{"", 3, true, "pipesh: "},
		{"", 0, false, "pipesh: "},
		{"lib.sh", 7, false, "lib.sh: line 7: "},
		{"lib.sh", 7, true, "lib.sh: line 7: "},
		{"lib.sh", 0, false, "pipesh: "},
	} {
		if got := LinePrefix(tc.file, tc.line, tc.interactive); got != tc.want {
			t.Errorf("LinePrefix(%q, %d, %v) = %q, want %q", tc.file, tc.line, tc.interactive, got, tc.want)
		}
	}
}

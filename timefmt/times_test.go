package timefmt

import (
	"testing"
	"time"
)

func TestTimes(t *testing.T) {
	real, user, sys := 62500*time.Millisecond, 1250*time.Millisecond, 250*time.Millisecond
	for _, c := range []struct{ format, want string }{
		{"", ""},
		{"%R %U %S", "62.500 1.250 0.250"},
		{"%lR", "1m2.500s"},
		{"%0R %1U %2lS %9R", "62 1.2 0m0.25s 62.500"},
		{"%P%%", "2.400%"},
		{"%1P", "2.4"},
		{"%x %", "%x %"},
		{"real\t%3lR\n", "real\t1m2.500s\n"},
		{"%l", ""}, // cut short: nothing more
	} {
		if got := Times(c.format, real, user, sys); got != c.want {
			t.Errorf("Times(%q) = %q, want %q", c.format, got, c.want)
		}
	}
	if got := Times("%P", 0, user, sys); got != "" {
		t.Errorf("%%P of no real time = %q, want nothing", got)
	}
}

package timefmt

import (
	"strings"
	"testing"

	"mvdan.cc/sh/v3/syntax"
)

func TestStripVerbose(t *testing.T) {
	for _, tc := range []struct {
		src, want string
		ok        bool
	}{
		{"-v sleep 1", "sleep 1", true},
		{"-v a | b", "a | b", true},
		{"-v", "", true},
		{"a -v", "a -v", false},
		{"a | -v b", "a | -v b", false},
	} {
		f, err := syntax.NewParser().Parse(strings.NewReader(tc.src), "")
		if err != nil {
			t.Fatal(err)
		}
		st := f.Stmts[0]
		got, ok := StripVerbose(st)
		var sb strings.Builder
		if got.Cmd != nil {
			syntax.NewPrinter().Print(&sb, got)
		}
		if ok != tc.ok || strings.TrimSpace(sb.String()) != tc.want {
			t.Errorf("StripVerbose(%q) = %q, %v; want %q, %v", tc.src, sb.String(), ok, tc.want, tc.ok)
		}
		var orig strings.Builder
		syntax.NewPrinter().Print(&orig, st)
		if strings.TrimSpace(orig.String()) != tc.src {
			t.Errorf("StripVerbose(%q) changed its argument to %q", tc.src, orig.String())
		}
	}
}

func TestClock(t *testing.T) {
	real, user, sys := StartClock().Stop()
	if real < 0 || user < 0 || sys < 0 {
		t.Errorf("Stop = %v %v %v; want none negative", real, user, sys)
	}
}

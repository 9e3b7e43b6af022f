package bashread

import (
	"strings"
	"testing"

	"mvdan.cc/sh/v3/syntax"
)

// TestDeferBadSubst: what is deferred parses, is printed back as written,
// and what bash rejects when it reads stays rejected.
func TestDeferBadSubst(t *testing.T) {
	for _, c := range []struct {
		src      string
		deferred bool
	}{
		{"echo ${(M)x}\n", true},
		{"echo \"a ${(M)x} b\"\n", true},
		{"echo ${y:-${(M)x}}\n", true},
		{"echo ${(M)x:-${(%)y}}\n", true},
		{"x=$(echo ${a&})\n", true},
		{"cat <<E\n${(M)x}\nE\n", true},
		{"echo ${x@Z}\n", true},
		{"echo '${(M)x}' # ${(M)x}\n", false},
		{"cat <<'E'\n${(M)x}\nE\n", false},
		{"echo ${x:-$(if)}\n", false},
		{"echo ${x}\n", false},
	} {
		out, changed, open := DeferBadSubst(c.src)
		if changed != c.deferred || open >= 0 {
			t.Errorf("DeferBadSubst(%q): changed %v open %d, want %v -1", c.src, changed, open, c.deferred)
			continue
		}
		if !changed {
			continue
		}
		f, err := syntax.NewParser(syntax.Variant(syntax.LangBash)).Parse(strings.NewReader(out), "")
		if err != nil {
			t.Errorf("DeferBadSubst(%q) = %q: %v", c.src, out, err)
			continue
		}
		RestoreBadSubst(f)
		var sb strings.Builder
		syntax.NewPrinter().Print(&sb, f)
		if sb.String() != c.src {
			t.Errorf("DeferBadSubst(%q) printed back as %q", c.src, sb.String())
		}
	}
	if _, _, open := DeferBadSubst("echo ${(M)x\n"); open != 5 {
		t.Errorf("an unclosed ${ at 5 reported at %d", open)
	}
}

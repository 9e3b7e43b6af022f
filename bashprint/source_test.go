package bashprint

import (
	"strings"
	"testing"

	"mvdan.cc/sh/v3/syntax"
)

func TestSourceShortRedir(t *testing.T) {
	f, err := syntax.NewParser().Parse(strings.NewReader("f() {\n\ta >out\n\tb\n}\nb 2>>log"), "t")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := Source(f.Stmts[0]), "f() {\n    a > out\n    b\n}"; got != want {
		t.Errorf("Source %q, want %q", got, want)
	}
	if got, want := Short(Source(f.Stmts[0])), "f() { a > out b }"; got != want {
		t.Errorf("Short %q, want %q", got, want)
	}
	if got, want := Short(strings.Repeat("x ", 30)), strings.Repeat("x ", 18)+"x..."; got != want {
		t.Errorf("Short %q, want %q", got, want)
	}
	rd := f.Stmts[1].Redirs[0]
	if got, want := Redir(rd, "log"), "2>>log"; got != want {
		t.Errorf("Redir %q, want %q", got, want)
	}
}

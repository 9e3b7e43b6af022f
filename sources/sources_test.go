package sources

import (
	"strings"
	"testing"

	"pipesh/parse"
)

func TestCode(t *testing.T) {
	src := "echo a\n  f   x  >out  # note\n"
	f, err := parse.File(strings.NewReader(src), "t")
	if err != nil {
		t.Fatal(err)
	}
	var s Texts
	if _, ok := s.Code(f.Stmts[1]); ok {
		t.Error("Code found a text before any was added")
	}
	s.Add(src)
	for i := 0; i < maxSources+2; i++ {
		s.Add("true\n") // the script, first, is kept however many follow
	}
	code, ok := s.Code(f.Stmts[1])
	if want := "\n  f   x  >out"; !ok || code != want {
		t.Errorf("Code = %q, %v; want %q as written, at its line and column", code, ok, want)
	}
	g, _ := parse.File(strings.NewReader("f x"), "t")
	if _, ok := s.Code(g.Stmts[0]); ok {
		t.Error("Code found a statement no text holds")
	}
}

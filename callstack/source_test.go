package callstack

import (
	"strings"
	"testing"

	"mvdan.cc/sh/v3/syntax"
)

func TestSourceFile(t *testing.T) {
	var empty Stack
	if got := empty.SourceFile(true); got != "environment" {
		t.Errorf("-c: SourceFile = %q, want environment", got)
	}
	if got := empty.SourceFile(false); got != "main" {
		t.Errorf("stdin: SourceFile = %q, want main", got)
	}
	script := Stack{{Name: "main", File: "s.sh"}}
	if got := script.OtherSource(); got != "" {
		t.Errorf("script: OtherSource = %q, want none", got)
	}
	sourced := append(script.Clone(), Frame{Name: "source", File: "lib.sh"})
	if got := sourced.SourceFile(false); got != "lib.sh" {
		t.Errorf("sourced: SourceFile = %q, want lib.sh", got)
	}
	if got := sourced.OtherSource(); got != "lib.sh" {
		t.Errorf("sourced: OtherSource = %q, want lib.sh", got)
	}
	back := append(sourced.Clone(), Frame{Name: "f", File: "s.sh", Fn: true})
	if got := back.OtherSource(); got != "" {
		t.Errorf("function of the script: OtherSource = %q, want none", got)
	}
}

func TestCommandText(t *testing.T) {
	code := func(n syntax.Node) string {
		var sb strings.Builder
		syntax.NewPrinter().Print(&sb, n)
		return sb.String()
	}
	arith := func(syntax.Node) string { return "<arith>" }
	for src, want := range map[string]string{
		"for i in a b; do :; done":          "for i in a b",
		"for i; do :; done":                 "for i",
		"case $x in a) ;; esac":             "case $x in ",
		"[[ $x ]]":                          "[[ $x ]]",
		"echo hi":                           "echo hi",
		"( a; b )":                          "( a; b )",
		"for ((i=0; i<2; i++)); do :; done": "(( <arith>; <arith>; <arith> ))",
	} {
		f, err := syntax.NewParser().Parse(strings.NewReader(src), "")
		if err != nil {
			t.Fatal(err)
		}
		if got := CommandText(f.Stmts[0].Cmd, code, arith); got != want {
			t.Errorf("CommandText(%q) = %q, want %q", src, got, want)
		}
	}
}

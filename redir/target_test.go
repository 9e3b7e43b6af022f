package redir

import (
	"slices"
	"strings"
	"testing"

	"mvdan.cc/sh/v3/syntax"
)

func TestTargets(t *testing.T) {
	for src, want := range map[string][]int{
		"a <f":     {0},
		"a >f":     {1},
		"a 3>&1":   {3},
		"a &>f":    {1, 2},
		"a {fd}>f": nil,
	} {
		f, err := syntax.NewParser().Parse(strings.NewReader(src), "t")
		if err != nil {
			t.Fatal(err)
		}
		rd := f.Stmts[0].Redirs[0]
		if got := Targets(rd); !slices.Equal(got, want) {
			t.Errorf("%s: Targets %v, want %v", src, got, want)
		}
	}
}

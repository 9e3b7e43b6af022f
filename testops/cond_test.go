package testops

import (
	"errors"
	"path"
	"strconv"
	"strings"
	"testing"

	"mvdan.cc/sh/v3/syntax"
)

// fakeCond expands words as their literal text (quotes removed, ~ is
// /home) and matches patterns with path.Match.
type fakeCond struct {
	*fakeEnv
	rematch []string
}

func (c *fakeCond) Operand(w *syntax.Word) (string, error) { return c.Literal(w) }
func (c *fakeCond) Pattern(w *syntax.Word) (string, error) { return c.Literal(w) }
func (c *fakeCond) Literal(w *syntax.Word) (string, error) {
	var sb strings.Builder
	for _, part := range w.Parts {
		switch p := part.(type) {
		case *syntax.Lit:
			if p.Value == "~" {
				sb.WriteString("/home")
			} else {
				sb.WriteString(p.Value)
			}
		case *syntax.SglQuoted:
			sb.WriteString(p.Value)
		case *syntax.DblQuoted:
			for _, q := range p.Parts {
				sb.WriteString(q.(*syntax.Lit).Value)
			}
		}
	}
	return sb.String(), nil
}
func (c *fakeCond) Match(pat, s string) bool {
	ok, _ := path.Match(pat, s)
	return ok
}
func (c *fakeCond) Integer(s string) (int, error) { return strconv.Atoi(s) }
func (c *fakeCond) NoCaseMatch() bool             { return false }
func (c *fakeCond) SetRematch(m []string)         { c.rematch = m }

func condOf(t *testing.T, src string) syntax.TestExpr {
	t.Helper()
	f, err := syntax.NewParser(syntax.Variant(syntax.LangBash)).Parse(strings.NewReader(src), "")
	if err != nil {
		t.Fatal(err)
	}
	return f.Stmts[0].Cmd.(*syntax.TestClause).X
}

func TestCond(t *testing.T) {
	for _, tc := range []struct {
		src     string
		want    bool
		rematch string
	}{
		{src: "[[ x ]]", want: true},
		{src: "[[ '' ]]"},
		{src: "[[ -n x && ! -z x ]]", want: true},
		{src: "[[ -z x || ( 2 -gt 1 ) ]]", want: true},
		{src: "[[ abc == a* ]]", want: true},
		{src: "[[ abc != a* ]]"},
		{src: "[[ a < b ]]", want: true},
		{src: "[[ 10 -lt 9 ]]"},
		{src: "[[ -f file && file -ef link ]]", want: true},
		{src: "[[ -v s ]]", want: true},
		{src: "[[ ab12 =~ ([a-z]+)([0-9]+) ]]", want: true, rematch: "ab12 ab 12"},
		{src: `[[ a.c =~ 'a.c' ]]`, want: true, rematch: "a.c"},
		{src: `[[ abc =~ 'a.c' ]]`, rematch: ""},
		{src: `[[ /home/x =~ ~/x ]]`, want: true, rematch: "/home/x"},
	} {
		env := newEnv(t)
		sh := &fakeCond{fakeEnv: env}
		got, err := Cond(sh, condOf(t, tc.src))
		if err != nil || got != tc.want {
			t.Errorf("%s = %v, %v; want %v", tc.src, got, err, tc.want)
		}
		if strings.Contains(tc.src, "=~") && strings.Join(sh.rematch, " ") != tc.rematch {
			t.Errorf("%s: BASH_REMATCH = %q, want %q", tc.src, sh.rematch, tc.rematch)
		}
	}
}

func TestCondBadRegex(t *testing.T) {
	_, err := Cond(&fakeCond{fakeEnv: newEnv(t)}, condOf(t, "[[ a =~ *a ]]"))
	if !errors.Is(err, ErrBadRegex) {
		t.Errorf("err = %v, want ErrBadRegex", err)
	}
}

package wordexp

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"mvdan.cc/sh/v3/expand"
	"mvdan.cc/sh/v3/syntax"
)

// vars is the fake shell's variables, as package expand reads them too.
type vars map[string]expand.Variable

func (v vars) Get(name string) expand.Variable { return v[name] }
func (v vars) Each(fn func(string, expand.Variable) bool) {
	for n, vr := range v {
		if !fn(n, vr) {
			return
		}
	}
}

func str(s string) expand.Variable { return expand.Variable{Set: true, Kind: expand.String, Str: s} }

// fakeShell is a shell with the variables vs, in dir, whose arithmetic
// knows only numbers and whose error reports are collected in errs.
type fakeShell struct {
	vs   vars
	dir  string
	errs *[]string
}

func (s fakeShell) Lookup(name string) expand.Variable { return s.vs[name] }
func (s fakeShell) VarAttrs(string) (string, string)   { return "", "" }
func (s fakeShell) Abs(p string) string {
	if filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(s.dir, p)
}
func (s fakeShell) ArithExp(ae *syntax.ArithmExp) (int, error) { return s.Arith(ae.X) }
func (s fakeShell) Arith(x syntax.ArithmExpr) (int, error) {
	if w, ok := x.(*syntax.Word); ok {
		return strconv.Atoi(w.Lit())
	}
	return 0, errors.New("no arithmetic here")
}
func (s fakeShell) ResolveArith(w *syntax.Word) (*syntax.Word, error) { return w, nil }
func (s fakeShell) Errorf(format string, args ...any) {
	*s.errs = append(*s.errs, fmt.Sprintf(format, args...))
}
func (s fakeShell) Prompt(ps string) string { return "<" + ps + ">" }

// newExpander is an Expander over the fake shell, braces on.
func newExpander(vs vars, dir string, errs *[]string) *Expander {
	x := new(Expander)
	x.Init(Config{Expand: &expand.Config{Env: vs}, Shell: fakeShell{vs, dir, errs}})
	x.SetOptions(Options{BraceExpand: true})
	return x
}

func words(t *testing.T, src string) []*syntax.Word {
	t.Helper()
	f, err := syntax.NewParser(syntax.Variant(syntax.LangBash)).Parse(strings.NewReader(MaskTildeCase("echo "+src)), "")
	if err != nil {
		t.Fatalf("parse %q: %v", src, err)
	}
	RestoreTildeText(f)
	return f.Stmts[0].Cmd.(*syntax.CallExpr).Args[1:]
}

// The expected fields are bash 5.2's.
func TestFields(t *testing.T) {
	vs := vars{
		"IFS":  str(":"),
		"x":    str("a::b"),
		"e":    str(""),
		"HOME": str("/home/u"),
		"p":    str("/src/lib.go"),
		"a":    {Set: true, Kind: expand.Indexed, List: []string{"1", "", "x y"}},
		"m":    {Set: true, Kind: expand.Associative, Map: map[string]string{"k": "v", "j": "w"}},
	}
	var errs []string
	x := newExpander(vs, t.TempDir(), &errs)
	for _, tc := range []struct {
		src  string
		want []string
	}{
		{`$x`, []string{"a", "", "b"}},
		{`"$x"`, []string{"a::b"}},
		{`$e`, nil},
		{`"$e"`, []string{""}},
		{`"${a[@]}"`, []string{"1", "", "x y"}},
		{`${a[*]}`, []string{"1", "", "x y"}},
		{`"${a[*]}"`, []string{"1::x y"}},
		{`${e:-"a:b" c:d}`, []string{"a:b c", "d"}},
		{`"${e:-'q'}"`, []string{"'q'"}},
		{`~ ~/d x=~/d:~`, []string{"/home/u", "/home/u/d", "x=/home/u/d:/home/u"}},
		{`{a,b}{1,2}`, []string{"a1", "a2", "b1", "b2"}},
		{`${p##*/} ${p%.go} ${p/#\/src/dst} ${p//\//-}`, []string{"lib.go", "/src/lib", "dst/lib.go", "-src-lib.go"}},
		{`${x/:/&&}`, []string{"a", "", "", "b"}},
		{`${#m[@]} ${a[@]@Q}`, []string{"2", "'1'", "''", "'x y'"}},
		{`"${p~~}" "${p~}"`, []string{"/SRC/LIB.GO", "/src/lib.go"}},
		{`${p@P}`, []string{"</src/lib.go>"}},
		{`\*\ "*"`, []string{"* *"}},
	} {
		got, err := x.Fields(words(t, tc.src))
		if err != nil || !slices.Equal(got, tc.want) {
			t.Errorf("%s: got %q, %v; want %q", tc.src, got, err, tc.want)
		}
	}
	if len(errs) > 0 {
		t.Errorf("unexpected error reports: %q", errs)
	}
	if _, err := x.Fields(words(t, `@(a|b)`)); err == nil {
		t.Error("@(a|b) without extglob: want an error")
	}
}

// Globbing as bash does it: * matches no dot names, a pattern starting
// with a dot matches . and .. too (globskipdots off), GLOBIGNORE drops
// names, nullglob and failglob decide what no match is.
func TestGlob(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []string{"a.bats", ".bats", "b.txt", ".hid"} {
		if err := os.WriteFile(filepath.Join(dir, n), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	vs := vars{"IFS": str(" \t\n")}
	var errs []string
	x := newExpander(vs, dir, &errs)
	glob := func(src string) []string {
		t.Helper()
		got, err := x.Fields(words(t, src))
		if err != nil {
			t.Fatalf("%s: %v", src, err)
		}
		return got
	}
	for src, want := range map[string][]string{
		`*.bats`: {"a.bats"},
		`*`:      {"a.bats", "b.txt"},
		`.*`:     {".", "..", ".bats", ".hid"},
		`"*"`:    {"*"},
		`*.none`: {"*.none"},
	} {
		if got := glob(src); !slices.Equal(got, want) {
			t.Errorf("%s: got %q, want %q", src, got, want)
		}
	}
	x.SetOptions(Options{GlobSkipDots: true})
	if got, want := glob(`.*`), []string{".bats", ".hid"}; !slices.Equal(got, want) {
		t.Errorf(".* with globskipdots: got %q, want %q", got, want)
	}
	// assigning GLOBIGNORE turns dotglob on (the shell does that)
	vs["GLOBIGNORE"] = str("*.txt")
	x.SetOptions(Options{DotGlob: true})
	if got, want := glob(`*`), []string{".bats", ".hid", "a.bats"}; !slices.Equal(got, want) {
		t.Errorf("* with GLOBIGNORE=*.txt: got %q, want %q", got, want)
	}
	x.SetOptions(Options{})
	if got, want := glob(`*`), []string{"a.bats"}; !slices.Equal(got, want) {
		t.Errorf("* with GLOBIGNORE=*.txt and dotglob off: got %q, want %q", got, want)
	}
	x.SetOptions(Options{InheritedGlobIgnore: true})
	if got, want := glob(`*`), []string{"a.bats", "b.txt"}; !slices.Equal(got, want) {
		t.Errorf("* with GLOBIGNORE=*.txt from the environment: got %q, want %q", got, want)
	}
	delete(vs, "GLOBIGNORE")
	x.SetOptions(Options{NullGlob: true})
	if got := glob(`*.none`); len(got) != 0 {
		t.Errorf("*.none with nullglob: got %q, want nothing", got)
	}
	x.SetOptions(Options{FailGlob: true})
	if _, err := x.Fields(words(t, `*.none`)); err == nil || err.Error() != "no match: *.none" {
		t.Errorf("*.none with failglob: got %v, want no match", err)
	}
	x.SetOptions(Options{NoGlob: true})
	if got, want := glob(`*.bats`), []string{"*.bats"}; !slices.Equal(got, want) {
		t.Errorf("*.bats with noglob: got %q, want %q", got, want)
	}
}

func TestMatch(t *testing.T) {
	for _, tc := range []struct {
		pat, s string
		noCase bool
		want   bool
	}{
		{"a*", "abc", false, true}, {"a*", "bc", false, false}, {"@(x|y)z", "yz", false, true},
		{"A?", "ab", true, true}, {"A?", "ab", false, false}, {"[", "[", false, true},
	} {
		if got := Match(tc.pat, tc.s, tc.noCase); got != tc.want {
			t.Errorf("Match(%q, %q, %v) = %v", tc.pat, tc.s, tc.noCase, got)
		}
	}
}

// The parse-time fixes: a \r is a word character, ${x~} is an operator
// whose stand-in never shows in plain text, \cX is a control byte.
func TestParseFixes(t *testing.T) {
	src := "echo a\rb '${x~}' $'\\cA\\c?'\n"
	masked := MaskTildeCase(MaskCR(src))
	f, err := syntax.NewParser(syntax.Variant(syntax.LangBash)).Parse(strings.NewReader(masked), "")
	if err != nil {
		t.Fatal(err)
	}
	RestoreCR(f)
	RestoreTildeText(f)
	DecodeControlEscapes(f)
	args := f.Stmts[0].Cmd.(*syntax.CallExpr).Args
	if len(args) != 4 {
		t.Fatalf("got %d words, want 4 (a\\rb is one word)", len(args))
	}
	if got := args[1].Lit(); got != "a\rb" {
		t.Errorf("got %q, want a\\rb", got)
	}
	if got := args[2].Parts[0].(*syntax.SglQuoted).Value; got != "${x~}" {
		t.Errorf("got %q, want ${x~}", got)
	}
	if got := args[3].Parts[0].(*syntax.SglQuoted).Value; got != `\001\177` {
		t.Errorf("got %q, want \\001\\177", got)
	}
	if got := UnmaskTildeText(MaskTildeCase("${x~~}")); got != "${x~~}" {
		t.Errorf("UnmaskTildeText: got %q", got)
	}
}

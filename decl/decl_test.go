package decl_test

import (
	"errors"
	"strings"
	"testing"

	"mvdan.cc/sh/v3/expand"
	"mvdan.cc/sh/v3/syntax"

	"pipesh/assign/assigntest"
	"pipesh/decl"
	"pipesh/vars"
)

func flags(t *testing.T, cmd string, words ...string) decl.Opts {
	t.Helper()
	var o decl.Opts
	for _, w := range words {
		if err := o.Flags(cmd, w); err != nil {
			t.Fatalf("%s %s: %v", cmd, w, err)
		}
	}
	return o
}

func TestFlags(t *testing.T) {
	if o := flags(t, "declare", "-ix", "-r"); o.AttrSet != vars.AttrInteger || !o.Export || !o.RO {
		t.Errorf("declare -ix -r: %+v", o)
	}
	// -u after -l takes -l back, and +u clears it
	if o := flags(t, "declare", "-l", "-u"); o.AttrSet != vars.AttrUpper || o.AttrClear != vars.AttrLower {
		t.Errorf("declare -l -u: set %v clear %v", o.AttrSet, o.AttrClear)
	}
	if o := flags(t, "declare", "-u", "+u"); o.AttrSet != 0 || o.AttrClear&vars.AttrUpper == 0 {
		t.Errorf("declare -u +u: set %v clear %v", o.AttrSet, o.AttrClear)
	}
	// -n is a nameref for declare, unexporting for export
	if o := flags(t, "declare", "-n"); o.Kind != expand.NameRef || o.Unexport {
		t.Errorf("declare -n: %+v", o)
	}
	if o := flags(t, "export", "-n"); o.Kind != expand.Unknown || !o.Unexport {
		t.Errorf("export -n: %+v", o)
	}
	if o := flags(t, "declare", "+x", "-aA"); !o.Unexport || o.Kind != expand.Associative {
		t.Errorf("declare +x -aA: %+v", o)
	}
	var o decl.Opts
	if err := o.Flags("typeset", "-iz"); err == nil || err.Error() != "typeset: -iz: invalid option" {
		t.Errorf("typeset -iz: %v, want the invalid option", err)
	}
}

func TestOperand(t *testing.T) {
	for _, c := range []struct {
		word, name, index, value string
		naked, append            bool
	}{
		{word: "x", name: "x", naked: true},
		{word: "x=a=b", name: "x", value: "a=b"},
		{word: "x+=1", name: "x", value: "1", append: true},
		{word: "a[2]=$y", name: "a", index: "2", value: "$y"},
		{word: "x+", name: "x+", naked: true},
	} {
		as := decl.Operand(c.word)
		var value, index string
		if as.Value != nil {
			value = as.Value.Parts[0].(*syntax.SglQuoted).Value
		}
		if as.Index != nil {
			index = as.Index.(*syntax.Word).Lit()
		}
		if as.Name.Value != c.name || index != c.index || value != c.value || as.Naked != c.naked || as.Append != c.append {
			t.Errorf("Operand(%q) = name %q index %q value %q naked %v append %v", c.word, as.Name.Value, index, value, as.Naked, as.Append)
		}
	}
}

func apply(t *testing.T, f *assigntest.Fake, o decl.Opts, words ...string) error {
	t.Helper()
	for _, w := range words {
		if err := decl.Apply(f, decl.Operand(w), o); err != nil {
			return err
		}
	}
	return nil
}

func TestApply(t *testing.T) {
	f := assigntest.New()
	if err := apply(t, f, flags(t, "declare", "-a"), "a", "b=v"); err != nil {
		t.Fatal(err)
	}
	if a := f.Lookup("a"); a.Kind != expand.Indexed || a.IsSet() {
		t.Errorf("declare -a a: kind %v set %v, want an unset indexed array", a.Kind, a.IsSet())
	}
	if b := f.Lookup("b"); b.Kind != expand.Indexed || len(b.List) != 1 || b.List[0] != "v" {
		t.Errorf("declare -a b=v: %v %q, want the array (v)", b.Kind, b.List)
	}
	if err := apply(t, f, flags(t, "declare", "-rx"), "c=1"); err != nil {
		t.Fatal(err)
	}
	if c := f.Lookup("c"); c.String() != "1" || !c.ReadOnly || !c.Exported {
		t.Errorf("declare -rx c=1: %+v", c)
	}
	var ro vars.ReadonlyError
	if err := apply(t, f, decl.Opts{}, "c=2"); !errors.As(err, &ro) || f.Lookup("c").String() != "1" {
		t.Errorf("declare c=2 on readonly c: %v, c = %q", err, f.Lookup("c").String())
	}
	// in a function: a new local, but never over a readonly global
	f.VS.Push()
	if err := apply(t, f, decl.Opts{Local: true}, "c=3"); !errors.As(err, &ro) {
		t.Errorf("local c=3 over readonly global c: %v, want a ReadonlyError", err)
	}
	if err := apply(t, f, decl.Opts{Local: true}, "b=w"); err != nil {
		t.Fatal(err)
	}
	if b := f.Lookup("b"); b.String() != "w" || !b.Local {
		t.Errorf("local b=w: %+v", b)
	}
	f.VS.Pop()
	if b := f.Lookup("b"); b.Kind != expand.Indexed || b.List[0] != "v" {
		t.Errorf("after the function b = %v %q, want the global (v) back", b.Kind, b.List)
	}
}

func TestList(t *testing.T) {
	f := assigntest.New()
	f.VS.SetString("plain", "1")
	if err := apply(t, f, decl.Opts{Export: true}, "e=x y"); err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	decl.List(&b, f, "export", decl.Opts{})
	if got, want := b.String(), "declare -x e=\"x y\"\n"; got != want {
		t.Errorf("export -p = %q, want %q", got, want)
	}
	b.Reset()
	decl.List(&b, f, "declare", decl.Opts{})
	if got, want := b.String(), "e='x y'\nplain=1\n"; got != want {
		t.Errorf("declare = %q, want %q", got, want)
	}
}

// clause parses src, one declare-family command.
func clause(t *testing.T, src string) *syntax.DeclClause {
	t.Helper()
	f, err := syntax.NewParser().Parse(strings.NewReader(src), "")
	if err != nil {
		t.Fatalf("parse %q: %v", src, err)
	}
	return f.Stmts[0].Cmd.(*syntax.DeclClause)
}

func TestOperands(t *testing.T) {
	f := assigntest.New()
	c := clause(t, "export -n 'a b' -x c=1 '-r'")
	o := decl.ForCommand("export", false)
	assigns, err := decl.Operands(f, "export", c.Args, &o)
	if err != nil {
		t.Fatal(err)
	}
	// -n is an option; each field of 'a b' is an operand, and options
	// end at the first: -x and -r after it are operands too
	var names []string
	for _, as := range assigns {
		names = append(names, as.Name.Value)
	}
	if got, want := strings.Join(names, " "), "a b -x c -r"; got != want || !o.Export || !o.Unexport {
		t.Errorf("operands %q, opts %+v; want %q, export and -n", got, o, want)
	}
	o = decl.ForCommand("declare", true)
	if !o.Local {
		t.Errorf("declare in a function makes no local")
	}
	var ue *decl.UsageError
	if _, err := decl.Operands(f, "declare", clause(t, "declare -- -q").Args, &o); err != nil {
		t.Errorf("declare -- -q: %v, want -q an operand after --", err)
	}
	if _, err := decl.Operands(f, "declare", clause(t, "declare -q x").Args, &o); !errors.As(err, &ue) || ue.Word != "-q" {
		t.Errorf("declare -q x: %v, want a UsageError for -q", err)
	}
	if _, err := decl.Operands(f, "declare", clause(t, "declare $x").Args, &o); err == nil || errors.As(err, &ue) {
		t.Errorf("declare $x: %v, want the expansion's error", err)
	}
}

func TestExpandValues(t *testing.T) {
	f := assigntest.New()
	assigns := clause(t, "declare a=1 b c=(x) d=2").Args
	before := assigns[0]
	if err := decl.ExpandValues(f, assigns); err != nil {
		t.Fatal(err)
	}
	if assigns[0] == before {
		t.Errorf("a=1 was changed in place, not copied")
	}
	for i, want := range []string{"1", "", "", "2"} {
		var got string
		if w := assigns[i].Value; w != nil {
			if q, ok := w.Parts[0].(*syntax.SglQuoted); ok {
				got = q.Value
			}
		}
		if got != want {
			t.Errorf("operand %d: value %q, want %q", i, got, want)
		}
	}
	if err := decl.ExpandValues(f, clause(t, "declare a=$x").Args); err == nil {
		t.Errorf("declare a=$x: no error from the expansion")
	}
}

package assign_test

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"

	"mvdan.cc/sh/v3/expand"
	"mvdan.cc/sh/v3/syntax"

	"pipesh/assign"
	"pipesh/vars"
)

// storeShell is what a vars.Store asks of its shell: nothing a test of
// assignments needs.
type storeShell struct{}

func (storeShell) Arith(expr string) (int, error) { return strconv.Atoi(strings.TrimSpace(expr)) }
func (storeShell) Assigned(string)                {}
func (storeShell) NewLocal(string) any            { return nil }
func (storeShell) ScopeLeft(any)                  {}
func (storeShell) AllExport() bool                { return false }
func (storeShell) ExportChanged()                 {}

// fake is a shell whose words are literals (Lit and '...' parts) and
// whose arithmetic is decimal numbers.
type fake struct {
	vs     vars.Store
	errs   []string
	envGen int
}

func newFake() *fake { return &fake{vs: vars.New(storeShell{})} }

func (f *fake) Vars() *vars.Store { return &f.vs }

func (f *fake) Lookup(name string) expand.Variable { v, _ := f.vs.Lookup(name); return v }

func (f *fake) Value(w *syntax.Word) (string, error) {
	var b strings.Builder
	for _, p := range w.Parts {
		switch p := p.(type) {
		case *syntax.Lit:
			b.WriteString(p.Value)
		case *syntax.SglQuoted:
			b.WriteString(p.Value)
		default:
			return "", fmt.Errorf("fake: cannot expand %T", p)
		}
	}
	return b.String(), nil
}

func (f *fake) PlainValue(*syntax.Word) (string, bool) { return "", false }

func (f *fake) Fields(words []*syntax.Word) ([]string, error) {
	var out []string
	for _, w := range words {
		s, err := f.Value(w)
		if err != nil {
			return nil, err
		}
		out = append(out, strings.Fields(s)...)
	}
	return out, nil
}

func (f *fake) Literal(w *syntax.Word) (string, error) { return f.Value(w) }

func (f *fake) Arith(x syntax.ArithmExpr) (int, error) {
	switch x := x.(type) {
	case *syntax.Word:
		s, err := f.Value(x)
		if err != nil {
			return 0, err
		}
		return f.ArithText(s)
	case *syntax.UnaryArithm:
		if n, err := f.Arith(x.X); err == nil && x.Op == syntax.Minus {
			return -n, nil
		}
	}
	return 0, fmt.Errorf("fake: cannot evaluate %T", x)
}

func (f *fake) ArithText(s string) (int, error) { return strconv.Atoi(strings.TrimSpace(s)) }

func (f *fake) Source(x syntax.ArithmExpr) (string, error) { return f.Print(x), nil }

func (f *fake) Print(n syntax.Node) string {
	var b strings.Builder
	syntax.NewPrinter().Print(&b, n)
	return b.String()
}

func (f *fake) Errorf(format string, args ...any) {
	f.errs = append(f.errs, fmt.Sprintf(format, args...))
}
func (f *fake) EnvChanged() { f.envGen++ }

// run performs the assignments of src, a command of assignments only.
func run(t *testing.T, f *fake, src string) error {
	t.Helper()
	file, err := syntax.NewParser().Parse(strings.NewReader(src), "")
	if err != nil {
		t.Fatalf("parse %q: %v", src, err)
	}
	for _, st := range file.Stmts {
		for _, as := range st.Cmd.(*syntax.CallExpr).Assigns {
			if err := assign.Assign(f, as); err != nil {
				return err
			}
		}
	}
	return nil
}

func TestAssignStringsAndArrays(t *testing.T) {
	f := newFake()
	if err := run(t, f, "x=1 x+=2 a=(p q) a+=(r) a[5]=s a[-1]+=t"); err != nil {
		t.Fatal(err)
	}
	if got := f.Lookup("x").String(); got != "12" {
		t.Errorf("x = %q, want 12", got)
	}
	a := f.Lookup("a")
	got := []string{assign.IndexGet(a, 0), assign.IndexGet(a, 2), assign.IndexGet(a, 3), assign.IndexGet(a, 5)}
	if want := []string{"p", "r", "", "st"}; !slices.Equal(got, want) {
		t.Errorf("a[0 2 3 5] = %q, want %q", got, want)
	}
}

func TestAssignAssociative(t *testing.T) {
	f := newFake()
	f.vs.Set("m", expand.Variable{Set: true, Kind: expand.Associative, Map: map[string]string{}})
	if err := run(t, f, "m=([k]=v [j]=w) m+=([l]=u) m[k]+=2"); err != nil {
		t.Fatal(err)
	}
	if got, want := f.Lookup("m").Map, map[string]string{"k": "v2", "j": "w", "l": "u"}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("m = %v, want %v", got, want)
	}
	// bash 5.1's pairs: a key without a value gets ""
	if err := run(t, f, "m=(k1 v1 k2)"); err != nil {
		t.Fatal(err)
	}
	if got, want := f.Lookup("m").Map, map[string]string{"k1": "v1", "k2": ""}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("m = %v, want %v", got, want)
	}
	// a word without a subscript among subscripts is reported and skipped
	if err := run(t, f, "m=([a]=1 b)"); err != nil {
		t.Fatal(err)
	}
	if got := f.Lookup("m").Map; len(got) != 1 || got["a"] != "1" {
		t.Errorf("m = %v, want only a=1", got)
	}
	if len(f.errs) != 1 || !strings.Contains(f.errs[0], "must use subscript") {
		t.Errorf("errors = %q, want one about the subscript", f.errs)
	}
}

func TestAssignThroughNameref(t *testing.T) {
	f := newFake()
	f.vs.Put(f.vs.Global(), "r", expand.Variable{Set: true, Kind: expand.NameRef, Str: "a"})
	if err := run(t, f, "r=(x y) r[1]=z"); err != nil {
		t.Fatal(err)
	}
	if a := f.Lookup("a"); a.Kind != expand.Indexed || !slices.Equal(a.List, []string{"x", "z"}) {
		t.Errorf("a = %v %q, want the array x z", a.Kind, a.List)
	}
	for name, want := range map[string]string{"a[1]": "z", "a[0]": "x", "a[7]": ""} {
		vr, ok := assign.Element(f, name)
		if !ok || vr.String() != want || vr.IsSet() != (want != "") {
			t.Errorf("Element(%q) = %q set %v ok %v, want %q", name, vr.String(), vr.IsSet(), ok, want)
		}
	}
	if _, ok := assign.Element(f, "a"); ok {
		t.Errorf("Element(a) answered a name without a subscript")
	}
}

func TestAssignReadonly(t *testing.T) {
	f := newFake()
	f.vs.Set("a", expand.Variable{Set: true, Kind: expand.Indexed, List: []string{"1"}, ReadOnly: true})
	var ro vars.ReadonlyError
	if err := run(t, f, "a=(2)"); !errors.As(err, &ro) || ro.Name != "a" {
		t.Errorf("a=(2) on readonly a: %v, want a ReadonlyError", err)
	}
	if err := assign.SetElemString(f, "a", "0", "2"); !errors.As(err, &ro) {
		t.Errorf("a[0]=2 on readonly a: %v, want a ReadonlyError", err)
	}
}

func TestPrefixRestores(t *testing.T) {
	for _, scoped := range []bool{false, true} {
		f := newFake()
		f.vs.SetString("x", "old")
		file, _ := syntax.NewParser().Parse(strings.NewReader("x=new y=2 cmd"), "")
		restore, err := assign.Prefix(f, file.Stmts[0].Cmd.(*syntax.CallExpr).Assigns, scoped)
		if err != nil {
			t.Fatal(err)
		}
		if x := f.Lookup("x"); x.String() != "new" || !x.Exported {
			t.Errorf("scoped %v: x = %q exported %v during the command, want new exported", scoped, x.String(), x.Exported)
		}
		restore()
		if x, y := f.Lookup("x"), f.Lookup("y"); x.String() != "old" || x.Exported || y.IsSet() {
			t.Errorf("scoped %v: after the command x = %q exported %v, y set %v; want old, not exported, y unset", scoped, x.String(), x.Exported, y.IsSet())
		}
	}
}

func TestElemSetAssociative(t *testing.T) {
	f := newFake()
	old := map[string]string{"k": "1"}
	f.vs.Set("m", expand.Variable{Set: true, Kind: expand.Associative, Map: old})
	if err := assign.SetElemString(f, "m", "j", "2"); err != nil {
		t.Fatal(err)
	}
	if m := f.Lookup("m").Map; m["j"] != "2" || m["k"] != "1" {
		t.Errorf("m = %v, want k=1 j=2", m)
	}
	if len(old) != 1 {
		t.Errorf("the map before the assignment was changed in place: %v", old)
	}
}

package assign_test

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"mvdan.cc/sh/v3/expand"
	"mvdan.cc/sh/v3/syntax"

	"pipesh/assign"
	"pipesh/assign/assigntest"
	"pipesh/vars"
)

// run performs the assignments of src, a command of assignments only.
func run(t *testing.T, f *assigntest.Fake, src string) error {
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
	f := assigntest.New()
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
	f := assigntest.New()
	f.VS.Set("m", expand.Variable{Set: true, Kind: expand.Associative, Map: map[string]string{}})
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
	if len(f.Errs) != 1 || !strings.Contains(f.Errs[0], "must use subscript") {
		t.Errorf("errors = %q, want one about the subscript", f.Errs)
	}
}

func TestAssignThroughNameref(t *testing.T) {
	f := assigntest.New()
	f.VS.Put(f.VS.Global(), "r", expand.Variable{Set: true, Kind: expand.NameRef, Str: "a"})
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
	f := assigntest.New()
	f.VS.Set("a", expand.Variable{Set: true, Kind: expand.Indexed, List: []string{"1"}, ReadOnly: true})
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
		f := assigntest.New()
		f.VS.SetString("x", "old")
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
	f := assigntest.New()
	old := map[string]string{"k": "1"}
	f.VS.Set("m", expand.Variable{Set: true, Kind: expand.Associative, Map: old})
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

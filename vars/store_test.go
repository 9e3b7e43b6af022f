package vars

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"

	"mvdan.cc/sh/v3/expand"
)

// fakeShell records what a Store asks of its shell. Its arithmetic
// knows sums of integers, as in "1+(2)", which is what AppendText makes.
type fakeShell struct {
	assigned  []string
	allExport bool
	exports   int   // ExportChanged calls
	left      []any // what ScopeLeft got back
	keep      map[string]any
}

func (f *fakeShell) Arith(expr string) (int, error) {
	sum := 0
	for _, term := range strings.Split(expr, "+") {
		term = strings.Trim(term, "() ")
		n, err := strconv.Atoi(term)
		if err != nil {
			return 0, fmt.Errorf("%s: bad number", term)
		}
		sum += n
	}
	return sum, nil
}

func (f *fakeShell) Assigned(name string)     { f.assigned = append(f.assigned, name) }
func (f *fakeShell) NewLocal(name string) any { return f.keep[name] }
func (f *fakeShell) ScopeLeft(kept any)       { f.left = append(f.left, kept) }
func (f *fakeShell) AllExport() bool          { return f.allExport }
func (f *fakeShell) ExportChanged()           { f.exports++ }

func str(s string) expand.Variable { return expand.Variable{Set: true, Kind: expand.String, Str: s} }

func list(vals ...string) expand.Variable {
	return expand.Variable{Set: true, Kind: expand.Indexed, List: vals}
}

func newStore(t *testing.T) (*Store, *fakeShell) {
	t.Helper()
	f := &fakeShell{}
	s := New(f)
	return &s, f
}

// value is name's value as a string, "<unset>" when it has none.
func value(s *Store, name string) string {
	vr, ok := s.Lookup(name)
	if !ok || !vr.IsSet() {
		return "<unset>"
	}
	if vr.Kind == expand.Indexed {
		return strings.Join(vr.List, ",")
	}
	return vr.String()
}

func TestSetFindsTheDeclaringScope(t *testing.T) {
	s, f := newStore(t)
	s.Set("g", str("1"))
	s.Push()
	s.Put(s.Top(), "l", expand.Variable{Local: true})
	if err := s.Set("l", str("local")); err != nil {
		t.Fatal(err)
	}
	if err := s.Set("g", str("2")); err != nil {
		t.Fatal(err)
	}
	if err := s.Set("new", str("3")); err != nil {
		t.Fatal(err)
	}
	s.Pop()
	for name, want := range map[string]string{"g": "2", "new": "3", "l": "<unset>"} {
		if got := value(s, name); got != want {
			t.Errorf("%s = %q after the call, want %q", name, got, want)
		}
	}
	if !slices.Contains(f.assigned, "l") || !slices.Contains(f.assigned, "new") {
		t.Errorf("Assigned heard %v, want l and new among them", f.assigned)
	}
}

func TestUnset(t *testing.T) {
	s, _ := newStore(t)
	s.Set("x", str("global"))
	s.Push()
	s.Put(s.Top(), "x", expand.Variable{Local: true})
	s.Set("x", str("local"))
	// unset of a local in its own function keeps it local, unset
	s.Set("x", expand.Variable{})
	if vr, ok := s.Lookup("x"); !ok || vr.IsSet() || !vr.Local {
		t.Errorf("x after unset = %+v, %v; want a local, unset", vr, ok)
	}
	s.Push()
	// unset from a called function removes the caller's local,
	// uncovering the global
	s.Set("x", str("again"))
	s.Set("x", expand.Variable{})
	if got := value(s, "x"); got != "global" {
		t.Errorf("x after unset in a called function = %q, want the global", got)
	}
	s.Pop()
	s.Pop()
}

func TestReadonly(t *testing.T) {
	s, _ := newStore(t)
	s.Set("r", expand.Variable{Set: true, Kind: expand.String, Str: "1", ReadOnly: true})
	for _, set := range []func() error{
		func() error { return s.Set("r", str("2")) },
		func() error { return s.SetString("r", "2") },
		func() error { return s.SetIndex("r", 1, "2") },
	} {
		var ro ReadonlyError
		if err := set(); !errors.As(err, &ro) || ro.Name != "r" {
			t.Errorf("assigning a readonly variable: %v, want a ReadonlyError for r", err)
		}
	}
	if got := value(s, "r"); got != "1" {
		t.Errorf("r = %q, want 1", got)
	}
	// KeepValue changes only the flags, and may export it
	if err := s.Set("r", expand.Variable{Kind: expand.KeepValue, Exported: true}); err != nil {
		t.Fatal(err)
	}
	if vr, _ := s.Lookup("r"); !vr.Exported || !vr.ReadOnly || vr.Str != "1" {
		t.Errorf("r after export = %+v", vr)
	}
}

func TestExportAndAllExport(t *testing.T) {
	s, f := newStore(t)
	s.Set("plain", str("1"))
	if f.exports != 0 {
		t.Errorf("a plain variable made the environment stale")
	}
	s.Set("e", expand.Variable{Set: true, Kind: expand.String, Str: "1", Exported: true})
	s.Set("e", str("2")) // stays exported
	if vr, _ := s.Lookup("e"); !vr.Exported {
		t.Errorf("e lost its export flag")
	}
	if f.exports != 2 {
		t.Errorf("ExportChanged called %d times, want 2", f.exports)
	}
	f.allExport = true
	s.Set("a", str("1"))
	if vr, _ := s.Lookup("a"); !vr.Exported {
		t.Errorf("set -a did not export a")
	}
	// a function's exported local makes the environment stale as it goes
	s.Push()
	s.Put(s.Top(), "l", expand.Variable{Set: true, Kind: expand.String, Str: "x", Exported: true, Local: true})
	before := f.exports
	s.Pop()
	if f.exports != before+1 {
		t.Errorf("leaving a scope with an exported local did not make the environment stale")
	}
}

func TestNameRefs(t *testing.T) {
	s, _ := newStore(t)
	if target, _ := s.RefTarget("x"); target != "x" {
		t.Errorf("RefTarget(x) = %q with no nameref, want x", target)
	}
	s.Put(s.Global(), "ref", expand.Variable{Set: true, Kind: expand.NameRef, Str: "target"})
	if err := s.Set("ref", str("through")); err != nil {
		t.Fatal(err)
	}
	if got := value(s, "target"); got != "through" {
		t.Errorf("target = %q after ref=through, want through", got)
	}
	if vr, _ := s.Lookup("ref"); vr.Kind != expand.NameRef || vr.Str != "target" {
		t.Errorf("ref = %+v, want still a nameref to target", vr)
	}
	s.Put(s.Global(), "elem", expand.Variable{Set: true, Kind: expand.NameRef, Str: "a[2]"})
	if target, index := s.RefTarget("elem"); target != "a" || index != "2" {
		t.Errorf("RefTarget(elem) = %q, %q; want a, 2", target, index)
	}
	s.Put(s.Global(), "p", expand.Variable{Set: true, Kind: expand.NameRef, Str: "q"})
	s.Put(s.Global(), "q", expand.Variable{Set: true, Kind: expand.NameRef, Str: "p"})
	var circ CircularRefError
	if err := s.Set("p", str("1")); !errors.As(err, &circ) || circ.Name != "p" {
		t.Errorf("assigning through a circular nameref: %v, want a CircularRefError for p", err)
	}
	if target, _ := s.RefTarget("p"); target != "p" && target != "q" {
		t.Errorf("RefTarget of a circular nameref = %q, want it to end at p or q", target)
	}
}

func TestAttributes(t *testing.T) {
	s, _ := newStore(t)
	s.ChangeAttrs("i", AttrInteger, 0)
	if err := s.Set("i", str("2+(3)")); err != nil {
		t.Fatal(err)
	}
	if got := value(s, "i"); got != "5" {
		t.Errorf("declare -i i=2+3: i = %q, want 5", got)
	}
	if got := s.AppendText("i", "5", "1"); got != "5+(1)" {
		t.Errorf("i+=1 appends %q, want the sum 5+(1)", got)
	}
	if got := s.AppendText("plain", "a", "b"); got != "ab" {
		t.Errorf("plain+=b appends %q, want ab", got)
	}
	if err := s.Set("i", str("x")); err == nil {
		t.Errorf("a bad number assigned to an integer gave no error")
	}
	s.ChangeAttrs("u", AttrUpper, AttrLower)
	s.SetString("u", "MiXed")
	s.ChangeAttrs("l", AttrLower, AttrUpper)
	s.Set("l", list("A", "B"))
	s.SetIndex("l", 2, "C")
	if got := value(s, "u") + " " + value(s, "l"); got != "MIXED a,b,c" {
		t.Errorf("-u and -l values: %q, want MIXED a,b,c", got)
	}
	if got := s.DeclLine("i", mustLookup(t, s, "i")); got != `declare -i i="5"` {
		t.Errorf("DeclLine(i) = %q", got)
	}
	// unset drops the attributes; a local's go with its scope
	s.Set("u", expand.Variable{})
	if s.Attrs("u") != 0 {
		t.Errorf("unset kept u's attributes")
	}
	s.Push()
	s.Put(s.Top(), "i", expand.Variable{Local: true})
	if s.Attrs("i") != 0 {
		t.Errorf("a new local has the global's attributes")
	}
	s.ChangeAttrs("i", AttrUpper, 0)
	s.Pop()
	if a := s.Attrs("i"); a != AttrInteger {
		t.Errorf("the global's attributes after the call: %v, want -i alone", a)
	}
}

func mustLookup(t *testing.T, s *Store, name string) expand.Variable {
	t.Helper()
	vr, ok := s.Lookup(name)
	if !ok {
		t.Fatalf("%s not found", name)
	}
	return vr
}

// A subshell's store shares its parent's scopes: neither sees what the
// other changes afterwards, whichever changes first.
func TestShareCopiesOnWrite(t *testing.T) {
	for _, first := range []string{"parent", "sub"} {
		t.Run(first+" first", func(t *testing.T) {
			parent, _ := newStore(t)
			parent.Set("g", str("0"))
			parent.Push()
			parent.Put(parent.Top(), "l", expand.Variable{Local: true, Set: true, Kind: expand.String, Str: "0"})
			sub := parent.Share(&fakeShell{})
			change := map[string]*Store{"parent": parent, "sub": &sub}
			other := map[string]*Store{"parent": &sub, "sub": parent}
			change[first].Set("g", str(first))
			change[first].Set("l", str(first))
			for _, name := range []string{"g", "l"} {
				if got := value(change[first], name); got != first {
					t.Errorf("%s: %s = %q, want %q", first, name, got, first)
				}
				if got := value(other[first], name); got != "0" {
					t.Errorf("the other store sees %s = %q, want 0", name, got)
				}
			}
			// the function's scope is still the top of both
			if got := value(other[first], "l"); got != "0" {
				t.Errorf("l = %q in the other store", got)
			}
			sub.Release()
			parent.Pop()
			if got := value(parent, "g"); got != map[string]string{"parent": "parent", "sub": "0"}[first] {
				t.Errorf("g = %q in the parent at the end", got)
			}
		})
	}
}

// An array is changed in place while its scope's alone, and copied once
// a subshell shares it: the subshell keeps the value it started with.
func TestArraysInPlaceUntilShared(t *testing.T) {
	s, _ := newStore(t)
	s.Set("a", list("x"))
	for i := 1; i < 4; i++ {
		s.SetIndex("a", i, strconv.Itoa(i))
	}
	before := mustLookup(t, s, "a").List
	s.SetIndex("a", 0, "in place")
	if before[0] != "in place" {
		t.Errorf("an array the scope owns was copied to change one element")
	}
	sub := s.Share(&fakeShell{})
	s.SetIndex("a", 1, "parent")
	if got := value(&sub, "a"); got != "in place,1,2,3" {
		t.Errorf("the subshell sees a = %q after the parent's a[1]=parent", got)
	}
	sub.SetIndex("a", 2, "sub")
	if got := value(s, "a"); got != "in place,parent,2,3" {
		t.Errorf("the parent sees a = %q after the subshell's a[2]=sub", got)
	}
	sub.Release()

	// the scope a copy was made of no longer owns its arrays alone: the
	// copy holds them too
	sub = s.Share(&fakeShell{})
	s.Set("other", str("1")) // the parent copies the scope
	sub.SetIndex("a", 0, "sub")
	if got := value(s, "a"); got != "in place,parent,2,3" {
		t.Errorf("the parent sees a = %q after the subshell's a[0]=sub", got)
	}
	sub.Release()

	// the same for an associative array's keys
	m := expand.Variable{Set: true, Kind: expand.Associative, Map: map[string]string{"k": "v"}}
	s.Set("m", m)
	sc, old, _ := s.Find("m")
	if err := s.SetKey(sc, "m", old, "k", "2", false); err != nil {
		t.Fatal(err)
	}
	sub = s.Share(&fakeShell{})
	sc, old, _ = s.Find("m")
	s.SetKey(sc, "m", old, "k", "3", false)
	if vr, _ := sub.Lookup("m"); vr.Map["k"] != "2" {
		t.Errorf("the subshell sees m[k] = %q after the parent's m[k]=3", vr.Map["k"])
	}
	sub.Release()
	if m.Map["k"] != "v" {
		t.Errorf("the value given to Set was changed in place: %v", m.Map)
	}
}

// A prefix assignment's old value is put back as it was, even if the
// command changed the array meanwhile.
func TestSaveRestore(t *testing.T) {
	s, _ := newStore(t)
	s.Set("a", list("1", "2"))
	s.SetIndex("a", 2, "3") // owned: would be changed in place
	sc, vr, found := s.Find("a")
	sv := s.Save(sc, "a", vr, found)
	s.Put(s.Top(), "a", list("during"))
	s.Restore(sv)
	s.SetIndex("a", 0, "after")
	if got := strings.Join(vr.List, ","); got != "1,2,3" {
		t.Errorf("the saved value changed: %q", got)
	}
	sc, vr, found = s.Find("new")
	sv = s.Save(sc, "new", vr, found)
	s.Put(s.Top(), "new", str("during"))
	s.Restore(sv)
	if _, ok := s.Lookup("new"); ok {
		t.Errorf("a variable set only for the command is still there")
	}
}

func TestNewLocalKeptUntilScopeLeft(t *testing.T) {
	s, f := newStore(t)
	f.keep = map[string]any{"OPTIND": "place"}
	s.Put(s.Global(), "OPTIND", str("1")) // globals are nobody's locals
	s.Push()
	s.Put(s.Top(), "x", expand.Variable{Local: true})
	s.Put(s.Top(), "OPTIND", expand.Variable{Local: true})
	s.Put(s.Top(), "OPTIND", str("3")) // already local: nothing more kept
	sub := s.Share(&fakeShell{})       // a copy of the scope keeps it too
	sub.Set("OPTIND", str("4"))
	sub.Release()
	if len(f.left) != 0 {
		t.Fatalf("ScopeLeft called before the scope ended: %v", f.left)
	}
	s.Pop()
	if !slices.Equal(f.left, []any{"place"}) {
		t.Errorf("ScopeLeft got %v, want [place]", f.left)
	}
	// the reused scope keeps nothing of the last call
	s.Push()
	s.Put(s.Top(), "y", expand.Variable{Local: true})
	s.Pop()
	if len(f.left) != 1 {
		t.Errorf("ScopeLeft called again for a scope that kept nothing: %v", f.left)
	}
}

func TestSnapshotLoad(t *testing.T) {
	s, _ := newStore(t)
	s.Set("g", str("1"))
	s.ChangeAttrs("g", AttrInteger, 0)
	s.Put(s.Global(), "ref", expand.Variable{Set: true, Kind: expand.NameRef, Str: "g"})
	s.Push()
	s.Put(s.Top(), "l", expand.Variable{Local: true, Set: true, Kind: expand.String, Str: "x"})
	scopes, attrs := s.Snapshot()
	if len(scopes) != 2 || len(attrs) != 2 {
		t.Fatalf("Snapshot: %d scopes, %d attribute maps; want 2 of each", len(scopes), len(attrs))
	}
	child, _ := newStore(t)
	child.Load(scopes, attrs)
	if got := value(child, "l") + value(child, "g"); got != "x1" {
		t.Errorf("loaded l and g: %q", got)
	}
	if err := child.Set("ref", str("2+(3)")); err != nil {
		t.Fatal(err)
	}
	if got := value(child, "g"); got != "5" {
		t.Errorf("g = %q after ref=2+3 in the loaded store, want 5 (nameref followed, -i kept)", got)
	}
	child.Pop()
	if got := value(child, "l"); got != "<unset>" {
		t.Errorf("l = %q after leaving the loaded function scope", got)
	}
}

func TestEach(t *testing.T) {
	s, _ := newStore(t)
	s.Set("a", str("global"))
	s.Set("b", str("global"))
	s.Push()
	s.Put(s.Top(), "a", str("local"))
	got := map[string]string{}
	s.Each(func(name string, vr expand.Variable) bool {
		if _, dup := got[name]; dup {
			t.Errorf("%s listed twice", name)
		}
		got[name] = vr.String()
		return true
	})
	if got["a"] != "local" || got["b"] != "global" || len(got) != 2 {
		t.Errorf("Each: %v", got)
	}
	if names := s.Top().Names(); !slices.Equal(names, []string{"a"}) {
		t.Errorf("the function's scope holds %v, want [a]", names)
	}
}

func TestPutIndex(t *testing.T) {
	for _, tc := range []struct {
		list []string
		idx  []int
		i    int
		want string // list, then indexes
	}{
		{nil, nil, 0, "[x] []"},
		{[]string{"a"}, nil, 1, "[a x] []"},
		{[]string{"a"}, nil, 0, "[x] []"},
		{[]string{"a"}, nil, 3, "[a x] [0 3]"},
		{[]string{"a", "c"}, []int{0, 2}, 1, "[a x c] []"}, // dense again
		{[]string{"a", "c"}, []int{0, 2}, 2, "[a x] [0 2]"},
		{[]string{"a", "c"}, []int{1, 5}, 3, "[a x c] [1 3 5]"},
	} {
		list, idx := PutIndex(slices.Clone(tc.list), slices.Clone(tc.idx), tc.i, "x")
		if idx == nil {
			idx = []int{}
		}
		if got := fmt.Sprint(list, idx); got != tc.want {
			t.Errorf("PutIndex(%v, %v, %d) = %s, want %s", tc.list, tc.idx, tc.i, got, tc.want)
		}
	}
}

func TestSetIndexNegativeAndScalar(t *testing.T) {
	s, _ := newStore(t)
	s.Set("s", str("zero"))
	s.SetIndex("s", 1, "one") // a string becomes element 0 of an array
	if got := value(s, "s"); got != "zero,one" {
		t.Errorf("s = %q, want zero,one", got)
	}
	if err := s.SetIndex("none", -1, "x"); err == nil || !strings.Contains(err.Error(), "bad array subscript") {
		t.Errorf("none[-1]=x: %v, want a bad subscript", err)
	}
	s.SetString("s", "ZERO") // element 0 of an array
	if got := value(s, "s"); got != "ZERO,one" {
		t.Errorf("s = %q after s=ZERO, want ZERO,one", got)
	}
}

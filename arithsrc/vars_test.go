package arithsrc

import (
	"testing"

	"mvdan.cc/sh/v3/expand"

	"pipesh/arith"
)

// mapStore is a Store over plain variables.
type mapStore map[string]expand.Variable

func (m mapStore) Lookup(name string) expand.Variable { return m[name] }

func (m mapStore) SetString(name, val string) error {
	m[name] = expand.Variable{Set: true, Kind: expand.String, Str: val}
	return nil
}

func (m mapStore) SetIndex(name string, i int, val string) error {
	vr := m[name]
	list := append([]string(nil), vr.List...)
	for len(list) <= i {
		list = append(list, "")
	}
	list[i] = val
	m[name] = expand.Variable{Set: true, Kind: expand.Indexed, List: list}
	return nil
}

func (m mapStore) SetKey(name, key, val string) error {
	m[name].Map[key] = val
	return nil
}

func TestGetSet(t *testing.T) {
	s := mapStore{
		"a":   {Set: true, Kind: expand.Indexed, List: []string{"1", "2", "3"}},
		"h":   {Set: true, Kind: expand.Associative, Map: map[string]string{"k": "v"}},
		"s":   {Set: true, Kind: expand.String, Str: "7"},
		"ref": {Set: true, Kind: expand.NameRef, Str: "a"},
	}
	gets := []struct {
		name string
		sub  arith.Sub
		want string
		set  bool
	}{
		{"a", arith.Sub{}, "1", true},
		{"a", arith.Sub{Text: "-1", Index: -1}, "3", true},
		{"a", arith.Sub{Text: "-4", Index: -4}, "", false},
		{"ref", arith.Sub{Text: "1", Index: 1}, "2", true},
		{"h", arith.Sub{Text: "k", Key: "k"}, "v", true},
		{"h", arith.Sub{Text: "x", Key: "x"}, "", false},
		{"s", arith.Sub{Text: "0", Index: 0}, "7", true},
		{"s", arith.Sub{Text: "1", Index: 1}, "", false},
		{"none", arith.Sub{}, "", false},
	}
	for _, g := range gets {
		if got, set := Get(s, g.name, g.sub); got != g.want || set != g.set {
			t.Errorf("Get(%s, %q) = %q, %v; want %q, %v", g.name, g.sub.Text, got, set, g.want, g.set)
		}
	}
	if !IsAssoc(s, "h") || IsAssoc(s, "ref") {
		t.Errorf("IsAssoc: h should be associative, ref (to an indexed array) not")
	}
	if err := Set(s, "ref", arith.Sub{Text: "-1", Index: -1}, "9"); err != nil || s["a"].List[2] != "9" {
		t.Errorf("Set(ref[-1]) = %v, a = %q; want a[2] set through the nameref", err, s["a"].List)
	}
	if err := Set(s, "h", arith.Sub{Text: "n", Key: "n"}, "1"); err != nil || s["h"].Map["n"] != "1" {
		t.Errorf("Set(h[n]) = %v, h = %v", err, s["h"].Map)
	}
	if err := Set(s, "a", arith.Sub{Text: "-5", Index: -5}, "1"); err == nil || err.Error() != "a[-5]: bad array subscript" {
		t.Errorf("Set(a[-5]) = %v; want bad array subscript", err)
	}
	if err := Set(s, "x", arith.Sub{}, "4"); err != nil || s["x"].Str != "4" {
		t.Errorf("Set(x) = %v, x = %q", err, s["x"].Str)
	}
}

package vars

import (
	"strconv"
	"strings"

	"mvdan.cc/sh/v3/expand"

	"pipesh/quote"
)

// Attr holds the attributes of a variable that change what is stored
// when it is assigned (declare -i, -l, -u), which expand.Variable has no
// room for. They live in the scope of the variable they belong to, so a
// local's go with it, and unset removes them, as in bash.
type Attr uint8

// The attributes, as bits of an Attr.
const (
	AttrInteger Attr = 1 << iota // -i: a value is evaluated as arithmetic
	AttrLower                    // -l: a value is lowercased
	AttrUpper                    // -u: a value is uppercased
)

// attrScope is the scope whose attributes name's are: the one holding
// the variable, or the global one for a name not set yet.
func (s *Store) attrScope(name string) *Scope {
	if sc, _, ok := s.top.lookup(name); ok {
		return sc
	}
	return s.top.global()
}

// Attrs returns name's attributes.
func (s *Store) Attrs(name string) Attr {
	return s.attrScope(name).attrs[name]
}

// ChangeAttrs sets name's attributes in set and clears those in clear.
// Values already stored are not converted: the next assignment is.
func (s *Store) ChangeAttrs(name string, set, clear Attr) {
	sc := s.attrScope(name)
	a := sc.attrs[name]&^clear | set
	if a == sc.attrs[name] {
		return
	}
	sc = s.writable(sc)
	if sc.attrs == nil {
		sc.attrs = map[string]Attr{}
	}
	if a == 0 {
		delete(sc.attrs, name)
	} else {
		sc.attrs[name] = a
	}
}

// dropAttrs removes name's attributes from sc (unset).
func (s *Store) dropAttrs(sc *Scope, name string) {
	if _, ok := sc.attrs[name]; ok {
		delete(s.writable(sc).attrs, name)
	}
}

// convertValue is a value as a variable with attributes a stores it: an
// integer's evaluated, a -l or -u one's case changed.
func (s *Store) convertValue(a Attr, val string) (string, error) {
	switch {
	case a&AttrInteger != 0:
		n, err := s.sh.Arith(val)
		if err != nil {
			return "", err
		}
		return strconv.Itoa(n), nil
	case a&AttrLower != 0:
		return strings.ToLower(val), nil
	case a&AttrUpper != 0:
		return strings.ToUpper(val), nil
	}
	return val, nil
}

// convertVar applies attributes a to every value of vr.
func (s *Store) convertVar(a Attr, vr expand.Variable) (expand.Variable, error) {
	var err error
	switch vr.Kind {
	case expand.String:
		vr.Str, err = s.convertValue(a, vr.Str)
	case expand.Indexed:
		list := make([]string, len(vr.List))
		for i, v := range vr.List {
			if list[i], err = s.convertValue(a, v); err != nil {
				break
			}
		}
		vr.List = list
	case expand.Associative:
		m := make(map[string]string, len(vr.Map))
		for k, v := range vr.Map {
			if m[k], err = s.convertValue(a, v); err != nil {
				break
			}
		}
		vr.Map = m
	}
	return vr, err
}

// AppendText is the value name+=val assigns over old: for an integer
// the sum, as bash's += adds (the text is evaluated when it is
// stored), else the two texts joined.
func (s *Store) AppendText(name, old, val string) string {
	if s.Attrs(name)&AttrInteger == 0 {
		return old + val
	}
	if old == "" {
		old = "0"
	}
	return old + "+(" + val + ")"
}

// Letters are the attribute letters declare -p shows for a (bash shows
// i before r and x, l and u after them).
func (a Attr) Letters() (integer, letterCase string) {
	if a&AttrInteger != 0 {
		integer = "i"
	}
	switch {
	case a&AttrLower != 0:
		letterCase = "l"
	case a&AttrUpper != 0:
		letterCase = "u"
	}
	return integer, letterCase
}

// DeclLine is vr, name's value, as declare -p prints it, with all its
// attributes.
func (s *Store) DeclLine(name string, vr expand.Variable) string {
	integer, letterCase := s.Attrs(name).Letters()
	return quote.DeclareAttrs(name, vr, integer, letterCase)
}

// attrBits is a scope's attributes as a Snapshot carries them.
func attrBits(attrs map[string]Attr) map[string]uint8 {
	if attrs == nil {
		return nil
	}
	m := make(map[string]uint8, len(attrs))
	for name, a := range attrs {
		m[name] = uint8(a)
	}
	return m
}

// attrsFromBits is attrBits' inverse.
func attrsFromBits(bits map[string]uint8) map[string]Attr {
	if bits == nil {
		return nil
	}
	m := make(map[string]Attr, len(bits))
	for name, b := range bits {
		m[name] = Attr(b)
	}
	return m
}

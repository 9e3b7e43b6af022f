package arithsrc

import (
	"fmt"

	"mvdan.cc/sh/v3/expand"

	"pipesh/arith"
	"pipesh/array"
)

// Store is the shell's variables as arithmetic reads and writes them:
// plain lookups and assignments, no namerefs followed (Get and Set do
// that). A shell wraps its variables in a type that is a Store and
// implements arith.Vars by calling Get, Set and IsAssoc with itself.
type Store interface {
	// Lookup returns the variable called name, unset (the zero
	// Variable) when there is none.
	Lookup(name string) expand.Variable
	// SetString assigns a scalar value to name.
	SetString(name, value string) error
	// SetIndex assigns value to element i (not negative) of the indexed
	// array name, making it one if it is not.
	SetIndex(name string, i int, value string) error
	// SetKey assigns value to element key of the associative array name.
	SetKey(name, key, value string) error
}

// resolve follows a nameref for reading.
func resolve(s Store, name string) (string, expand.Variable) {
	vr := s.Lookup(name)
	if vr.Kind == expand.NameRef {
		name = vr.Str
		vr = s.Lookup(name)
	}
	return name, vr
}

// IsAssoc is arith.Vars's IsAssoc over s: whether name, through a
// nameref, is an associative array.
func IsAssoc(s Store, name string) bool {
	_, vr := resolve(s, name)
	return vr.Kind == expand.Associative
}

// Get is arith.Vars's Get over s: the value of name, through a
// nameref, or of its element sub, and whether it is set.
func Get(s Store, name string, sub arith.Sub) (string, bool) {
	_, vr := resolve(s, name)
	if sub.Text == "" {
		return array.Scalar(vr)
	}
	if vr.Kind == expand.Associative {
		val, ok := vr.Map[sub.Key]
		return val, ok
	}
	i := sub.Index
	if i < 0 && vr.Kind == expand.Indexed {
		i += array.Len(vr)
	}
	if i < 0 {
		return "", false
	}
	if vr.Kind == expand.String {
		if i == 0 && vr.IsSet() {
			return vr.Str, true
		}
		return "", false
	}
	return array.Elem(vr, i)
}

// Set is arith.Vars's Set over s: it assigns val to name, through a
// nameref, or to its element sub. An index that counts back past the
// start of the array is bash's "bad array subscript".
func Set(s Store, name string, sub arith.Sub, val string) error {
	vr := s.Lookup(name)
	if vr.Kind == expand.NameRef && vr.Str != "" {
		name = vr.Str
		vr = s.Lookup(name)
	}
	switch {
	case sub.Text == "":
		return s.SetString(name, val)
	case vr.Kind == expand.Associative:
		return s.SetKey(name, sub.Key, val)
	}
	i := sub.Index
	if i < 0 && vr.Kind == expand.Indexed {
		i += array.Len(vr)
	}
	if i < 0 {
		return fmt.Errorf("%s[%s]: bad array subscript", name, sub.Text)
	}
	return s.SetIndex(name, i, val)
}

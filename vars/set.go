package vars

import (
	"fmt"
	"maps"
	"slices"

	"mvdan.cc/sh/v3/expand"

	"pipesh/array"
)

// maxNameRefs is how many namerefs an assignment follows before it
// calls the chain circular, as bash's NAMEREF_MAX.
const maxNameRefs = 8

// CircularRefError is an assignment through namerefs that lead back to
// themselves (declare -n a=b b=a; a=1).
type CircularRefError struct{ Name string }

func (e CircularRefError) Error() string {
	return "warning: " + e.Name + ": circular name reference"
}

// ReadonlyError is an assignment to a readonly variable, worded as bash
// words it.
type ReadonlyError struct{ Name string }

func (e ReadonlyError) Error() string { return e.Name + ": readonly variable" }

// Set assigns vr to name as an assignment does: through namerefs, in
// the innermost scope declaring name (else the globals), refused for a
// readonly variable, converted as name's attributes say, keeping the
// export and readonly flags vr does not carry. An unset vr unsets name
// (a local stays local, unset, in its own function), and KeepValue
// changes only the flags.
func (s *Store) Set(name string, vr expand.Variable) error {
	sc, old, ok := s.top.lookup(name)
	return s.setFound(name, sc, old, ok, vr)
}

// setFound is Set with name already looked up (sc, old, ok are
// s.top.lookup(name)).
func (s *Store) setFound(name string, sc *Scope, old expand.Variable, ok bool, vr expand.Variable) error {
	first := name
	for hops := 0; old.Kind == expand.NameRef && vr.Kind != expand.NameRef && vr.Kind != expand.KeepValue && old.Str != ""; hops++ {
		if hops == maxNameRefs {
			return CircularRefError{first}
		}
		name = old.Str
		sc, old, ok = s.top.lookup(name)
	}
	if !ok {
		sc = s.top.global()
	}
	if old.ReadOnly && vr.Kind != expand.KeepValue {
		return ReadonlyError{name}
	}
	if !vr.IsSet() && vr.Kind != expand.KeepValue && !vr.Declared() {
		if sc == s.top.global() || !old.Local || sc != s.top {
			// unset from a called function pops the caller's local,
			// uncovering the next one out, as in bash
			s.Delete(sc, name)
		} else {
			// unset of a local keeps it local but unset, as bash does
			s.Put(sc, name, expand.Variable{Local: true})
			s.dropAttrs(sc, name)
		}
		if old.Exported {
			s.sh.ExportChanged()
		}
		return nil
	}
	if a := sc.attrs[name]; a != 0 && vr.Kind != expand.KeepValue {
		var err error
		if vr, err = s.convertVar(a, vr); err != nil {
			return err
		}
	}
	if vr.Kind == expand.KeepValue {
		old.Exported = old.Exported || vr.Exported
		old.ReadOnly = old.ReadOnly || vr.ReadOnly
		old.Local = old.Local || vr.Local
		vr = old
	} else {
		vr.Exported = vr.Exported || old.Exported || s.sh.AllExport()
		vr.ReadOnly = vr.ReadOnly || old.ReadOnly
		vr.Local = old.Local
	}
	s.Put(sc, name, vr)
	if vr.Exported || old.Exported {
		s.sh.ExportChanged()
	}
	return nil
}

// SetString assigns a plain string as x=v does: element 0 of an indexed
// array, key "0" of an associative one.
func (s *Store) SetString(name, value string) error {
	sc, old, ok := s.top.lookup(name)
	switch old.Kind {
	case expand.Indexed:
		list := slices.Clone(old.List)
		if len(list) == 0 || (old.Indexes != nil && old.Indexes[0] != 0) {
			return s.SetIndex(name, 0, value)
		}
		list[0] = value
		old.List = list
		old.Set = true
		return s.Set(name, old)
	case expand.Associative:
		m := maps.Clone(old.Map)
		if m == nil {
			m = map[string]string{}
		}
		m["0"] = value
		old.Map = m
		old.Set = true
		return s.Set(name, old)
	}
	return s.setFound(name, sc, old, ok, expand.Variable{Set: true, Kind: expand.String, Str: value, Exported: old.Exported, ReadOnly: old.ReadOnly})
}

// SetIndex sets element i of an indexed array, as a[i]=v does (a string
// becomes element 0 of the array); a negative i counts back from the
// end. Changing an element costs O(1) amortised: the array is changed in
// place when it is this shell's alone.
func (s *Store) SetIndex(name string, i int, value string) error {
	sc, old, _ := s.top.lookup(name)
	if old.ReadOnly {
		return ReadonlyError{name}
	}
	if old.Kind == expand.Indexed && i >= 0 {
		// the common case, a[i]=v on an array: in place when the
		// array is this scope's alone (scope.go)
		sc = s.writable(sc)
		if !sc.ownsArrays(name) {
			old.List = slices.Clone(old.List)
			old.Indexes = slices.Clone(old.Indexes)
		}
		if a := sc.attrs[name]; a != 0 {
			var err error
			if value, err = s.convertValue(a, value); err != nil {
				return err
			}
		}
		old.Set = true
		old.List, old.Indexes = PutIndex(old.List, old.Indexes, i, value)
		s.putOwned(sc, name, old)
		return nil
	}
	vr := old
	switch old.Kind {
	case expand.String:
		vr.Kind = expand.Indexed
		if old.Set {
			vr.List = []string{old.Str}
		}
	case expand.Indexed:
		vr.List = slices.Clone(old.List)
		vr.Indexes = slices.Clone(old.Indexes)
	default:
		vr.Kind = expand.Indexed
	}
	vr.Set = true
	if i < 0 {
		n := array.Len(vr)
		i += n
		if i < 0 {
			return fmt.Errorf("%s[%d]: bad array subscript", name, i-n)
		}
	}
	vr.List, vr.Indexes = PutIndex(vr.List, vr.Indexes, i, value)
	return s.Set(name, vr)
}

// SetKey sets key of the associative array name, as m[k]=v does (with
// add, m[k]+=v); sc and old are Find(name)'s, old an associative array.
// Like SetIndex it changes the map in place when it is this shell's
// alone.
func (s *Store) SetKey(sc *Scope, name string, old expand.Variable, key, val string, add bool) error {
	if old.ReadOnly {
		return ReadonlyError{name}
	}
	sc = s.writable(sc)
	m := old.Map
	if !sc.ownsArrays(name) || m == nil {
		m = maps.Clone(old.Map)
		if m == nil {
			m = map[string]string{}
		}
	}
	if add {
		val = s.AppendText(name, m[key], val)
	}
	if a := sc.attrs[name]; a != 0 {
		var err error
		if val, err = s.convertValue(a, val); err != nil {
			return err
		}
	}
	m[key] = val
	old.Map = m
	old.Set = true
	s.putOwned(sc, name, old)
	return nil
}

// PutIndex stores value at index i of a possibly sparse list (expand's
// List and Indexes), in place where it can: list and idx are the
// caller's to give.
func PutIndex(list []string, idx []int, i int, value string) ([]string, []int) {
	if idx == nil {
		switch {
		case i < len(list):
			list[i] = value
			return list, nil
		case i == len(list):
			return append(list, value), nil
		}
		idx = make([]int, len(list))
		for k := range idx {
			idx[k] = k
		}
	}
	pos, found := slices.BinarySearch(idx, i)
	if found {
		list[pos] = value
		return list, idx
	}
	list = slices.Insert(list, pos, value)
	idx = slices.Insert(idx, pos, i)
	// collapse back to dense when possible
	dense := true
	for k, v := range idx {
		if k != v {
			dense = false
			break
		}
	}
	if dense {
		idx = nil
	}
	return list, idx
}

package assign

import (
	"maps"
	"slices"

	"mvdan.cc/sh/v3/expand"
	"mvdan.cc/sh/v3/syntax"

	"pipesh/array"
	"pipesh/vars"
)

// Prefix sets the prefix assignments of one command, exported, and
// returns how to put the old values back. Each value sees the ones before
// it, as in bash. For a function (scoped) they are a scope of their own
// between the caller and the function's locals, so that unset in the
// function uncovers the caller's variable, as in bash.
func Prefix(sh Shell, list []*syntax.Assign, scoped bool) (func(), error) {
	vs := sh.Vars()
	var olds []vars.Saved
	if scoped {
		vs.Push()
	}
	restore := func() {
		if scoped {
			vs.Pop()
		}
		for i := len(olds) - 1; i >= 0; i-- {
			vs.Restore(olds[i])
		}
		sh.EnvChanged()
	}
	for _, as := range list {
		val, err := sh.Value(as.Value)
		if err != nil {
			restore()
			return nil, err
		}
		name := as.Name.Value
		sc, vr, had := vs.Find(name)
		if vr.ReadOnly {
			sh.Errorf("%s: readonly variable", name)
			continue
		}
		olds = append(olds, vs.Save(sc, name, vr, had))
		if as.Append {
			val = vr.String() + val
		}
		vs.Put(vs.Top(), name, expand.Variable{Set: true, Kind: expand.String, Str: val, Exported: true, Local: vr.Local && !scoped})
	}
	if scoped {
		olds = nil // the scope goes as a whole
	}
	sh.EnvChanged()
	return restore, nil
}

// Assign performs one assignment word (x=1, a[i]=v, a=(...), x+=...),
// through the nameref its name may be.
func Assign(sh Shell, as *syntax.Assign) error {
	vs := sh.Vars()
	as = ThroughRef(vs, as) // nameref.go
	name := as.Name.Value
	if as.Array != nil {
		return Array(sh, name, as, expand.Unknown)
	}
	val, plain := sh.PlainValue(as.Value) // x=$y, r=$1
	if !plain {
		var err error
		if val, err = sh.Value(as.Value); err != nil {
			return err
		}
	}
	if as.Index != nil {
		sc, vr, _ := vs.Find(name)
		if vr.Kind == expand.Associative {
			key, err := assocKey(sh, as.Index)
			if err != nil {
				return err
			}
			return vs.SetKey(sc, name, vr, key, val, as.Append)
		}
		i, err := sh.Arith(as.Index)
		if err != nil {
			return err
		}
		if as.Append {
			if i < 0 && vr.Kind == expand.Indexed {
				i += array.Len(vr) // a[-1]+=x appends to the last element
			}
			val = vs.AppendText(name, IndexGet(vr, i), val)
		}
		return vs.SetIndex(name, i, val)
	}
	if as.Append {
		vr, _ := vs.Lookup(name)
		switch vr.Kind {
		case expand.Indexed:
			return vs.SetIndex(name, array.Len(vr), val)
		case expand.Associative:
			return vs.SetString(name, vs.AppendText(name, vr.Map["0"], val))
		}
		val = vs.AppendText(name, vr.String(), val)
	}
	return vs.SetString(name, val)
}

// IndexGet is element i of a string (0 only) or indexed array, "" when
// it has none.
func IndexGet(vr expand.Variable, i int) string {
	switch vr.Kind {
	case expand.String:
		if i == 0 {
			return vr.Str
		}
	case expand.Indexed:
		v, _ := array.Elem(vr, i)
		return v
	}
	return ""
}

// assocKey expands an associative array subscript.
func assocKey(sh Shell, x syntax.ArithmExpr) (string, error) {
	if w, ok := x.(*syntax.Word); ok {
		return sh.Literal(w)
	}
	// m[i+1]=v: the parser read the key as arithmetic; it is the text
	return sh.Source(x)
}

// Array performs name=(...) and name+=(...). kind forces the kind (from
// declare -a/-A); Unknown keeps the existing kind or makes an indexed
// array.
func Array(sh Shell, name string, as *syntax.Assign, kind expand.ValueKind) error {
	vs := sh.Vars()
	old, _ := vs.Lookup(name)
	if old.ReadOnly {
		return vars.ReadonlyError{Name: name}
	}
	if kind == expand.Unknown {
		kind = old.Kind
		if kind != expand.Associative {
			kind = expand.Indexed
		}
	}
	vr := expand.Variable{Set: true, Kind: kind, Exported: old.Exported}
	if kind == expand.Associative {
		m := map[string]string{}
		if as.Append && old.Kind == expand.Associative {
			m = maps.Clone(old.Map)
		}
		if elems := as.Array.Elems; len(elems) > 0 && elems[0].Index == nil {
			return assignPairs(sh, name, vr, m, elems)
		}
		for _, el := range as.Array.Elems {
			if el.Index == nil {
				// bash says so and goes on with the others
				sh.Errorf("%s: '%s': must use subscript when assigning associative array", name, sh.Print(el.Value))
				continue
			}
			key, err := assocKey(sh, el.Index)
			if err != nil {
				return err
			}
			val, err := sh.Value(el.Value)
			if err != nil {
				return err
			}
			m[key] = val
		}
		vr.Map = m
		return vs.Set(name, vr)
	}
	var list []string
	var idx []int
	next := 0
	if as.Append {
		switch old.Kind {
		case expand.Indexed:
			list = slices.Clone(old.List)
			idx = slices.Clone(old.Indexes)
			next = array.Len(old)
		case expand.String:
			if old.Set {
				list = []string{old.Str}
				next = 1
			}
		}
	}
	for _, el := range as.Array.Elems {
		if el.Index != nil {
			i, err := sh.Arith(el.Index)
			if err != nil {
				return err
			}
			val, err := sh.Value(el.Value)
			if err != nil {
				return err
			}
			list, idx = vars.PutIndex(list, idx, i, val)
			next = i + 1
			continue
		}
		vals, err := sh.Fields([]*syntax.Word{el.Value})
		if err != nil {
			return err
		}
		for _, v := range vals {
			list, idx = vars.PutIndex(list, idx, next, v)
			next++
		}
	}
	if list == nil {
		list = []string{}
	}
	vr.List, vr.Indexes = list, idx
	return vs.Set(name, vr)
}

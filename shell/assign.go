package shell

import (
	"maps"
	"slices"

	"mvdan.cc/sh/v3/expand"
	"mvdan.cc/sh/v3/syntax"

	"pipesh/array"
)

// tempAssigns sets prefix assignments for one command, exported, and
// returns how to put the old values back. Each value sees the ones before
// it, as in bash. For a function (scoped) they are a scope of their own
// between the caller and the function's locals, so that unset in the
// function uncovers the caller's variable, as in bash.
func (r *Runner) tempAssigns(list []*syntax.Assign, scoped bool) (func(), error) {
	type old struct {
		name  string
		vr    expand.Variable
		inTop bool // the old value was in the top scope, where the new one goes
	}
	var olds []old
	if scoped {
		r.pushScope()
	}
	restore := func() {
		if scoped {
			r.popScope()
		}
		for i := len(olds) - 1; i >= 0; i-- {
			o := olds[i]
			if o.inTop {
				r.storeVar(r.vars, o.name, o.vr)
			} else {
				r.deleteVar(r.vars, o.name)
			}
		}
		r.envCache = nil
	}
	for _, as := range list {
		val, err := r.assignValue(as.Value)
		if err != nil {
			restore()
			return nil, err
		}
		name := as.Name.Value
		sc, vr, had := r.vars.lookup(name)
		if vr.ReadOnly {
			r.errorf("%s: readonly variable", name)
			continue
		}
		if had && sc == r.vars {
			// the saved value is put back as it is: its arrays may not
			// change in place meanwhile
			sc.sharedAt.Store(r.sh.epoch.Add(1))
		}
		olds = append(olds, old{name, vr, had && sc == r.vars})
		if as.Append {
			val = vr.String() + val
		}
		r.storeVar(r.vars, name, expand.Variable{Set: true, Kind: expand.String, Str: val, Exported: true, Local: vr.Local && !scoped})
	}
	if scoped {
		olds = nil // the scope goes as a whole
	}
	r.envCache = nil
	return restore, nil
}

// assign performs one assignment word (x=1, a[i]=v, a=(...), x+=...).
func (r *Runner) assign(as *syntax.Assign, local bool) error {
	as = r.throughRef(as) // nameref.go
	name := as.Name.Value
	if as.Array != nil {
		return r.assignArray(name, as, expand.Unknown)
	}
	val, plain := r.wx.PlainParamValue(as.Value) // x=$y, r=$1 (wordexp/fastparam.go)
	if !plain {
		var err error
		if val, err = r.assignValue(as.Value); err != nil {
			return err
		}
	}
	if as.Index != nil {
		sc, vr, _ := r.vars.lookup(name)
		if vr.Kind == expand.Associative {
			key, err := r.assocKey(as.Index)
			if err != nil {
				return err
			}
			if vr.ReadOnly {
				return readonlyError{name}
			}
			// in place when the map is this scope's alone (scope.go)
			sc = r.writable(sc)
			m := vr.Map
			if !sc.ownsArrays(name) || m == nil {
				m = maps.Clone(vr.Map)
				if m == nil {
					m = map[string]string{}
				}
			}
			if as.Append {
				val = r.appendText(name, m[key], val)
			}
			if a := sc.attrs[name]; a != 0 {
				if val, err = r.convertValue(a, val); err != nil {
					return err
				}
			}
			m[key] = val
			vr.Map = m
			vr.Set = true
			r.storeOwned(sc, name, vr)
			return nil
		}
		i, err := r.arith(as.Index)
		if err != nil {
			return err
		}
		if as.Append {
			if i < 0 && vr.Kind == expand.Indexed {
				i += arrayLen(vr) // a[-1]+=x appends to the last element
			}
			val = r.appendText(name, indexGet(vr, i), val)
		}
		return r.setIndex(name, i, val)
	}
	if as.Append {
		_, vr, _ := r.vars.lookup(name)
		switch vr.Kind {
		case expand.Indexed:
			return r.setIndex(name, arrayLenOrZero(vr), val)
		case expand.Associative:
			return r.setString(name, r.appendText(name, vr.Map["0"], val))
		}
		val = r.appendText(name, vr.String(), val)
	}
	return r.setString(name, val)
}

func arrayLenOrZero(vr expand.Variable) int {
	if len(vr.Indexes) > 0 {
		return vr.Indexes[len(vr.Indexes)-1] + 1
	}
	return len(vr.List)
}

func indexGet(vr expand.Variable, i int) string {
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
func (r *Runner) assocKey(x syntax.ArithmExpr) (string, error) {
	if w, ok := x.(*syntax.Word); ok {
		return r.literal(w)
	}
	// m[i+1]=v: the parser read the key as arithmetic; it is the text
	return r.arithSource(x, -1, -1)
}

// assignArray handles name=(...) and name+=(...). kind forces the kind
// (from declare -a/-A); Unknown keeps the existing kind or makes an
// indexed array.
func (r *Runner) assignArray(name string, as *syntax.Assign, kind expand.ValueKind) error {
	_, old, _ := r.vars.lookup(name)
	if old.ReadOnly {
		return readonlyError{name}
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
			return r.assignPairs(name, vr, m, elems)
		}
		for _, el := range as.Array.Elems {
			if el.Index == nil {
				// bash says so and goes on with the others
				r.errorf("%s: '%s': must use subscript when assigning associative array", name, printNode(el.Value))
				continue
			}
			key, err := r.assocKey(el.Index)
			if err != nil {
				return err
			}
			val, err := r.assignValue(el.Value)
			if err != nil {
				return err
			}
			m[key] = val
		}
		vr.Map = m
		return r.setVar(name, vr)
	}
	var list []string
	var idx []int
	next := 0
	if as.Append {
		switch old.Kind {
		case expand.Indexed:
			list = slices.Clone(old.List)
			idx = slices.Clone(old.Indexes)
			next = arrayLenOrZero(old)
		case expand.String:
			if old.Set {
				list = []string{old.Str}
				next = 1
			}
		}
	}
	for _, el := range as.Array.Elems {
		if el.Index != nil {
			i, err := r.arith(el.Index)
			if err != nil {
				return err
			}
			val, err := r.assignValue(el.Value)
			if err != nil {
				return err
			}
			list, idx = putIndex(list, idx, i, val)
			next = i + 1
			continue
		}
		vals, err := r.fields([]*syntax.Word{el.Value})
		if err != nil {
			return err
		}
		for _, v := range vals {
			list, idx = putIndex(list, idx, next, v)
			next++
		}
	}
	if list == nil {
		list = []string{}
	}
	vr.List, vr.Indexes = list, idx
	return r.setVar(name, vr)
}

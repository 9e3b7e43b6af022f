package shell

import (
	"errors"
	"maps"
	"slices"

	"mvdan.cc/sh/v3/expand"
	"mvdan.cc/sh/v3/syntax"

	"pipesh/array"
	"pipesh/vars"
)

// tempAssigns sets prefix assignments for one command, exported, and
// returns how to put the old values back. Each value sees the ones before
// it, as in bash. For a function (scoped) they are a scope of their own
// between the caller and the function's locals, so that unset in the
// function uncovers the caller's variable, as in bash.
func (r *Runner) tempAssigns(list []*syntax.Assign, scoped bool) (func(), error) {
	var olds []vars.Saved
	if scoped {
		r.vars.Push()
	}
	restore := func() {
		if scoped {
			r.vars.Pop()
		}
		for i := len(olds) - 1; i >= 0; i-- {
			r.vars.Restore(olds[i])
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
		sc, vr, had := r.vars.Find(name)
		if vr.ReadOnly {
			r.errorf("%s: readonly variable", name)
			continue
		}
		olds = append(olds, r.vars.Save(sc, name, vr, had))
		if as.Append {
			val = vr.String() + val
		}
		r.vars.Put(r.vars.Top(), name, expand.Variable{Set: true, Kind: expand.String, Str: val, Exported: true, Local: vr.Local && !scoped})
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
		sc, vr, _ := r.vars.Find(name)
		if vr.Kind == expand.Associative {
			key, err := r.assocKey(as.Index)
			if err != nil {
				return err
			}
			return r.vars.SetKey(sc, name, vr, key, val, as.Append)
		}
		i, err := r.arith(as.Index)
		if err != nil {
			return err
		}
		if as.Append {
			if i < 0 && vr.Kind == expand.Indexed {
				i += array.Len(vr) // a[-1]+=x appends to the last element
			}
			val = r.vars.AppendText(name, indexGet(vr, i), val)
		}
		return r.setIndex(name, i, val)
	}
	if as.Append {
		vr, _ := r.vars.Lookup(name)
		switch vr.Kind {
		case expand.Indexed:
			return r.setIndex(name, array.Len(vr), val)
		case expand.Associative:
			return r.setString(name, r.vars.AppendText(name, vr.Map["0"], val))
		}
		val = r.vars.AppendText(name, vr.String(), val)
	}
	return r.setString(name, val)
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
	old, _ := r.vars.Lookup(name)
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
			i, err := r.arith(el.Index)
			if err != nil {
				return err
			}
			val, err := r.assignValue(el.Value)
			if err != nil {
				return err
			}
			list, idx = vars.PutIndex(list, idx, i, val)
			next = i + 1
			continue
		}
		vals, err := r.fields([]*syntax.Word{el.Value})
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
	return r.setVar(name, vr)
}

// abortOn passes err on, first making an arithmetic error in a value
// assigned to an integer (by a builtin: read, printf -v, declare)
// abandon the rest of the line, as bash does.
func (r *Runner) abortOn(err error) error {
	var ee *expandErr
	if errors.As(err, &ee) {
		r.flow = flow{kind: flowAbort}
	}
	return err
}

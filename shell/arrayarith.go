package shell

import (
	"strconv"

	"mvdan.cc/sh/v3/expand"

	"pipesh/vars"
)

// Assigning one element of an array, for arithmetic (a[i]=v, a[i]++)
// and for builtins that take a subscript as written (read, printf -v).

// elemSet writes element key of array name: a key of an associative
// array, or an index (already evaluated) of an indexed one.
func (r *Runner) elemSet(name, key string, val expand.Variable) error {
	vr := r.lookupVar(name)
	if vr.Kind == expand.Associative {
		if vr.ReadOnly {
			return vars.ReadonlyError{Name: name}
		}
		m := make(map[string]string, len(vr.Map)+1)
		for k, v := range vr.Map {
			m[k] = v
		}
		m[key] = val.String()
		vr.Map = m
		vr.Set = true
		return r.setVar(name, vr)
	}
	i, _ := strconv.Atoi(key)
	return r.setIndex(name, i, val.String())
}

// setElemString sets element index (a subscript as written) of an array.
func (r *Runner) setElemString(name, index, value string) error {
	vr := r.lookupVar(name)
	if vr.Kind == expand.Associative {
		return r.elemSet(name, index, str(value))
	}
	i, err := r.evalArith(index)
	if err != nil {
		return err
	}
	return r.setIndex(name, i, value)
}

package assign

import (
	"strconv"

	"mvdan.cc/sh/v3/expand"

	"pipesh/vars"
)

// Assigning one element of an array, for arithmetic (a[i]=v, a[i]++)
// and for builtins that take a subscript as written (read, printf -v).

// ElemSet writes element key of array name: a key of an associative
// array, or an index (already evaluated) of an indexed one.
func ElemSet(sh Shell, name, key string, val expand.Variable) error {
	vr := sh.Lookup(name)
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
		return sh.Vars().Set(name, vr)
	}
	i, _ := strconv.Atoi(key)
	return sh.Vars().SetIndex(name, i, val.String())
}

// SetElemString sets element index (a subscript as written) of an array.
func SetElemString(sh Shell, name, index, value string) error {
	vr := sh.Lookup(name)
	if vr.Kind == expand.Associative {
		return ElemSet(sh, name, index, str(value))
	}
	i, err := sh.ArithText(index)
	if err != nil {
		return err
	}
	return sh.Vars().SetIndex(name, i, value)
}

package builtins

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"mvdan.cc/sh/v3/expand"
	"mvdan.cc/sh/v3/syntax"

	"pipesh/array"
)

// unsetShell is what unset touches: the variables and functions it
// removes, the arithmetic of an array subscript, and the command line a
// readonly variable abandons.
type unsetShell interface {
	arithShell
	FuncTable
	Flow
}

// unset removes variables (-v), functions (-f), or without either a
// variable or, if there is none by that name, a function. Array elements
// are named "a[i]" or "m[key]"; "a[@]" empties the array. -n removes a
// nameref itself instead of the variable it points to.
func unset(ctx context.Context, c *Call, sh unsetShell) int {
	flags, names, ok := parseFlags(c, c.Args, "fvn", "unset [-f] [-v] [-n] [name ...]")
	if !ok {
		return 2
	}
	var funcs, vars, nameref bool
	for _, f := range flags {
		switch f.name {
		case 'f':
			funcs = true
		case 'v':
			vars = true
		case 'n':
			nameref = true
		}
	}
	if funcs && vars {
		c.Sh.Errorf(c, "cannot simultaneously unset a function and a variable")
		return 1
	}
	status := 0
	for _, name := range names {
		if funcs {
			sh.UnsetFunc(name)
			continue
		}
		base, index, isElem := splitSubscript(name)
		if !syntax.ValidName(base) {
			if !vars && !isElem {
				sh.UnsetFunc(name) // bash allows odd function names
			} else if !isElem {
				c.Sh.Errorf(c, "`%s': not a valid identifier", name)
				status = 1
			}
			continue
		}
		vr := sh.Var(base)
		if vr.Kind == expand.NameRef && !nameref {
			base, vr = vr.Str, sh.Var(vr.Str)
		}
		if !vr.Declared() {
			if !vars && !isElem && sh.IsFunc(base) {
				sh.UnsetFunc(base)
			}
			continue
		}
		var err error
		if isElem {
			err = unsetElem(sh, base, vr, index)
		} else {
			err = sh.UnsetVar(base)
		}
		if err != nil {
			c.Sh.Errorf(c, "%s", err)
			status = 1
			if errors.As(err, new(subscriptError)) {
				sh.Abort()
				return 1
			}
		}
	}
	return status
}

// splitSubscript splits "a[i]" into "a" and "i".
func splitSubscript(name string) (base, index string, ok bool) {
	i := strings.IndexByte(name, '[')
	if i <= 0 || !strings.HasSuffix(name, "]") {
		return name, "", false
	}
	return name[:i], name[i+1 : len(name)-1], true
}

// unsetElem removes one element of an array.
func unsetElem(sh arithShell, name string, vr expand.Variable, index string) error {
	if vr.ReadOnly {
		return sh.UnsetVar(name) // the shell words the readonly error
	}
	if index == "@" || index == "*" {
		vr.List, vr.Map, vr.Indexes = nil, nil, nil
		if vr.Kind == expand.Associative {
			vr.Map = map[string]string{}
		}
		return sh.SetVar(name, vr)
	}
	switch vr.Kind {
	case expand.Associative:
		key, err := sh.ExpandKey(index)
		if err != nil {
			return err
		}
		index = key
		m := make(map[string]string, len(vr.Map))
		for k, v := range vr.Map {
			if k != index {
				m[k] = v
			}
		}
		vr.Map = m
		return sh.SetVar(name, vr)
	case expand.String, expand.Unknown:
		// a scalar, or declared but unset: only [0] names it
		n, err := arithIndex(sh, arithSubscript(sh, index))
		if err != nil {
			return subscriptError{err}
		}
		if n == 0 {
			return sh.UnsetVar(name)
		}
		return fmt.Errorf("%s: not an array variable", name)
	case expand.Indexed:
		n, err := arithIndex(sh, arithSubscript(sh, index))
		if err != nil {
			return subscriptError{err}
		}
		if n < 0 {
			if n += array.Len(vr); n < 0 {
				return fmt.Errorf("%s[%s]: bad array subscript", name, index)
			}
		}
		idx := vr.Indexes
		if idx == nil {
			idx = make([]int, len(vr.List))
			for i := range idx {
				idx[i] = i
			}
		}
		k := slices.Index(idx, n)
		if k < 0 {
			return nil
		}
		vr.List = slices.Delete(slices.Clone(vr.List), k, k+1)
		vr.Indexes = slices.Delete(slices.Clone(idx), k, k+1)
		return sh.SetVar(name, vr)
	}
	return nil
}

// subscriptError is a subscript that fails as arithmetic: bash then
// abandons the rest of the command line, as for any arithmetic error.
type subscriptError struct{ err error }

func (e subscriptError) Error() string { return e.err.Error() }

// arithSubscript expands an indexed subscript given as text
// ('a["$i"]') as bash does before evaluating it: $-expansions are done
// and double quotes removed, while single quotes stay and then fail as
// arithmetic.
func arithSubscript(sh Vars, index string) string {
	if !strings.ContainsAny(index, "$`\"") || strings.ContainsAny(index, "'\\") {
		return index
	}
	if s, err := sh.ExpandKey(index); err == nil {
		return s
	}
	return index
}

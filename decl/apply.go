package decl

import (
	"mvdan.cc/sh/v3/expand"
	"mvdan.cc/sh/v3/syntax"

	"pipesh/assign"
	"pipesh/vars"
)

// Apply applies one operand, a name or an assignment, with the attributes
// o: a new local in the function's scope (o.Local), the kind (-a, -A,
// -n), the value, then -x, +x and -r. A readonly variable is a
// vars.ReadonlyError.
func Apply(sh assign.Shell, as *syntax.Assign, o Opts) error {
	vs := sh.Vars()
	name := as.Name.Value
	sc, old, exists := vs.Find(name)
	top := vs.Top()
	if o.Local && exists && sc != top && old.ReadOnly && sc == vs.Global() {
		// a readonly global cannot be shadowed; a caller's readonly
		// local can, as in bash
		return vars.ReadonlyError{Name: name}
	}
	if o.Local && (!exists || sc != top) {
		// a new local in this function's scope, starting unset
		nv := expand.Variable{Local: true}
		if o.Kind == expand.Unknown && exists && !as.Naked {
			nv.Kind = expand.Unknown
		}
		vs.Put(top, name, nv)
		old = nv
	}
	if o.AttrSet|o.AttrClear != 0 {
		vs.ChangeAttrs(name, o.AttrSet, o.AttrClear)
	}
	if as.Naked {
		vr := old
		if o.ROCmd && (o.Kind == expand.Indexed || o.Kind == expand.Associative) {
			// bash's readonly -a/-A names get no array type (declare -r
			// x) and arrays keep theirs
			o.Kind = expand.Unknown
		}
		if o.Kind != expand.Unknown && !vr.IsSet() {
			vr.Kind = o.Kind
		} else if !vr.Declared() {
			// declare x: declared but unset (declare -p shows it, x[1]
			// names an element of a scalar)
			vr.Kind = expand.String
		} else if o.Kind == expand.Associative && vr.Kind != expand.Associative {
			vr.Kind = expand.Associative
			vr.Map = map[string]string{}
		} else if o.Kind == expand.Indexed && vr.Kind == expand.String && vr.IsSet() {
			vr.Kind = expand.Indexed
			vr.List = []string{vr.Str}
		}
		if o.Export {
			vr.Exported = true
		}
		if o.Unexport {
			vr.Exported = false
		}
		if o.RO {
			vr.ReadOnly = true
		}
		if o.Local {
			vr.Local = true
		}
		return put(sh, name, vr, old, o)
	}
	if o.Kind == expand.Associative || o.Kind == expand.Indexed {
		if as.Array != nil {
			if old.ReadOnly {
				return vars.ReadonlyError{Name: name}
			}
			if err := assign.Array(sh, name, as, o.Kind); err != nil {
				return err
			}
		} else {
			val, err := sh.Value(as.Value)
			if err != nil {
				return err
			}
			if o.Kind == expand.Indexed {
				if err := vs.SetIndex(name, 0, val); err != nil {
					return err
				}
			} else {
				m := map[string]string{"0": val}
				if err := vs.Set(name, expand.Variable{Set: true, Kind: expand.Associative, Map: m}); err != nil {
					return err
				}
			}
		}
	} else if o.Kind == expand.NameRef {
		val, err := sh.Value(as.Value)
		if err != nil {
			return err
		}
		sc, _, _ := vs.Find(name)
		if sc == nil {
			sc = vs.Global()
		}
		vs.Put(sc, name, expand.Variable{Set: true, Kind: expand.NameRef, Str: val, Local: o.Local})
	} else {
		if err := assign.Assign(sh, as); err != nil {
			return err
		}
	}
	vr, _ := vs.Lookup(name)
	changed := false
	if o.Export && !vr.Exported {
		vr.Exported, changed = true, true
	}
	if o.Unexport && vr.Exported {
		vr.Exported, changed = false, true
	}
	if o.RO && !vr.ReadOnly {
		vr.ReadOnly, changed = true, true
	}
	if changed {
		return put(sh, name, vr, old, o)
	}
	return nil
}

// put stores attributes without the readonly check.
func put(sh assign.Shell, name string, vr, old expand.Variable, o Opts) error {
	if old.ReadOnly && !o.RO && (o.Kind != expand.Unknown) {
		return vars.ReadonlyError{Name: name}
	}
	vs := sh.Vars()
	sc, _, ok := vs.Find(name)
	if !ok || o.Global {
		sc = vs.Global()
	}
	vs.Put(sc, name, vr)
	sh.EnvChanged()
	return nil
}

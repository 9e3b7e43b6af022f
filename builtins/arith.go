package builtins

import (
	"fmt"

	"mvdan.cc/sh/v3/expand"

	"pipesh/arith"
	"pipesh/array"
)

// arithShell is what arithmetic reads and writes: the variables, and set
// -u (nounset), which makes an unset one an error.
type arithShell interface {
	Vars
	Options
}

// arithIndex evaluates an array subscript as written ("1", "i+1", "-1",
// "i++") as bash does, with package arith over the shell's variables.
func arithIndex(sh arithShell, expr string) (int, error) {
	n, err := arith.Eval(expr, arithVars{sh}, nil)
	return int(n), err
}

// arithVars shows the shell's variables to package arith.
type arithVars struct{ sh arithShell }

// resolve follows a nameref for reading.
func (v arithVars) resolve(name string) expand.Variable {
	vr := v.sh.Var(name)
	if vr.Kind == expand.NameRef {
		vr = v.sh.Var(vr.Str)
	}
	return vr
}

func (v arithVars) IsAssoc(name string) bool {
	return v.resolve(name).Kind == expand.Associative
}

func (v arithVars) NoUnset() bool { return v.sh.Option("nounset") }

func (v arithVars) Get(name string, sub arith.Sub) (string, bool) {
	vr := v.resolve(name)
	if sub.Text == "" {
		return array.Scalar(vr)
	}
	switch vr.Kind {
	case expand.Associative:
		val, ok := vr.Map[sub.Key]
		return val, ok
	case expand.Indexed:
		i := sub.Index
		if i < 0 {
			i += array.Len(vr)
		}
		return array.Elem(vr, i)
	}
	if sub.Index == 0 && vr.IsSet() {
		return vr.Str, true
	}
	return "", false
}

func (v arithVars) Set(name string, sub arith.Sub, val string) error {
	vr := v.sh.Var(name)
	if vr.Kind == expand.NameRef && vr.Str != "" {
		name = vr.Str
		vr = v.sh.Var(name)
	}
	switch {
	case sub.Text == "":
		return v.sh.SetString(name, val)
	case vr.Kind == expand.Associative:
		return v.sh.SetString(name+"["+sub.Key+"]", val) // one element
	}
	i := sub.Index
	if i < 0 && vr.Kind == expand.Indexed {
		i += array.Len(vr)
	}
	if i < 0 {
		return fmt.Errorf("%s[%s]: bad array subscript", name, sub.Text)
	}
	return v.sh.SetString(fmt.Sprintf("%s[%d]", name, i), val)
}

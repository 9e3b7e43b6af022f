package shell

import (
	"fmt"

	"mvdan.cc/sh/v3/expand"

	"pipesh/arith"
	"pipesh/array"
)

// pipesh evaluates arithmetic the way bash does: on text. Whatever form
// the expression came in, it is first turned into text with its $x and
// $(...) expanded (see arithtext.go), and that text is evaluated by
// package arith, over the shell's variables (arithVars), with the parsed
// forms kept in the process state.

// evalArith evaluates arithmetic text as bash does. A variable unset
// under set -u is an expansion error, which aborts the command line.
func (r *Runner) evalArith(s string) (int, error) {
	return arithResult(arith.Eval(s, arithVars{r}, &r.sh.arith))
}

// evalExpr is evalArith for an expression parsed already.
func (r *Runner) evalExpr(x *arith.Expr) (int, error) {
	return arithResult(x.Eval(arithVars{r}, &r.sh.arith))
}

func arithResult(n int64, err error) (int, error) {
	if ue, ok := err.(*arith.UnboundError); ok {
		return 0, &expandErr{err: ue, fatal: true}
	}
	return int(n), err
}

// arithVars shows the shell's variables to package arith.
type arithVars struct{ r *Runner }

// resolve follows a nameref for reading.
func (v arithVars) resolve(name string) (string, expand.Variable) {
	vr := v.r.lookupVar(name)
	if vr.Kind == expand.NameRef {
		name = vr.Str
		vr = v.r.lookupVar(name)
	}
	return name, vr
}

func (v arithVars) IsAssoc(name string) bool {
	_, vr := v.resolve(name)
	return vr.Kind == expand.Associative
}

func (v arithVars) NoUnset() bool { return v.r.opts[optNoUnset] }

func (v arithVars) Get(name string, sub arith.Sub) (string, bool) {
	_, vr := v.resolve(name)
	if sub.Text == "" {
		return array.Scalar(vr)
	}
	if vr.Kind == expand.Associative {
		val, ok := vr.Map[sub.Key]
		return val, ok
	}
	i := sub.Index
	if i < 0 && vr.Kind == expand.Indexed {
		i += arrayLen(vr)
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

func (v arithVars) Set(name string, sub arith.Sub, val string) error {
	r := v.r
	vr := r.lookupVar(name)
	if vr.Kind == expand.NameRef && vr.Str != "" {
		name = vr.Str
		vr = r.lookupVar(name)
	}
	switch {
	case sub.Text == "":
		return r.setString(name, val)
	case vr.Kind == expand.Associative:
		return r.elemSet(name, sub.Key, str(val))
	}
	i := sub.Index
	if i < 0 && vr.Kind == expand.Indexed {
		i += arrayLen(vr)
	}
	if i < 0 {
		return fmt.Errorf("%s[%s]: bad array subscript", name, sub.Text)
	}
	return r.setIndex(name, i, val)
}

// arithFailed reports an error of an arithmetic command (cmd is "((",
// "let" or "for"): an evaluation error fails the command with status 1
// and the script goes on, as in bash; an expansion error aborts the
// command line as elsewhere.
func (r *Runner) arithFailed(cmd string, err error) {
	ae, ok := err.(*arith.Error)
	if ee, isExp := err.(*expandErr); isExp {
		ae, ok = ee.err.(*arith.Error)
	}
	if ok {
		if ae.Cmd == "" {
			ae.Cmd = cmd
		}
		r.reportErr(ae)
		r.status = 1
		return
	}
	r.expandFailed(err)
}

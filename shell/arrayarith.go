package shell

import (
	"fmt"
	"strconv"
	"strings"

	"mvdan.cc/sh/v3/expand"
	"mvdan.cc/sh/v3/syntax"

	"pipesh/builtins"
)

// Package expand evaluates arithmetic, but its assignments and ++/-- take
// the target's name from a literal word, so (( a[i] = 1 )) and (( a[i]++ ))
// would write a variable named "". Before evaluating, pipesh resolves each
// such element target to a name of the form "a[7]" (or "A[key]"), which no
// variable can have, and the environment adapter reads and writes that
// element. The copy of the expression is shallow: only the nodes on the
// way to a rewritten target are new.

// arithElemName prefixes an element target so that lookups and
// assignments can tell it from an (invalid) variable name.
const arithElemName = "\x00elem:"

// arithPrep returns x with array-element assignment targets resolved.
func (r *Runner) arithPrep(x syntax.ArithmExpr) (syntax.ArithmExpr, error) {
	switch x := x.(type) {
	case *syntax.BinaryArithm:
		if isAssignOp(x.Op) {
			if name, ok, err := r.elemTarget(x.X); err != nil {
				return nil, err
			} else if ok {
				y, err := r.arithPrep(x.Y)
				if err != nil {
					return nil, err
				}
				c := *x
				c.X, c.Y = name, y
				return &c, nil
			}
		}
		l, err := r.arithPrep(x.X)
		if err != nil {
			return nil, err
		}
		y, err := r.arithPrep(x.Y)
		if err != nil {
			return nil, err
		}
		if l == x.X && y == x.Y {
			return x, nil
		}
		c := *x
		c.X, c.Y = l, y
		return &c, nil
	case *syntax.UnaryArithm:
		if x.Op == syntax.Inc || x.Op == syntax.Dec {
			if name, ok, err := r.elemTarget(x.X); err != nil {
				return nil, err
			} else if ok {
				c := *x
				c.X = name
				return &c, nil
			}
		}
		y, err := r.arithPrep(x.X)
		if err != nil || y == x.X {
			return x, err
		}
		c := *x
		c.X = y
		return &c, nil
	case *syntax.ParenArithm:
		y, err := r.arithPrep(x.X)
		if err != nil || y == x.X {
			return x, err
		}
		c := *x
		c.X = y
		return &c, nil
	case *syntax.Word:
		return r.arithWord(x)
	}
	return x, nil
}

// arithWord handles an operand with quotes or expansions, as in
// let 'a[1]=2' or a[$code]=v with code='y=2': bash expands it, then
// evaluates the text as an expression of its own. expand would take the
// text as a number and read "y=2" as 0.
func (r *Runner) arithWord(w *syntax.Word) (syntax.ArithmExpr, error) {
	if w.Lit() != "" || len(w.Parts) == 0 {
		return w, nil
	}
	if pe, ok := w.Parts[0].(*syntax.ParamExp); ok && len(w.Parts) == 1 && pe.Short && pe.Index != nil {
		return w, nil // a[i]: read by expand
	}
	s, err := r.literal(w)
	if err != nil {
		return nil, err
	}
	lit := &syntax.Word{Parts: []syntax.WordPart{&syntax.Lit{ValuePos: w.Pos(), ValueEnd: w.End(), Value: s}}}
	t := strings.TrimSpace(s)
	if t == "" || validName(t) || isArithNumber(t) {
		return lit, nil
	}
	p := syntax.NewParser(syntax.Variant(syntax.LangBash))
	f, err := p.Parse(strings.NewReader("(("+s+"\n))"), "")
	if err != nil || len(f.Stmts) != 1 {
		return nil, fmt.Errorf("%s: syntax error in expression", t)
	}
	ac, ok := f.Stmts[0].Cmd.(*syntax.ArithmCmd)
	if !ok {
		return nil, fmt.Errorf("%s: syntax error in expression", t)
	}
	return r.arithPrep(ac.X)
}

func isArithNumber(s string) bool {
	for i, c := range s {
		if !(c >= '0' && c <= '9' || c == '-' && i == 0) {
			return false
		}
	}
	return true
}

func isAssignOp(op syntax.BinAritOperator) bool {
	switch op {
	case syntax.Assgn, syntax.AddAssgn, syntax.SubAssgn, syntax.MulAssgn,
		syntax.QuoAssgn, syntax.RemAssgn, syntax.AndAssgn, syntax.OrAssgn,
		syntax.XorAssgn, syntax.ShlAssgn, syntax.ShrAssgn:
		return true
	}
	return false
}

// elemTarget resolves an a[i] target to a literal word naming the element.
func (r *Runner) elemTarget(x syntax.ArithmExpr) (*syntax.Word, bool, error) {
	w, ok := x.(*syntax.Word)
	if !ok || len(w.Parts) != 1 {
		return nil, false, nil
	}
	pe, ok := w.Parts[0].(*syntax.ParamExp)
	if !ok || !pe.Short || pe.Index == nil || pe.Param == nil {
		return nil, false, nil
	}
	name := pe.Param.Value
	vr := r.lookupVar(name)
	if vr.Kind == expand.NameRef {
		name = vr.Str
		vr = r.lookupVar(name)
	}
	var key string
	if vr.Kind == expand.Associative {
		k, err := r.assocKey(pe.Index)
		if err != nil {
			return nil, false, err
		}
		key = k
	} else {
		i, err := r.arith(pe.Index)
		if err != nil {
			return nil, false, err
		}
		if i < 0 {
			if i += arrayLen(vr); i < 0 {
				return nil, false, fmt.Errorf("%s[%d]: bad array subscript", name, i-arrayLen(vr))
			}
		}
		key = strconv.Itoa(i)
	}
	lit := &syntax.Lit{ValuePos: pe.Pos(), ValueEnd: pe.End(), Value: arithElemName + name + "[" + key + "]"}
	return &syntax.Word{Parts: []syntax.WordPart{lit}}, true, nil
}

// splitElemName undoes arithElemName's encoding.
func splitElemName(s string) (name, key string, ok bool) {
	rest, ok := strings.CutPrefix(s, arithElemName)
	if !ok {
		return "", "", false
	}
	i := strings.IndexByte(rest, '[')
	if i < 0 || !strings.HasSuffix(rest, "]") {
		return "", "", false
	}
	return rest[:i], rest[i+1 : len(rest)-1], true
}

// elemGet reads an element named by arithPrep.
func (r *Runner) elemGet(name, key string) expand.Variable {
	vr := r.lookupVar(name)
	switch vr.Kind {
	case expand.Associative:
		if v, ok := vr.Map[key]; ok {
			return str(v)
		}
		return expand.Variable{}
	}
	i, _ := strconv.Atoi(key)
	if vr.Kind == expand.String {
		if i == 0 && vr.IsSet() {
			return str(vr.Str)
		}
		return expand.Variable{}
	}
	return str(indexGet(vr, i))
}

// elemSet writes an element named by arithPrep.
func (r *Runner) elemSet(name, key string, val expand.Variable) error {
	vr := r.lookupVar(name)
	if vr.Kind == expand.Associative {
		if vr.ReadOnly {
			return readonlyError{name}
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
	i, err := builtins.ArithIndex(r, index)
	if err != nil {
		return err
	}
	return r.setIndex(name, i, value)
}

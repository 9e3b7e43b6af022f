package shell

import (
	"errors"
	"strconv"
	"strings"

	"mvdan.cc/sh/v3/expand"

	"pipesh/quote"
)

// varAttr holds the attributes of a variable that change what is
// stored when it is assigned (declare -i, -l, -u), which
// expand.Variable has no room for. They live in the scope of the
// variable they belong to (scope.attrs), so a local's go with it, and
// unset removes them, as in bash.
type varAttr uint8

const (
	attrInteger varAttr = 1 << iota // -i: a value is evaluated as arithmetic
	attrLower                       // -l: a value is lowercased
	attrUpper                       // -u: a value is uppercased
)

// attrScope is the scope whose attributes name's are: the one holding
// the variable, or the global one for a name not set yet.
func (r *Runner) attrScope(name string) *scope {
	if sc, _, ok := r.vars.lookup(name); ok {
		return sc
	}
	return r.vars.global()
}

// attrsOf returns name's attributes.
func (r *Runner) attrsOf(name string) varAttr {
	return r.attrScope(name).attrs[name]
}

// changeAttrs sets the attributes in set and clears those in clear.
func (r *Runner) changeAttrs(name string, set, clear varAttr) {
	sc := r.attrScope(name)
	a := sc.attrs[name]&^clear | set
	if a == sc.attrs[name] {
		return
	}
	sc = r.writable(sc)
	if sc.attrs == nil {
		sc.attrs = map[string]varAttr{}
	}
	if a == 0 {
		delete(sc.attrs, name)
	} else {
		sc.attrs[name] = a
	}
}

// dropAttrs removes name's attributes from sc (unset).
func (r *Runner) dropAttrs(sc *scope, name string) {
	if _, ok := sc.attrs[name]; ok {
		delete(r.writable(sc).attrs, name)
	}
}

// convertValue is a value as a variable with attributes a stores it: an
// integer's evaluated, a -l or -u one's case changed.
func (r *Runner) convertValue(a varAttr, val string) (string, error) {
	switch {
	case a&attrInteger != 0:
		n, err := r.evalArith(val)
		if err != nil {
			// bash abandons the rest of the line, as for $(( )) in a word
			return "", &expandErr{err: err}
		}
		return strconv.Itoa(n), nil
	case a&attrLower != 0:
		return strings.ToLower(val), nil
	case a&attrUpper != 0:
		return strings.ToUpper(val), nil
	}
	return val, nil
}

// convertVar applies attributes a to every value of vr.
func (r *Runner) convertVar(a varAttr, vr expand.Variable) (expand.Variable, error) {
	var err error
	switch vr.Kind {
	case expand.String:
		vr.Str, err = r.convertValue(a, vr.Str)
	case expand.Indexed:
		list := make([]string, len(vr.List))
		for i, v := range vr.List {
			if list[i], err = r.convertValue(a, v); err != nil {
				break
			}
		}
		vr.List = list
	case expand.Associative:
		m := make(map[string]string, len(vr.Map))
		for k, v := range vr.Map {
			if m[k], err = r.convertValue(a, v); err != nil {
				break
			}
		}
		vr.Map = m
	}
	return vr, err
}

// appendText is the value name+=val assigns over old: for an integer
// the sum, as bash's += adds, else the two texts joined.
func (r *Runner) appendText(name, old, val string) string {
	if r.attrsOf(name)&attrInteger == 0 {
		return old + val
	}
	if old == "" {
		old = "0"
	}
	return old + "+(" + val + ")"
}

// attrLetters are the attribute letters declare -p shows for a
// (bash shows i before r and x, l and u after them).
func attrLetters(a varAttr) (integer, letterCase string) {
	if a&attrInteger != 0 {
		integer = "i"
	}
	switch {
	case a&attrLower != 0:
		letterCase = "l"
	case a&attrUpper != 0:
		letterCase = "u"
	}
	return integer, letterCase
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

// declLine prints a variable as declare -p does, with its attributes.
func (r *Runner) declLine(name string, vr expand.Variable) string {
	integer, letterCase := attrLetters(r.attrsOf(name))
	return quote.DeclareAttrs(name, vr, integer, letterCase)
}

package assign

import (
	"strconv"
	"strings"

	"mvdan.cc/sh/v3/expand"
	"mvdan.cc/sh/v3/syntax"

	"pipesh/array"
	"pipesh/vars"
)

// ThroughRef returns the assignment as to the variable its name refers
// to: r=x, r[1]=x and r=(...) through declare -n r=a change a, and through
// declare -n r='a[1]' the element (vars.Store.RefTarget).
func ThroughRef(vs *vars.Store, as *syntax.Assign) *syntax.Assign {
	target, index := vs.RefTarget(as.Name.Value)
	if target == as.Name.Value {
		return as
	}
	c := *as
	c.Name = &syntax.Lit{ValuePos: as.Name.ValuePos, ValueEnd: as.Name.ValueEnd, Value: target}
	if index != "" && c.Index == nil {
		c.Index = &syntax.Word{Parts: []syntax.WordPart{&syntax.Lit{Value: index}}}
	}
	return &c
}

// Element answers a lookup of "name[sub]", the form a nameref such as
// declare -n r='a[1]' holds: the element, as a plain string variable
// (unset when there is none, or the subscript is no number). ok is false
// for a name without a subscript.
func Element(sh Shell, name string) (vr expand.Variable, ok bool) {
	i := strings.IndexByte(name, '[')
	if i <= 0 || !strings.HasSuffix(name, "]") {
		return expand.Variable{}, false
	}
	base, sub := name[:i], name[i+1:len(name)-1]
	arr := sh.Lookup(base)
	if arr.Kind == expand.NameRef {
		arr = sh.Lookup(arr.Str)
	}
	switch arr.Kind {
	case expand.Associative:
		if v, ok := arr.Map[sub]; ok {
			return str(v), true
		}
		return expand.Variable{}, true
	case expand.Indexed, expand.String:
		n, err := arithText(sh, sub)
		if err != nil {
			return expand.Variable{}, true
		}
		if n < 0 && arr.Kind == expand.Indexed {
			n += array.Len(arr)
		}
		if n < 0 || arr.Kind == expand.String && n != 0 || !arr.IsSet() {
			return expand.Variable{}, true
		}
		if arr.Kind == expand.String {
			return str(arr.Str), true
		}
		if arr.Indexes == nil {
			if n < len(arr.List) {
				return str(arr.List[n]), true
			}
			return expand.Variable{}, true
		}
		for j, k := range arr.Indexes {
			if k == n {
				return str(arr.List[j]), true
			}
		}
	}
	return expand.Variable{}, true
}

// arithText evaluates a subscript as [[ -eq ]] does: a plain decimal
// number without the expression evaluator.
func arithText(sh Shell, s string) (int, error) {
	s = strings.TrimSpace(s)
	if n, err := strconv.Atoi(s); err == nil && !strings.HasPrefix(strings.TrimLeft(s, "+-"), "0") {
		return n, nil
	}
	return sh.ArithText(s)
}

package wordexp

import (
	"maps"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"mvdan.cc/sh/v3/expand"
	"mvdan.cc/sh/v3/syntax"

	"pipesh/quote"
)

// transformArg is the letter of ${x@L} (or "").
func transformArg(pe *syntax.ParamExp) string {
	if pe.Exp == nil || pe.Exp.Op != syntax.OtherParamOps || pe.Exp.Word == nil {
		return ""
	}
	return pe.Exp.Word.Lit()
}

// assignTransform is ${x@A}: the declare command or assignment that
// would recreate x with its attributes, as bash gives it. The list forms
// ${a[@]@A} give the whole array; ${a@A} and ${a[i]@A} the element as a
// scalar of an array-typed declaration. Unset gives nothing.
func (x *Expander) assignTransform(pe *syntax.ParamExp) (string, error) {
	name := pe.Param.Value
	plain := *pe
	plain.Exp = nil
	if name == "@" || name == "*" {
		words, _, err := x.setTransform(pe, true)
		if err != nil || len(words) == 0 {
			return "", err
		}
		return words[0], nil
	}
	vr := x.glueVar(pe)
	if !vr.IsSet() {
		return "", nil
	}
	integer, letterCase := x.sh.VarAttrs(name)
	if idx := indexLit(pe.Index); (idx == "@" || idx == "*") && (vr.Kind == expand.Indexed || vr.Kind == expand.Associative) {
		return quote.DeclareAttrs(name, vr, integer, letterCase), nil
	}
	plain.Index = nil
	if vr.Kind == expand.Indexed || vr.Kind == expand.Associative {
		plain.Index = pe.Index
	}
	val, err := x.Literal(&syntax.Word{Parts: []syntax.WordPart{&plain}})
	if err != nil {
		return "", err
	}
	flags := quote.AttrFlags(vr, integer, letterCase)
	assign := name + "=" + quote.Single(val)
	if flags == "" {
		return assign, nil
	}
	return "declare -" + flags + " " + assign, nil
}

// setTransform is ${@@A} and ${*@A}: the set command that recreates the
// positional parameters, nothing when there are none. As bash gives it,
// "${@@A}" is the fields set, -- and each parameter quoted, and the *
// form (or one string, joined) "set -- " and the quoted parameters
// joined by IFS's first character.
func (x *Expander) setTransform(pe *syntax.ParamExp, joined bool) ([]string, bool, error) {
	plain := *pe
	plain.Exp = nil
	elems, _, err := x.listElems(&plain)
	if err != nil || len(elems) == 0 {
		return []string{}, true, err
	}
	for i, e := range elems {
		elems[i] = quote.Single(e)
	}
	if !joined && pe.Param.Value == "@" {
		return append([]string{"set", "--"}, elems...), true, nil
	}
	sep := " "
	if pe.Param.Value == "*" {
		sep = x.ifsSep()
	}
	return []string{"set -- " + strings.Join(elems, sep)}, true, nil
}

// ifsSep is what joins the fields of a "*" form: IFS's first character,
// a blank when IFS is unset.
func (x *Expander) ifsSep() string {
	vr := x.sh.Lookup("IFS")
	if !vr.IsSet() {
		return " "
	}
	s := vr.String()
	_, size := utf8.DecodeRuneInString(s)
	return s[:size]
}

// attrFlags is ${x@a}: the letters of the attributes of the variable pe
// names (through a nameref), also while it is declared but unset.
func (x *Expander) attrFlags(pe *syntax.ParamExp) string {
	name := pe.Param.Value
	if !syntax.ValidName(name) {
		return "" // positional and special parameters have none
	}
	vr := x.sh.Lookup(name)
	if vr.Kind == expand.NameRef {
		name = vr.Str
		if i := strings.IndexByte(name, '['); i >= 0 {
			name = name[:i]
		}
		vr = x.sh.Lookup(name)
	}
	integer, letterCase := x.sh.VarAttrs(name)
	return quote.AttrFlags(vr, integer, letterCase)
}

// listTransform computes the @ operators that are not a function of each
// element's value: @a (the variable's attributes, once for a string,
// once per element for a list) and, on an array's list forms, @K (one
// word of subscript and value pairs, quoted) and @k (the subscripts and
// values as words of their own). ok is false for the other forms, where
// @K and @k quote each value as @Q does.
func (x *Expander) listTransform(pe, plain *syntax.ParamExp, arg string) (vals []string, list, ok bool, err error) {
	ppe, _ := listForm(plain)
	if arg == "a" {
		flags := x.attrFlags(pe)
		if ppe == nil {
			return []string{flags}, false, true, nil
		}
		elems, _, err := x.listElems(plain)
		for i := range elems {
			elems[i] = flags
		}
		return elems, true, true, err
	}
	if ppe == nil || plain.Index == nil || plain.Excl {
		return nil, false, false, nil
	}
	vr := x.glueVar(plain)
	switch {
	case vr.Kind != expand.Indexed && vr.Kind != expand.Associative:
		return nil, false, false, nil
	case arg == "K":
		if s := quote.KeyValues(vr); s != "" {
			return []string{s}, true, true, nil
		}
		return []string{}, true, true, nil
	case vr.Kind == expand.Indexed:
		for i, v := range vr.List {
			idx := i
			if vr.Indexes != nil {
				idx = vr.Indexes[i]
			}
			vals = append(vals, strconv.Itoa(idx), v)
		}
	default:
		for _, k := range slices.Sorted(maps.Keys(vr.Map)) {
			vals = append(vals, k, vr.Map[k])
		}
	}
	if vals == nil {
		vals = []string{}
	}
	return vals, true, true, nil
}

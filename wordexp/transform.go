package wordexp

import (
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
	vr := x.glueVar(pe)
	if !vr.IsSet() {
		return "", nil
	}
	if idx := indexLit(pe.Index); idx == "@" || idx == "*" {
		return quote.Declare(name, vr), nil
	}
	plain := *pe
	plain.Exp = nil
	val, err := x.Literal(&syntax.Word{Parts: []syntax.WordPart{&plain}})
	if err != nil {
		return "", err
	}
	flags := ""
	switch vr.Kind {
	case expand.Indexed:
		flags += "a"
	case expand.Associative:
		flags += "A"
	}
	if vr.ReadOnly {
		flags += "r"
	}
	if vr.Exported {
		flags += "x"
	}
	assign := name + "=" + quote.Single(val)
	if flags == "" {
		return assign, nil
	}
	return "declare -" + flags + " " + assign, nil
}

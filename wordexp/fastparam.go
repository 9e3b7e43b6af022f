package wordexp

import (
	"strings"

	"mvdan.cc/sh/v3/expand"
	"mvdan.cc/sh/v3/syntax"
)

// plainParamField is the field of a word that is only $name or ${name}
// (no operator, index or quotes) whose value is one plain field: a set
// string variable whose value is not empty and has no byte of IFS, no
// glob or other special character. Field splitting and pathname
// expansion then leave the value as it is, so it is returned without the
// expander, which costs several allocations per word; ok is false for
// every other word, which takes the full expansion (wordFields).
func (x *Expander) plainParamField(w *syntax.Word) (field string, ok bool) {
	if len(w.Parts) != 1 {
		return "", false
	}
	pe, isParam := w.Parts[0].(*syntax.ParamExp)
	if !isParam || pe.Param == nil || pe.Excl || pe.Length || pe.Width || pe.IsSet ||
		pe.Index != nil || pe.Slice != nil || pe.Repl != nil || pe.Names != 0 || pe.Exp != nil {
		return "", false
	}
	name := pe.Param.Value
	if name == "_" || name == "LINENO" || !syntax.ValidName(name) {
		return "", false // special parameters, and those expand answers itself
	}
	vr := x.sh.Lookup(name)
	if vr.Kind != expand.String || !vr.IsSet() || vr.Str == "" {
		return "", false
	}
	ifs := " \t\n"
	if v := x.sh.Lookup("IFS"); v.IsSet() {
		ifs = v.String()
	}
	for i := 0; i < len(vr.Str); i++ {
		c := vr.Str[i]
		plain := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
			c == '_' || c == '-' || c == '.' || c == '/' || c == ':' || c == ',' || c == '=' || c == '%'
		if !plain || strings.IndexByte(ifs, c) >= 0 {
			return "", false
		}
	}
	return vr.Str, true
}

// PlainParamValue is the value of an assignment's word that is only
// $name, ${name} or $1 to $9 of a set string variable: an assignment
// neither splits nor globs, so the value is the variable's whatever it
// holds. ok is false for every other word (AssignValue expands it).
func (x *Expander) PlainParamValue(w *syntax.Word) (value string, ok bool) {
	if w == nil || len(w.Parts) != 1 {
		return "", false
	}
	pe, isParam := w.Parts[0].(*syntax.ParamExp)
	if !isParam || pe.Param == nil || pe.Excl || pe.Length || pe.Width || pe.IsSet ||
		pe.Index != nil || pe.Slice != nil || pe.Repl != nil || pe.Names != 0 || pe.Exp != nil {
		return "", false
	}
	name := pe.Param.Value
	positional := len(name) == 1 && name[0] >= '1' && name[0] <= '9'
	if name == "_" || name == "LINENO" || !positional && !syntax.ValidName(name) {
		return "", false
	}
	vr := x.sh.Lookup(name)
	if vr.Kind != expand.String || !vr.IsSet() {
		return "", false
	}
	return vr.Str, true
}

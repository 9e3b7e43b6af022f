package wordexp

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"mvdan.cc/sh/v3/expand"
	"mvdan.cc/sh/v3/syntax"
)

// The parameter expansions the field builder asks about: whether a
// parameter counts as set, which forms are lists and their elements,
// ${!ref} through arrays, and "${x:-word}" expanded as one string.

// paramSet reports whether the parameter of ${x-w} (${x:-w}) counts as
// set (set and not null).
func (x *Expander) paramSet(pe *syntax.ParamExp, quoted bool) (bool, error) {
	plain := *pe
	plain.Exp = nil
	if ppe, at := listForm(&plain); ppe != nil {
		// a list is unset when it has no elements, and null when its
		// elements joined (by IFS only for a quoted "*" form) are empty
		elems, _, err := x.listElems(&plain)
		if err != nil || len(elems) == 0 {
			return false, err
		}
		switch pe.Exp.Op {
		case syntax.DefaultUnset, syntax.AlternateUnset, syntax.AssignUnset, syntax.ErrorUnset:
			return true, nil
		}
		sep := " "
		if quoted && !at {
			sep = x.sh.Lookup("IFS").String()
			if !x.sh.Lookup("IFS").IsSet() {
				sep = " "
			}
			if _, size := utf8.DecodeRuneInString(sep); size < len(sep) {
				sep = sep[:size]
			}
		}
		return strings.Join(elems, sep) != "", nil
	}
	probe := *pe
	op := syntax.AlternateUnset
	switch pe.Exp.Op {
	case syntax.DefaultUnsetOrNull, syntax.AlternateUnsetOrNull, syntax.AssignUnsetOrNull, syntax.ErrorUnsetOrNull:
		op = syntax.AlternateUnsetOrNull
	}
	probe.Exp = &syntax.Expansion{Op: op, Word: &syntax.Word{Parts: []syntax.WordPart{&syntax.Lit{Value: "x"}}}}
	s, err := x.Literal(&syntax.Word{Parts: []syntax.WordPart{&probe}})
	return s == "x", err
}

// listForm reports whether pe expands to a list ($@, ${a[*]}, ${!p@},
// ${!a[@]}), returning it rewritten to its "@" form; at says it was one.
func listForm(pe *syntax.ParamExp) (ppe *syntax.ParamExp, at bool) {
	if pe.Param == nil || pe.Length || pe.Width || pe.IsSet || pe.Exp != nil && isDefaultOp(pe.Exp.Op) {
		return nil, false
	}
	// the copy is made only for a list: $name, the common case, costs
	// no allocation
	switch {
	case pe.Names == syntax.NamesPrefixWords:
		c := *pe
		return &c, true
	case pe.Names == syntax.NamesPrefix:
		c := *pe
		c.Names = syntax.NamesPrefixWords
		return &c, false
	case pe.Excl && pe.Index == nil:
		return nil, false
	case pe.Param.Value == "@" && pe.Index == nil:
		c := *pe
		return &c, true
	case pe.Param.Value == "*" && pe.Index == nil:
		c := *pe
		c.Param = &syntax.Lit{ValuePos: pe.Param.ValuePos, ValueEnd: pe.Param.ValueEnd, Value: "@"}
		return &c, false
	}
	switch indexLit(pe.Index) {
	case "@":
		c := *pe
		return &c, true
	case "*":
		c := *pe
		c.Index = &syntax.Word{Parts: []syntax.WordPart{&syntax.Lit{Value: "@"}}}
		return &c, false
	}
	return nil, false
}

// hasEffects reports whether expanding w can do more than read: run a
// command, assign (${x:=w}, arithmetic) or fail (${x:?w}). Such a word
// bash expands only when its expansion is taken (see lazyParam).
func hasEffects(w *syntax.Word) bool {
	if w == nil {
		return false
	}
	found := false
	syntax.Walk(w, func(n syntax.Node) bool {
		switch n := n.(type) {
		case *syntax.CmdSubst, *syntax.ProcSubst, *syntax.ArithmExp:
			found = true
		case *syntax.ParamExp:
			if n.Exp != nil {
				switch n.Exp.Op {
				case syntax.AssignUnset, syntax.AssignUnsetOrNull, syntax.ErrorUnset, syntax.ErrorUnsetOrNull:
					found = true
				}
			}
		}
		return !found
	})
	return found
}

// isTakenOp reports whether op is one of ${x:=w} ${x=w} ${x:?w} ${x?w},
// whose word is expanded only when x does not count as set.
func isTakenOp(op syntax.ParExpOperator) bool {
	switch op {
	case syntax.AssignUnset, syntax.AssignUnsetOrNull, syntax.ErrorUnset, syntax.ErrorUnsetOrNull:
		return true
	}
	return false
}

func isDefaultOp(op syntax.ParExpOperator) bool {
	switch op {
	case syntax.DefaultUnset, syntax.DefaultUnsetOrNull, syntax.AlternateUnset, syntax.AlternateUnsetOrNull,
		syntax.AssignUnset, syntax.AssignUnsetOrNull, syntax.ErrorUnset, syntax.ErrorUnsetOrNull:
		return true
	}
	return false
}

func indexLit(x syntax.ArithmExpr) string {
	w, ok := x.(*syntax.Word)
	if !ok || len(w.Parts) != 1 {
		return ""
	}
	l, ok := w.Parts[0].(*syntax.Lit)
	if !ok {
		return ""
	}
	return l.Value
}

// listElems returns the elements of a list expansion; ok is false when pe
// is not one.
func (x *Expander) listElems(pe *syntax.ParamExp) (elems []string, ok bool, err error) {
	ppe, _ := listForm(pe)
	if ppe == nil {
		return nil, false, nil
	}
	if elems, ok, err := x.glueList(pe); ok {
		return elems, true, err // see glue.go
	}
	if ppe.Index != nil && ppe.Param != nil && ppe.Slice == nil {
		// expand reads an empty array's nil list as "not a list"
		switch vr := x.sh.Lookup(ppe.Param.Value); vr.Kind {
		case expand.Indexed:
			if len(vr.List) == 0 {
				return []string{}, true, nil
			}
		case expand.Associative:
			if len(vr.Map) == 0 {
				return []string{}, true, nil
			}
		}
	}
	w := &syntax.Word{Parts: []syntax.WordPart{&syntax.DblQuoted{Parts: []syntax.WordPart{ppe}}}}
	elems, err = expand.Fields(x.ecfg, w)
	return elems, true, err
}

// quotedDefault expands "${x:-word}" (and +), where single quotes in word
// are plain characters, as in bash.
func (x *Expander) quotedDefault(pe *syntax.ParamExp, set bool) (string, error) {
	op := pe.Exp.Op
	def := op == syntax.DefaultUnset || op == syntax.DefaultUnsetOrNull
	if set && def {
		plain := *pe
		plain.Exp = nil
		return x.Literal(&syntax.Word{Parts: []syntax.WordPart{&syntax.DblQuoted{Parts: []syntax.WordPart{&plain}}}})
	}
	if set == def || pe.Exp.Word == nil {
		return "", nil
	}
	return x.dqString(pe.Exp.Word.Parts)
}

// dqString expands parts as the inside of double quotes.
func (x *Expander) dqString(parts []syntax.WordPart) (string, error) {
	var sb strings.Builder
	for _, p := range parts {
		switch p := p.(type) {
		case *syntax.SglQuoted:
			if p.Dollar {
				sb.WriteString("$")
			}
			// the quotes are plain characters, and what they enclose
			// is still expanded
			s := p.Value
			if w, err := syntax.NewParser(syntax.Variant(syntax.LangBash)).Document(strings.NewReader(s)); err == nil {
				if s, err = expand.Document(x.ecfg, w); err != nil {
					return "", err
				}
			}
			sb.WriteString("'" + s + "'")
		case *syntax.DblQuoted:
			s, err := x.dqString(p.Parts)
			if err != nil {
				return "", err
			}
			sb.WriteString(s)
		case *syntax.Lit:
			s := p.Value
			for i := 0; i < len(s); i++ {
				if s[i] == '\\' && i+1 < len(s) && strings.IndexByte("\\$`\"}", s[i+1]) >= 0 {
					i++
				}
				sb.WriteByte(s[i])
			}
		default:
			s, err := x.Literal(&syntax.Word{Parts: []syntax.WordPart{&syntax.DblQuoted{Parts: []syntax.WordPart{p}}}})
			if err != nil {
				return "", err
			}
			sb.WriteString(s)
		}
	}
	return sb.String(), nil
}

// indirectRef turns ${!ref...} into ${target...} for the parameter
// ref names, whatever operator follows: expand looks the name up as a
// plain variable, so a target such as a[1], a[@] or m[key] read nothing,
// and it does not test the target in ${!ref-word}. A ref that is a
// nameref is left to expand: ${!ref} is then the name it refers to.
func (x *Expander) indirectRef(pe *syntax.ParamExp) (*syntax.ParamExp, bool, error) {
	if !pe.Excl || pe.Index != nil || pe.Names != 0 || pe.Param == nil || pe.Length || pe.Width || pe.IsSet {
		return nil, false, nil
	}
	if pe.Exp != nil {
		switch pe.Exp.Op {
		case syntax.DefaultUnset, syntax.DefaultUnsetOrNull, syntax.AlternateUnset, syntax.AlternateUnsetOrNull,
			syntax.AssignUnset, syntax.AssignUnsetOrNull, syntax.ErrorUnset, syntax.ErrorUnsetOrNull:
		case syntax.OtherParamOps:
			return nil, false, nil // ${!x@}: the names starting with x
		default:
			if !syntax.ValidName(pe.Param.Value) {
				return nil, false, nil
			}
		}
	}
	if vr := x.sh.Lookup(pe.Param.Value); vr.Kind == expand.NameRef {
		return nil, false, nil
	}
	ref := *pe
	ref.Excl = false
	ref.Exp, ref.Repl, ref.Slice = nil, nil, nil
	target, err := x.Literal(&syntax.Word{Parts: []syntax.WordPart{&ref}})
	if err != nil || target == "" {
		return nil, false, err
	}
	w, err := syntax.NewParser(syntax.Variant(syntax.LangBash)).Document(strings.NewReader("${" + target + "}"))
	if err != nil || len(w.Parts) != 1 {
		return nil, false, fmt.Errorf("%s: invalid variable name", target)
	}
	tpe, ok := w.Parts[0].(*syntax.ParamExp)
	if !ok || tpe.Excl || tpe.Length || tpe.Exp != nil || tpe.Repl != nil || tpe.Slice != nil {
		return nil, false, fmt.Errorf("%s: invalid variable name", target)
	}
	c := *tpe
	c.Exp, c.Repl, c.Slice = pe.Exp, pe.Repl, pe.Slice
	if name, idx := c.Param.Value, indexLit(c.Index); c.Exp != nil && (name == "@" || name == "*" || idx == "@" || idx == "*") {
		// through a reference, bash tests a list for elements, not
		// for a null value: ${!ref:-w} with ref='a[@]' and a=("")
		// gives the empty element
		if op, ok := withoutColon[c.Exp.Op]; ok {
			c.Exp = &syntax.Expansion{Op: op, Word: c.Exp.Word}
		}
	}
	return &c, true, nil
}

// withoutColon maps each ${x:op} test for null to its ${x op} for unset.
var withoutColon = map[syntax.ParExpOperator]syntax.ParExpOperator{
	syntax.DefaultUnsetOrNull:   syntax.DefaultUnset,
	syntax.AlternateUnsetOrNull: syntax.AlternateUnset,
	syntax.AssignUnsetOrNull:    syntax.AssignUnset,
	syntax.ErrorUnsetOrNull:     syntax.ErrorUnset,
}

package wordexp

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"mvdan.cc/sh/v3/expand"
	"mvdan.cc/sh/v3/syntax"

	"pipesh/array"
	"pipesh/quote"
)

// Some parameter expansions come out of package expand unlike bash's:
// it matches the pattern of ${x#pat} and ${x/pat/rep} on the unquoted
// text (a quoted "?" still matches any character), knows neither the
// anchored ${x/#pat/rep} and ${x/%pat/rep} nor & in the replacement,
// counts one element in ${#m[@]} of an associative array, fails on an
// out-of-range negative subscript where bash reads an unset element, and
// quotes the joined list in ${a[@]@Q}. pipesh computes those itself: in a
// word expanded as one string, glueWord puts the value in place of the
// expansion as quoted text before expand sees the word; for the fields
// of a list form, listElems asks glueList.

// glueWord returns w with the expansions pipesh computes itself replaced
// by their values (w itself when there are none).
func (x *Expander) glueWord(w *syntax.Word) (*syntax.Word, error) {
	if w == nil || !partsNeedGlue(w.Parts) {
		return w, nil
	}
	parts, err := x.glueParts(w.Parts)
	if err != nil {
		return nil, err
	}
	c := *w
	c.Parts = parts
	return &c, nil
}

func partsNeedGlue(parts []syntax.WordPart) bool {
	for _, p := range parts {
		switch p := p.(type) {
		case *syntax.DblQuoted:
			if partsNeedGlue(p.Parts) {
				return true
			}
		case *syntax.ParamExp:
			if elemIndirect(p) || p.Excl && p.Index == nil && p.Names == 0 && p.Param != nil && !p.Length {
				return true // ${!a[1]}, ${!ref}: see glueParam
			}
			if p.Param == nil || p.Excl || p.Width || p.IsSet {
				continue
			}
			if p.Repl != nil || p.Exp != nil && (isPatternOp(p.Exp.Op) || isCaseOp(p.Exp) || p.Exp.Op == syntax.OtherParamOps) {
				return true
			}
			if p.Index != nil {
				return true // ${#m[@]}, ${a[-5]}: decided by the variable
			}
		}
	}
	return false
}

func isPatternOp(op syntax.ParExpOperator) bool {
	switch op {
	case syntax.RemSmallPrefix, syntax.RemLargePrefix, syntax.RemSmallSuffix, syntax.RemLargeSuffix:
		return true
	}
	return false
}

func (x *Expander) glueParts(parts []syntax.WordPart) ([]syntax.WordPart, error) {
	return RewriteParts(parts, partsNeedGlue, func(part syntax.WordPart) (syntax.WordPart, error) {
		if p, ok := part.(*syntax.ParamExp); ok {
			return x.glueParam(p)
		}
		return part, nil
	})
}

// elemIndirect reports whether pe is ${!a[i]}: indirection through an
// element, not the list of a's keys.
func elemIndirect(pe *syntax.ParamExp) bool {
	if !pe.Excl || pe.Index == nil || pe.Names != 0 || pe.Param == nil || pe.Length || pe.Exp != nil || pe.Repl != nil || pe.Slice != nil {
		return false
	}
	idx := indexLit(pe.Index)
	return idx != "@" && idx != "*"
}

// glueVar is the variable a ${name[...]} reads, through a nameref.
func (x *Expander) glueVar(pe *syntax.ParamExp) expand.Variable {
	vr := x.sh.Lookup(pe.Param.Value)
	if vr.Kind == expand.NameRef {
		vr = x.sh.Lookup(vr.Str)
	}
	return vr
}

// glueParam returns the word part to expand in place of pe: pe itself,
// pe with its subscript changed, or its value as quoted text.
func (x *Expander) glueParam(pe *syntax.ParamExp) (syntax.WordPart, error) {
	if elemIndirect(pe) {
		// ${!a[1]} follows the name in a[1]; expand lists a's keys
		c := *pe
		c.Excl = false
		name, err := x.Literal(&syntax.Word{Parts: []syntax.WordPart{&c}})
		if err != nil || name == "" {
			return &syntax.SglQuoted{}, err
		}
		w, err := syntax.NewParser(syntax.Variant(syntax.LangBash)).Document(strings.NewReader("${" + name + "}"))
		if err != nil || len(w.Parts) != 1 {
			return nil, fmt.Errorf("%s: invalid variable name", name)
		}
		tpe, ok := w.Parts[0].(*syntax.ParamExp)
		if !ok || tpe.Excl || tpe.Length || tpe.Exp != nil || tpe.Repl != nil || tpe.Slice != nil {
			return nil, fmt.Errorf("%s: invalid variable name", name)
		}
		v, err := x.Literal(&syntax.Word{Parts: []syntax.WordPart{tpe}})
		return &syntax.SglQuoted{Value: v}, err
	}
	if npe, ok, err := x.indirectRef(pe); ok || err != nil {
		if err != nil {
			return nil, err
		}
		return x.glueParam(npe) // ${!ref} with ref=a[1] (params.go)
	}
	if pe.Param == nil || pe.Excl || pe.Width || pe.IsSet {
		return pe, nil
	}
	if pe.Index != nil {
		idx := indexLit(pe.Index)
		vr := x.glueVar(pe)
		switch {
		case pe.Length && (idx == "@" || idx == "*") && vr.Kind == expand.Associative:
			return &syntax.SglQuoted{Value: strconv.Itoa(len(vr.Map))}, nil
		case vr.Kind == expand.Indexed && strings.HasPrefix(idx, "-"):
			if n, err := strconv.Atoi(idx); err == nil && n+array.Len(vr) < 0 {
				// bash reads an unset element (and says so)
				x.sh.Errorf("%s: bad array subscript", pe.Param.Value)
				c := *pe
				c.Index = &syntax.Word{Parts: []syntax.WordPart{&syntax.Lit{Value: strconv.Itoa(array.Len(vr))}}}
				pe = &c
			}
		}
	}
	if pe.Length || pe.Slice != nil {
		return pe, nil
	}
	if transformArg(pe) == "A" {
		v, err := x.assignTransform(pe) // transform.go
		return &syntax.SglQuoted{Value: v}, err
	}
	if pe.Repl == nil && (pe.Exp == nil || !isPatternOp(pe.Exp.Op) && !isCaseOp(pe.Exp) && pe.Exp.Op != syntax.OtherParamOps) {
		return pe, nil
	}
	vals, list, err := x.glueValues(pe)
	if err != nil {
		return nil, err
	}
	if vals == nil {
		return pe, nil
	}
	sep := " "
	if list && (indexLit(pe.Index) == "*" || pe.Param.Value == "*") {
		sep = ""
		if vr := x.sh.Lookup("IFS"); !vr.IsSet() {
			sep = " "
		} else if s := vr.String(); s != "" {
			_, size := utf8.DecodeRuneInString(s)
			sep = s[:size]
		}
	}
	return &syntax.SglQuoted{Value: strings.Join(vals, sep)}, nil
}

// glueList returns the elements of a list form with a pattern operator
// or @Q (ok is false when pipesh leaves pe to expand).
func (x *Expander) glueList(pe *syntax.ParamExp) (elems []string, ok bool, err error) {
	if pe.Slice != nil && pe.Slice.Length != nil && !pe.Length && !pe.Excl {
		// a negative length counts from the end of a string, but is an
		// error for a list, which expand does not say
		n, err := x.sh.Arith(pe.Slice.Length)
		if err != nil {
			return nil, true, err
		}
		if n < 0 {
			return nil, true, fmt.Errorf("%d: substring expression < 0", n)
		}
	}
	if pe.Param == nil || pe.Excl || pe.Length || pe.Slice != nil {
		return nil, false, nil
	}
	if transformArg(pe) == "A" && pe.Param.Value == "@" {
		// "${@@A}": set, -- and each parameter quoted, as fields of
		// their own (transform.go)
		return x.setTransform(pe, false)
	}
	if transformArg(pe) == "A" {
		// one word: the declaration of the whole array (transform.go)
		v, err := x.assignTransform(pe)
		if err != nil || v == "" {
			return []string{}, true, err
		}
		return []string{v}, true, nil
	}
	if pe.Repl == nil && (pe.Exp == nil || !isPatternOp(pe.Exp.Op) && !isCaseOp(pe.Exp) && pe.Exp.Op != syntax.OtherParamOps) {
		return nil, false, nil
	}
	vals, _, err := x.glueValues(pe)
	if err != nil || vals == nil {
		return nil, err != nil, err
	}
	return vals, true, nil
}

// glueValues applies pe's pattern operator (or @ transformation) to the
// value, or to each element of a list; list says pe is a list form. nil
// vals means expand is to do it.
func (x *Expander) glueValues(pe *syntax.ParamExp) (vals []string, list bool, err error) {
	plain := *pe
	plain.Exp = nil
	plain.Repl = nil
	if arg := transformArg(pe); arg == "a" || arg == "K" || arg == "k" {
		if vals, list, ok, err := x.listTransform(pe, &plain, arg); ok || err != nil {
			return vals, list, err // transform.go
		}
	}
	if skip, err := x.skipsOperator(pe, &plain); skip || err != nil {
		if ppe, _ := listForm(&plain); ppe != nil {
			return []string{}, true, err
		}
		return []string{""}, false, err
	}
	var op func(string) (string, error)
	switch {
	case pe.Repl != nil:
		op, err = x.replaceOp(pe.Repl)
	case tildeToggle(pe):
		op, err = x.toggleOp(pe)
	case pe.Exp.Op == syntax.OtherParamOps:
		arg := ""
		if pe.Exp.Word != nil {
			arg = pe.Exp.Word.Lit()
		}
		if !knownTransform(arg) {
			return nil, false, &FatalError{Err: fmt.Errorf("%s: bad substitution", printNode(pe))}
		}
		switch arg {
		case "Q", "K", "k":
			// @K and @k of a string or an element quote it as @Q
			op = func(s string) (string, error) { return quote.Q(s), nil }
		case "P":
			op = func(s string) (string, error) { return x.sh.Prompt(s), nil }
		default:
			return nil, false, nil
		}
	case isCaseOp(pe.Exp):
		op, err = x.caseOp(pe.Exp)
	default:
		op, err = x.removeOp(pe.Exp)
	}
	if err != nil {
		return nil, false, err
	}
	if ppe, _ := listForm(&plain); ppe != nil {
		elems, _, err := x.listElems(&plain)
		if err != nil {
			return nil, false, err
		}
		out := make([]string, len(elems))
		for i, e := range elems {
			if out[i], err = op(e); err != nil {
				return nil, false, err
			}
		}
		return out, true, nil
	}
	s, err := x.Literal(&syntax.Word{Parts: []syntax.WordPart{&plain}})
	if err != nil {
		return nil, false, err
	}
	s, err = op(s)
	return []string{s}, false, err
}

// skipsOperator reports whether bash expands an operator form to
// nothing without expanding the operator's words or checking an @
// operator (plain is pe without its operator): a list with no elements,
// a string that is unset (where set -u does not make that an error),
// and for # and % also one that is empty. ${x@Q} of an unset x is
// empty, not ”.
func (x *Expander) skipsOperator(pe, plain *syntax.ParamExp) (bool, error) {
	if ppe, _ := listForm(plain); ppe != nil {
		elems, _, err := x.listElems(plain)
		return err == nil && len(elems) == 0, err
	}
	if plain.Index == nil {
		// the common case, a string that is not empty, at the cost of
		// a lookup
		if vr := x.sh.Lookup(plain.Param.Value); vr.Kind == expand.String && vr.Str != "" {
			return false, nil
		}
	}
	set, err := x.paramSet(&syntax.ParamExp{Param: plain.Param, Index: plain.Index,
		Exp: &syntax.Expansion{Op: syntax.AlternateUnset}}, false)
	if err != nil {
		return true, err
	}
	if !set {
		if x.opts.NoUnset && (pe.Exp == nil || pe.Exp.Op != syntax.OtherParamOps) {
			_, err := x.Literal(&syntax.Word{Parts: []syntax.WordPart{plain}}) // set -u's error
			return true, err
		}
		return true, nil
	}
	if pe.Exp == nil || !isPatternOp(pe.Exp.Op) {
		return false, nil
	}
	nonEmpty, err := x.paramSet(&syntax.ParamExp{Param: plain.Param, Index: plain.Index,
		Exp: &syntax.Expansion{Op: syntax.AlternateUnsetOrNull}}, false)
	return !nonEmpty, err
}

// Key expands the text of an associative array subscript, as in
// unset 'm["$key"]': quotes are removed and expansions done, and text
// that is not one word stays as it is.
func (x *Expander) Key(s string) (string, error) {
	if !strings.ContainsAny(s, "$`'\"\\") {
		return s, nil
	}
	f, err := syntax.NewParser(syntax.Variant(syntax.LangBash)).Parse(strings.NewReader(": "+s), "")
	if err != nil || len(f.Stmts) != 1 {
		return s, nil
	}
	call, ok := f.Stmts[0].Cmd.(*syntax.CallExpr)
	if !ok || len(call.Args) != 2 || len(call.Assigns) > 0 {
		return s, nil
	}
	return x.Literal(call.Args[1])
}

// RewriteParts returns a copy of parts with each part outside or inside
// double quotes replaced by what fix makes of it; need says whether the
// parts inside a pair of double quotes have anything to rewrite, so
// that those without are kept as they are.
func RewriteParts(parts []syntax.WordPart, need func([]syntax.WordPart) bool, fix func(syntax.WordPart) (syntax.WordPart, error)) ([]syntax.WordPart, error) {
	out := make([]syntax.WordPart, len(parts))
	for i, part := range parts {
		if dq, ok := part.(*syntax.DblQuoted); ok {
			out[i] = part
			if !need(dq.Parts) {
				continue
			}
			inner, err := RewriteParts(dq.Parts, need, fix)
			if err != nil {
				return nil, err
			}
			c := *dq
			c.Parts = inner
			out[i] = &c
			continue
		}
		np, err := fix(part)
		if err != nil {
			return nil, err
		}
		out[i] = np
	}
	return out, nil
}

// lazyWord returns w with the defaults lazyParam decides replaced by
// what they stand for (w itself when there are none).
func (x *Expander) lazyWord(w *syntax.Word) (*syntax.Word, error) {
	if !partsNeedLazy(w.Parts) {
		return w, nil
	}
	parts, err := RewriteParts(w.Parts, partsNeedLazy, func(part syntax.WordPart) (syntax.WordPart, error) {
		if pe, ok := part.(*syntax.ParamExp); ok {
			if p, ok, err := x.lazyParam(pe); ok || err != nil {
				return p, err
			}
		}
		return part, nil
	})
	if err != nil {
		return nil, err
	}
	c := *w
	c.Parts = parts
	return &c, nil
}

func partsNeedLazy(parts []syntax.WordPart) bool {
	for _, p := range parts {
		switch p := p.(type) {
		case *syntax.DblQuoted:
			if partsNeedLazy(p.Parts) {
				return true
			}
		case *syntax.ParamExp:
			if p.Exp != nil && isDefaultOp(p.Exp.Op) && !p.Length && !p.Excl && p.Param != nil && hasEffects(p.Exp.Word) {
				return true
			}
		}
	}
	return false
}

// lazyParam decides ${x:-w}, ${x:+w}, ${x:=w} and ${x:?w} (and their forms
// without the colon) before w is expanded, when expanding w could run a
// command or assign: bash expands w only if it is taken (expand's own
// evaluation expands it first, whatever x is). ok is false when pe is not
// one of these, or is a list, or w must be expanded anyway.
func (x *Expander) lazyParam(pe *syntax.ParamExp) (part syntax.WordPart, ok bool, err error) {
	if pe.Exp == nil || !isDefaultOp(pe.Exp.Op) || pe.Length || pe.Excl || pe.Param == nil || !hasEffects(pe.Exp.Word) {
		return nil, false, nil
	}
	plain := *pe
	plain.Exp = nil
	if ppe, _ := listForm(&plain); ppe != nil {
		return nil, false, nil
	}
	set, err := x.paramSet(pe, false)
	if err != nil {
		return nil, false, err
	}
	switch pe.Exp.Op {
	case syntax.AlternateUnset, syntax.AlternateUnsetOrNull:
		if set {
			return nil, false, nil
		}
		return &syntax.SglQuoted{}, true, nil
	}
	if !set {
		return nil, false, nil
	}
	if partsNeedGlue([]syntax.WordPart{&plain}) {
		p, err := x.glueParam(&plain)
		return p, true, err
	}
	return &plain, true, nil
}

package shell

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"mvdan.cc/sh/v3/expand"
	"mvdan.cc/sh/v3/pattern"
	"mvdan.cc/sh/v3/syntax"
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
func (r *Runner) glueWord(w *syntax.Word) (*syntax.Word, error) {
	if w == nil || !partsNeedGlue(w.Parts) {
		return w, nil
	}
	parts, err := r.glueParts(w.Parts)
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

func (r *Runner) glueParts(parts []syntax.WordPart) ([]syntax.WordPart, error) {
	return rewriteParts(parts, partsNeedGlue, func(part syntax.WordPart) (syntax.WordPart, error) {
		if p, ok := part.(*syntax.ParamExp); ok {
			return r.glueParam(p)
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
func (r *Runner) glueVar(pe *syntax.ParamExp) expand.Variable {
	vr := r.lookupVar(pe.Param.Value)
	if vr.Kind == expand.NameRef {
		vr = r.lookupVar(vr.Str)
	}
	return vr
}

// glueParam returns the word part to expand in place of pe: pe itself,
// pe with its subscript changed, or its value as quoted text.
func (r *Runner) glueParam(pe *syntax.ParamExp) (syntax.WordPart, error) {
	if elemIndirect(pe) {
		// ${!a[1]} follows the name in a[1]; expand lists a's keys
		c := *pe
		c.Excl = false
		name, err := r.literal(&syntax.Word{Parts: []syntax.WordPart{&c}})
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
		v, err := r.literal(&syntax.Word{Parts: []syntax.WordPart{tpe}})
		return &syntax.SglQuoted{Value: v}, err
	}
	if npe, ok, err := r.indirectRef(pe); ok || err != nil {
		if err != nil {
			return nil, err
		}
		return r.glueParam(npe) // ${!ref} with ref=a[1] (split.go)
	}
	if pe.Param == nil || pe.Excl || pe.Width || pe.IsSet {
		return pe, nil
	}
	if pe.Index != nil {
		idx := indexLit(pe.Index)
		vr := r.glueVar(pe)
		switch {
		case pe.Length && (idx == "@" || idx == "*") && vr.Kind == expand.Associative:
			return &syntax.SglQuoted{Value: strconv.Itoa(len(vr.Map))}, nil
		case vr.Kind == expand.Indexed && strings.HasPrefix(idx, "-"):
			if n, err := strconv.Atoi(idx); err == nil && n+arrayLen(vr) < 0 {
				// bash reads an unset element (and says so)
				r.errorf("%s: bad array subscript", pe.Param.Value)
				c := *pe
				c.Index = &syntax.Word{Parts: []syntax.WordPart{&syntax.Lit{Value: strconv.Itoa(arrayLen(vr))}}}
				pe = &c
			}
		}
	}
	if pe.Length || pe.Slice != nil {
		return pe, nil
	}
	if transformArg(pe) == "A" {
		v, err := r.assignTransform(pe) // transform.go
		return &syntax.SglQuoted{Value: v}, err
	}
	if pe.Repl == nil && (pe.Exp == nil || !isPatternOp(pe.Exp.Op) && !isCaseOp(pe.Exp) && pe.Exp.Op != syntax.OtherParamOps) {
		return pe, nil
	}
	vals, list, err := r.glueValues(pe)
	if err != nil {
		return nil, err
	}
	if vals == nil {
		return pe, nil
	}
	sep := " "
	if list && (indexLit(pe.Index) == "*" || pe.Param.Value == "*") {
		sep = ""
		if vr := r.lookupVar("IFS"); !vr.IsSet() {
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
func (r *Runner) glueList(pe *syntax.ParamExp) (elems []string, ok bool, err error) {
	if pe.Slice != nil && pe.Slice.Length != nil && !pe.Length && !pe.Excl {
		// a negative length counts from the end of a string, but is an
		// error for a list, which expand does not say
		n, err := r.arith(pe.Slice.Length)
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
	if transformArg(pe) == "A" {
		// one word: the declaration of the whole array (transform.go)
		v, err := r.assignTransform(pe)
		if err != nil || v == "" {
			return []string{}, true, err
		}
		return []string{v}, true, nil
	}
	if pe.Repl == nil && (pe.Exp == nil || !isPatternOp(pe.Exp.Op) && !isCaseOp(pe.Exp) && pe.Exp.Op != syntax.OtherParamOps) {
		return nil, false, nil
	}
	vals, _, err := r.glueValues(pe)
	if err != nil || vals == nil {
		return nil, err != nil, err
	}
	return vals, true, nil
}

// glueValues applies pe's pattern operator (or @ transformation) to the
// value, or to each element of a list; list says pe is a list form. nil
// vals means expand is to do it.
func (r *Runner) glueValues(pe *syntax.ParamExp) (vals []string, list bool, err error) {
	plain := *pe
	plain.Exp = nil
	plain.Repl = nil
	var op func(string) (string, error)
	switch {
	case pe.Repl != nil:
		op, err = r.replaceOp(pe.Repl)
	case tildeToggle(pe):
		op, err = r.toggleOp(pe)
	case pe.Exp.Op == syntax.OtherParamOps:
		arg := ""
		if pe.Exp.Word != nil {
			arg = pe.Exp.Word.Lit()
		}
		if !knownTransform(arg) {
			return nil, false, &expandErr{err: fmt.Errorf("%s: bad substitution", printNode(pe)), fatal: true}
		}
		switch arg {
		case "Q":
			op = func(s string) (string, error) { return bashQuote(s), nil }
		case "P":
			op = func(s string) (string, error) { return r.promptTransform(s), nil } // transform.go
		default:
			return nil, false, nil
		}
	case isCaseOp(pe.Exp):
		op, err = r.caseOp(pe.Exp)
	default:
		op, err = r.removeOp(pe.Exp)
	}
	if err != nil {
		return nil, false, err
	}
	if ppe, _ := listForm(&plain); ppe != nil {
		elems, _, err := r.listElems(&plain)
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
	if pe.Exp != nil && pe.Exp.Op == syntax.OtherParamOps {
		// ${x@Q} of an unset x is empty, not ''
		if set, err := r.paramSet(&syntax.ParamExp{Param: plain.Param, Index: plain.Index,
			Exp: &syntax.Expansion{Op: syntax.AlternateUnset}}, false); err != nil || !set {
			return []string{""}, false, err
		}
	}
	s, err := r.literal(&syntax.Word{Parts: []syntax.WordPart{&plain}})
	if err != nil {
		return nil, false, err
	}
	s, err = op(s)
	return []string{s}, false, err
}

// globRegexp compiles a shell pattern for matching anywhere in a string;
// ok is false for a pattern Go's regexp cannot express (!(...)).
func (r *Runner) globRegexp(pat, prefix, suffix string, shortest bool) (*regexp.Regexp, bool) {
	mode := pattern.Mode(0)
	if shortest {
		mode |= pattern.Shortest
	}
	if r.shopts["extglob"] {
		mode |= pattern.ExtendedOperators
	}
	expr, err := pattern.Regexp(pat, mode)
	if err != nil {
		return nil, false
	}
	rx, err := regexp.Compile(prefix + "(" + expr + ")" + suffix)
	if err != nil {
		return nil, false
	}
	if !shortest {
		rx.Longest()
	}
	return rx, true
}

// removeOp is ${x#pat}, ${x##pat}, ${x%pat} or ${x%%pat} on one string.
func (r *Runner) removeOp(exp *syntax.Expansion) (func(string) (string, error), error) {
	pat, err := r.patternText(exp.Word)
	if err != nil {
		return nil, err
	}
	shortest := exp.Op == syntax.RemSmallPrefix || exp.Op == syntax.RemSmallSuffix
	var rx *regexp.Regexp
	var ok bool
	switch {
	case exp.Op == syntax.RemSmallSuffix:
		// .* first takes all it can: the match starts as late as it can
		rx, ok = r.globRegexp(pat, "(?s)^.*", "$", true)
	case exp.Op == syntax.RemLargeSuffix:
		rx, ok = r.globRegexp(pat, "", "$", false)
	default:
		rx, ok = r.globRegexp(pat, "^", "", shortest)
	}
	return func(s string) (string, error) {
		if !ok {
			return s, nil
		}
		if loc := rx.FindStringSubmatchIndex(s); loc != nil {
			return s[:loc[2]] + s[loc[3]:], nil
		}
		return s, nil
	}, nil
}

// patternText expands the pattern word of ${x#pat} or ${x/pat/rep}:
// quoted characters match themselves.
func (r *Runner) patternText(w *syntax.Word) (string, error) {
	if w == nil {
		return "", nil
	}
	return r.patternWord(w)
}

// replaceOp is ${x/pat/rep}, ${x//pat/rep}, ${x/#pat/rep} and
// ${x/%pat/rep}: an unquoted & in rep stands for the matched text (bash
// 5.2's patsub_replacement).
func (r *Runner) replaceOp(rp *syntax.Replace) (func(string) (string, error), error) {
	orig := rp.Orig
	anchor := byte(0)
	if !rp.All && orig != nil && len(orig.Parts) > 0 {
		if l, ok := orig.Parts[0].(*syntax.Lit); ok && l.Value != "" && (l.Value[0] == '#' || l.Value[0] == '%') {
			anchor = l.Value[0]
			c := *orig
			c.Parts = append([]syntax.WordPart{&syntax.Lit{ValuePos: l.ValuePos, ValueEnd: l.ValueEnd, Value: l.Value[1:]}}, orig.Parts[1:]...)
			orig = &c
		}
	}
	pat, err := r.patternText(orig)
	if err != nil {
		return nil, err
	}
	with, err := r.replacement(rp.With)
	if err != nil {
		return nil, err
	}
	if pat == "" && anchor == 0 {
		return func(s string) (string, error) { return s, nil }, nil
	}
	prefix, suffix := "", ""
	switch anchor {
	case '#':
		prefix = "(?s)^"
	case '%':
		prefix, suffix = "(?s)", "$"
	default:
		prefix = "(?s)"
	}
	rx, ok := r.globRegexp(pat, prefix, suffix, false)
	return func(s string) (string, error) {
		if !ok {
			return s, nil
		}
		var sb strings.Builder
		last := 0
		for pos := 0; pos <= len(s); {
			loc := rx.FindStringSubmatchIndex(s[pos:])
			if loc == nil {
				break
			}
			start, end := pos+loc[2], pos+loc[3]
			if end == start && pat != "" && anchor == 0 {
				// bash never replaces an empty match of a pattern
				if start >= len(s) {
					break
				}
				pos = start + 1
				continue
			}
			sb.WriteString(s[last:start])
			sb.WriteString(with(s[start:end]))
			last = end
			if !rp.All || anchor != 0 {
				break
			}
			pos = end
			if end == start {
				pos++
			}
		}
		sb.WriteString(s[last:])
		return sb.String(), nil
	}, nil
}

// replacement expands the replacement of ${x/pat/rep} into a function of
// the matched text.
func (r *Runner) replacement(w *syntax.Word) (func(string) string, error) {
	if w == nil {
		return func(string) string { return "" }, nil
	}
	b := &fieldBuilder{r: r, pattern: true}
	if err := b.parts(w.Parts, true, false); err != nil {
		return nil, r.wrapExpand(err)
	}
	var parts []fpart
	for i, f := range append(b.fields, b.cur) {
		if i > 0 {
			parts = append(parts, fpart{val: " ", quoted: true})
		}
		parts = append(parts, f...)
	}
	amp := false
	for _, p := range parts {
		amp = amp || !p.quoted && strings.Contains(p.val, "&")
	}
	if !amp {
		var sb strings.Builder
		for _, p := range parts {
			sb.WriteString(p.val)
		}
		s := sb.String()
		return func(string) string { return s }, nil
	}
	return func(m string) string {
		var sb strings.Builder
		for _, p := range parts {
			if p.quoted {
				sb.WriteString(p.val)
			} else {
				sb.WriteString(strings.ReplaceAll(p.val, "&", m))
			}
		}
		return sb.String()
	}, nil
}

// bashQuote quotes s as ${x@Q} does: in single quotes, or as $'...'
// when it holds control characters.
func bashQuote(s string) string {
	for _, c := range s {
		if c < 0x20 || c == 0x7f || !unicode.IsPrint(c) && c > 0x7f {
			if q, err := syntax.Quote(s, syntax.LangBash); err == nil {
				return q
			}
			break
		}
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// ExpandKey expands the text of an associative array subscript, as in
// unset 'm["$key"]': quotes are removed and expansions done, and text
// that is not one word stays as it is.
func (r *Runner) ExpandKey(s string) (string, error) {
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
	return r.literal(call.Args[1])
}

package arithsrc

import (
	"strconv"

	"mvdan.cc/sh/v3/syntax"

	"pipesh/arith"
	"pipesh/wordexp"
)

// Resolver is what Resolve asks of the shell besides what Text does.
type Resolver interface {
	Shell
	// Arith evaluates an expression: a subscript, a slice bound.
	Arith(x syntax.ArithmExpr) (int, error)
	// IsAssoc reports whether name, through a nameref, is an
	// associative array (whose subscripts are keys, not arithmetic).
	IsAssoc(name string) bool
}

// Resolve returns w with its $(( )) evaluated by the shell, and the
// subscripts and slice bounds of its ${...} too, as numbers, so that
// package expand, which evaluates those itself and not as bash does,
// only sees literals. w itself is returned when it has none of them;
// otherwise w is left as it was and a copy is changed.
func Resolve(sh Resolver, w *syntax.Word) (*syntax.Word, error) {
	if w == nil || !needsArith(w.Parts) {
		return w, nil
	}
	parts, err := resolveParts(sh, w.Parts)
	if err != nil {
		return nil, err
	}
	c := *w
	c.Parts = parts
	return &c, nil
}

// needsArith reports whether Resolve has anything to do in parts.
func needsArith(parts []syntax.WordPart) bool {
	for _, p := range parts {
		switch p := p.(type) {
		case *syntax.ArithmExp:
			return true
		case *syntax.DblQuoted:
			if needsArith(p.Parts) {
				return true
			}
		case *syntax.ParamExp:
			if p.Slice != nil || p.Index != nil && !litIndex(p.Index) {
				return true
			}
			if p.Exp != nil && p.Exp.Word != nil && needsArith(p.Exp.Word.Parts) {
				return true
			}
		}
	}
	return false
}

// litIndex reports whether a subscript is a decimal number, @ or *,
// which package expand reads as bash does.
func litIndex(x syntax.ArithmExpr) bool {
	w, ok := x.(*syntax.Word)
	if !ok || len(w.Parts) != 1 {
		return false
	}
	lit, ok := w.Parts[0].(*syntax.Lit)
	if !ok {
		return false
	}
	if lit.Value == "@" || lit.Value == "*" {
		return true
	}
	_, ok = arith.PlainDecimal(lit.Value)
	return ok
}

// numWord is a literal word holding n, at x's place in the source.
func numWord(x syntax.ArithmExpr, n int) *syntax.Word {
	return &syntax.Word{Parts: []syntax.WordPart{&syntax.Lit{ValuePos: x.Pos(), ValueEnd: x.End(), Value: strconv.Itoa(n)}}}
}

func resolveParts(sh Resolver, parts []syntax.WordPart) ([]syntax.WordPart, error) {
	return wordexp.RewriteParts(parts, needsArith, func(part syntax.WordPart) (syntax.WordPart, error) {
		switch p := part.(type) {
		case *syntax.ArithmExp:
			n, err := sh.ArithExp(p)
			if err != nil {
				return nil, err
			}
			return &syntax.Lit{ValuePos: p.Pos(), ValueEnd: p.End(), Value: strconv.Itoa(n)}, nil
		case *syntax.ParamExp:
			return resolveParam(sh, p)
		}
		return part, nil
	})
}

// resolveParam evaluates the subscript of ${a[i]} (not of an
// associative array) and the bounds of ${x:o:l}, and resolves the word
// of ${x-word} and the like.
func resolveParam(sh Resolver, p *syntax.ParamExp) (*syntax.ParamExp, error) {
	c := *p
	if p.Index != nil && !litIndex(p.Index) && p.Param != nil {
		if !sh.IsAssoc(p.Param.Value) {
			n, err := sh.Arith(p.Index)
			if err != nil {
				return nil, err
			}
			c.Index = numWord(p.Index, n)
		} else if _, ok := p.Index.(*syntax.Word); !ok {
			// the parser read ${m[i+1]} as arithmetic; an associative
			// array's key is that text, as bash takes it
			key, _, err := Text(sh, p.Index, -1, -1, false)
			if err != nil {
				return nil, err
			}
			c.Index = &syntax.Word{Parts: []syntax.WordPart{&syntax.SglQuoted{Left: p.Index.Pos(), Right: p.Index.End(), Value: key}}}
		}
	}
	if p.Slice != nil {
		sl := *p.Slice
		if sl.Offset != nil {
			n, err := sh.Arith(sl.Offset)
			if err != nil {
				return nil, err
			}
			sl.Offset = numWord(sl.Offset, n)
		}
		if sl.Length != nil {
			n, err := sh.Arith(sl.Length)
			if err != nil {
				return nil, err
			}
			sl.Length = numWord(sl.Length, n)
		}
		c.Slice = &sl
	}
	if p.Exp != nil && p.Exp.Word != nil && needsArith(p.Exp.Word.Parts) {
		e := *p.Exp
		w, err := Resolve(sh, p.Exp.Word)
		if err != nil {
			return nil, err
		}
		e.Word = w
		c.Exp = &e
	}
	return &c, nil
}

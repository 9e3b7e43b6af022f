package shell

import (
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"mvdan.cc/sh/v3/expand"
	"mvdan.cc/sh/v3/syntax"

	"pipesh/arith"
	"pipesh/wordexp"
)

// The parser hands arithmetic over as a syntax.ArithmExpr, but bash
// evaluates text: it expands $x, ${...} and $(...) inside the expression
// and then reads the result as an expression (so x='1+2'; $(( $x * 2 ))
// is 1+2 * 2). arithText rebuilds that text from the tree, in source
// order, with the blanks the source had between tokens (bash's error
// messages quote the expression as written), expanding what has to be.

// arithTextCache holds expressions that need no expansion, parsed, by
// node, so a loop's i=$((i+1)) is printed and parsed once. It is
// bounded, as eval in a loop makes new nodes every time. A shell and its
// in-process subshells share one (it lives in the process state).
type arithTextCache struct {
	m     sync.Map // syntax.ArithmExpr -> *arith.Expr
	count atomic.Int32
}

const arithTextCacheMax = 1 << 14

// arithBuilder accumulates the text of one expression.
type arithBuilder struct {
	r       *Runner
	sb      strings.Builder
	last    int  // source offset just after what was written, or -1
	dynamic bool // something was expanded: the text may not be cached
	unquote bool // quotes are removed (let's arguments are plain words)
}

// arithSource returns the text of x; from and to are the source offsets
// where the expression's text begins and ends (after $(( and before )),
// so leading and trailing blanks count), or -1.
func (r *Runner) arithSource(x syntax.ArithmExpr, from, to int) (string, error) {
	return r.arithSourceQ(x, from, to, false)
}

// arithSourceQ is arithSource, with quote removal when unquote (a node
// is always printed the same way: let's nodes are let's only).
func (r *Runner) arithSourceQ(x syntax.ArithmExpr, from, to int, unquote bool) (string, error) {
	s, e, err := r.arithText(x, from, to, unquote)
	if e != nil {
		return e.Text(), nil
	}
	return s, err
}

// arithExpr returns x parsed, as arithSourceQ reads its text.
func (r *Runner) arithExpr(x syntax.ArithmExpr, from, to int, unquote bool) (*arith.Expr, error) {
	s, e, err := r.arithText(x, from, to, unquote)
	if e != nil || err != nil {
		return e, err
	}
	return r.sh.arith.Parse(s), nil
}

// arithText returns x parsed when it needs no expansion (and keeps it
// by node), else its text.
func (r *Runner) arithText(x syntax.ArithmExpr, from, to int, unquote bool) (string, *arith.Expr, error) {
	if x == nil {
		return "", nil, nil
	}
	cache := &r.sh.arithText
	if e, ok := cache.m.Load(x); ok {
		return "", e.(*arith.Expr), nil
	}
	b := &arithBuilder{r: r, last: from, unquote: unquote}
	if err := b.expr(x); err != nil {
		return "", nil, err
	}
	if to >= 0 {
		b.gapTo(to)
	}
	s := b.sb.String()
	if !b.dynamic && cache.count.Load() < arithTextCacheMax {
		cache.count.Add(1)
		e := r.sh.arith.Parse(s)
		cache.m.Store(x, e)
		return "", e, nil
	}
	return s, nil, nil
}

// gapTo writes the blanks between the last thing written and offset off.
func (b *arithBuilder) gapTo(off int) {
	if b.last >= 0 && off > b.last {
		for range off - b.last {
			b.sb.WriteByte(' ')
		}
	}
	b.last = off
}

// setLast records that the source up to p has been written.
func (b *arithBuilder) setLast(p syntax.Pos) {
	if p.IsValid() && b.last >= 0 {
		b.last = int(p.Offset())
	} else {
		b.last = -1
	}
}

func (b *arithBuilder) gap(p syntax.Pos) {
	if p.IsValid() {
		b.gapTo(int(p.Offset()))
	} else {
		b.last = -1
	}
}

// token writes an operator at p.
func (b *arithBuilder) token(p syntax.Pos, s string) {
	b.gap(p)
	b.sb.WriteString(s)
	if b.last >= 0 {
		b.last += len(s)
	}
}

func (b *arithBuilder) expr(x syntax.ArithmExpr) error {
	switch x := x.(type) {
	case *syntax.BinaryArithm:
		if err := b.expr(x.X); err != nil {
			return err
		}
		b.token(x.OpPos, x.Op.String())
		return b.expr(x.Y)
	case *syntax.UnaryArithm:
		if x.Post {
			if err := b.expr(x.X); err != nil {
				return err
			}
			b.token(x.OpPos, x.Op.String())
			return nil
		}
		b.token(x.OpPos, x.Op.String())
		return b.expr(x.X)
	case *syntax.ParenArithm:
		b.token(x.Lparen, "(")
		if err := b.expr(x.X); err != nil {
			return err
		}
		b.token(x.Rparen, ")")
		return nil
	case *syntax.Word:
		b.gap(x.Pos())
		if err := b.word(x); err != nil {
			return err
		}
		b.setLast(x.End())
		return nil
	}
	return nil
}

// word writes an operand: literals as they are, a[i] with its subscript
// rebuilt, single quotes kept (bash rejects them), the rest expanded.
func (b *arithBuilder) word(w *syntax.Word) error {
	r := b.r
	for _, part := range w.Parts {
		switch p := part.(type) {
		case *syntax.Lit:
			b.sb.WriteString(p.Value)
		case *syntax.SglQuoted:
			if b.unquote {
				if err := b.expand(part); err != nil {
					return err
				}
				continue
			}
			if p.Dollar {
				b.sb.WriteByte('$')
			}
			b.sb.WriteString("'" + p.Value + "'")
		case *syntax.ParamExp:
			if p.Short && !p.Dollar.IsValid() && p.Index != nil && p.Param != nil {
				// a[i] as an operand: bash reads the subscript itself
				b.sb.WriteString(p.Param.Value)
				b.setLast(p.Param.End())
				b.token(p.Param.End(), "[")
				if err := b.expr(p.Index); err != nil {
					return err
				}
				b.token(p.Index.End(), "]")
				continue
			}
			if err := b.expand(part); err != nil {
				return err
			}
		default:
			if err := b.expand(part); err != nil {
				return err
			}
		case *syntax.ArithmExp:
			b.dynamic = true
			n, err := r.arithExp(p)
			if err != nil {
				return err
			}
			b.sb.WriteString(strconv.Itoa(n))
		}
	}
	return nil
}

// expand writes the expansion of a part.
func (b *arithBuilder) expand(part syntax.WordPart) error {
	b.dynamic = true
	s, err := b.r.literal(&syntax.Word{Parts: []syntax.WordPart{part}})
	if err != nil {
		return err
	}
	b.sb.WriteString(s)
	return nil
}

// arithExp evaluates $(( )).
func (r *Runner) arithExp(ae *syntax.ArithmExp) (int, error) {
	from, to := -1, -1
	if ae.Left.IsValid() && ae.Right.IsValid() && !ae.Bracket {
		from, to = int(ae.Left.Offset())+3, int(ae.Right.Offset())
	}
	return r.arithSpan(ae.X, from, to)
}

// arithSpan evaluates x, whose text runs from offset from to offset to
// in the source (-1 when unknown).
func (r *Runner) arithSpan(x syntax.ArithmExpr, from, to int) (int, error) {
	if w, ok := x.(*syntax.Word); ok && len(w.Parts) == 1 {
		// the most common operands, a number or a name, need no text
		if lit, ok := w.Parts[0].(*syntax.Lit); ok {
			if n, ok := arith.PlainDecimal(lit.Value); ok {
				return int(n), nil
			}
		}
	}
	e, err := r.arithExpr(x, from, to, false)
	if err != nil {
		return 0, r.wrapExpand(err)
	}
	n, err := r.evalExpr(e)
	return n, r.wrapExpand(err)
}

// arithLet evaluates an argument of let, a word whose quotes go.
func (r *Runner) arithLet(x syntax.ArithmExpr) (int, error) {
	e, err := r.arithExpr(x, -1, -1, true)
	if err != nil {
		return 0, r.wrapExpand(err)
	}
	n, err := r.evalExpr(e)
	return n, r.wrapExpand(err)
}

// arithCmdSpan evaluates the expression of (( )).
func (r *Runner) arithCmdSpan(c *syntax.ArithmCmd) (int, error) {
	from, to := -1, -1
	if c.Left.IsValid() && c.Right.IsValid() {
		from, to = int(c.Left.Offset())+2, int(c.Right.Offset())
	}
	return r.arithSpan(c.X, from, to)
}

// resolveArith returns w with its $(( )) evaluated by pipesh's evaluator,
// and the subscripts and slice bounds of its ${...} too, as numbers, so
// that package expand, which evaluates those itself and not as bash
// does, only sees literals. w itself is returned when it has none.
func (r *Runner) resolveArith(w *syntax.Word) (*syntax.Word, error) {
	if w == nil || !partsNeedArith(w.Parts) {
		return w, nil
	}
	parts, err := r.resolveArithParts(w.Parts)
	if err != nil {
		return nil, err
	}
	c := *w
	c.Parts = parts
	return &c, nil
}

// partsNeedArith reports whether resolveArith has anything to do.
func partsNeedArith(parts []syntax.WordPart) bool {
	for _, p := range parts {
		switch p := p.(type) {
		case *syntax.ArithmExp:
			return true
		case *syntax.DblQuoted:
			if partsNeedArith(p.Parts) {
				return true
			}
		case *syntax.ParamExp:
			if p.Slice != nil || p.Index != nil && !isLitIndex(p.Index) {
				return true
			}
			if p.Exp != nil && p.Exp.Word != nil && partsNeedArith(p.Exp.Word.Parts) {
				return true
			}
		}
	}
	return false
}

// isLitIndex reports whether an index is a number, @ or *, which package
// expand reads as bash does.
func isLitIndex(x syntax.ArithmExpr) bool {
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

func (r *Runner) resolveArithParts(parts []syntax.WordPart) ([]syntax.WordPart, error) {
	return wordexp.RewriteParts(parts, partsNeedArith, func(part syntax.WordPart) (syntax.WordPart, error) {
		switch p := part.(type) {
		case *syntax.ArithmExp:
			n, err := r.arithExp(p)
			if err != nil {
				return nil, err
			}
			return &syntax.Lit{ValuePos: p.Pos(), ValueEnd: p.End(), Value: strconv.Itoa(n)}, nil
		case *syntax.ParamExp:
			return r.resolveParamArith(p)
		}
		return part, nil
	})
}

// resolveParamArith evaluates the subscript of ${a[i]} (not of an
// associative array) and the bounds of ${x:o:l}.
func (r *Runner) resolveParamArith(p *syntax.ParamExp) (*syntax.ParamExp, error) {
	c := *p
	if p.Index != nil && !isLitIndex(p.Index) && p.Param != nil {
		vr := r.lookupVar(p.Param.Value)
		if vr.Kind == expand.NameRef {
			vr = r.lookupVar(vr.Str)
		}
		if vr.Kind != expand.Associative {
			n, err := r.arith(p.Index)
			if err != nil {
				return nil, err
			}
			c.Index = numWord(p.Index, n)
		} else if _, ok := p.Index.(*syntax.Word); !ok {
			// the parser read ${m[i+1]} as arithmetic; an associative
			// array's key is that text, as bash takes it
			key, err := r.arithSource(p.Index, -1, -1)
			if err != nil {
				return nil, err
			}
			c.Index = &syntax.Word{Parts: []syntax.WordPart{&syntax.SglQuoted{Left: p.Index.Pos(), Right: p.Index.End(), Value: key}}}
		}
	}
	if p.Slice != nil {
		sl := *p.Slice
		if sl.Offset != nil {
			n, err := r.arith(sl.Offset)
			if err != nil {
				return nil, err
			}
			sl.Offset = numWord(sl.Offset, n)
		}
		if sl.Length != nil {
			n, err := r.arith(sl.Length)
			if err != nil {
				return nil, err
			}
			sl.Length = numWord(sl.Length, n)
		}
		c.Slice = &sl
	}
	if p.Exp != nil && p.Exp.Word != nil && partsNeedArith(p.Exp.Word.Parts) {
		e := *p.Exp
		w, err := r.resolveArith(p.Exp.Word)
		if err != nil {
			return nil, err
		}
		e.Word = w
		c.Exp = &e
	}
	return &c, nil
}

// numWord is a literal word holding n, where x was.
func numWord(x syntax.ArithmExpr, n int) *syntax.Word {
	return &syntax.Word{Parts: []syntax.WordPart{&syntax.Lit{ValuePos: x.Pos(), ValueEnd: x.End(), Value: strconv.Itoa(n)}}}
}

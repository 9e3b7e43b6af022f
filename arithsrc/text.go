// Package arithsrc turns the arithmetic mvdan's parser hands over (a
// syntax.ArithmExpr) back into the text bash evaluates.
//
// bash evaluates arithmetic as text: it expands $x, ${...} and $(...)
// inside the expression and then reads the result as an expression (so
// with x='1+2', $(( $x * 2 )) is 1+2 * 2, which is 5). Text rebuilds that
// text from the tree, in source order and with the blanks the source had
// between tokens (bash's error messages quote the expression as written),
// asking the shell, through Shell, for what has to be expanded. Package
// arith evaluates the result.
//
// Resolve does the same for the arithmetic inside a word ($(( )),
// subscripts, slice bounds), which package expand would evaluate its own
// way: it replaces each by the number pipesh's evaluator makes of it.
package arithsrc

import (
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"mvdan.cc/sh/v3/syntax"

	"pipesh/arith"
)

// Shell is what rebuilding an expression's text asks of the shell.
type Shell interface {
	// Expand returns the expansion of one part of an operand as a single
	// string, without field splitting: $x, ${x...}, $(cmd), "...", and
	// '...' when quotes are removed.
	Expand(part syntax.WordPart) (string, error)
	// ArithExp evaluates a $(( )) nested in an operand.
	ArithExp(x *syntax.ArithmExp) (int, error)
}

// Text returns the text of x as bash evaluates it. from and to are the
// source offsets where the expression's text begins and ends (after $((
// and before )), so that leading and trailing blanks count), or -1 when
// unknown. With unquote, quotes are removed as from a word (let's
// arguments are words); otherwise single quotes are kept as written,
// for the evaluator to reject as bash does. static reports that nothing
// was expanded, so that the same node always gives the same text. A nil
// x is the empty text.
func Text(sh Shell, x syntax.ArithmExpr, from, to int, unquote bool) (text string, static bool, err error) {
	if x == nil {
		return "", true, nil
	}
	b := &builder{sh: sh, last: from, unquote: unquote}
	if err := b.expr(x); err != nil {
		return "", false, err
	}
	if to >= 0 {
		b.gapTo(to)
	}
	return b.sb.String(), !b.dynamic, nil
}

// Cache keeps parsed, by node, the expressions whose text needs no
// expansion, so that a loop's i=$((i+1)) is rebuilt and parsed once. It
// is bounded, as eval in a loop makes new nodes every time. A Cache is
// safe for concurrent use (a shell and its in-process subshells share
// one); the zero value is empty.
type Cache struct {
	m     sync.Map // syntax.ArithmExpr -> *arith.Expr
	count atomic.Int32
}

// cacheMax is how many nodes a Cache keeps at most.
const cacheMax = 1 << 14

// Expr returns x parsed (by exprs) when its text needs no expansion, and
// keeps it while the cache has room; otherwise it returns x's text, as
// Text does, and a nil Expr.
func (c *Cache) Expr(sh Shell, exprs *arith.Cache, x syntax.ArithmExpr, from, to int, unquote bool) (string, *arith.Expr, error) {
	if x == nil {
		return "", nil, nil
	}
	if e, ok := c.m.Load(x); ok {
		return "", e.(*arith.Expr), nil
	}
	s, static, err := Text(sh, x, from, to, unquote)
	if err != nil {
		return "", nil, err
	}
	if static && c.count.Load() < cacheMax {
		c.count.Add(1)
		e := exprs.Parse(s)
		c.m.Store(x, e)
		return "", e, nil
	}
	return s, nil, nil
}

// builder accumulates the text of one expression.
type builder struct {
	sh      Shell
	sb      strings.Builder
	last    int  // source offset just after what was written, or -1
	dynamic bool // something was expanded: the text may not be cached
	unquote bool // quotes are removed (let's arguments are plain words)
}

// gapTo writes the blanks between the last thing written and offset off.
func (b *builder) gapTo(off int) {
	if b.last >= 0 && off > b.last {
		for range off - b.last {
			b.sb.WriteByte(' ')
		}
	}
	b.last = off
}

// setLast records that the source up to p has been written.
func (b *builder) setLast(p syntax.Pos) {
	if p.IsValid() && b.last >= 0 {
		b.last = int(p.Offset())
	} else {
		b.last = -1
	}
}

// gap writes the blanks before p; an invalid p loses track of offsets.
func (b *builder) gap(p syntax.Pos) {
	if p.IsValid() {
		b.gapTo(int(p.Offset()))
	} else {
		b.last = -1
	}
}

// token writes an operator at p.
func (b *builder) token(p syntax.Pos, s string) {
	b.gap(p)
	b.sb.WriteString(s)
	if b.last >= 0 {
		b.last += len(s)
	}
}

func (b *builder) expr(x syntax.ArithmExpr) error {
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
func (b *builder) word(w *syntax.Word) error {
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
		case *syntax.ArithmExp:
			b.dynamic = true
			n, err := b.sh.ArithExp(p)
			if err != nil {
				return err
			}
			b.sb.WriteString(strconv.Itoa(n))
		default:
			if err := b.expand(part); err != nil {
				return err
			}
		}
	}
	return nil
}

// expand writes the expansion of a part.
func (b *builder) expand(part syntax.WordPart) error {
	b.dynamic = true
	s, err := b.sh.Expand(part)
	if err != nil {
		return err
	}
	b.sb.WriteString(s)
	return nil
}

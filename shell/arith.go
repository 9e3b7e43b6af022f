package shell

import (
	"mvdan.cc/sh/v3/expand"
	"mvdan.cc/sh/v3/syntax"

	"pipesh/arith"
	"pipesh/arithsrc"
	"pipesh/assign"
)

// pipesh evaluates arithmetic the way bash does: on text. Whatever form
// the expression came in, it is first turned into text with its $x and
// $(...) expanded (package arithsrc, calling back through arithVars),
// and that text is evaluated by package arith, over the shell's
// variables (arithVars again), with the parsed forms kept in the process
// state.

// arithSource returns the text of x; from and to are the source offsets
// where the expression's text begins and ends (after $(( and before )),
// so leading and trailing blanks count), or -1.
func (r *Runner) arithSource(x syntax.ArithmExpr, from, to int) (string, error) {
	s, e, err := r.arithText(x, from, to, false)
	if e != nil {
		return e.Text(), nil
	}
	return s, err
}

// arithExpr returns x parsed; with unquote, its quotes are removed (a
// node is always printed the same way: let's nodes are let's only).
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
	return r.sh.arithText.Expr(arithVars{r}, &r.sh.arith, x, from, to, unquote)
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

// resolveArith returns w with its $(( )), subscripts and slice bounds
// evaluated by pipesh's evaluator (arithsrc.Resolve).
func (r *Runner) resolveArith(w *syntax.Word) (*syntax.Word, error) {
	return arithsrc.Resolve(arithVars{r}, w)
}

// evalArith evaluates arithmetic text as bash does. A variable unset
// under set -u is an expansion error, which aborts the command line.
func (r *Runner) evalArith(s string) (int, error) {
	return arithResult(arith.Eval(s, arithVars{r}, &r.sh.arith))
}

// evalExpr is evalArith for an expression parsed already.
func (r *Runner) evalExpr(x *arith.Expr) (int, error) {
	return arithResult(x.Eval(arithVars{r}, &r.sh.arith))
}

func arithResult(n int64, err error) (int, error) {
	if ue, ok := err.(*arith.UnboundError); ok {
		return 0, &expandErr{err: ue, fatal: true}
	}
	return int(n), err
}

// arithVars shows the shell's variables to package arith, and is the
// shell package arithsrc calls back into.
type arithVars struct{ r *Runner }

func (v arithVars) Expand(part syntax.WordPart) (string, error) {
	return v.r.literal(&syntax.Word{Parts: []syntax.WordPart{part}})
}

func (v arithVars) ArithExp(x *syntax.ArithmExp) (int, error) { return v.r.arithExp(x) }

func (v arithVars) Arith(x syntax.ArithmExpr) (int, error) { return v.r.arith(x) }

func (v arithVars) IsAssoc(name string) bool { return arithsrc.IsAssoc(v, name) }

func (v arithVars) NoUnset() bool { return v.r.opts[optNoUnset] }

func (v arithVars) Get(name string, sub arith.Sub) (string, bool) { return arithsrc.Get(v, name, sub) }

func (v arithVars) Set(name string, sub arith.Sub, val string) error {
	return arithsrc.Set(v, name, sub, val)
}

// Lookup, SetString, SetIndex and SetKey make arithVars the
// arithsrc.Store that Get and Set work on.

func (v arithVars) Lookup(name string) expand.Variable { return v.r.lookupVar(name) }

func (v arithVars) SetString(name, val string) error { return v.r.setString(name, val) }

func (v arithVars) SetIndex(name string, i int, val string) error { return v.r.setIndex(name, i, val) }

func (v arithVars) SetKey(name, key, val string) error {
	return assign.ElemSet(assignShell(v), name, key, str(val))
}

// arithFailed reports an error of an arithmetic command (cmd is "((",
// "let" or "for"): an evaluation error fails the command with status 1
// and the script goes on, as in bash; an expansion error aborts the
// command line as elsewhere.
func (r *Runner) arithFailed(cmd string, err error) {
	ae, ok := err.(*arith.Error)
	if ee, isExp := err.(*expandErr); isExp {
		ae, ok = ee.err.(*arith.Error)
	}
	if ok {
		if ae.Cmd == "" {
			ae.Cmd = cmd
		}
		r.reportErr(ae)
		r.status = 1
		return
	}
	r.expandFailed(err)
}

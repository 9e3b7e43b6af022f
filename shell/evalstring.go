package shell

import (
	"context"

	"mvdan.cc/sh/v3/syntax"

	"pipesh/bashprint"
	"pipesh/cmdread"
	"pipesh/wordexp"
)

// evalString parses and runs src in this shell (eval, traps).
func (r *Runner) evalString(ctx context.Context, src, what string) int {
	return r.evalStringAt(ctx, src, what, 1)
}

// evalStringAt is evalString with src's first line counted as line
// first, as bash counts the lines of eval's text and of the DEBUG and
// ERR traps' from the line running: $LINENO, messages and the
// BASH_LINENO of functions it calls follow.
func (r *Runner) evalStringAt(ctx context.Context, src, what string, first uint) int {
	if !r.enterNest(what) {
		return r.status
	}
	defer r.leaveNest()
	src = cmdread.AtLine(src, first)
	r.sh.sources.Add(src)
	line := r.line
	// a command at a time, as bash runs eval's string (reader.go)
	r.readRun(ctx, cmdread.NewText(src), readHow{what: r.syntaxPrefix() + what + ": "})
	r.line = line
	return r.status
}

// funcSource prints a function as bash's declare -f and type do.
func funcSource(fd *syntax.FuncDecl) string {
	return wordexp.UnmaskTildeText(bashprint.Function(fd.Name.Value, fd.Body))
}

// codeText is a command (or word) as bash shows the code it stored.
func codeText(n syntax.Node) string {
	return wordexp.UnmaskTildeText(bashprint.Command(n))
}

// arithTrace is the text set -x shows between the "((" and "))" of c: as
// written, with the parameters in it expanded as bash shows them ("((
// $x + 1 ))" as "((  2 + 1  ))").
func (r *Runner) arithTrace(c *syntax.ArithmCmd) string {
	return wordexp.UnmaskTildeText(bashprint.Arithm(c, r.traceArithWord))
}

// loopTrace is the text set -x shows for part i (0 init, 1 condition,
// 2 step) of for (( ; ; )), as bash shows it.
func (r *Runner) loopTrace(l *syntax.CStyleLoop, i int) string {
	return wordexp.UnmaskTildeText(bashprint.LoopParts(l, r.traceArithWord)[i])
}

// traceArithWord is a word of an arithmetic expression as set -x shows
// it. Only words of plain text and parameters are expanded, so that
// tracing runs nothing twice; others show as written.
func (r *Runner) traceArithWord(w *syntax.Word) string {
	for _, part := range w.Parts {
		switch x := part.(type) {
		case *syntax.Lit:
		case *syntax.ParamExp:
			if x.Exp != nil || x.Repl != nil || x.Slice != nil || x.Index != nil {
				return codeText(w)
			}
		default:
			return codeText(w)
		}
	}
	s, err := r.literal(w)
	if err != nil {
		return codeText(w)
	}
	return s
}

// jobText is a job's command as bash's jobs shows it.
func jobText(st *syntax.Stmt) string {
	return wordexp.UnmaskTildeText(bashprint.Job(st))
}

// printNode prints a node as shell source.
func printNode(n syntax.Node) string {
	return wordexp.UnmaskTildeText(bashprint.Source(n)) // ${x~~} as written
}

package shell

import (
	"errors"

	"mvdan.cc/sh/v3/expand"
	"mvdan.cc/sh/v3/syntax"

	"pipesh/vars"
)

// assignShell is the Runner as package assign sees it.
type assignShell struct{ r *Runner }

func (h assignShell) Vars() *vars.Store                         { return &h.r.vars }
func (h assignShell) Lookup(name string) expand.Variable        { return h.r.lookupVar(name) }
func (h assignShell) Value(w *syntax.Word) (string, error)      { return h.r.assignValue(w) }
func (h assignShell) PlainValue(w *syntax.Word) (string, bool)  { return h.r.wx.PlainParamValue(w) }
func (h assignShell) Fields(w []*syntax.Word) ([]string, error) { return h.r.fields(w) }
func (h assignShell) Literal(w *syntax.Word) (string, error)    { return h.r.literal(w) }
func (h assignShell) Arith(x syntax.ArithmExpr) (int, error)    { return h.r.arith(x) }
func (h assignShell) ArithText(s string) (int, error)           { return h.r.evalArith(s) }
func (h assignShell) Print(n syntax.Node) string                { return printNode(n) }
func (h assignShell) Errorf(format string, args ...any)         { h.r.errorf(format, args...) }
func (h assignShell) EnvChanged()                               { h.r.envCache = nil }

func (h assignShell) Source(x syntax.ArithmExpr) (string, error) {
	return h.r.arithSource(x, -1, -1)
}

// abortOn passes err on, first making an arithmetic error in a value
// assigned to an integer (by a builtin: read, printf -v, declare)
// abandon the rest of the line, as bash does.
func (r *Runner) abortOn(err error) error {
	var ee *expandErr
	if errors.As(err, &ee) {
		r.flow = flow{kind: flowAbort}
	}
	return err
}

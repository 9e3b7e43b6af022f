package shell

import (
	"errors"
	"strconv"
	"strings"

	"mvdan.cc/sh/v3/expand"
	"mvdan.cc/sh/v3/syntax"

	"pipesh/arith"
	"pipesh/testops"
	"pipesh/wordexp"
)

// testExpr evaluates a [[ ]] expression (testops.Cond).
func (r *Runner) testExpr(x syntax.TestExpr) (bool, error) {
	ok, err := testops.Cond(condShell{testEnv{builtinShell{r}}}, x)
	if errors.Is(err, testops.ErrBadRegex) {
		err = &statusErr{status: 2}
	}
	return ok, err
}

// arithString evaluates s as an arithmetic expression, as [[ -eq ]] does.
func (r *Runner) arithString(s string) (int, error) {
	s = strings.TrimSpace(s)
	if n, err := strconv.Atoi(s); err == nil && !strings.HasPrefix(strings.TrimLeft(s, "+-"), "0") {
		return n, nil
	}
	n, err := r.evalArith(s)
	if ae, ok := err.(*arith.Error); ok {
		ae.Cmd = "[["
	}
	return n, err
}

// match reports whether s matches the shell pattern pat.
func (r *Runner) match(pat, s string) bool {
	return wordexp.Match(pat, s, r.shopts["nocasematch"])
}

// statusErr ends a command with a status and no message.
type statusErr struct{ status int }

func (e *statusErr) Error() string { return "" }

// testEnv is what the test operators see of the shell: the Runner as
// its builtins see it, with its arithmetic for subscripts.
type testEnv struct{ builtinShell }

func (e testEnv) EvalArith(expr string) (int, error) { return e.r.evalArith(expr) }

// condShell is what [[ ]] sees of the shell (testops.CondShell).
type condShell struct{ testEnv }

func (c condShell) Operand(w *syntax.Word) (string, error) { return c.r.testLiteral(w) }
func (c condShell) Pattern(w *syntax.Word) (string, error) { return c.r.pattern(w) }
func (c condShell) Literal(w *syntax.Word) (string, error) { return c.r.literal(w) }
func (c condShell) Match(pat, s string) bool               { return c.r.match(pat, s) }
func (c condShell) Integer(s string) (int, error)          { return c.r.arithString(s) }
func (c condShell) NoCaseMatch() bool                      { return c.r.shopts["nocasematch"] }

func (c condShell) SetRematch(m []string) {
	c.r.setVar("BASH_REMATCH", expand.Variable{Set: true, Kind: expand.Indexed, List: m})
}

package shell

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"mvdan.cc/sh/v3/expand"
	"mvdan.cc/sh/v3/syntax"

	"pipesh/arith"
	"pipesh/testops"
	"pipesh/wordexp"
)

// testExpr evaluates a [[ ]] expression.
func (r *Runner) testExpr(ctx context.Context, x syntax.TestExpr) (bool, error) {
	switch x := x.(type) {
	case *syntax.Word:
		s, err := r.testLiteral(x)
		return s != "", err
	case *syntax.ParenTest:
		return r.testExpr(ctx, x.X)
	case *syntax.UnaryTest:
		if x.Op == syntax.TsNot {
			ok, err := r.testExpr(ctx, x.X)
			return !ok, err
		}
		w, ok := x.X.(*syntax.Word)
		if !ok {
			return false, fmt.Errorf("unexpected test operand")
		}
		s, err := r.testLiteral(w)
		if err != nil {
			return false, err
		}
		switch x.Op {
		case syntax.TsEmpStr:
			return s == "", nil
		case syntax.TsNempStr:
			return s != "", nil
		}
		return testops.UnaryTest(testEnv{builtinShell{r}}, x.Op.String(), s), nil
	case *syntax.BinaryTest:
		switch x.Op {
		case syntax.AndTest:
			ok, err := r.testExpr(ctx, x.X)
			if err != nil || !ok {
				return false, err
			}
			return r.testExpr(ctx, x.Y)
		case syntax.OrTest:
			ok, err := r.testExpr(ctx, x.X)
			if err != nil || ok {
				return ok, err
			}
			return r.testExpr(ctx, x.Y)
		}
		lw, _ := x.X.(*syntax.Word)
		rw, _ := x.Y.(*syntax.Word)
		left, err := r.testLiteral(lw)
		if err != nil {
			return false, err
		}
		switch x.Op {
		case syntax.TsMatch, syntax.TsMatchShort, syntax.TsNoMatch:
			pat, err := r.pattern(rw)
			if err != nil {
				return false, err
			}
			ok := r.match(pat, left)
			if x.Op == syntax.TsNoMatch {
				ok = !ok
			}
			return ok, nil
		case syntax.TsReMatch:
			return r.regexMatch(left, rw)
		}
		right, err := r.testLiteral(rw)
		if err != nil {
			return false, err
		}
		switch x.Op {
		case syntax.TsBefore:
			return left < right, nil
		case syntax.TsAfter:
			return left > right, nil
		case syntax.TsEql, syntax.TsNeq, syntax.TsLeq, syntax.TsGeq, syntax.TsLss, syntax.TsGtr:
			a, err := r.arithString(left)
			if err != nil {
				return false, err
			}
			b, err := r.arithString(right)
			if err != nil {
				return false, err
			}
			switch x.Op {
			case syntax.TsEql:
				return a == b, nil
			case syntax.TsNeq:
				return a != b, nil
			case syntax.TsLeq:
				return a <= b, nil
			case syntax.TsGeq:
				return a >= b, nil
			case syntax.TsLss:
				return a < b, nil
			default:
				return a > b, nil
			}
		}
		return testops.CompareFiles(testEnv{builtinShell{r}}, x.Op.String(), left, right), nil
	}
	return false, fmt.Errorf("unsupported test expression %T", x)
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

// regexMatch implements =~, setting BASH_REMATCH. Quoted parts of the
// right side match literally.
func (r *Runner) regexMatch(s string, w *syntax.Word) (bool, error) {
	var sb strings.Builder
	for i, part := range w.Parts {
		if lit, ok := part.(*syntax.Lit); ok && i == 0 && strings.HasPrefix(lit.Value, "~") {
			// a tilde prefix's expansion is quoted, as bash's is: it
			// matches literally, the rest of the word is a regex
			prefix, rest, slash := strings.Cut(lit.Value, "/")
			home, err := r.literal(&syntax.Word{Parts: []syntax.WordPart{&syntax.Lit{Value: prefix}}})
			if err != nil {
				return false, err
			}
			if home != prefix {
				sb.WriteString(regexp.QuoteMeta(home))
				if slash {
					part = &syntax.Lit{Value: "/" + rest}
				} else {
					continue
				}
			}
		}
		switch p := part.(type) {
		case *syntax.SglQuoted, *syntax.DblQuoted:
			lit, err := r.literal(&syntax.Word{Parts: []syntax.WordPart{p}})
			if err != nil {
				return false, err
			}
			sb.WriteString(regexp.QuoteMeta(lit))
		default:
			lit, err := r.literal(&syntax.Word{Parts: []syntax.WordPart{p}})
			if err != nil {
				return false, err
			}
			sb.WriteString(lit)
		}
	}
	expr := sb.String()
	if r.shopts["nocasematch"] {
		expr = "(?i)" + expr
	}
	rx, err := regexp.Compile(expr)
	if err != nil {
		return false, &statusErr{status: 2}
	}
	m := rx.FindStringSubmatch(s)
	if m == nil {
		r.setVar("BASH_REMATCH", expand.Variable{Set: true, Kind: expand.Indexed, List: []string{}})
		return false, nil
	}
	r.setVar("BASH_REMATCH", expand.Variable{Set: true, Kind: expand.Indexed, List: m})
	return true, nil
}

// statusErr ends a command with a status and no message.
type statusErr struct{ status int }

func (e *statusErr) Error() string { return "" }

// testEnv is what the test operators see of the shell: the Runner as
// its builtins see it, with its arithmetic for subscripts.
type testEnv struct{ builtinShell }

func (e testEnv) EvalArith(expr string) (int, error) { return e.r.evalArith(expr) }

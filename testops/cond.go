package testops

import (
	"errors"
	"fmt"
	"regexp"
	"strings"

	"mvdan.cc/sh/v3/syntax"
)

// CondShell is what [[ ]] asks of the shell: the operators' Env, and
// the expansions of its operands, which are the shell's.
type CondShell interface {
	Env
	// Operand expands an operand: one word, tilde expanded, neither
	// split nor globbed.
	Operand(w *syntax.Word) (string, error)
	// Pattern expands the right side of == and != as a pattern (its
	// quoted parts escaped).
	Pattern(w *syntax.Word) (string, error)
	// Literal expands a word, or a part of one, to one string.
	Literal(w *syntax.Word) (string, error)
	// Match reports whether s matches the pattern pat (shopt
	// nocasematch applies).
	Match(pat, s string) bool
	// Integer evaluates an operand of -eq, -lt, ... as arithmetic.
	Integer(s string) (int, error)
	// NoCaseMatch reports whether shopt nocasematch is on.
	NoCaseMatch() bool
	// SetRematch sets BASH_REMATCH to the match of =~ and its groups
	// (none when it did not match).
	SetRematch(m []string)
}

// ErrBadRegex is returned by Cond when the right side of =~ is no
// valid regular expression; bash fails then with status 2 and no
// message.
var ErrBadRegex = errors.New("invalid regular expression")

// Cond evaluates the expression of a [[ ]] command. The errors are
// those of expanding its operands (and ErrBadRegex); the shell reports
// them and [[ ]] fails with status 2 (1 for an arithmetic error).
func Cond(sh CondShell, x syntax.TestExpr) (bool, error) {
	switch x := x.(type) {
	case *syntax.Word:
		s, err := sh.Operand(x)
		return s != "", err
	case *syntax.ParenTest:
		return Cond(sh, x.X)
	case *syntax.UnaryTest:
		return condUnary(sh, x)
	case *syntax.BinaryTest:
		return condBinary(sh, x)
	}
	return false, fmt.Errorf("unsupported test expression %T", x)
}

func condUnary(sh CondShell, x *syntax.UnaryTest) (bool, error) {
	if x.Op == syntax.TsNot {
		ok, err := Cond(sh, x.X)
		return !ok, err
	}
	w, ok := x.X.(*syntax.Word)
	if !ok {
		return false, fmt.Errorf("unexpected test operand")
	}
	s, err := sh.Operand(w)
	if err != nil {
		return false, err
	}
	switch x.Op {
	case syntax.TsEmpStr:
		return s == "", nil
	case syntax.TsNempStr:
		return s != "", nil
	}
	return UnaryTest(sh, x.Op.String(), s), nil
}

func condBinary(sh CondShell, x *syntax.BinaryTest) (bool, error) {
	switch x.Op {
	case syntax.AndTest:
		ok, err := Cond(sh, x.X)
		if err != nil || !ok {
			return false, err
		}
		return Cond(sh, x.Y)
	case syntax.OrTest:
		ok, err := Cond(sh, x.X)
		if err != nil || ok {
			return ok, err
		}
		return Cond(sh, x.Y)
	}
	lw, _ := x.X.(*syntax.Word)
	rw, _ := x.Y.(*syntax.Word)
	left, err := sh.Operand(lw)
	if err != nil {
		return false, err
	}
	switch x.Op {
	case syntax.TsMatch, syntax.TsMatchShort, syntax.TsNoMatch:
		pat, err := sh.Pattern(rw)
		if err != nil {
			return false, err
		}
		ok := sh.Match(pat, left)
		if x.Op == syntax.TsNoMatch {
			ok = !ok
		}
		return ok, nil
	case syntax.TsReMatch:
		return regexMatch(sh, left, rw)
	}
	right, err := sh.Operand(rw)
	if err != nil {
		return false, err
	}
	switch x.Op {
	case syntax.TsBefore:
		return left < right, nil
	case syntax.TsAfter:
		return left > right, nil
	case syntax.TsEql, syntax.TsNeq, syntax.TsLeq, syntax.TsGeq, syntax.TsLss, syntax.TsGtr:
		a, err := sh.Integer(left)
		if err != nil {
			return false, err
		}
		b, err := sh.Integer(right)
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
	return CompareFiles(sh, x.Op.String(), left, right), nil
}

// regexMatch is =~, setting BASH_REMATCH. Quoted parts of the right
// side match literally.
func regexMatch(sh CondShell, s string, w *syntax.Word) (bool, error) {
	var sb strings.Builder
	for i, part := range w.Parts {
		if lit, ok := part.(*syntax.Lit); ok && i == 0 && strings.HasPrefix(lit.Value, "~") {
			// a tilde prefix's expansion is quoted, as bash's is: it
			// matches literally, the rest of the word is a regex
			prefix, rest, slash := strings.Cut(lit.Value, "/")
			home, err := sh.Literal(&syntax.Word{Parts: []syntax.WordPart{&syntax.Lit{Value: prefix}}})
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
		lit, err := sh.Literal(&syntax.Word{Parts: []syntax.WordPart{part}})
		if err != nil {
			return false, err
		}
		switch part.(type) {
		case *syntax.SglQuoted, *syntax.DblQuoted:
			sb.WriteString(regexp.QuoteMeta(lit))
		default:
			sb.WriteString(lit)
		}
	}
	expr := sb.String()
	if sh.NoCaseMatch() {
		expr = "(?i)" + expr
	}
	rx, err := regexp.Compile(expr)
	if err != nil {
		return false, fmt.Errorf("%w: %w", ErrBadRegex, err)
	}
	m := rx.FindStringSubmatch(s)
	if m == nil {
		sh.SetRematch([]string{})
		return false, nil
	}
	sh.SetRematch(m)
	return true, nil
}

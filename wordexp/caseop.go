package wordexp

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"mvdan.cc/sh/v3/syntax"
)

// isCaseOp reports whether op is a case modification with a pattern
// (${x^pat}, ${x^^pat}, ${x,pat}, ${x,,pat}), which pipesh applies itself:
// package expand compiles the pattern with regexp.MustCompile, which
// panics on a pattern that is not UTF-8.
func isCaseOp(exp *syntax.Expansion) bool {
	if exp == nil || exp.Word == nil {
		return false
	}
	switch exp.Op {
	case syntax.UpperFirst, syntax.UpperAll, syntax.LowerFirst, syntax.LowerAll:
		return true
	}
	return false
}

// caseOp changes the case of the characters of a string that match the
// pattern, each matched alone (all of them for ^^ and ,,, the first only
// for ^ and ,), as bash does. A pattern Go's regexp cannot express
// matches nothing.
func (x *Expander) caseOp(exp *syntax.Expansion) (func(string) (string, error), error) {
	pat, err := x.patternText(exp.Word)
	if err != nil {
		return nil, err
	}
	if pat == "" {
		pat = "?"
	}
	rx, ok := x.globRegexp(pat, "^", "$", false)
	upper := exp.Op == syntax.UpperFirst || exp.Op == syntax.UpperAll
	all := exp.Op == syntax.UpperAll || exp.Op == syntax.LowerAll
	return func(s string) (string, error) {
		if !ok || s == "" {
			return s, nil
		}
		var sb strings.Builder
		for i := 0; i < len(s); {
			c, size := utf8.DecodeRuneInString(s[i:])
			ch := s[i : i+size]
			if (all || i == 0) && c != utf8.RuneError && rx.MatchString(ch) {
				if upper {
					c = unicode.ToUpper(c)
				} else {
					c = unicode.ToLower(c)
				}
				sb.WriteRune(c)
			} else {
				sb.WriteString(ch)
			}
			i += size
		}
		return sb.String(), nil
	}, nil
}

// knownTransform reports whether op is an @ transformation bash has.
func knownTransform(op string) bool {
	return len(op) == 1 && strings.Contains("QEPAKaUuLk", op)
}

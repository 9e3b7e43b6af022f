package wordexp

import (
	"regexp"
	"strings"
	"sync"
	"unicode"

	"mvdan.cc/sh/v3/syntax"
)

// bash's ${x~~} toggles the case of every character of x and ${x~} of
// the first (both take an optional pattern, as ${x^^pat} does), but
// mvdan.cc/sh/v3/syntax knows no ~ operator and rejects the script. So
// pipesh hands the parser ${x^^M...} and ${x^M...} instead, M a stand-in
// no script has, and computes the toggle itself (glueValues). Where the
// rewrite hit text that is no expansion (a quoted '${x~}'), the stand-in
// is turned back into the ~ it was.

// tildeMark follows ^^ or ^ where the script had ~~ or ~.
const tildeMark = "\uFDD1"

// tildeCaseRe finds ${name~, ${name[sub]~, ${1~ and ${@~. It is compiled
// when a script first has both "${" and "~", not at every start.
var tildeCaseRe = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`\$\{([A-Za-z_][A-Za-z0-9_]*|[0-9]+|[@*])(\[[^\]\n]*\])?~(~?)`)
})

// MaskTildeCase rewrites the toggle operators for the parser, in source
// text about to be parsed; RestoreTildeText undoes it where the rewrite
// hit plain text.
func MaskTildeCase(src string) string {
	if !strings.Contains(src, "~") || !strings.Contains(src, "${") {
		return src
	}
	return tildeCaseRe().ReplaceAllStringFunc(src, func(m string) string {
		if strings.HasSuffix(m, "~~") {
			return m[:len(m)-2] + "^^" + tildeMark
		}
		return m[:len(m)-1] + "^" + tildeMark
	})
}

// UnmaskTildeText turns the stand-ins in plain text back into ~.
func UnmaskTildeText(s string) string {
	if !strings.Contains(s, tildeMark) {
		return s
	}
	s = strings.ReplaceAll(s, "^^"+tildeMark, "~~")
	return strings.ReplaceAll(s, "^"+tildeMark, "~")
}

// RestoreTildeText puts the ~ back in literal text of a parsed tree.
func RestoreTildeText(n syntax.Node) {
	syntax.Walk(n, func(n syntax.Node) bool {
		switch n := n.(type) {
		case *syntax.Lit:
			n.Value = UnmaskTildeText(n.Value)
		case *syntax.SglQuoted:
			n.Value = UnmaskTildeText(n.Value)
		case *syntax.Comment:
			n.Text = UnmaskTildeText(n.Text)
		case *syntax.ParamExp:
			if tildeToggle(n) {
				// the pattern after the stand-in is ordinary text
				for _, p := range n.Exp.Word.Parts[1:] {
					RestoreTildeText(p)
				}
				return false
			}
		}
		return true
	})
}

// tildeToggle reports whether pe is ${x~~pat} or ${x~pat} in disguise.
func tildeToggle(pe *syntax.ParamExp) bool {
	if pe.Exp == nil || pe.Exp.Op != syntax.UpperAll && pe.Exp.Op != syntax.UpperFirst || pe.Exp.Word == nil || len(pe.Exp.Word.Parts) == 0 {
		return false
	}
	l, ok := pe.Exp.Word.Parts[0].(*syntax.Lit)
	return ok && strings.HasPrefix(l.Value, tildeMark)
}

// toggleOp is the toggle of pe (a tildeToggle) on one string: every
// character matching the pattern (any, without one) for ~~, the first
// if it matches for ~.
func (x *Expander) toggleOp(pe *syntax.ParamExp) (func(string) (string, error), error) {
	w := *pe.Exp.Word
	l := *w.Parts[0].(*syntax.Lit)
	l.Value = strings.TrimPrefix(l.Value, tildeMark)
	w.Parts = append([]syntax.WordPart{&l}, w.Parts[1:]...)
	pat, err := x.patternText(&w)
	if err != nil {
		return nil, err
	}
	rx, ok := (*regexp.Regexp)(nil), true
	if pat != "" {
		rx, ok = x.globRegexp(pat, "^", "$", false)
	}
	all := pe.Exp.Op == syntax.UpperAll
	return func(s string) (string, error) {
		if !ok {
			return s, nil
		}
		rs := []rune(s)
		for i, c := range rs {
			if rx == nil || rx.MatchString(string(c)) {
				rs[i] = toggleRune(c)
			}
			if !all {
				break
			}
		}
		return string(rs), nil
	}, nil
}

func toggleRune(c rune) rune {
	switch {
	case unicode.IsUpper(c):
		return unicode.ToLower(c)
	case unicode.IsLower(c):
		return unicode.ToUpper(c)
	}
	return c
}

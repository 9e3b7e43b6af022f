package wordexp

import (
	"strings"

	"mvdan.cc/sh/v3/syntax"
)

// bash treats a carriage return as an ordinary character: `echo a\r`
// prints the \r, and a script with CRLF line endings fails as bash's
// does. mvdan.cc/sh/v3/syntax instead drops the \r of \r\n and takes a
// lone \r as a blank. So pipesh hands the parser a stand-in for each \r,
// which the parser takes for a word character as bash takes \r, and puts
// the \r back in the parsed tree.

// crMark is the stand-in: a Unicode noncharacter, which no script has.
const crMark = "\uFDD0"

// MaskCR replaces carriage returns with the stand-in, in source text about
// to be parsed; RestoreCR undoes it in the tree.
func MaskCR(src string) string {
	if !strings.Contains(src, "\r") {
		return src
	}
	return strings.ReplaceAll(src, "\r", crMark)
}

// RestoreCR puts the carriage returns back in a parsed tree.
func RestoreCR(n syntax.Node) {
	syntax.Walk(n, func(n syntax.Node) bool {
		switch n := n.(type) {
		case *syntax.Lit:
			if strings.Contains(n.Value, crMark) {
				n.Value = strings.ReplaceAll(n.Value, crMark, "\r")
			}
		case *syntax.SglQuoted:
			if strings.Contains(n.Value, crMark) {
				n.Value = strings.ReplaceAll(n.Value, crMark, "\r")
			}
		}
		return true
	})
}

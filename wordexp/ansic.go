package wordexp

import (
	"fmt"
	"strings"

	"mvdan.cc/sh/v3/syntax"
)

// Package expand decodes $'...' itself but does not know bash's \cX
// control escapes, so they are rewritten once, at parse time.

// DecodeControlEscapes rewrites each \cX in the $'...' strings of a
// freshly parsed tree as the octal escape of the same byte,
// which expand does decode: the byte is X's upper case with only the low
// five bits kept ('?' gives DEL), and \c\\ takes one escaped backslash,
// as bash's ansicstr does. Rewriting once at parse time keeps the cost
// out of every expansion, and a function printed later shows the
// decoded byte as bash's does.
func DecodeControlEscapes(n syntax.Node) {
	if n == nil {
		return
	}
	syntax.Walk(n, func(n syntax.Node) bool {
		if q, ok := n.(*syntax.SglQuoted); ok && q.Dollar && strings.Contains(q.Value, `\c`) {
			q.Value = controlEscapes(q.Value)
		}
		return true
	})
}

// controlEscapes turns the \cX escapes of a $'...' body into \NNN.
func controlEscapes(s string) string {
	var sb strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' || i+1 >= len(s) {
			sb.WriteByte(s[i])
			continue
		}
		if s[i+1] != 'c' || i+2 >= len(s) {
			// another escape (or a trailing \c, which bash keeps):
			// leave it for expand, and never take its second byte as
			// the start of one
			sb.WriteString(s[i : i+2])
			i++
			continue
		}
		c := s[i+2]
		i += 2
		if c == '\\' && i+1 < len(s) && s[i+1] == '\\' {
			i++
		}
		ctrl := c & 0x1f
		if c >= 'a' && c <= 'z' {
			ctrl = (c - 'a' + 'A') & 0x1f
		}
		if c == '?' {
			ctrl = 0x7f
		}
		fmt.Fprintf(&sb, `\%03o`, ctrl)
	}
	return sb.String()
}

package quote

import (
	"fmt"
	"strings"

	"mvdan.cc/sh/v3/syntax"
)

// Trace quotes s the way bash's set -x shows a word: as it is when
// nothing in it is special to the shell, in single quotes when something
// is, and as $'...' when it holds a control character.
func Trace(s string) string {
	if s == "" {
		return "''"
	}
	if strings.ContainsAny(s, " \t\n'\"\\$`|&;<>()*?[]{}~#!") {
		return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
	}
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] == 0x7f {
			return traceANSIC(s) // as bash: other control characters as $'...'
		}
	}
	return s
}

// traceANSIC quotes s as $'...' the way bash's xtrace does.
func traceANSIC(s string) string {
	var sb strings.Builder
	sb.WriteString("$'")
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case 7:
			sb.WriteString(`\a`)
		case 8:
			sb.WriteString(`\b`)
		case 12:
			sb.WriteString(`\f`)
		case 11:
			sb.WriteString(`\v`)
		case 13:
			sb.WriteString(`\r`)
		case 27:
			sb.WriteString(`\E`)
		default:
			if c < 0x20 || c == 0x7f {
				fmt.Fprintf(&sb, "\\%03o", c)
			} else {
				sb.WriteByte(c)
			}
		}
	}
	sb.WriteByte('\'')
	return sb.String()
}

// Call is the command text that calls name with args, each quoted as
// printf %q does.
func Call(name string, args []string) string {
	var b strings.Builder
	b.WriteString(Word(name))
	for _, a := range args {
		b.WriteString(" " + Word(a))
	}
	return b.String()
}

// Argv is a program's argument list as one line of shell words (a job's
// text when it runs a program), each quoted as mvdan's syntax.Quote does
// and kept as it is where that fails.
func Argv(argv []string) string {
	parts := make([]string, len(argv))
	for i, a := range argv {
		if q, err := syntax.Quote(a, syntax.LangBash); err == nil {
			parts[i] = q
		} else {
			parts[i] = a
		}
	}
	return strings.Join(parts, " ")
}

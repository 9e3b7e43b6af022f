package bashread

import (
	"errors"
	"fmt"
	"strings"

	"mvdan.cc/sh/v3/syntax"
)

// SyntaxReport is bash's report of a parse error, as written to
// standard error: the message after prefix ("pipesh: ", "lib.sh: ",
// "pipesh: eval: ") and "line N: ", then, when there is one, the line of
// text it is on, after the same. src is the text of the command the
// parser was reading (see SyntaxMessage); the input before it that the
// parser had read, whose bytes and lines the error's position counts
// too, was dropBytes bytes and dropLines lines. An error that is no
// syntax.ParseError is reported as its text after prefix.
func SyntaxReport(err error, prefix, src string, dropBytes, dropLines int) string {
	var pe syntax.ParseError
	if !errors.As(err, &pe) {
		return prefix + err.Error() + "\n"
	}
	// the position in the command's own text, whose lines are counted
	// on from the commands before it
	pos := pe.Pos
	off, line := int(pos.Offset())-dropBytes, int(pos.Line())-dropLines
	pe.Pos = syntax.NewPos(uint(max(off, 0)), uint(max(line, 1)), pos.Col())
	line, msg, show := SyntaxMessage(pe, src)
	show = UndoStandIns(show) // the line as written (badsubst.go)
	line += dropLines
	out := fmt.Sprintf("%sline %d: %s\n", prefix, line, msg)
	if show != "" {
		out += fmt.Sprintf("%sline %d: `%s'\n", prefix, line, show)
	}
	return out
}

// SyntaxMessage turns a parse error into bash's message: the line to
// report, the message ("syntax error near unexpected token `fi'",
// "syntax error: unexpected end of file"), and the line of text to show
// after it ("" for an error at the end of the input). src is the text
// the parser read, which its offsets index. mvdan's parser reports where
// the construct it could not finish starts; the token bash names is
// found in src from there. A message with no bash wording is the
// parser's own.
func SyntaxMessage(pe syntax.ParseError, src string) (line int, msg, show string) {
	eofLine := strings.Count(src, "\n") + 1
	if !strings.HasSuffix(src, "\n") {
		eofLine++
	}
	text := pe.Text
	if q, ok := quoteMatch(text, "without closing quote "); ok {
		return int(pe.Pos.Line()), "unexpected EOF while looking for matching " + q, ""
	}
	off := int(pe.Pos.Offset())
	if strings.HasPrefix(text, "syntax error") {
		// our own checks (validate.go) speak bash's words already
		return int(pe.Pos.Line()), text, lineAt(src, off)
	}
	wantsWord := strings.HasSuffix(text, " must be followed by a word") || strings.HasSuffix(text, " must be followed by a name")
	if wantsWord {
		// a redirection or function without its word: bash meets the
		// newline
		off = skipSpace(src, off+len(tokenAt(src, off)))
	} else if pe.Incomplete || strings.HasPrefix(text, "reached EOF") {
		if q, ok := quoteMatch(text, " with "); ok && strings.Contains("`)' `))' `]]' `]' `}'", q) && !strings.Contains(text, "`{`") {
			return eofLine, "unexpected EOF while looking for matching " + q, ""
		}
		return eofLine, "syntax error: unexpected end of file", ""
	}
	switch {
	case strings.Contains(text, "[in words]` must be followed by"):
		// for NAME in WORDS; without do: the token after the words
		for off < len(src) && src[off] != ';' && src[off] != '\n' {
			off++
		}
		off = skipToken(src, off)
	case wantsWord:
	case strings.Contains(text, " must be followed by "), strings.Contains(text, " statement must end with "),
		strings.HasPrefix(text, "reached "):
		// the token after the one that opened the construct
		off = skipToken(src, off)
	}
	off = skipSpace(src, off)
	tok := tokenAt(src, off)
	if tok == "" && wantsWord {
		tok = "\n"
	}
	if tok == "" {
		return eofLine, "syntax error: unexpected end of file", ""
	}
	if tok == "\n" {
		tok = "newline"
	}
	return strings.Count(src[:off], "\n") + 1, "syntax error near unexpected token `" + tok + "'", lineAt(src, off)
}

// lineAt is the line of src that holds offset off, without its newline.
func lineAt(src string, off int) string {
	off = min(off, len(src))
	start := strings.LastIndexByte(src[:off], '\n') + 1
	end := strings.IndexByte(src[off:], '\n')
	if end < 0 {
		return src[start:]
	}
	return src[start : off+end]
}

// quoteMatch finds the quoted token after marker in a parser message
// ("`\"`") and gives it as bash quotes it ("`\"'").
func quoteMatch(text, marker string) (string, bool) {
	i := strings.LastIndex(text, marker)
	if i < 0 {
		return "", false
	}
	q := text[i+len(marker):]
	if len(q) >= 2 && (q[0] == '`' || q[0] == '"') {
		q = q[1 : len(q)-1]
	}
	return "`" + q + "'", true
}

// skipSpace skips blanks, escaped newlines and comments (not newlines,
// which are tokens).
func skipSpace(src string, off int) int {
	for off < len(src) {
		switch c := src[off]; {
		case c == ' ' || c == '\t':
			off++
		case c == '\\' && off+1 < len(src) && src[off+1] == '\n':
			off += 2
		case c == '#':
			for off < len(src) && src[off] != '\n' {
				off++
			}
		default:
			return off
		}
	}
	return off
}

// skipToken moves past the token at off, and past newlines after it
// where the grammar goes on over them.
func skipToken(src string, off int) int {
	off += len(tokenAt(src, off))
	for {
		off = skipSpace(src, off)
		if off >= len(src) || src[off] != '\n' {
			return off
		}
		off++
	}
}

// shellOps are the operators, longest first.
var shellOps = []string{";;&", "&>>", "<<<", "<<-", ";;", ";&", "&&", "||", "|&", "&>", ">>", "<<", "<&", ">&", "<>", ">|", "((", "))", ";", "&", "|", "<", ">", "(", ")", "\n"}

// tokenAt is the token (an operator or a word) starting at off; "" at
// the end.
func tokenAt(src string, off int) string {
	if off >= len(src) {
		return ""
	}
	for _, op := range shellOps {
		if strings.HasPrefix(src[off:], op) {
			return op
		}
	}
	end := off
	for end < len(src) && !strings.ContainsRune(" \t\n;&|<>()", rune(src[end])) {
		end++
	}
	return src[off:end]
}

// Package quote quotes strings as bash does when it prints them for the
// shell to read back: printf %q, set and declare -p, ${x@Q} and ${x@A}.
// It is shared by the interpreter and the builtins.
package quote

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"mvdan.cc/sh/v3/syntax"
)

// Locale says which characters quoting may leave as they are. In a
// UTF-8 locale (UTF8 true) printable non-ASCII characters are; in the C
// locale (the zero Locale) every byte above 0x7f is unprintable and comes
// out as an octal escape.
type Locale struct{ UTF8 bool }

// Word quotes s the way bash's printf %q does, in a UTF-8 locale.
func Word(s string) string { return Locale{UTF8: true}.Word(s) }

// Word quotes s the way bash's printf %q does, so that the shell reads
// it back as the same single word: backslashes before special
// characters, ” for the empty string, and $'...' when s holds bytes
// that are not printable (control characters, invalid UTF-8).
func (l Locale) Word(s string) string {
	if s == "" {
		return "''"
	}
	if l.Unprintable(s) {
		return l.ANSIC(s)
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case strings.IndexByte(" \t\n!\"$&'()*,;<>?[\\]^`{|}", c) >= 0:
			b.WriteByte('\\')
		case c == '#' && i == 0:
			b.WriteByte('\\')
		case c == '~' && (i == 0 || s[i-1] == ':' || s[i-1] == '='):
			b.WriteByte('\\')
		}
		b.WriteByte(c)
	}
	return b.String()
}

// Value quotes s as set and declare -p print a scalar value, in a UTF-8
// locale.
func Value(s string) string { return Locale{UTF8: true}.Value(s) }

// Value quotes s as bash's set and declare -p print a scalar value: as
// is when safe, '...' when it holds shell metacharacters, $'...' when it
// holds unprintable bytes.
func (l Locale) Value(s string) string {
	switch {
	case l.Unprintable(s):
		return l.ANSIC(s)
	case HasMetas(s):
		return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
	}
	return s
}

// Double quotes s as set and declare -p print an array element, in a
// UTF-8 locale.
func Double(s string) string { return Locale{UTF8: true}.Double(s) }

// Double quotes s as bash prints an array element in set and declare -p
// output: "..." with \, ", $ and ` escaped, or $'...' when s holds
// unprintable bytes.
func (l Locale) Double(s string) string {
	if l.Unprintable(s) {
		return l.ANSIC(s)
	}
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(s); i++ {
		if strings.IndexByte("\\\"$`", s[i]) >= 0 {
			b.WriteByte('\\')
		}
		b.WriteByte(s[i])
	}
	b.WriteByte('"')
	return b.String()
}

// ANSIC quotes s as $'...' in a UTF-8 locale.
func ANSIC(s string) string { return Locale{UTF8: true}.ANSIC(s) }

// ANSIC quotes s as $'...', with C escapes for control characters and
// three-digit octal for other unprintable bytes, as bash's ansic_quote.
func (l Locale) ANSIC(s string) string {
	inUTF8 := l.UTF8
	var b strings.Builder
	b.WriteString("$'")
	for i := 0; i < len(s); {
		c := s[i]
		esc := byte(0)
		switch c {
		case 0x1b:
			esc = 'E'
		case '\a':
			esc = 'a'
		case '\v':
			esc = 'v'
		case '\b':
			esc = 'b'
		case '\f':
			esc = 'f'
		case '\n':
			esc = 'n'
		case '\r':
			esc = 'r'
		case '\t':
			esc = 't'
		case '\\', '\'':
			esc = c
		}
		if esc != 0 {
			b.WriteByte('\\')
			b.WriteByte(esc)
			i++
			continue
		}
		if c >= utf8.RuneSelf && inUTF8 {
			r, size := utf8.DecodeRuneInString(s[i:])
			if r != utf8.RuneError && unicode.IsPrint(r) {
				b.WriteString(s[i : i+size])
				i += size
				continue
			}
		} else if c >= 0x20 && c < 0x7f {
			b.WriteByte(c)
			i++
			continue
		}
		b.WriteByte('\\')
		b.WriteByte('0' + c>>6&7)
		b.WriteByte('0' + c>>3&7)
		b.WriteByte('0' + c&7)
		i++
	}
	b.WriteByte('\'')
	return b.String()
}

// Unprintable reports whether s holds a byte or character that is not
// printable, which only $'...' can carry readably.
func (l Locale) Unprintable(s string) bool {
	inUTF8 := l.UTF8
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == 0x7f {
				return true
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if !inUTF8 || r == utf8.RuneError || !unicode.IsPrint(r) {
			return true
		}
		i += size
	}
	return false
}

// HasMetas reports whether s holds a character the shell would read
// specially (a blank, a quote, an operator, a glob character, a leading #
// or a ~ where a tilde prefix can start), as bash's
// sh_contains_shell_metas.
func HasMetas(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case ' ', '\t', '\n', '\'', '"', '\\', '|', '&', ';', '(', ')', '<', '>',
			'!', '{', '}', '*', '[', '?', ']', '^', '$', '`':
			return true
		case '~':
			if i == 0 || s[i-1] == '=' || s[i-1] == ':' {
				return true
			}
		case '#':
			if i == 0 {
				return true
			}
		}
	}
	return false
}

// Single quotes s in single quotes, each ' as '\”, as ${x@A} does.
func Single(s string) string {
	var out []byte
	out = append(out, '\'')
	for i := 0; i < len(s); i++ {
		if s[i] == '\'' {
			out = append(out, `'\''`...)
			continue
		}
		out = append(out, s[i])
	}
	return string(append(out, '\''))
}

// Q quotes s as ${x@Q} does: in single quotes, or as $'...' when
// it holds control characters.
func Q(s string) string {
	for _, c := range s {
		if c < 0x20 || c == 0x7f || !unicode.IsPrint(c) && c > 0x7f {
			if q, err := syntax.Quote(s, syntax.LangBash); err == nil {
				return q
			}
			break
		}
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

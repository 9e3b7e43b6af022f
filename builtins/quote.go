package builtins

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// QuoteWord quotes s the way bash's printf %q does, so that the shell
// reads it back as the same single word: backslashes before special
// characters, ” for the empty string, and $'...' when s holds bytes that
// are not printable (control characters, invalid UTF-8).
func QuoteWord(s string) string { return quoteWord(s, true) }

// quoteWord is QuoteWord for a UTF-8 locale or (utf8 false) a C locale,
// where every byte above 0x7f is unprintable.
func quoteWord(s string, inUTF8 bool) string {
	if s == "" {
		return "''"
	}
	if needsANSIC(s, inUTF8) {
		return quoteANSIC(s, inUTF8)
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

// QuoteValue quotes s as bash's set and declare -p print a scalar value:
// as is when safe, '...' when it holds shell metacharacters, $'...' when it
// holds unprintable bytes.
func QuoteValue(s string) string { return quoteValue(s, true) }

func quoteValue(s string, inUTF8 bool) string {
	switch {
	case needsANSIC(s, inUTF8):
		return quoteANSIC(s, inUTF8)
	case hasShellMetas(s):
		return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
	}
	return s
}

// QuoteDouble quotes s as bash prints an array element in set and
// declare -p output: "..." with \, ", $ and ` escaped, or $'...' when s
// holds unprintable bytes.
func QuoteDouble(s string) string { return quoteDouble(s, true) }

func quoteDouble(s string, inUTF8 bool) string {
	if needsANSIC(s, inUTF8) {
		return quoteANSIC(s, inUTF8)
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

// QuoteANSIC quotes s as $'...', with C escapes for control characters and
// three-digit octal for other unprintable bytes, as bash's ansic_quote.
func QuoteANSIC(s string) string { return quoteANSIC(s, true) }

func quoteANSIC(s string, inUTF8 bool) string {
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

// needsANSIC reports whether s holds a byte or character that is not
// printable, which only $'...' can carry readably.
func needsANSIC(s string, inUTF8 bool) bool {
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

// hasShellMetas mirrors bash's sh_contains_shell_metas.
func hasShellMetas(s string) bool {
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

// UTF8Locale reports whether the shell's locale (LC_ALL, else LC_CTYPE,
// else LANG) is UTF-8. bash then counts and prints characters; in the C
// locale every byte is a character and bytes above 0x7f are unprintable.
func UTF8Locale(sh Shell) bool {
	for _, name := range []string{"LC_ALL", "LC_CTYPE", "LANG"} {
		if v := sh.Var(name).String(); v != "" {
			v = strings.ToLower(v)
			return strings.Contains(v, "utf-8") || strings.Contains(v, "utf8")
		}
	}
	return false
}

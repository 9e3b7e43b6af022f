package builtins

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// escMode selects which dialect of backslash escapes unescape accepts:
// bash has three that differ in small ways, and scripts rely on each.
type escMode int

const (
	// escEcho is echo -e: octal only as \0nnn, \c ends all output,
	// \', \" and \? keep their backslash.
	escEcho escMode = iota
	// escB is printf's %b argument: as echo, but octal may also be \nnn.
	escB
	// escFormat is the printf format string: octal as \nnn, \c and \?
	// handled as in C's printf (\c stays, \' \" \? lose the backslash).
	escFormat
)

// unescape expands backslash escapes in s; inUTF8 says whether \u and
// \U may produce UTF-8. stop reports a \c, after which
// nothing more may be printed (not even the rest of the format). warn, if
// not nil, gets bash's warnings ("missing hex digit for \x").
func unescape(s string, mode escMode, inUTF8 bool, warn func(string)) (out string, stop bool) {
	if strings.IndexByte(s, '\\') < 0 {
		return s, false
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' || i+1 >= len(s) {
			b.WriteByte(c)
			continue
		}
		i++
		c = s[i]
		switch c {
		case 'a':
			b.WriteByte('\a')
		case 'b':
			b.WriteByte('\b')
		case 'e', 'E':
			b.WriteByte(0x1b)
		case 'f':
			b.WriteByte('\f')
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case 't':
			b.WriteByte('\t')
		case 'v':
			b.WriteByte('\v')
		case '\\':
			b.WriteByte('\\')
		case '\'', '"':
			if mode != escFormat {
				b.WriteByte('\\')
			}
			b.WriteByte(c)
		case '?':
			if mode != escFormat {
				b.WriteByte('\\')
			}
			b.WriteByte(c)
		case 'c':
			if mode == escFormat {
				b.WriteString(`\c`)
				continue
			}
			return b.String(), true
		case '0', '1', '2', '3', '4', '5', '6', '7':
			start, max := i, 3
			if c == '0' && mode != escFormat {
				// \0nnn: the 0 introduces up to three more digits.
				start, max = i+1, 3
			} else if mode == escEcho {
				// echo knows only \0nnn; \1 stays as it is.
				b.WriteByte('\\')
				b.WriteByte(c)
				continue
			}
			j := start
			n := 0
			for j < len(s) && j-start < max && s[j] >= '0' && s[j] <= '7' {
				n = n*8 + int(s[j]-'0')
				j++
			}
			b.WriteByte(byte(n))
			i = j - 1
		case 'x', 'u', 'U':
			max := 2
			switch c {
			case 'u':
				max = 4
			case 'U':
				max = 8
			}
			j := i + 1
			n := 0
			for j < len(s) && j-i-1 < max && isHex(s[j]) {
				n = n*16 + hexVal(s[j])
				j++
			}
			if j == i+1 {
				if c == 'x' && mode != escEcho && warn != nil {
					warn(`missing hex digit for \x`)
				}
				b.WriteByte('\\')
				b.WriteByte(c)
				continue
			}
			switch {
			case c == 'x':
				b.WriteByte(byte(n))
			case n < utf8.RuneSelf || inUTF8 && n <= utf8.MaxRune:
				b.WriteRune(rune(n))
			case c == 'u':
				// Not representable in the C locale: bash prints it
				// back as an escape.
				fmt.Fprintf(&b, "\\u%04X", n)
			default:
				fmt.Fprintf(&b, "\\U%08X", n)
			}
			i = j - 1
		default:
			b.WriteByte('\\')
			b.WriteByte(c)
		}
	}
	return b.String(), false
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

func hexVal(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	default:
		return int(c-'A') + 10
	}
}

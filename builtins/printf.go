package builtins

import (
	"context"
	"fmt"
	"math"
	"strings"
	"time"

	"mvdan.cc/sh/v3/syntax"

	"pipesh/quote"
	"pipesh/timefmt"
)

// printf formats its arguments like bash's printf: the format is reused
// while arguments remain, missing arguments count as "" or 0, and a bad
// number is reported but still printed (as far as it parsed) with status 1.
// -v VAR assigns the result instead of printing it.
func printf(ctx context.Context, c *Call, sh Vars) int {
	out := NewOut(c.Stdout)
	args := c.Args
	varName := ""
	for len(args) > 0 && len(args[0]) > 1 && args[0][0] == '-' {
		a := args[0]
		if a == "--" {
			args = args[1:]
			break
		}
		if a == "-v" {
			if len(args) < 2 {
				c.Sh.Errorf(c, "-v: option requires an argument")
				return printfUsage(c, out)
			}
			varName, args = args[1], args[2:]
			continue
		}
		if strings.HasPrefix(a, "-v") {
			varName, args = a[2:], args[1:]
			continue
		}
		c.Sh.Errorf(c, "%s: invalid option", a[:2])
		return printfUsage(c, out)
	}
	if len(args) == 0 {
		return printfUsage(c, out)
	}
	if varName != "" && !validVarRef(varName) {
		c.Sh.Errorf(c, "`%s': not a valid identifier", varName)
		return out.Status(c, 2)
	}
	f := &formatter{warn: func(msg string) { c.Sh.Errorf(c, "%s", msg) }, utf8: utf8Locale(sh), loc: tzLocation(sh)}
	res, status := f.run(args[0], args[1:])
	if varName != "" {
		if err := sh.SetString(varName, res); err != nil {
			c.Sh.Errorf(c, "%s", err)
			return out.Status(c, 1)
		}
		return out.Status(c, status)
	}
	out.WriteString(res)
	return out.Status(c, status)
}

func printfUsage(c *Call, out *Out) int {
	usage(c, "printf [-v var] format [arguments]")
	return out.Status(c, 2)
}

// usage prints bash's "NAME: usage: ..." line on stderr.
func usage(c *Call, text string) {
	if c.Stderr != nil {
		c.Stderr.Write([]byte(c.Name + ": usage: " + text + "\n"))
	}
}

// validVarRef accepts a variable name, optionally with an array subscript
// ("a[1]"), as printf -v and read take.
func validVarRef(s string) bool {
	if i := strings.IndexByte(s, '['); i > 0 && strings.HasSuffix(s, "]") {
		s = s[:i]
	}
	return syntax.ValidName(s)
}

// formatter runs one printf; it is separate from the builtin so that
// tests can format without a shell.
type formatter struct {
	warn   func(string)
	utf8   bool // the locale's characters are UTF-8, not bytes
	status int
	args   []string
	used   int
	loc    *time.Location // zone of %(...)T; nil means local
}

// Format formats args with format as bash's printf does in a UTF-8
// locale, without printing:
// it returns the output and the status printf would end with (1 after an
// invalid number or a bad conversion). warn, if not nil, receives each
// error message (without the "printf: " prefix).
func Format(format string, args []string, warn func(string)) (string, int) {
	f := &formatter{warn: warn, utf8: true}
	return f.run(format, args)
}

func (f *formatter) run(format string, args []string) (string, int) {
	f.args = args
	var b strings.Builder
	for {
		before := f.used
		if !f.once(&b, format) {
			break
		}
		if f.used >= len(f.args) || f.used == before {
			break
		}
	}
	return b.String(), f.status
}

func (f *formatter) warnf(msg string) {
	if f.warn != nil {
		f.warn(msg)
	}
}

// next takes the next argument; ok is false when they have run out.
func (f *formatter) next() (string, bool) {
	if f.used >= len(f.args) {
		return "", false
	}
	f.used++
	return f.args[f.used-1], true
}

// once formats the whole format string once; false means stop (\c, or a
// bad conversion).
func (f *formatter) once(b *strings.Builder, format string) bool {
	for i := 0; i < len(format); i++ {
		ch := format[i]
		if ch == '\\' {
			j := escapeEnd(format, i)
			s, _ := unescape(format[i:j], escFormat, f.utf8, f.warnf)
			b.WriteString(s)
			i = j - 1
			continue
		}
		if ch != '%' {
			b.WriteByte(ch)
			continue
		}
		start := i
		i++
		if i < len(format) && format[i] == '%' {
			b.WriteByte('%')
			continue
		}
		var sp spec
		for ; i < len(format) && strings.IndexByte("#'-+ 0", format[i]) >= 0; i++ {
			sp.flags += string(format[i])
		}
		sp.width, i = f.number(format, i)
		if i < len(format) && format[i] == '.' {
			sp.precSet = true
			sp.prec, i = f.number(format, i+1)
			if sp.prec < 0 {
				sp.precSet = false
			}
		}
		if sp.width < 0 {
			sp.flags += "-"
			sp.width = -sp.width
		}
		for i < len(format) && strings.IndexByte("hjlLtz", format[i]) >= 0 {
			i++
		}
		if i >= len(format) {
			f.warnf("`" + format[start:] + "': missing format character")
			f.status = 1
			return false
		}
		sp.verb = format[i]
		if sp.verb == '(' {
			// %(strftime)T
			k := strings.IndexByte(format[i:], ')')
			if k < 0 || i+k+1 >= len(format) || format[i+k+1] != 'T' {
				f.warnf("`(': invalid format character")
				f.status = 1
				return false
			}
			sp.timefmt = format[i+1 : i+k]
			sp.verb = 'T'
			i += k + 1
		}
		if !f.convert(b, &sp) {
			return false
		}
	}
	return true
}

// escapeEnd returns the index just after the backslash escape at s[i].
func escapeEnd(s string, i int) int {
	j := i + 1
	if j >= len(s) {
		return j
	}
	switch c := s[j]; {
	case c >= '0' && c <= '7':
		k := j
		for k < len(s) && k-j < 3 && s[k] >= '0' && s[k] <= '7' {
			k++
		}
		return k
	case c == 'x' || c == 'u' || c == 'U':
		max := map[byte]int{'x': 2, 'u': 4, 'U': 8}[c]
		k := j + 1
		for k < len(s) && k-j-1 < max && isHex(s[k]) {
			k++
		}
		return k
	}
	return j + 1
}

// number reads a width or precision: digits, or * taking an argument.
func (f *formatter) number(format string, i int) (int, int) {
	if i < len(format) && format[i] == '*' {
		a, _ := f.next()
		n := f.intArg(a)
		if n > math.MaxInt32 || n < math.MinInt32 {
			// bash takes an int: it says so and uses the largest
			f.warnf("warning: " + a + ": Numerical result out of range")
			n = max(min(n, math.MaxInt32), math.MinInt32)
		}
		return f.capWidth(int(n)), i + 1
	}
	n := 0
	for ; i < len(format) && format[i] >= '0' && format[i] <= '9'; i++ {
		n = n*10 + int(format[i]-'0')
		if n > math.MaxInt32 {
			n = math.MaxInt32
		}
	}
	return f.capWidth(n), i
}

// maxWidth bounds a width or precision: the output is built in memory,
// so a width of gigabytes would be allocated at once.
const maxWidth = 1 << 24

func (f *formatter) capWidth(n int) int {
	if n > maxWidth || n < -maxWidth {
		f.warnf(fmt.Sprintf("warning: %d: width or precision above %d: %d used", n, maxWidth, maxWidth))
		f.status = 1
		if n < 0 {
			return -maxWidth
		}
		return maxWidth
	}
	return n
}

// spec is one parsed conversion.
type spec struct {
	flags   string
	width   int
	prec    int
	precSet bool
	verb    byte
	timefmt string // of %(...)T
}

func (sp *spec) has(flag byte) bool { return strings.IndexByte(sp.flags, flag) >= 0 }

func (f *formatter) convert(b *strings.Builder, sp *spec) bool {
	switch sp.verb {
	case 's':
		a, _ := f.next()
		b.WriteString(padString(sp, a, true))
	case 'b':
		a, _ := f.next()
		s, stop := unescape(a, escB, f.utf8, f.warnf)
		b.WriteString(padString(sp, s, true))
		if stop {
			return false
		}
	case 'q':
		a, _ := f.next()
		b.WriteString(padString(sp, quote.Locale{UTF8: f.utf8}.Word(a), true))
	case 'Q':
		a, _ := f.next()
		if sp.precSet && sp.prec < len(a) {
			a = a[:sp.prec]
		}
		b.WriteString(padString(sp, quote.Locale{UTF8: f.utf8}.Word(a), false))
	case 'c':
		a, _ := f.next()
		ch := "\x00"
		if a != "" {
			ch = a[:1]
		}
		b.WriteString(padString(sp, ch, false))
	case 'd', 'i':
		a, _ := f.next()
		n := f.intArg(a)
		b.WriteString(formatInt(sp, n, 0))
	case 'u', 'o', 'x', 'X':
		a, _ := f.next()
		n := f.uintArg(a)
		b.WriteString(formatUint(sp, n))
	case 'T':
		a, _ := f.next()
		t := time.Now()
		if n := f.intArg(a); a != "" && n != -1 && n != -2 {
			t = time.Unix(n, 0)
		}
		loc := f.loc
		if loc == nil {
			loc = timefmt.LocalZone()
		}
		b.WriteString(padString(sp, timefmt.Strftime(sp.timefmt, t.In(loc)), true))
	case 'e', 'E', 'f', 'F', 'g', 'G', 'a', 'A':
		a, _ := f.next()
		x := f.floatArg(a)
		b.WriteString(formatFloat(sp, x))
	default:
		f.warnf("`" + string(sp.verb) + "': invalid format character")
		f.status = 1
		return false
	}
	return true
}

// padString applies precision (in bytes, as C does) and width.
func padString(sp *spec, s string, usePrec bool) string {
	if usePrec && sp.precSet && sp.prec < len(s) {
		s = s[:sp.prec]
	}
	return pad(sp, s)
}

func pad(sp *spec, s string) string {
	if len(s) >= sp.width {
		return s
	}
	fill := strings.Repeat(" ", sp.width-len(s))
	if sp.has('-') {
		return s + fill
	}
	return fill + s
}

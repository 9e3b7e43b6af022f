package builtins

import (
	"math"
	"math/big"
	"strconv"
	"strings"
)

// This file holds printf's numbers: parsing arguments as C's strtoimax,
// strtoumax and strtold do (the longest valid prefix; the rest is an
// error), and formatting them as C's printf does, which Go's fmt does not
// quite (%g, %+x, inf, zero padding with a precision).

// charValue handles printf's 'c and "c arguments, which stand for the
// character code of c.
func charValue(s string, inUTF8 bool) (uint64, bool) {
	if s == "" || s[0] != '\'' && s[0] != '"' {
		return 0, false
	}
	if len(s) == 1 {
		return 0, true
	}
	if !inUTF8 {
		return uint64(s[1]), true
	}
	if r, ok := glibcRune(s[1:]); ok {
		return r, true
	}
	return uint64(s[1]), true
}

// glibcRune decodes the character at the start of s as glibc's mbrtowc
// does in a UTF-8 locale, which bash's printf uses: besides Unicode, it
// takes the old 4- to 6-byte forms up to 0x7fffffff ('\xF4\x91\x84\x91'
// is 0x111111), while overlong forms and surrogates are invalid.
func glibcRune(s string) (uint64, bool) {
	if s == "" {
		return 0, false
	}
	if s[0] < 0x80 {
		return uint64(s[0]), true
	}
	var n int
	var r uint64
	switch c := s[0]; {
	case c&0xe0 == 0xc0:
		n, r = 2, uint64(c&0x1f)
	case c&0xf0 == 0xe0:
		n, r = 3, uint64(c&0x0f)
	case c&0xf8 == 0xf0:
		n, r = 4, uint64(c&0x07)
	case c&0xfc == 0xf8:
		n, r = 5, uint64(c&0x03)
	case c&0xfe == 0xfc:
		n, r = 6, uint64(c&0x01)
	default:
		return 0, false
	}
	if len(s) < n {
		return 0, false
	}
	for i := 1; i < n; i++ {
		if s[i]&0xc0 != 0x80 {
			return 0, false
		}
		r = r<<6 | uint64(s[i]&0x3f)
	}
	// the smallest value each length may encode; below it is overlong
	least := [...]uint64{2: 0x80, 3: 0x800, 4: 0x10000, 5: 0x200000, 6: 0x4000000}
	if r < least[n] || r >= 0xd800 && r <= 0xdfff {
		return 0, false
	}
	return r, true
}

// scanUint parses the longest prefix of s as strtoumax(s, &end, 0) would:
// leading blanks, a sign, and a 0x or 0 base prefix. It returns the
// magnitude, the sign, how many bytes were used (0: no number), and
// whether the magnitude overflowed 64 bits.
func scanUint(s string) (mag uint64, neg bool, used int, overflow bool) {
	i := 0
	for i < len(s) && (s[i] == ' ' || s[i] >= '\t' && s[i] <= '\r') {
		i++
	}
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		neg = s[i] == '-'
		i++
	}
	base := uint64(10)
	if i < len(s) && s[i] == '0' {
		used = i + 1 // "0" alone is a number even if "0x" has no digits
		i++
		base = 8
		if i+1 < len(s) && (s[i] == 'x' || s[i] == 'X') && isHex(s[i+1]) {
			base = 16
			i++
		}
	}
	for ; i < len(s); i++ {
		var d uint64
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			d = uint64(c - '0')
		case c >= 'a' && c <= 'f':
			d = uint64(c-'a') + 10
		case c >= 'A' && c <= 'F':
			d = uint64(c-'A') + 10
		default:
			d = 99
		}
		if d >= base {
			break
		}
		if mag > (math.MaxUint64-d)/base {
			overflow = true
			mag = math.MaxUint64
		} else if !overflow {
			mag = mag*base + d
		}
		used = i + 1
	}
	return mag, neg, used, overflow
}

// intArg converts a %d argument, reporting errors as bash does.
func (f *formatter) intArg(s string) int64 {
	if v, ok := charValue(s, f.utf8); ok {
		return int64(v)
	}
	if s == "" {
		return 0
	}
	mag, neg, used, overflow := scanUint(s)
	var n int64
	switch {
	case !neg && (overflow || mag > math.MaxInt64):
		n, overflow = math.MaxInt64, true
	case neg && (overflow || mag > 1<<63):
		n, overflow = math.MinInt64, true
	case neg:
		n = -int64(mag)
	default:
		n = int64(mag)
	}
	f.checkNumber(s, used, overflow)
	return n
}

// uintArg converts a %u %o %x %X argument; negative numbers wrap, as
// strtoumax makes them.
func (f *formatter) uintArg(s string) uint64 {
	if v, ok := charValue(s, f.utf8); ok {
		return v
	}
	if s == "" {
		return 0
	}
	mag, neg, used, overflow := scanUint(s)
	if neg && !overflow {
		mag = -mag
	}
	f.checkNumber(s, used, overflow)
	return mag
}

func (f *formatter) checkNumber(s string, used int, overflow bool) {
	switch {
	case used < len(s):
		f.invalid(s)
	case overflow:
		f.warnf("warning: " + s + ": Numerical result out of range")
	}
}

// invalid reports a bad number as bash's sh_invalidnum does.
func (f *formatter) invalid(s string) {
	msg := "invalid number"
	if len(s) > 1 && s[0] == '0' && s[1] >= '0' && s[1] <= '9' {
		msg = "invalid octal number"
	} else if len(s) > 1 && s[0] == '0' && s[1] == 'x' {
		msg = "invalid hex number"
	}
	f.warnf(s + ": " + msg)
	f.status = 1
}

// floatArg converts a floating-point argument as strtold would. bash
// keeps floats in a long double, so values are parsed into a big.Float
// with a 64-bit mantissa, like x87's 80-bit format: printf "%.2f" 2.005
// then rounds as bash does (2.01), not as a float64 would (2.00).
func (f *formatter) floatArg(s string) ldouble {
	if v, ok := charValue(s, f.utf8); ok {
		return ldouble{f: new(big.Float).SetUint64(v)}
	}
	if s == "" {
		return ldouble{f: new(big.Float)}
	}
	x, used := scanFloat(s)
	if used < len(s) {
		f.invalid(s)
	}
	return x
}

// ldouble is a long double: big.Float cannot hold NaN, so it is a flag.
type ldouble struct {
	f   *big.Float
	nan bool
	neg bool // sign of a NaN
}

// scanFloat parses the longest prefix of s that strtold accepts.
func scanFloat(s string) (ldouble, int) {
	i := 0
	for i < len(s) && (s[i] == ' ' || s[i] >= '\t' && s[i] <= '\r') {
		i++
	}
	start := i
	neg := false
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		neg = s[i] == '-'
		i++
	}
	low := strings.ToLower(s[i:])
	for _, word := range []string{"infinity", "inf", "nan"} {
		if strings.HasPrefix(low, word) {
			if word == "nan" {
				return ldouble{nan: true, neg: neg}, i + len(word)
			}
			return ldouble{f: new(big.Float).SetInf(neg)}, i + len(word)
		}
	}
	digits := func(hex bool) int {
		n := 0
		for i < len(s) && (s[i] >= '0' && s[i] <= '9' || hex && isHex(s[i])) {
			i++
			n++
		}
		return n
	}
	hex := strings.HasPrefix(low, "0x") && len(low) > 2 && (isHex(low[2]) || low[2] == '.' && len(low) > 3 && isHex(low[3]))
	if hex {
		i += 2
	}
	n := digits(hex)
	if i < len(s) && s[i] == '.' {
		i++
		n += digits(hex)
	}
	if n == 0 {
		return ldouble{f: new(big.Float)}, 0
	}
	mant := i
	expChar := byte('e')
	if hex {
		expChar = 'p'
	}
	if i < len(s) && (s[i]|0x20) == expChar {
		j := i + 1
		if j < len(s) && (s[j] == '+' || s[j] == '-') {
			j++
		}
		if j < len(s) && s[j] >= '0' && s[j] <= '9' {
			i = j
			digits(false)
		}
	}
	text := s[start:i]
	if hex && i == mant {
		text += "p0"
	}
	x, _, err := big.ParseFloat(text, 0, 64, big.ToNearestEven)
	if err != nil {
		return ldouble{f: new(big.Float)}, 0
	}
	return ldouble{f: x}, i
}

// formatInt formats a signed conversion (%d %i).
func formatInt(sp *spec, n int64, _ int) string {
	mag := uint64(n)
	sign := ""
	switch {
	case n < 0:
		mag = -mag
		sign = "-"
	case sp.has('+'):
		sign = "+"
	case sp.has(' '):
		sign = " "
	}
	return padNumber(sp, sign, strconv.FormatUint(mag, 10))
}

// formatUint formats %u %o %x %X, which never show a sign.
func formatUint(sp *spec, n uint64) string {
	prefix := ""
	var digits string
	switch sp.verb {
	case 'o':
		digits = strconv.FormatUint(n, 8)
		if sp.has('#') && digits[0] != '0' {
			digits = "0" + digits
		}
	case 'x', 'X':
		digits = strconv.FormatUint(n, 16)
		if sp.has('#') && n != 0 {
			prefix = "0x"
		}
		if sp.verb == 'X' {
			digits = strings.ToUpper(digits)
			prefix = strings.ToUpper(prefix)
		}
	default:
		digits = strconv.FormatUint(n, 10)
	}
	return padNumber(sp, prefix, digits)
}

// padNumber applies C's integer rules: precision is a minimum digit count
// (and .0 prints nothing for 0), the 0 flag pads after the sign unless a
// precision or - is given.
func padNumber(sp *spec, prefix, digits string) string {
	if sp.precSet {
		if sp.prec == 0 && digits == "0" {
			digits = ""
		}
		if len(digits) < sp.prec {
			digits = strings.Repeat("0", sp.prec-len(digits)) + digits
		}
	} else if sp.has('0') && !sp.has('-') && len(prefix)+len(digits) < sp.width {
		digits = strings.Repeat("0", sp.width-len(prefix)-len(digits)) + digits
	}
	return pad(sp, prefix+digits)
}

// formatFloat formats %e %f %g %a and their capitals.
func formatFloat(sp *spec, x ldouble) string {
	sign := ""
	if x.neg || x.f != nil && x.f.Signbit() {
		sign = "-"
		if x.f != nil {
			x.f = new(big.Float).Neg(x.f)
		}
	} else if sp.has('+') {
		sign = "+"
	} else if sp.has(' ') {
		sign = " "
	}
	upper := sp.verb >= 'A' && sp.verb <= 'Z'
	var body string
	if x.nan || x.f.IsInf() {
		body = "inf"
		if x.nan {
			body = "nan"
		}
		if upper {
			body = strings.ToUpper(body)
		}
		return pad(sp, sign+body) // C never zero-pads inf and nan
	}
	prec := 6
	if sp.precSet {
		prec = sp.prec
	}
	alt := sp.has('#')
	switch sp.verb | 0x20 {
	case 'f':
		body = x.f.Text('f', prec)
		if alt && prec == 0 {
			body += "."
		}
	case 'e':
		body = x.f.Text('e', prec)
		if alt && prec == 0 {
			body = strings.Replace(body, "e", ".e", 1)
		}
	case 'g':
		body = formatG(x.f, prec, alt)
	case 'a':
		body = formatHexFloat(x.f, sp.precSet, prec)
	}
	if upper {
		body = strings.ToUpper(body)
	}
	if sp.has('0') && !sp.has('-') && len(sign)+len(body) < sp.width {
		body = strings.Repeat("0", sp.width-len(sign)-len(body)) + body
	}
	return pad(sp, sign+body)
}

// formatHexFloat is glibc's %La for x >= 0: the 64-bit mantissa as one
// hex digit (8-f), a point and up to 15 more, then a binary exponent.
func formatHexFloat(x *big.Float, precSet bool, prec int) string {
	if x.Sign() == 0 {
		if precSet && prec > 0 {
			return "0x0." + strings.Repeat("0", prec) + "p+0"
		}
		return "0x0p+0"
	}
	mant := new(big.Float)
	exp := x.MantExp(mant) // x = mant * 2**exp, 0.5 <= mant < 1
	m, _ := new(big.Float).SetMantExp(mant, 64).Uint64()
	exp -= 4
	if precSet && prec < 15 {
		drop := uint(60 - 4*prec)
		half := uint64(1) << (drop - 1)
		rest := m & (1<<drop - 1)
		m >>= drop
		if rest > half || rest == half && m&1 == 1 {
			m++
		}
		if m>>(4*prec+4) != 0 { // rounding carried into a fifth bit
			m >>= 1
			exp++
		}
		m <<= drop
	}
	digits := strconv.FormatUint(m, 16)
	frac := digits[1:]
	if precSet {
		if prec <= len(frac) {
			frac = frac[:prec]
		} else {
			frac += strings.Repeat("0", prec-len(frac))
		}
	} else {
		frac = strings.TrimRight(frac, "0")
	}
	s := "0x" + digits[:1]
	if frac != "" {
		s += "." + frac
	}
	if exp >= 0 {
		return s + "p+" + strconv.Itoa(exp)
	}
	return s + "p" + strconv.Itoa(exp)
}

// formatG is C's %g: the shorter of %e and %f at prec significant digits,
// with trailing zeros removed unless # is given.
func formatG(x *big.Float, prec int, alt bool) string {
	if prec == 0 {
		prec = 1
	}
	e := x.Text('e', prec-1)
	exp, _ := strconv.Atoi(e[strings.IndexByte(e, 'e')+1:])
	var s string
	if exp < -4 || exp >= prec {
		s = e
	} else {
		s = x.Text('f', prec-1-exp)
	}
	if alt {
		if !strings.Contains(s, ".") {
			if i := strings.IndexByte(s, 'e'); i >= 0 {
				s = s[:i] + "." + s[i:]
			} else {
				s += "."
			}
		}
		return s
	}
	mant, exps := s, ""
	if i := strings.IndexByte(s, 'e'); i >= 0 {
		mant, exps = s[:i], s[i:]
	}
	if strings.Contains(mant, ".") {
		mant = strings.TrimRight(mant, "0")
		mant = strings.TrimSuffix(mant, ".")
	}
	return mant + exps
}

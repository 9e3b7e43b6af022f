package arith

// tok is a token kind of the arithmetic tokenizer.
type tok uint8

const (
	tEOF tok = iota
	tNum
	tStr // a variable name, with its subscript if any
	tLParen
	tRParen
	tComma
	tQuest
	tColon
	tAssign   // =
	tOpAssign // *= /= %= += -= <<= >>= &= ^= |= (the operator in parser.assignOp)
	tLor      // ||
	tLand     // &&
	tBor      // |
	tBxor     // ^
	tBand     // &
	tEq       // ==
	tNe       // !=
	tLt       // <
	tGt       // >
	tLe       // <=
	tGe       // >=
	tShl      // <<
	tShr      // >>
	tPlus     // +
	tMinus    // -
	tMul      // *
	tDiv      // /
	tMod      // %
	tPow      // **
	tNot      // !
	tBnot     // ~
	tPreInc   // ++ before a name
	tPreDec   // -- before a name
	tPostInc  // ++ after a name
	tPostDec  // -- after a name
)

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' // not \r, as bash
}

func isNameStart(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

func isNameChar(c byte) bool {
	return isNameStart(c) || c >= '0' && c <= '9'
}

// next reads the next token, as bash's readtok. After an error it stays
// at the end.
func (p *parser) next() {
	if p.err != nil {
		p.tok = tEOF
		return
	}
	s := p.s
	i := p.pos
	for i < len(s) && isSpace(s[i]) {
		i++
	}
	prev := p.tok
	if i >= len(s) {
		// like bash, the end leaves the error position where it was
		p.lastTok, p.tok, p.pos = prev, tEOF, i
		return
	}
	p.lastTok = prev
	p.tokStart = i
	p.ntok++
	c := s[i]
	switch {
	case isNameStart(c):
		j := i + 1
		for j < len(s) && isNameChar(s[j]) {
			j++
		}
		p.name, p.sub, p.hasSub = s[i:j], "", false
		if j < len(s) && s[j] == '[' {
			k := skipSubscript(s, j)
			if k < 0 {
				p.fail("bad array subscript")
				return
			}
			p.sub, p.hasSub = s[j+1:k], true
			j = k + 1
		}
		p.tok, p.pos = tStr, j
		return
	case c >= '0' && c <= '9':
		j := i + 1
		for j < len(s) && (isNameChar(s[j]) || s[j] == '#' || s[j] == '@') {
			j++
		}
		p.tok, p.pos = tNum, j
		p.num = p.number(s[i:j])
		return
	}
	var c1 byte
	if i+1 < len(s) {
		c1 = s[i+1]
	}
	n := 1
	t := tEOF
	opAssign := func(op tok, size int) {
		if size < len(s)-i && s[i+size] == '=' {
			t, p.assignOp, n = tOpAssign, op, size+1
		} else {
			t, n = op, size
		}
	}
	switch c {
	case '(':
		t = tLParen
	case ')':
		t = tRParen
	case ',':
		t = tComma
	case '?':
		t = tQuest
	case ':':
		t = tColon
	case '~':
		t = tBnot
	case '=':
		if c1 == '=' {
			t, n = tEq, 2
		} else {
			t = tAssign
		}
	case '!':
		if c1 == '=' {
			t, n = tNe, 2
		} else {
			t = tNot
		}
	case '<':
		switch {
		case c1 == '<':
			opAssign(tShl, 2)
		case c1 == '=':
			t, n = tLe, 2
		default:
			t = tLt
		}
	case '>':
		switch {
		case c1 == '>':
			opAssign(tShr, 2)
		case c1 == '=':
			t, n = tGe, 2
		default:
			t = tGt
		}
	case '|':
		if c1 == '|' {
			t, n = tLor, 2
		} else {
			opAssign(tBor, 1)
		}
	case '&':
		if c1 == '&' {
			t, n = tLand, 2
		} else {
			opAssign(tBand, 1)
		}
	case '^':
		opAssign(tBxor, 1)
	case '*':
		if c1 == '*' {
			t, n = tPow, 2
		} else {
			opAssign(tMul, 1)
		}
	case '/':
		opAssign(tDiv, 1)
	case '%':
		opAssign(tMod, 1)
	case '+', '-':
		plus := c == '+'
		switch {
		case c1 == c && prev == tStr:
			t, n = tPostInc, 2
			if !plus {
				t = tPostDec
			}
		case c1 == c && prev != tNum && p.nameFollows(i+2):
			t, n = tPreInc, 2
			if !plus {
				t = tPreDec
			}
		case plus:
			opAssign(tPlus, 1)
		default:
			opAssign(tMinus, 1)
		}
	default:
		// a character that starts no token: bash fails as it reads it,
		// an operator being due after an operand
		switch prev {
		case tNum, tStr, tPostInc, tPostDec:
			p.fail("syntax error: invalid arithmetic operator")
		default:
			p.fail("syntax error: operand expected")
		}
		return
	}
	p.tok, p.pos = t, i+n
}

// nameFollows reports whether a name starts at i after blanks: ++ and --
// there are pre-increments, else two signs.
func (p *parser) nameFollows(i int) bool {
	for i < len(p.s) && isSpace(p.s[i]) {
		i++
	}
	return i < len(p.s) && isNameStart(p.s[i])
}

// peekAssign reports whether a plain = (not ==) follows the current token.
func (p *parser) peekAssign() bool {
	i := p.pos
	for i < len(p.s) && isSpace(p.s[i]) {
		i++
	}
	return i < len(p.s) && p.s[i] == '=' && (i+1 >= len(p.s) || p.s[i+1] != '=')
}

// skipSubscript returns the index of the ] closing the [ at i, or -1.
func skipSubscript(s string, i int) int {
	depth := 0
	for k := i; k < len(s); k++ {
		switch s[k] {
		case '[':
			depth++
		case ']':
			if depth--; depth == 0 {
				return k
			}
		}
	}
	return -1
}

// number converts an integer constant as bash's strlong: decimal, 0 for
// octal, 0x for hex, base#digits for bases 2 to 64 (digits 0-9, a-z, A-Z,
// @, _; letters fold case up to base 36). A bad constant is an error,
// raised here, where bash raises it: when the token is read.
func (p *parser) number(t string) int64 {
	base := int64(10)
	foundBase := false
	i := 0
	if t[0] == '0' {
		i = 1
		if len(t) == 1 {
			return 0
		}
		if t[1] == 'x' || t[1] == 'X' {
			base = 16
			i = 2
		} else {
			base = 8
		}
		foundBase = true
	}
	var v int64
	for ; i < len(t); i++ {
		c := t[i]
		var d int64
		switch {
		case c == '#':
			if foundBase {
				p.failNum("invalid number")
				return 0
			}
			if v < 2 || v > 64 {
				p.failNum("invalid arithmetic base")
				return 0
			}
			base, v, foundBase = v, 0, true
			if i+1 >= len(t) {
				p.failNum("invalid integer constant")
				return 0
			}
			continue
		case c >= '0' && c <= '9':
			d = int64(c - '0')
		case c >= 'a' && c <= 'z':
			d = int64(c-'a') + 10
		case c >= 'A' && c <= 'Z':
			if base <= 36 {
				d = int64(c-'A') + 10
			} else {
				d = int64(c-'A') + 36
			}
		case c == '@':
			d = 62
		case c == '_':
			d = 63
		}
		if d >= base {
			p.failNum("value too great for base")
			return 0
		}
		v = v*base + d
	}
	return v
}

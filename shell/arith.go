package shell

import (
	"fmt"
	"strconv"
	"strings"

	"mvdan.cc/sh/v3/expand"

	"pipesh/array"
)

// pipesh evaluates arithmetic the way bash does: on text. Whatever form
// the expression came in ($(( )), (( )), let, a subscript, for (( )),
// [[ -eq ]]), it is first turned into text with its $x and $(...)
// expanded (see arithtext.go), and that text is evaluated here. Working
// on text is what makes a variable holding an expression (e='1+2')
// evaluate as one, as in bash, and it gives bash's error messages, which
// quote the expression and the rest of it from the failing token.
//
// The evaluator is a recursive-descent parser that computes as it parses,
// as bash's expr.c does, with bash's precedence (lowest first): comma,
// assignment, ?:, ||, &&, |, ^, &, == !=, < > <= >=, << >>, + -, * / %,
// ** (right-associative), unary ! ~ - +, ++/-- and primaries. Parts that
// are skipped (the right of a false && or true ||, the other branch of
// ?:) are parsed but not evaluated: no variable is read or written and
// division by zero is no error there.

// arithMaxDepth is bash's MAX_EXPR_RECURSION_LEVEL: how deeply variables
// holding expressions may nest.
const arithMaxDepth = 1024

// arithError is an arithmetic evaluation error, reported as bash does:
// "EXPR: MSG (error token is "REST")". cmd is the command that evaluated
// it ("((", "let", "[["), which bash names first; empty for $(( )).
type arithError struct {
	cmd, expr, msg, token string
}

func (e *arithError) Error() string {
	var sb strings.Builder
	if e.cmd != "" {
		sb.WriteString(e.cmd + ": ")
	}
	sb.WriteString(strings.TrimLeft(e.expr, " \t\n"))
	sb.WriteString(": ")
	sb.WriteString(e.msg)
	sb.WriteString(` (error token is "`)
	sb.WriteString(e.token)
	sb.WriteString(`")`)
	return sb.String()
}

// arithTok is a token kind of the arithmetic tokenizer.
type arithTok uint8

const (
	atEOF arithTok = iota
	atNum
	atStr // a variable name, with its subscript if any
	atLParen
	atRParen
	atComma
	atQuest
	atColon
	atAssign   // =
	atOpAssign // *= /= %= += -= <<= >>= &= ^= |= (op in arithParser.assignOp)
	atLor      // ||
	atLand     // &&
	atBor      // |
	atBxor     // ^
	atBand     // &
	atEq       // ==
	atNe       // !=
	atLt       // <
	atGt       // >
	atLe       // <=
	atGe       // >=
	atShl      // <<
	atShr      // >>
	atPlus     // +
	atMinus    // -
	atMul      // *
	atDiv      // /
	atMod      // %
	atPow      // **
	atNot      // !
	atBnot     // ~
	atPreInc   // ++ before a name
	atPreDec   // -- before a name
	atPostInc  // ++ after a name
	atPostDec  // -- after a name
	atBad      // a character that starts no token
)

// arithParser evaluates one expression text. A variable holding an
// expression is evaluated by a parser of its own, one level deeper.
type arithParser struct {
	r     *Runner
	s     string
	depth int

	pos      int      // where the next token starts
	tok      arithTok // the current token
	lastTok  arithTok // the token before it
	tokStart int      // where the current token starts (bash's lasttp)
	num      int64    // value of an atNum token
	name     string   // name of an atStr token
	sub      string   // its subscript text, when hasSub
	hasSub   bool
	assignOp arithTok // the operator of an atOpAssign token
	noeval   int      // > 0 while parsing a part that is not evaluated
}

// arithPanic carries an error out of the recursive descent.
type arithPanic struct{ err error }

// evalArith evaluates arithmetic text as bash does.
func (r *Runner) evalArith(s string) (n int, err error) {
	v, err := r.evalArithDepth(s, 0)
	return int(v), err
}

// EvalArith evaluates arithmetic text for builtins (array subscripts of
// unset and test -v), as builtins.ArithEvaluator.
func (r *Runner) EvalArith(s string) (int, error) { return r.evalArith(s) }

func (r *Runner) evalArithDepth(s string, depth int) (n int64, err error) {
	if v, ok := plainDecimal(s); ok {
		return v, nil
	}
	p := &arithParser{r: r, s: s, depth: depth}
	defer func() {
		if e := recover(); e != nil {
			ap, ok := e.(arithPanic)
			if !ok {
				panic(e)
			}
			n, err = 0, ap.err
		}
	}()
	if depth >= arithMaxDepth {
		p.fail("expression recursion level exceeded")
	}
	p.next()
	if p.tok == atEOF {
		return 0, nil // an empty or blank expression is 0
	}
	v := p.comma()
	switch p.tok {
	case atEOF:
	case atBad:
		p.fail("syntax error: invalid arithmetic operator")
	default:
		p.fail("syntax error in expression")
	}
	return v, nil
}

// plainDecimal reads s when it is only a decimal number without a leading
// zero, which is what most variables hold: no parser needed.
func plainDecimal(s string) (int64, bool) {
	if s == "" || len(s) > 18 {
		return 0, false
	}
	i := 0
	if s[0] == '-' {
		i = 1
		if len(s) == 1 {
			return 0, false
		}
	}
	if s[i] == '0' && len(s) > i+1 {
		return 0, false
	}
	var v int64
	for ; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		v = v*10 + int64(c-'0')
	}
	if s[0] == '-' {
		v = -v
	}
	return v, true
}

// fail ends the evaluation with bash's message for the current token.
func (p *arithParser) fail(msg string) {
	tok := ""
	if p.tokStart < len(p.s) {
		tok = p.s[p.tokStart:]
	}
	panic(arithPanic{&arithError{expr: p.s, msg: msg, token: tok}})
}

// failNum ends the evaluation for a bad constant: bash cuts the text
// shown at the end of the number.
func (p *arithParser) failNum(msg string) {
	panic(arithPanic{&arithError{expr: p.s[:p.pos], msg: msg, token: p.s[p.tokStart:p.pos]}})
}

// failErr ends the evaluation with an error from elsewhere (a readonly
// variable, set -u, an expansion).
func (p *arithParser) failErr(err error) {
	panic(arithPanic{err})
}

func isArithSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' // not \r, as bash
}

func isNameStart(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

func isNameChar(c byte) bool {
	return isNameStart(c) || c >= '0' && c <= '9'
}

// next reads the next token, as bash's readtok.
func (p *arithParser) next() {
	s := p.s
	i := p.pos
	for i < len(s) && isArithSpace(s[i]) {
		i++
	}
	prev := p.tok
	if i >= len(s) {
		// like bash, the end leaves the error position where it was
		p.lastTok, p.tok, p.pos = prev, atEOF, i
		return
	}
	p.lastTok = prev
	p.tokStart = i
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
			}
			p.sub, p.hasSub = s[j+1:k], true
			j = k + 1
		}
		p.tok, p.pos = atStr, j
		return
	case c >= '0' && c <= '9':
		j := i + 1
		for j < len(s) && (isNameChar(s[j]) || s[j] == '#' || s[j] == '@') {
			j++
		}
		p.tok, p.pos = atNum, j
		p.num = p.number(s[i:j])
		return
	}
	var c1 byte
	if i+1 < len(s) {
		c1 = s[i+1]
	}
	n := 1
	tok := atEOF
	opAssign := func(op arithTok, size int) {
		if size < len(s)-i && s[i+size] == '=' {
			tok, p.assignOp, n = atOpAssign, op, size+1
		} else {
			tok, n = op, size
		}
	}
	switch c {
	case '(':
		tok = atLParen
	case ')':
		tok = atRParen
	case ',':
		tok = atComma
	case '?':
		tok = atQuest
	case ':':
		tok = atColon
	case '~':
		tok = atBnot
	case '=':
		if c1 == '=' {
			tok, n = atEq, 2
		} else {
			tok = atAssign
		}
	case '!':
		if c1 == '=' {
			tok, n = atNe, 2
		} else {
			tok = atNot
		}
	case '<':
		switch {
		case c1 == '<':
			opAssign(atShl, 2)
		case c1 == '=':
			tok, n = atLe, 2
		default:
			tok = atLt
		}
	case '>':
		switch {
		case c1 == '>':
			opAssign(atShr, 2)
		case c1 == '=':
			tok, n = atGe, 2
		default:
			tok = atGt
		}
	case '|':
		if c1 == '|' {
			tok, n = atLor, 2
		} else {
			opAssign(atBor, 1)
		}
	case '&':
		if c1 == '&' {
			tok, n = atLand, 2
		} else {
			opAssign(atBand, 1)
		}
	case '^':
		opAssign(atBxor, 1)
	case '*':
		if c1 == '*' {
			tok, n = atPow, 2
		} else {
			opAssign(atMul, 1)
		}
	case '/':
		opAssign(atDiv, 1)
	case '%':
		opAssign(atMod, 1)
	case '+', '-':
		plus := c == '+'
		switch {
		case c1 == c && prev == atStr:
			tok, n = atPostInc, 2
			if !plus {
				tok = atPostDec
			}
		case c1 == c && prev != atNum && p.nameFollows(i+2):
			tok, n = atPreInc, 2
			if !plus {
				tok = atPreDec
			}
		case plus:
			opAssign(atPlus, 1)
		default:
			opAssign(atMinus, 1)
		}
	default:
		tok = atBad // an error where an operand or operator is due
	}
	p.tok, p.pos = tok, i+n
}

// nameFollows reports whether a name starts at i after blanks: ++ and --
// there are pre-increments, else two signs.
func (p *arithParser) nameFollows(i int) bool {
	for i < len(p.s) && isArithSpace(p.s[i]) {
		i++
	}
	return i < len(p.s) && isNameStart(p.s[i])
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
// @, _; letters fold case up to base 36).
func (p *arithParser) number(t string) int64 {
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
			}
			if v < 2 || v > 64 {
				p.failNum("invalid arithmetic base")
			}
			base, v, foundBase = v, 0, true
			if i+1 >= len(t) {
				p.failNum("invalid integer constant")
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
		}
		v = v*base + d
	}
	return v
}

// comma: expr , expr
func (p *arithParser) comma() int64 {
	v := p.assign()
	for p.tok == atComma {
		p.next()
		v = p.assign()
	}
	return v
}

// assign: cond [= op= assign]
func (p *arithParser) assign() int64 {
	v := p.cond()
	if p.tok != atAssign && p.tok != atOpAssign {
		return v
	}
	if p.lastTok != atStr {
		p.fail("attempted assignment to non-variable")
	}
	op := atAssign
	if p.tok == atOpAssign {
		op = p.assignOp
	}
	name, sub, hasSub := p.name, p.sub, p.hasSub
	p.next()
	rhs := p.assign()
	if op != atAssign {
		rhs = p.binop(op, v, rhs)
	}
	if p.noeval == 0 {
		p.store(name, sub, hasSub, rhs)
	}
	return rhs
}

// cond: lor [? comma : cond]
func (p *arithParser) cond() int64 {
	c := p.lor()
	if p.tok != atQuest {
		return c
	}
	p.next()
	if p.tok == atEOF || p.tok == atColon {
		p.fail("expression expected")
	}
	if c == 0 {
		p.noeval++
	}
	a := p.comma()
	if c == 0 {
		p.noeval--
	}
	if p.tok != atColon {
		p.fail("`:' expected for conditional expression")
	}
	p.next()
	if p.tok == atEOF {
		p.fail("expression expected")
	}
	if c != 0 {
		p.noeval++
	}
	b := p.cond()
	if c != 0 {
		p.noeval--
		return a
	}
	return b
}

func (p *arithParser) lor() int64 {
	v := p.land()
	for p.tok == atLor {
		p.next()
		if v != 0 {
			p.noeval++
		}
		w := p.land()
		if v != 0 {
			p.noeval--
		}
		v = boolInt(v != 0 || w != 0)
	}
	return v
}

func (p *arithParser) land() int64 {
	v := p.bor()
	for p.tok == atLand {
		p.next()
		if v == 0 {
			p.noeval++
		}
		w := p.bor()
		if v == 0 {
			p.noeval--
		}
		v = boolInt(v != 0 && w != 0)
	}
	return v
}

// binary parses a left-associative level: operands from sub, operators
// in ops.
func (p *arithParser) binary(sub func() int64, ops ...arithTok) int64 {
	v := sub()
	for {
		op := p.tok
		found := false
		for _, o := range ops {
			if o == op {
				found = true
				break
			}
		}
		if !found {
			return v
		}
		p.next()
		w := sub()
		v = p.binop(op, v, w)
	}
}

func (p *arithParser) bor() int64  { return p.binary(p.bxor, atBor) }
func (p *arithParser) bxor() int64 { return p.binary(p.band, atBxor) }
func (p *arithParser) band() int64 { return p.binary(p.equality, atBand) }
func (p *arithParser) equality() int64 {
	return p.binary(p.relation, atEq, atNe)
}
func (p *arithParser) relation() int64 {
	return p.binary(p.shift, atLt, atGt, atLe, atGe)
}
func (p *arithParser) shift() int64 { return p.binary(p.additive, atShl, atShr) }
func (p *arithParser) additive() int64 {
	return p.binary(p.multiplicative, atPlus, atMinus)
}
func (p *arithParser) multiplicative() int64 {
	return p.binary(p.power, atMul, atDiv, atMod)
}

// power: unary [** power], right-associative.
func (p *arithParser) power() int64 {
	v := p.unary()
	if p.tok == atPow {
		p.next()
		w := p.power()
		return p.binop(atPow, v, w)
	}
	return v
}

func (p *arithParser) unary() int64 {
	switch p.tok {
	case atNot:
		p.next()
		return boolInt(p.unary() == 0)
	case atBnot:
		p.next()
		return ^p.unary()
	case atMinus:
		p.next()
		return -p.unary()
	case atPlus:
		p.next()
		return p.unary()
	}
	return p.primary()
}

func (p *arithParser) primary() int64 {
	switch p.tok {
	case atPreInc, atPreDec:
		op := p.tok
		p.next()
		if p.tok != atStr {
			p.fail("syntax error: operand expected")
		}
		name, sub, hasSub := p.name, p.sub, p.hasSub
		v := p.load(name, sub, hasSub)
		if op == atPreInc {
			v++
		} else {
			v--
		}
		if p.noeval == 0 {
			p.store(name, sub, hasSub, v)
		}
		p.next()
		return v
	case atLParen:
		p.next()
		v := p.comma()
		if p.tok != atRParen {
			p.fail("missing `)'")
		}
		p.next()
		return v
	case atNum:
		v := p.num
		p.next()
		return v
	case atStr:
		name, sub, hasSub := p.name, p.sub, p.hasSub
		// a variable about to be assigned is not read: x='1/0'; ((x=1))
		if p.peekAssign() {
			p.next()
			return 0
		}
		v := p.load(name, sub, hasSub)
		p.next()
		switch p.tok {
		case atPostInc, atPostDec:
			w := v + 1
			if p.tok == atPostDec {
				w = v - 1
			}
			if p.noeval == 0 {
				p.store(name, sub, hasSub, w)
			}
			p.next()
		}
		return v
	case atEOF:
		p.fail("syntax error: operand expected")
	}
	p.fail("syntax error: operand expected")
	return 0
}

// peekAssign reports whether a plain = (not ==) follows the current token.
func (p *arithParser) peekAssign() bool {
	i := p.pos
	for i < len(p.s) && isArithSpace(p.s[i]) {
		i++
	}
	return i < len(p.s) && p.s[i] == '=' && (i+1 >= len(p.s) || p.s[i+1] != '=')
}

func boolInt(b bool) int64 {
	if b {
		return 1
	}
	return 0
}

// binop applies a binary operator with bash's 64-bit semantics.
func (p *arithParser) binop(op arithTok, a, b int64) int64 {
	switch op {
	case atBor:
		return a | b
	case atBxor:
		return a ^ b
	case atBand:
		return a & b
	case atEq:
		return boolInt(a == b)
	case atNe:
		return boolInt(a != b)
	case atLt:
		return boolInt(a < b)
	case atGt:
		return boolInt(a > b)
	case atLe:
		return boolInt(a <= b)
	case atGe:
		return boolInt(a >= b)
	case atShl:
		return a << (uint64(b) & 63) // what x86 does with C's <<
	case atShr:
		return a >> (uint64(b) & 63)
	case atPlus:
		return a + b
	case atMinus:
		return a - b
	case atMul:
		return a * b
	case atDiv, atMod:
		if b == 0 {
			if p.noeval > 0 {
				return 0
			}
			p.fail("division by 0")
		}
		// Go, like bash, gives MinInt64 / -1 == MinInt64 and % == 0
		if op == atDiv {
			return a / b
		}
		return a % b
	case atPow:
		if b < 0 {
			if p.noeval > 0 {
				return 1
			}
			p.fail("exponent less than 0")
		}
		v := int64(1)
		for b > 0 {
			if b&1 != 0 {
				v *= a
			}
			a *= a
			b >>= 1
		}
		return v
	}
	return 0
}

// load reads a variable or element as a number, evaluating a value that
// is an expression.
func (p *arithParser) load(name, sub string, hasSub bool) int64 {
	if p.noeval > 0 {
		return 0
	}
	val, set := p.lookup(name, sub, hasSub)
	if !set {
		if p.r.opts[optNoUnset] {
			n := name
			if hasSub {
				n += "[" + sub + "]"
			}
			p.failErr(&expandErr{err: fmt.Errorf("%s: unbound variable", n), fatal: true})
		}
		return 0
	}
	if val == "" {
		return 0
	}
	v, err := p.r.evalArithDepth(val, p.depth+1)
	if err != nil {
		p.failErr(err)
	}
	return v
}

// lookup returns the string value of a variable or element.
func (p *arithParser) lookup(name, sub string, hasSub bool) (string, bool) {
	r := p.r
	vr := r.lookupVar(name)
	if vr.Kind == expand.NameRef {
		name = vr.Str
		vr = r.lookupVar(name)
	}
	if !hasSub {
		switch vr.Kind {
		case expand.Indexed:
			return array.Elem(vr, 0)
		case expand.Associative:
			v, ok := vr.Map["0"]
			return v, ok
		}
		return vr.Str, vr.IsSet()
	}
	if vr.Kind == expand.Associative {
		v, ok := vr.Map[assocArithKey(sub)]
		return v, ok
	}
	i := p.index(name, sub, vr)
	if i < 0 {
		return "", false
	}
	if vr.Kind == expand.String {
		if i == 0 && vr.IsSet() {
			return vr.Str, true
		}
		return "", false
	}
	return array.Elem(vr, i)
}

// index evaluates the subscript of an indexed array, counting a negative
// one from the end; it stays negative when it is before the start.
func (p *arithParser) index(name, sub string, vr expand.Variable) int {
	if strings.TrimSpace(sub) == "" {
		p.fail("bad array subscript")
	}
	n, err := p.r.evalArithDepth(sub, p.depth+1)
	if err != nil {
		p.failErr(err)
	}
	i := int(n)
	if i < 0 && vr.Kind == expand.Indexed {
		i += arrayLen(vr)
	}
	return i
}

// assocArithKey is an associative array key written in an expression:
// its quotes are removed, as bash does.
func assocArithKey(sub string) string {
	if !strings.ContainsAny(sub, `'"\`) {
		return sub
	}
	var sb strings.Builder
	var q byte
	for i := 0; i < len(sub); i++ {
		c := sub[i]
		switch {
		case q == 0 && (c == '\'' || c == '"'):
			q = c
		case c == q:
			q = 0
		case c == '\\' && q != '\'' && i+1 < len(sub):
			i++
			sb.WriteByte(sub[i])
		default:
			sb.WriteByte(c)
		}
	}
	return sb.String()
}

// store assigns a number to a variable or element.
func (p *arithParser) store(name, sub string, hasSub bool, v int64) {
	r := p.r
	val := strconv.FormatInt(v, 10)
	vr := r.lookupVar(name)
	if vr.Kind == expand.NameRef && vr.Str != "" {
		name = vr.Str
		vr = r.lookupVar(name)
	}
	var err error
	switch {
	case !hasSub:
		err = r.setString(name, val)
	case vr.Kind == expand.Associative:
		err = r.elemSet(name, assocArithKey(sub), str(val))
	default:
		i := p.index(name, sub, vr)
		if i < 0 {
			p.failErr(fmt.Errorf("%s[%s]: bad array subscript", name, sub))
		}
		err = r.setIndex(name, i, val)
	}
	if err != nil {
		p.failErr(err)
	}
}

// arithFailed reports an error of an arithmetic command (cmd is "((",
// "let" or "for"): an evaluation error fails the command with status 1
// and the script goes on, as in bash; an expansion error aborts the
// command line as elsewhere.
func (r *Runner) arithFailed(cmd string, err error) {
	ae, ok := err.(*arithError)
	if ee, isExp := err.(*expandErr); isExp {
		ae, ok = ee.err.(*arithError)
	}
	if ok {
		if ae.cmd == "" {
			ae.cmd = cmd
		}
		r.reportErr(ae)
		r.status = 1
		return
	}
	r.expandFailed(err)
}

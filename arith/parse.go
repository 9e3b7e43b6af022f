package arith

// The parser is a recursive descent with bash's precedence (lowest
// first): comma, assignment, ?:, ||, &&, |, ^, &, == !=, < > <= >=,
// << >>, + -, * / %, ** (right-associative), unary ! ~ - +, ++/-- and
// primaries. It does not compute: it emits, in the order bash's expr.c
// would carry them out while parsing, the actions of the expression
// (push a constant, read a variable, apply an operator, store) as a
// program for a small stack machine (eval.go). Parts that bash parses
// but does not evaluate (the right of a false && or a true ||, the other
// branch of ?:) are jumped over.
//
// An error found while parsing (a bad constant, a syntax error) ends the
// program with an instruction that fails: the actions before it still
// run first, as in bash (x = 1, 2 + assigns x before the syntax error;
// 1/0 + reports the division). Jumps over the part where the error was
// found land on that instruction, since bash reports a syntax error even
// in a part it does not evaluate.

// opcode is an instruction of the stack machine.
type opcode uint8

const (
	opNum     opcode = iota // push arg
	opLoad                  // push the value of ref
	opStore                 // store the top in ref (it stays)
	opPreInc                // ++ref: push the new value
	opPreDec                // --ref
	opPostInc               // ref++: push the old value
	opPostDec               // ref--
	opBinary                // pop b, pop a, push a bin b
	opNeg                   // negate the top
	opNot                   // !
	opBnot                  // ~
	opBool                  // the top becomes 0 or 1
	opPop                   // drop the top (comma)
	opNip                   // drop the value under the top (plain =)
	opOr                    // pop; if not 0, push 1 and jump to arg
	opAnd                   // pop; if 0, push 0 and jump to arg
	opJz                    // pop; if 0, jump to arg
	opJmp                   // jump to arg
	opFail                  // fail with the program's parse error
)

// instr is one instruction. tok is where bash's error position (the
// current token) is when the action is carried out, so that an error of
// the action quotes the expression from there; tok2 is the same for the
// store of a post-increment, which happens one token later.
type instr struct {
	op   opcode
	bin  tok    // the operator of opBinary
	slot int8   // for an opLoad whose variable an op= stores: where its subscript is kept, or -1
	tok  int32  // error position of the action
	tok2 int32  // error position of a post-increment's store
	arg  int64  // constant or jump target
	ref  *ref   // the variable of a load, store or increment
	skip *Error // for a jump: the error bash reports in the part it skips
}

// ref is a variable as written in an expression, with its subscript.
type ref struct {
	name, sub string
	hasSub    bool
	keep      int8 // for a store of op=: the slot its load kept the subscript in, or -1
}

// maxSlots is how many op= assignments to subscripted variables one
// expression evaluates their subscript once for (bash always does; past
// that, the subscript is evaluated again for the store).
const maxSlots = 8

// An Expr is an expression text, parsed: what its evaluation does, in
// order. It is never changed once made, and may be evaluated by several
// goroutines at once.
type Expr struct {
	text string
	code []instr
	err  *Error // the parse error the final opFail reports
}

// parser turns one expression text into a program.
type parser struct {
	s string

	pos      int    // where the next token starts
	tok      tok    // the current token
	lastTok  tok    // the token before it
	tokStart int    // where the current token starts (bash's lasttp)
	num      int64  // value of a tNum token
	name     string // name of a tStr token
	sub      string // its subscript text, when hasSub
	hasSub   bool
	assignOp tok // the operator of a tOpAssign token
	ntok     int // tokens read

	code     []instr
	lastLoad int  // index of the opLoad of the last tStr operand, or -1
	slots    int8 // subscript slots handed out
	err      *Error
	errAt    int // len(code) when err was found
}

// parse compiles s. It always returns an Expr; a parse error is part of
// it.
func parse(s string) *Expr {
	p := &parser{s: s, lastLoad: -1}
	p.next()
	if p.tok != tEOF {
		p.comma()
		if p.tok != tEOF {
			p.fail("syntax error in expression")
		}
	}
	code := p.code
	if p.err != nil {
		code = code[:p.errAt]
		for i := range code {
			switch code[i].op {
			case opOr, opAnd, opJz, opJmp:
				if code[i].arg < 0 || code[i].arg > int64(p.errAt) {
					code[i].arg = int64(p.errAt)
				}
			}
		}
		code = append(code, instr{op: opFail})
	}
	// inner jumps first: a part skipped inside a skipped part counts
	for j := len(code) - 1; j >= 0; j-- {
		switch code[j].op {
		case opOr, opAnd, opJz, opJmp:
			code[j].skip = skipped(s, code, j+1, int(code[j].arg))
		}
	}
	return &Expr{text: s, code: code, err: p.err}
}

// fail records bash's message for the current token, if no error was
// found before, and ends the parse.
func (p *parser) fail(msg string) {
	if p.err == nil {
		p.err = &Error{Expr: p.s, Msg: msg, Token: tokenAt(p.s, p.tokStart)}
		p.errAt = len(p.code)
	}
	p.tok = tEOF
}

// failNum is fail for a bad constant: bash cuts the text shown at the
// end of the number.
func (p *parser) failNum(msg string) {
	if p.err == nil {
		p.err = &Error{Expr: p.s[:p.pos], Msg: msg, Token: p.s[p.tokStart:p.pos]}
		p.errAt = len(p.code)
	}
	p.tok = tEOF
}

// tokenAt is the text bash shows as the error token at offset i.
func tokenAt(s string, i int) string {
	if i < len(s) {
		return s[i:]
	}
	return ""
}

// emit appends an instruction, whose error position is the current
// token's, and returns its index.
func (p *parser) emit(in instr) int {
	in.tok = int32(p.tokStart)
	p.code = append(p.code, in)
	return len(p.code) - 1
}

// jump emits a jump whose target is set later by land.
func (p *parser) jump(op opcode) int { return p.emit(instr{op: op, arg: -1}) }

// land makes the jump at j go to the next instruction.
func (p *parser) land(j int) { p.code[j].arg = int64(len(p.code)) }

// operand returns the variable of the current tStr token.
func (p *parser) operand() *ref {
	return &ref{name: p.name, sub: p.sub, hasSub: p.hasSub, keep: -1}
}

// comma: expr , expr
func (p *parser) comma() {
	p.assign()
	for p.tok == tComma {
		p.next()
		p.emit(instr{op: opPop})
		p.assign()
	}
}

// assign: cond [= op= assign]
func (p *parser) assign() {
	first := p.ntok
	p.cond()
	if p.tok != tAssign && p.tok != tOpAssign {
		return
	}
	if p.lastTok != tStr || p.ntok != first+1 {
		// as in bash, only a lone variable is assigned: not 1 + x = 3
		p.fail("attempted assignment to non-variable")
		return
	}
	op := tAssign
	if p.tok == tOpAssign {
		op = p.assignOp
	}
	target := p.operand()
	if op != tAssign && target.hasSub && p.lastLoad >= 0 && p.slots < maxSlots {
		// a[i++] += 1: the subscript the load evaluated is the store's
		p.code[p.lastLoad].slot = p.slots
		target.keep = p.slots
		p.slots++
	}
	p.next()
	p.assign()
	if op == tAssign {
		p.emit(instr{op: opNip})
	} else {
		p.emit(instr{op: opBinary, bin: op})
	}
	p.emit(instr{op: opStore, ref: target})
}

// cond: lor [? comma : cond]
func (p *parser) cond() {
	p.lor()
	if p.tok != tQuest {
		return
	}
	p.next()
	if p.tok == tEOF || p.tok == tColon {
		p.fail("expression expected")
		return
	}
	toElse := p.jump(opJz)
	p.comma()
	if p.tok != tColon {
		p.fail("`:' expected for conditional expression")
		return
	}
	p.next()
	if p.tok == tEOF {
		p.fail("expression expected")
		return
	}
	toEnd := p.jump(opJmp)
	p.land(toElse)
	p.cond()
	p.land(toEnd)
}

func (p *parser) lor() {
	p.land2()
	for p.tok == tLor {
		p.next()
		j := p.jump(opOr)
		p.land2()
		p.emit(instr{op: opBool})
		p.land(j)
	}
}

// land2 is the && level (land is taken by the jumps).
func (p *parser) land2() {
	p.bor()
	for p.tok == tLand {
		p.next()
		j := p.jump(opAnd)
		p.bor()
		p.emit(instr{op: opBool})
		p.land(j)
	}
}

// binary parses a left-associative level: operands from sub, operators
// in ops.
func (p *parser) binary(sub func(), ops ...tok) {
	sub()
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
			return
		}
		p.next()
		divisor := p.tokStart
		sub()
		at := p.emit(instr{op: opBinary, bin: op})
		if op == tDiv || op == tMod {
			// bash shows a division by 0 from the divisor on
			p.code[at].tok = int32(divisor)
		}
	}
}

func (p *parser) bor()      { p.binary(p.bxor, tBor) }
func (p *parser) bxor()     { p.binary(p.band, tBxor) }
func (p *parser) band()     { p.binary(p.equality, tBand) }
func (p *parser) equality() { p.binary(p.relation, tEq, tNe) }
func (p *parser) relation() { p.binary(p.shift, tLt, tGt, tLe, tGe) }
func (p *parser) shift()    { p.binary(p.additive, tShl, tShr) }
func (p *parser) additive() { p.binary(p.multiplicative, tPlus, tMinus) }
func (p *parser) multiplicative() {
	p.binary(p.power, tMul, tDiv, tMod)
}

// power: unary [** power], right-associative.
func (p *parser) power() {
	p.unary()
	if p.tok == tPow {
		p.next()
		p.power()
		p.emit(instr{op: opBinary, bin: tPow})
	}
}

func (p *parser) unary() {
	var op opcode
	switch p.tok {
	case tNot:
		op = opNot
	case tBnot:
		op = opBnot
	case tMinus:
		op = opNeg
	case tPlus:
		p.next()
		p.unary()
		return
	default:
		p.primary()
		return
	}
	p.next()
	p.unary()
	p.emit(instr{op: op})
}

func (p *parser) primary() {
	p.lastLoad = -1
	switch p.tok {
	case tPreInc, tPreDec:
		op := opPreInc
		if p.tok == tPreDec {
			op = opPreDec
		}
		p.next()
		if p.tok != tStr {
			p.fail("syntax error: operand expected")
			return
		}
		p.emit(instr{op: op, ref: p.operand()})
		p.next()
	case tLParen:
		p.next()
		p.comma()
		if p.tok != tRParen {
			p.fail("missing `)'")
			return
		}
		p.next()
	case tNum:
		p.emit(instr{op: opNum, arg: p.num})
		p.next()
	case tStr:
		// a variable about to be assigned is not read: x='1/0'; ((x=1))
		if p.peekAssign() {
			p.emit(instr{op: opNum})
			p.next()
			return
		}
		at := p.emit(instr{op: opLoad, ref: p.operand(), slot: -1})
		p.next()
		switch p.tok {
		case tPostInc, tPostDec:
			in := &p.code[at]
			in.op = opPostInc
			if p.tok == tPostDec {
				in.op = opPostDec
			}
			in.tok2 = int32(p.tokStart)
			p.next()
		default:
			p.lastLoad = at
		}
	default:
		p.fail("syntax error: operand expected")
	}
}

// skipped runs code[from:to], a part of the expression that is jumped
// over, as bash parses a part it does not evaluate (noeval): variables
// read as 0 and are not written, a division by 0 divides by 1. It
// returns the one error bash still reports there, a negative exponent,
// or nil. Nothing there depends on the variables, so it is done once,
// when the text is parsed.
func skipped(text string, code []instr, from, to int) *Error {
	var buf [16]int64
	st := buf[:0]
	for pc := from; pc < to && pc < len(code); pc++ {
		in := &code[pc]
		n := len(st)
		need := 0
		switch in.op {
		case opBinary, opNip:
			need = 2
		case opNeg, opNot, opBnot, opBool, opPop, opOr, opAnd, opJz:
			need = 1
		}
		if n < need {
			return nil // not a part that stands alone: nothing to report
		}
		switch in.op {
		case opNum:
			st = append(st, in.arg)
		case opLoad, opPostInc, opPostDec:
			st = append(st, 0)
		case opPreInc:
			st = append(st, 1)
		case opPreDec:
			st = append(st, -1)
		case opBinary:
			a, b := st[n-2], st[n-1]
			if (in.bin == tDiv || in.bin == tMod) && b == 0 {
				b = 1
			}
			v, msg := binop(in.bin, a, b)
			if msg != "" {
				return &Error{Expr: text, Msg: msg, Token: tokenAt(text, int(in.tok))}
			}
			st = st[:n-1]
			st[n-2] = v
		case opNeg, opNot, opBnot, opBool, opPop, opNip:
			st = stackOp(in.op, st)
		case opOr, opAnd, opJz, opJmp:
			taken := true
			switch in.op {
			case opOr, opAnd:
				v := st[n-1]
				taken = (v != 0) == (in.op == opOr)
				if taken {
					st[n-1] = boolInt(v != 0)
				} else {
					st = st[:n-1]
				}
			case opJz:
				taken = st[n-1] == 0
				st = st[:n-1]
			}
			if taken {
				if in.skip != nil {
					return in.skip
				}
				pc = int(in.arg) - 1
			}
		}
	}
	return nil
}

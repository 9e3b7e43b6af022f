// Package arith evaluates shell arithmetic text the way bash does.
//
// Whatever form an expression comes in ($(( )), (( )), let, a subscript,
// for (( )), [[ -eq ]]), the shell first turns it into text with its $x
// and $(...) expanded, and that text is evaluated here. Working on text
// is what makes a variable holding an expression (e='1+2') evaluate as
// one, as in bash, and it gives bash's error messages, which quote the
// expression and the rest of it from the failing token.
//
// The package knows nothing of the shell: it reads and writes variables
// through the Vars interface, and keeps the parsed form of the texts it
// has seen in a Cache the caller owns.
package arith

import (
	"strconv"
	"strings"
)

// MaxDepth is bash's MAX_EXPR_RECURSION_LEVEL: how deeply variables
// holding expressions may nest.
const MaxDepth = 1024

// Error is an arithmetic error, reported as bash does:
// "EXPR: MSG (error token is "REST")", after the command that evaluated
// it when Cmd is set.
type Error struct {
	Cmd   string // "((", "let", "[[", which bash names first; empty for $(( ))
	Expr  string // the expression text
	Msg   string // what is wrong ("division by 0")
	Token string // the rest of the expression from where it went wrong
}

// copy returns a copy of an error kept in an Expr, for a caller that may
// set its Cmd.
func (e *Error) copy() *Error {
	c := *e
	return &c
}

func (e *Error) Error() string {
	var sb strings.Builder
	if e.Cmd != "" {
		sb.WriteString(e.Cmd + ": ")
	}
	sb.WriteString(strings.TrimLeft(e.Expr, " \t\n"))
	sb.WriteString(": ")
	sb.WriteString(e.Msg)
	sb.WriteString(` (error token is "`)
	sb.WriteString(e.Token)
	sb.WriteString(`")`)
	return sb.String()
}

// UnboundError is an unset variable read while Vars.NoUnset is true (set
// -u). The shell treats it as an expansion error, not an arithmetic one.
type UnboundError struct {
	Name string // the variable, with its subscript as written
}

func (e *UnboundError) Error() string { return e.Name + ": unbound variable" }

// A Sub is an array subscript as written in an expression and as the
// evaluator read it.
type Sub struct {
	// Text is the subscript as written; it is empty when the variable
	// has none (a written subscript is never empty: that is an error).
	Text string
	// Key is the key of an associative array: Text with its quotes
	// removed, as bash does.
	Key string
	// Index is the value of Text as an expression, for any other
	// variable. It may be negative.
	Index int
}

// Vars is the evaluator's view of the shell's variables. Names are as
// written in the expression; the implementation follows namerefs.
type Vars interface {
	// IsAssoc reports whether name is an associative array, whose
	// subscripts are keys rather than expressions.
	IsAssoc(name string) bool
	// Get returns the value of name, or of its element sub, and whether
	// it is set. With no subscript an array gives its element 0 (key
	// "0"); a negative index counts back from the end of an indexed
	// array; a string variable has only element 0.
	Get(name string, sub Sub) (value string, set bool)
	// Set assigns value to name or to its element sub, as Get reads
	// them. Its error (a readonly variable, an index before the start
	// of the array) ends the evaluation and is returned as it is.
	Set(name string, sub Sub, value string) error
	// NoUnset reports whether reading an unset variable is an error
	// (set -u): an *UnboundError.
	NoUnset() bool
}

// Eval evaluates the expression text s over vars and returns its value,
// with bash's 64-bit wrapping. An empty or blank text is 0. Errors are
// an *Error (bad syntax or constant, division by 0, ...), an
// *UnboundError, or one from vars.Set. cache keeps the parsed form of
// the texts evaluated (s and the values of variables that are
// expressions); it may be nil.
func Eval(s string, vars Vars, cache *Cache) (int64, error) {
	e := evaluator{vars: vars, cache: cache}
	return e.eval(s, 0)
}

// Text returns the text x was parsed from.
func (x *Expr) Text() string { return x.text }

// Eval evaluates x as Eval evaluates its text; cache serves the
// variables that hold expressions, and may be nil.
func (x *Expr) Eval(vars Vars, cache *Cache) (int64, error) {
	if v, ok := PlainDecimal(x.text); ok {
		return v, nil
	}
	e := evaluator{vars: vars, cache: cache}
	return e.run(x, 0)
}

// PlainDecimal reads s when it is only a decimal number without a
// leading zero (and an optional minus), which is what most variables
// hold and what most operands are: no parser needed.
func PlainDecimal(s string) (int64, bool) {
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

// evaluator runs programs over one set of variables.
type evaluator struct {
	vars  Vars
	cache *Cache
}

// eval evaluates text s, which a variable at nesting depth holds (0 for
// the expression itself).
func (e evaluator) eval(s string, depth int) (int64, error) {
	if v, ok := PlainDecimal(s); ok {
		return v, nil
	}
	if depth >= MaxDepth {
		return 0, &Error{Expr: s, Msg: "expression recursion level exceeded", Token: s}
	}
	return e.run(e.cache.Parse(s), depth)
}

// kept is a subscript a load evaluated for the op= store that follows.
type kept struct {
	sub Sub
	ok  bool
}

// run carries out a program.
func (e evaluator) run(p *Expr, depth int) (int64, error) {
	var buf [16]int64
	st := buf[:0]
	var slots [maxSlots]kept
	code := p.code
	for pc := 0; pc < len(code); pc++ {
		in := &code[pc]
		n := len(st)
		switch in.op {
		case opNum:
			st = append(st, in.arg)
		case opLoad:
			sub, err := e.subscript(p, in.ref, int(in.tok), depth)
			if err != nil {
				return 0, err
			}
			if in.slot >= 0 {
				slots[in.slot] = kept{sub, true}
			}
			v, err := e.load(in.ref, sub, depth)
			if err != nil {
				return 0, err
			}
			st = append(st, v)
		case opStore:
			var sub Sub
			if k := in.ref.keep; k >= 0 && slots[k].ok {
				sub = slots[k].sub
			} else {
				var err error
				if sub, err = e.subscript(p, in.ref, int(in.tok), depth); err != nil {
					return 0, err
				}
			}
			if err := e.store(in.ref, sub, st[n-1]); err != nil {
				return 0, err
			}
		case opPreInc, opPreDec, opPostInc, opPostDec:
			sub, err := e.subscript(p, in.ref, int(in.tok), depth)
			if err != nil {
				return 0, err
			}
			v, err := e.load(in.ref, sub, depth)
			if err != nil {
				return 0, err
			}
			w := v + 1
			if in.op == opPreDec || in.op == opPostDec {
				w = v - 1
			}
			if err := e.store(in.ref, sub, w); err != nil {
				return 0, err
			}
			if in.op == opPreInc || in.op == opPreDec {
				v = w
			}
			st = append(st, v)
		case opBinary:
			v, msg := binop(in.bin, st[n-2], st[n-1])
			if msg != "" {
				return 0, &Error{Expr: p.text, Msg: msg, Token: tokenAt(p.text, int(in.tok))}
			}
			st = st[:n-1]
			st[n-2] = v
		case opNeg, opNot, opBnot, opBool, opPop, opNip:
			st = stackOp(in.op, st)
		case opOr, opAnd:
			v := st[n-1]
			if (v != 0) == (in.op == opOr) {
				if in.skip != nil {
					return 0, in.skip.copy()
				}
				st[n-1] = boolInt(v != 0)
				pc = int(in.arg) - 1
			} else {
				st = st[:n-1]
			}
		case opJz:
			v := st[n-1]
			st = st[:n-1]
			if v == 0 {
				if in.skip != nil {
					return 0, in.skip.copy()
				}
				pc = int(in.arg) - 1
			}
		case opJmp:
			if in.skip != nil {
				return 0, in.skip.copy()
			}
			pc = int(in.arg) - 1
		case opFail:
			return 0, p.err.copy()
		}
	}
	if len(st) == 0 {
		return 0, nil
	}
	return st[len(st)-1], nil
}

// subscript reads the subscript of r, if it has one: the key of an
// associative array, else the index its text evaluates to. tok is the
// error position of the action that reads it.
func (e evaluator) subscript(p *Expr, r *ref, tok, depth int) (Sub, error) {
	if !r.hasSub {
		return Sub{}, nil
	}
	if e.vars.IsAssoc(r.name) {
		return Sub{Text: r.sub, Key: assocKey(r.sub)}, nil
	}
	if strings.TrimSpace(r.sub) == "" {
		return Sub{}, &Error{Expr: p.text, Msg: "bad array subscript", Token: tokenAt(p.text, tok)}
	}
	n, err := e.eval(r.sub, depth+1)
	if err != nil {
		return Sub{}, err
	}
	return Sub{Text: r.sub, Index: int(n)}, nil
}

// load reads a variable or element as a number, evaluating a value that
// is an expression.
func (e evaluator) load(r *ref, sub Sub, depth int) (int64, error) {
	val, set := e.vars.Get(r.name, sub)
	if !set {
		if e.vars.NoUnset() {
			n := r.name
			if r.hasSub {
				n += "[" + r.sub + "]"
			}
			return 0, &UnboundError{Name: n}
		}
		return 0, nil
	}
	if val == "" {
		return 0, nil
	}
	return e.eval(val, depth+1)
}

// store assigns a number to a variable or element.
func (e evaluator) store(r *ref, sub Sub, v int64) error {
	return e.vars.Set(r.name, sub, strconv.FormatInt(v, 10))
}

// assocKey is an associative array key written in an expression: its
// quotes are removed, as bash does.
func assocKey(sub string) string {
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

func boolInt(b bool) int64 {
	if b {
		return 1
	}
	return 0
}

// binop applies a binary operator with bash's 64-bit semantics; msg is
// bash's message when it fails.
func binop(op tok, a, b int64) (v int64, msg string) {
	switch op {
	case tBor:
		return a | b, ""
	case tBxor:
		return a ^ b, ""
	case tBand:
		return a & b, ""
	case tEq:
		return boolInt(a == b), ""
	case tNe:
		return boolInt(a != b), ""
	case tLt:
		return boolInt(a < b), ""
	case tGt:
		return boolInt(a > b), ""
	case tLe:
		return boolInt(a <= b), ""
	case tGe:
		return boolInt(a >= b), ""
	case tShl:
		return a << (uint64(b) & 63), "" // what x86 does with C's <<
	case tShr:
		return a >> (uint64(b) & 63), ""
	case tPlus:
		return a + b, ""
	case tMinus:
		return a - b, ""
	case tMul:
		return a * b, ""
	case tDiv, tMod:
		if b == 0 {
			return 0, "division by 0"
		}
		// Go, like bash, gives MinInt64 / -1 == MinInt64 and % == 0
		if op == tDiv {
			return a / b, ""
		}
		return a % b, ""
	case tPow:
		if b < 0 {
			return 0, "exponent less than 0"
		}
		v := int64(1)
		for b > 0 {
			if b&1 != 0 {
				v *= a
			}
			a *= a
			b >>= 1
		}
		return v, ""
	}
	return 0, ""
}

// stackOp runs an instruction that works on the top of the stack alone:
// the unary operators, and dropping the top value or the one below it.
// Both the evaluator and the parser's check of skipped parts use it.
func stackOp(op opcode, st []int64) []int64 {
	n := len(st)
	switch op {
	case opNeg:
		st[n-1] = -st[n-1]
	case opNot:
		st[n-1] = boolInt(st[n-1] == 0)
	case opBnot:
		st[n-1] = ^st[n-1]
	case opBool:
		st[n-1] = boolInt(st[n-1] != 0)
	case opPop:
		st = st[:n-1]
	case opNip:
		st[n-2] = st[n-1]
		st = st[:n-1]
	}
	return st
}

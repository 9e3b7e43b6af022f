package bashprint

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"mvdan.cc/sh/v3/syntax"
)

// word prints a word as it was written, but as bash 5.2 keeps it: $'...'
// decoded into single quotes, $"..." as "...", a $( ) or <( ) laid out
// anew on one line, arithmetic with the blanks it was written with.
func (p *printer) word(w *syntax.Word) string {
	if w == nil {
		return ""
	}
	var sb strings.Builder
	for _, part := range w.Parts {
		p.wordPart(&sb, part)
	}
	return sb.String()
}

func (p *printer) wordPart(sb *strings.Builder, part syntax.WordPart) {
	switch x := part.(type) {
	case *syntax.Lit:
		sb.WriteString(x.Value)
	case *syntax.SglQuoted:
		if x.Dollar {
			sb.WriteString(singleQuote(ansiC(x.Value)))
		} else {
			sb.WriteString("'" + x.Value + "'")
		}
	case *syntax.DblQuoted:
		sb.WriteByte('"')
		for _, in := range x.Parts {
			p.wordPart(sb, in)
		}
		sb.WriteByte('"')
	case *syntax.ParamExp:
		p.paramExp(sb, x)
	case *syntax.CmdSubst:
		if x.Backquotes {
			sb.WriteString("`" + subText(x.Stmts) + "`")
		} else {
			sb.WriteString("$(" + subText(x.Stmts) + ")")
		}
	case *syntax.ProcSubst:
		sb.WriteString(x.Op.String() + subText(x.Stmts) + ")")
	case *syntax.ArithmExp:
		if x.Bracket {
			sb.WriteString("$[" + arithText(x.X, offsetAfter(x.Left, 2), x.Right) + "]")
		} else {
			sb.WriteString("$((" + arithText(x.X, offsetAfter(x.Left, 3), x.Right) + "))")
		}
	case *syntax.ExtGlob:
		sb.WriteString(x.Op.String() + x.Pattern.Value + ")")
	default:
		var b strings.Builder
		_ = syntax.NewPrinter().Print(&b, &syntax.Word{Parts: []syntax.WordPart{part}})
		sb.WriteString(b.String())
	}
}

// subText is the code of a command or process substitution as bash 5.2
// shows it: on one line where it was written on one.
func subText(stmts []*syntax.Stmt) string {
	p := &printer{comsub: true}
	p.list(stmts)
	p.flush()
	return p.b.String()
}

func (p *printer) paramExp(sb *strings.Builder, x *syntax.ParamExp) {
	if x.Short {
		if x.Dollar.IsValid() || x.Index == nil {
			sb.WriteByte('$')
		}
		sb.WriteString(x.Param.Value) // a[i] in arithmetic has no $
		if x.Index != nil {
			sb.WriteString("[" + arithText(x.Index, x.Index.Pos(), x.Index.End()) + "]")
		}
		return
	}
	sb.WriteString("${")
	switch {
	case x.Length:
		sb.WriteByte('#')
	case x.Width:
		sb.WriteByte('%')
	case x.Excl:
		sb.WriteByte('!')
	}
	if x.Param != nil {
		sb.WriteString(x.Param.Value)
	}
	if x.Index != nil {
		sb.WriteString("[" + arithText(x.Index, x.Index.Pos(), x.Index.End()) + "]")
	}
	switch {
	case x.Names != 0:
		sb.WriteString(x.Names.String())
	case x.Slice != nil:
		sb.WriteByte(':')
		if o := x.Slice.Offset; o != nil {
			from := syntax.Pos{}
			if x.Index == nil && x.Param != nil {
				from = offsetAfter(x.Param.End(), 1)
			}
			sb.WriteString(arithText(o, from, o.End()))
		}
		if l := x.Slice.Length; l != nil {
			sb.WriteString(":" + arithText(l, l.Pos(), l.End()))
		}
	case x.Repl != nil:
		if x.Repl.All {
			sb.WriteString("//")
		} else {
			sb.WriteByte('/')
		}
		sb.WriteString(p.word(x.Repl.Orig))
		// ${x/a/} is written with its second "/": the parse has no
		// word after it, but the brace is further on
		with := x.Repl.With != nil && len(x.Repl.With.Parts) > 0
		if orig := x.Repl.Orig; orig != nil && len(orig.Parts) > 0 && x.Rbrace.IsValid() &&
			x.Rbrace.Offset() > orig.End().Offset() {
			with = true
		}
		if with {
			sb.WriteString("/" + p.word(x.Repl.With))
		}
	case x.Exp != nil:
		sb.WriteString(x.Exp.Op.String() + p.word(x.Exp.Word))
	}
	sb.WriteByte('}')
}

// assign prints an assignment (or a declaration's argument) as written.
func (p *printer) assign(a *syntax.Assign) {
	if a.Naked {
		if a.Name != nil {
			p.s(a.Name.Value)
			if a.Index != nil {
				p.s("[" + arithText(a.Index, a.Index.Pos(), a.Index.End()) + "]")
			}
		} else {
			p.s(p.word(a.Value))
		}
		return
	}
	p.s(a.Name.Value)
	if a.Index != nil {
		p.s("[" + arithText(a.Index, a.Index.Pos(), a.Index.End()) + "]")
	}
	if a.Append {
		p.s("+=")
	} else {
		p.s("=")
	}
	if a.Array != nil {
		p.s("(")
		for i, el := range a.Array.Elems {
			if i > 0 {
				p.s(" ")
			}
			if el.Index != nil {
				p.s("[" + arithText(el.Index, el.Index.Pos(), el.Index.End()) + "]=")
			}
			p.s(p.word(el.Value))
		}
		p.s(")")
		return
	}
	p.s(p.word(a.Value))
}

// token is a piece of an arithmetic expression and where its source was.
type token struct {
	text       string
	start, end syntax.Pos
}

// arithText is an arithmetic expression as it was written: its tokens
// with the blanks that stood between them in the source, and those
// between from and the first token and between the last and to (bash
// keeps the text of (( )), $(( )) and subscripts as read). A position
// not known counts as no blank.
func arithText(x syntax.ArithmExpr, from, to syntax.Pos) string {
	return arithTextWith(x, from, to, nil)
}

// arithTextWith is arithText with each word shown by show, nil for as
// written; an a[i] is shown as a, "[", its subscript's text, "]".
func arithTextWith(x syntax.ArithmExpr, from, to syntax.Pos, show func(*syntax.Word) string) string {
	var toks []token
	arithTokens(x, &toks, show)
	var sb strings.Builder
	prev := from
	for _, t := range toks {
		sb.WriteString(blanks(prev, t.start))
		sb.WriteString(t.text)
		prev = t.end
	}
	sb.WriteString(blanks(prev, to))
	return sb.String()
}

// blanks is what stood between two positions of an arithmetic
// expression, as bash keeps it: the blanks, and the new lines, but not a
// backslash and new line (taken to be one when a line break follows
// something after the token before it).
func blanks(from, to syntax.Pos) string {
	n := gap(from, to)
	if n == 0 || to.Line() <= from.Line() {
		return strings.Repeat(" ", n)
	}
	lines, indent := int(to.Line()-from.Line()), int(to.Col())-1
	if trailing := n - indent - lines; trailing > 0 {
		return strings.Repeat(" ", trailing-1+indent)
	}
	return strings.Repeat("\n", lines) + strings.Repeat(" ", max(indent, 0))
}

// gap is the number of bytes between two positions of one source, or 0.
func gap(from, to syntax.Pos) int {
	if !from.IsValid() || !to.IsValid() || to.Offset() <= from.Offset() {
		return 0
	}
	return int(to.Offset() - from.Offset())
}

// offsetAfter is pos moved n bytes on the same line (past "((" or ":").
func offsetAfter(pos syntax.Pos, n int) syntax.Pos {
	if !pos.IsValid() {
		return pos
	}
	return syntax.NewPos(pos.Offset()+uint(n), pos.Line(), pos.Col()+uint(n))
}

func arithTokens(x syntax.ArithmExpr, toks *[]token, show func(*syntax.Word) string) {
	switch e := x.(type) {
	case *syntax.Word:
		text := ""
		switch pe := soleParam(e); {
		case show == nil:
			text = (&printer{}).word(e)
		case pe != nil && pe.Short && pe.Index != nil && !pe.Dollar.IsValid():
			text = pe.Param.Value + "[" + arithTextWith(pe.Index, pe.Index.Pos(), pe.Index.End(), show) + "]"
		default:
			text = show(e)
		}
		*toks = append(*toks, token{text, e.Pos(), e.End()})
	case *syntax.BinaryArithm:
		arithTokens(e.X, toks, show)
		op := e.Op.String()
		*toks = append(*toks, token{op, e.OpPos, offsetAfter(e.OpPos, len(op))})
		arithTokens(e.Y, toks, show)
	case *syntax.UnaryArithm:
		op := e.Op.String()
		opTok := token{op, e.OpPos, offsetAfter(e.OpPos, len(op))}
		if e.Post {
			arithTokens(e.X, toks, show)
			*toks = append(*toks, opTok)
		} else {
			*toks = append(*toks, opTok)
			arithTokens(e.X, toks, show)
		}
	case *syntax.ParenArithm:
		*toks = append(*toks, token{"(", e.Lparen, offsetAfter(e.Lparen, 1)})
		arithTokens(e.X, toks, show)
		*toks = append(*toks, token{")", e.Rparen, offsetAfter(e.Rparen, 1)})
	default:
		var sb strings.Builder
		_ = syntax.NewPrinter().Print(&sb, x)
		*toks = append(*toks, token{sb.String(), x.Pos(), x.End()})
	}
}

// soleParam is the parameter expansion that is all of w, or nil.
func soleParam(w *syntax.Word) *syntax.ParamExp {
	if len(w.Parts) != 1 {
		return nil
	}
	pe, _ := w.Parts[0].(*syntax.ParamExp)
	return pe
}

// cStyle is the head of for (( ; ; )) as bash shows it: its parts
// joined by "; ".
func cStyle(l *syntax.CStyleLoop) string {
	parts := LoopParts(l, nil)
	return strings.Join(parts[:], "; ")
}

// LoopParts returns the three expressions of for (( init; cond; post ))
// as bash keeps them: each as written without its leading blanks, a
// missing one as 1, each word in them shown by show (as written when
// show is nil).
func LoopParts(l *syntax.CStyleLoop, show func(*syntax.Word) string) [3]string {
	exprs := []syntax.ArithmExpr{l.Init, l.Cond, l.Post}
	var parts [3]string
	for i, x := range exprs {
		if x == nil {
			parts[i] = "1"
			continue
		}
		// the blanks after an expression: those before the ";" that
		// ends it (taken as all but one of the blanks before the next
		// expression) or before "))"
		end := l.Rparen
		if i < 2 {
			end = syntax.Pos{}
			if next := exprs[i+1]; next != nil && x.End().IsValid() && next.Pos().IsValid() {
				if g := gap(x.End(), next.Pos()) - 2; g > 0 {
					end = offsetAfter(x.End(), g)
				}
			}
		}
		parts[i] = arithTextWith(x, x.Pos(), end, show)
	}
	return parts
}

// singleQuote quotes s in single quotes, each quote in it closed,
// escaped and opened again, as bash quotes it.
func singleQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// ansiC decodes the text of $'...' as bash does when it reads it; the
// text ends at a NUL, as bash's string does.
func ansiC(s string) string {
	t := decodeANSIC(s)
	if i := strings.IndexByte(t, 0); i >= 0 {
		t = t[:i]
	}
	return t
}

func decodeANSIC(s string) string {
	var sb strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' || i+1 == len(s) {
			sb.WriteByte(c)
			continue
		}
		i++
		switch c = s[i]; c {
		case 'a':
			sb.WriteByte('\a')
		case 'b':
			sb.WriteByte('\b')
		case 'e', 'E':
			sb.WriteByte(0x1b)
		case 'f':
			sb.WriteByte('\f')
		case 'n':
			sb.WriteByte('\n')
		case 'r':
			sb.WriteByte('\r')
		case 't':
			sb.WriteByte('\t')
		case 'v':
			sb.WriteByte('\v')
		case '\\', '\'', '"', '?':
			sb.WriteByte(c)
		case 'c':
			if i+1 < len(s) {
				i++
				sb.WriteByte(s[i] & 0x1f)
			} else {
				sb.WriteString(`\c`)
			}
		case 'x', 'u', 'U':
			max := map[byte]int{'x': 2, 'u': 4, 'U': 8}[c]
			j := i + 1
			for j < len(s) && j-i-1 < max && isHex(s[j]) {
				j++
			}
			if j == i+1 {
				sb.WriteString(`\` + string(c))
				continue
			}
			v, _ := strconv.ParseUint(s[i+1:j], 16, 32)
			if c == 'x' {
				sb.WriteByte(byte(v))
			} else if utf8.ValidRune(rune(v)) {
				sb.WriteRune(rune(v))
			}
			i = j - 1
		case '0', '1', '2', '3', '4', '5', '6', '7':
			j := i
			for j < len(s) && j-i < 3 && s[j] >= '0' && s[j] <= '7' {
				j++
			}
			v, _ := strconv.ParseUint(s[i:j], 8, 16)
			sb.WriteByte(byte(v))
			i = j - 1
		default:
			sb.WriteByte('\\')
			sb.WriteByte(c)
		}
	}
	return sb.String()
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

package bashread

import (
	"encoding/hex"
	"regexp"
	"strings"
	"sync"

	"mvdan.cc/sh/v3/syntax"
)

// bash's reader takes a parameter expansion as text: it finds where
// ${...} ends (by its brace rules: quotes, nested ${...}, $(...) and
// escapes) and checks what is inside only when the word is expanded, so
// `${(M)x}` (zsh's flags) in a branch never taken is no error, and one
// that runs fails that command with "${(M)x}: bad substitution".
// mvdan.cc/sh/v3/syntax rejects such text when it parses. So when a
// command does not parse, DeferBadSubst hands the parser a stand-in for
// each ${...} it rejects alone, and RestoreBadSubst turns the stand-ins
// of the parsed tree into parameter expansions whose name is the text
// as written: they print as written (declare -f), and package wordexp
// fails on them when they are expanded (a name no variable can have).

// substMark brackets the written text of a stand-in: a Unicode
// noncharacter, which no script has.
const substMark = "\uFDD2"

// standInRe finds stand-ins in text, for RestoreBadSubst and for
// messages that show a line of the text the parser read.
var standInRe = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`\$\{_:-` + substMark + `([0-9a-f]*)` + substMark + `\n*\}`)
})

// standIn is the text the parser reads in place of ${inner}: an
// expansion it takes anywhere a word may have one, carrying the text as
// written, and as many newlines so that the lines after it keep their
// numbers.
func standIn(inner string) string {
	return "${_:-" + substMark + hex.EncodeToString([]byte(inner)) + substMark + strings.Repeat("\n", strings.Count(inner, "\n")) + "}"
}

// atOperatorRe matches the text of ${name@op}, ${name[sub]@op}.
var atOperatorRe = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?s)^((?:[A-Za-z_][A-Za-z0-9_]*|[0-9]+|[@*])(?:\[[^]]*\])?)@(.*)$`)
})

// atStandIn is the stand-in for ${name@op} with an operator bash does
// not know: ${name@Q${stand-in}}, the stand-in carrying the operator as
// written, which RestoreBadSubst puts back. bash checks the operator
// only when the parameter is set, and then the error ends a script
// (package wordexp).
func atStandIn(inner string, dq bool) (string, bool) {
	m := atOperatorRe().FindStringSubmatch(inner)
	if m == nil || strings.Contains(m[2], "\n") {
		return "", false
	}
	alt := "${" + m[1] + "@Q" + standIn(m[2]) + "}"
	return alt, parses(alt, dq)
}

// UndoStandIns gives text (a line of what the parser read, for a
// message) with its stand-ins as written.
func UndoStandIns(text string) string {
	if !strings.Contains(text, substMark) {
		return text
	}
	return standInRe().ReplaceAllStringFunc(text, func(m string) string {
		inner, ok := standInText(m[len("${_:-"):])
		if !ok {
			return m
		}
		return "${" + inner + "}"
	})
}

// standInText decodes the written text from what follows "${_:-" in a
// stand-in.
func standInText(s string) (string, bool) {
	rest, ok := strings.CutPrefix(s, substMark)
	if !ok {
		return "", false
	}
	enc, _, ok := strings.Cut(rest, substMark)
	if !ok {
		return "", false
	}
	b, err := hex.DecodeString(enc)
	return string(b), err == nil
}

// DeferBadSubst rewrites src, a command that did not parse, with a
// stand-in for each ${...} that the parser rejects where bash would
// read it and only fail when expanding it. A ${...} with a command
// substitution inside that does not parse stays as it is: bash parses
// those as it reads them, so that is a syntax error. It reports whether
// anything changed, and where in src a ${ starts that src ends inside
// (bash reads on for its closing brace), or -1.
func DeferBadSubst(src string) (out string, changed bool, open int) {
	if !strings.Contains(src, "${") {
		return src, false, -1
	}
	s := &substScan{src: src, open: -1}
	var sb strings.Builder
	s.code(&sb, 0)
	return sb.String(), s.changed, s.open
}

// substScan walks shell text the way bash's reader delimits words, copying
// it to an output with the stand-ins in place.
type substScan struct {
	src     string
	i       int
	changed bool
	// heredocs whose bodies start after the current line
	pending []heredoc
	// braces is how many ${...} the text being read is inside;
	// brokenSub is set when a command substitution inside the ones
	// being read does not parse
	braces    int
	brokenSub bool
	open      int // where the ${ starts that the text ended inside, or -1
}

type heredoc struct {
	delim         string
	quoted, strip bool
}

// code copies shell code up to closer (')' of a $(...), '`' of a
// backquoted command, or 0 for the end of the text), which it leaves
// unread.
func (s *substScan) code(out *strings.Builder, closer byte) {
	depth := 0
	for s.i < len(s.src) {
		c := s.src[s.i]
		switch {
		case c == closer && (closer != ')' || depth == 0):
			return
		case c == '\\':
			s.copyN(out, 2)
		case c == '\'':
			s.single(out)
		case c == '"':
			s.double(out)
		case c == '`' && closer != '`':
			s.backquote(out)
		case c == '$':
			s.dollar(out, false)
		case c == '(':
			depth++
			s.copyN(out, 1)
		case c == ')':
			depth--
			s.copyN(out, 1)
		case c == '#' && wordStart(s.src, s.i):
			end := strings.IndexByte(s.src[s.i:], '\n')
			if end < 0 {
				end = len(s.src) - s.i
			}
			s.copyN(out, end)
		case c == '<' && strings.HasPrefix(s.src[s.i:], "<<") && !strings.HasPrefix(s.src[s.i:], "<<<"):
			s.heredocOp(out)
		case c == '\n':
			s.copyN(out, 1)
			s.bodies(out)
		default:
			s.copyN(out, 1)
		}
	}
}

func (s *substScan) copyN(out *strings.Builder, n int) {
	end := min(s.i+n, len(s.src))
	out.WriteString(s.src[s.i:end])
	s.i = end
}

// wordStart reports whether offset i of src starts a word, where # starts
// a comment.
func wordStart(src string, i int) bool {
	return i == 0 || strings.IndexByte(" \t\n;&|()<>", src[i-1]) >= 0
}

// single copies a single-quoted string.
func (s *substScan) single(out *strings.Builder) {
	end := strings.IndexByte(s.src[s.i+1:], '\'')
	if end < 0 {
		s.copyN(out, len(s.src))
		return
	}
	s.copyN(out, end+2)
}

// double copies a double-quoted string, with its expansions.
func (s *substScan) double(out *strings.Builder) {
	s.copyN(out, 1)
	s.quoted(out, true)
}

// quoted copies text in which only \, $ and ` are special (inside double
// quotes, or a here-document's body), up to a closing " if closes says
// there is one, else to the end.
func (s *substScan) quoted(out *strings.Builder, closes bool) {
	for s.i < len(s.src) {
		switch s.src[s.i] {
		case '\\':
			s.copyN(out, 2)
		case '"':
			s.copyN(out, 1)
			if closes {
				return
			}
		case '`':
			s.backquote(out)
		case '$':
			s.dollar(out, true)
		default:
			s.copyN(out, 1)
		}
	}
}

// backquote copies a `...` command substitution.
func (s *substScan) backquote(out *strings.Builder) {
	s.copyN(out, 1)
	s.code(out, '`')
	s.copyN(out, 1)
}

// dollar copies what starts with $ at s.i: ${...}, $(...), $((...)),
// $'...' or a lone $.
func (s *substScan) dollar(out *strings.Builder, dq bool) {
	rest := s.src[s.i:]
	switch {
	case strings.HasPrefix(rest, "${"):
		s.brace(out, dq)
	case strings.HasPrefix(rest, "$("):
		s.comsub(out)
	case strings.HasPrefix(rest, "$'") && !dq:
		s.copyN(out, 1)
		s.ansiC(out)
	default:
		s.copyN(out, 1)
	}
}

// ansiC copies a $'...' string's quoted part, where \' does not end it.
func (s *substScan) ansiC(out *strings.Builder) {
	s.copyN(out, 1)
	for s.i < len(s.src) {
		switch s.src[s.i] {
		case '\\':
			s.copyN(out, 2)
		case '\'':
			s.copyN(out, 1)
			return
		default:
			s.copyN(out, 1)
		}
	}
}

// comsub copies a $(...) or $((...)); inside a ${...} it notes whether
// the substitution parses.
func (s *substScan) comsub(out *strings.Builder) {
	var sub strings.Builder
	s.copyN(&sub, 2)
	s.code(&sub, ')')
	s.copyN(&sub, 1)
	text := sub.String()
	if s.braces > 0 && !strings.HasPrefix(text, "$((") && !parses(text, false) {
		s.brokenSub = true
	}
	out.WriteString(text)
}

// brace copies a ${...}, or its stand-in when the parser rejects it.
// Inside it, quotes pair up and nested expansions are read whole, as
// bash finds the closing brace; the ${...}s inside are decided first.
func (s *substScan) brace(out *strings.Builder, dq bool) {
	start := s.i
	outerBroken := s.brokenSub
	s.brokenSub = false
	s.braces++
	defer func() {
		s.braces--
		s.brokenSub = s.brokenSub || outerBroken
	}()
	var inner strings.Builder
	s.copyN(&inner, 2)
	for s.i < len(s.src) {
		switch c := s.src[s.i]; c {
		case '\\':
			s.copyN(&inner, 2)
		case '\'':
			s.single(&inner)
		case '"':
			s.double(&inner)
		case '`':
			s.backquote(&inner)
		case '$':
			s.dollar(&inner, dq)
		case '}':
			s.copyN(&inner, 1)
			text := inner.String()
			if s.brokenSub || parses(text, dq) {
				out.WriteString(text)
				return
			}
			written := s.src[start+2 : s.i-1]
			if alt, ok := atStandIn(written, dq); ok {
				out.WriteString(alt)
			} else {
				out.WriteString(standIn(written))
			}
			s.changed = true
			return
		default:
			s.copyN(&inner, 1)
		}
	}
	// no closing brace: the parser's error stands
	if s.open < 0 {
		s.open = start
	}
	out.WriteString(inner.String())
}

// parses reports whether mvdan's parser takes word (in double quotes
// when dq) as an argument.
func parses(word string, dq bool) bool {
	if dq {
		word = `"` + word + `"`
	}
	_, err := syntax.NewParser(syntax.Variant(syntax.LangBash)).Parse(strings.NewReader(": "+word+"\n"), "")
	return err == nil
}

// heredocOp copies a << or <<- operator and its delimiter word, and
// notes the body to come.
func (s *substScan) heredocOp(out *strings.Builder) {
	s.copyN(out, 2)
	h := heredoc{}
	if s.i < len(s.src) && s.src[s.i] == '-' {
		h.strip = true
		s.copyN(out, 1)
	}
	for s.i < len(s.src) && (s.src[s.i] == ' ' || s.src[s.i] == '\t') {
		s.copyN(out, 1)
	}
	var delim strings.Builder
	for s.i < len(s.src) && strings.IndexByte(" \t\n;&|()<>", s.src[s.i]) < 0 {
		switch c := s.src[s.i]; c {
		case '\'', '"':
			h.quoted = true
			end := strings.IndexByte(s.src[s.i+1:], c)
			if end < 0 {
				end = len(s.src) - s.i - 1
			}
			delim.WriteString(s.src[s.i+1 : s.i+1+end])
			s.copyN(out, end+2)
		case '\\':
			h.quoted = true
			if s.i+1 < len(s.src) {
				delim.WriteByte(s.src[s.i+1])
			}
			s.copyN(out, 2)
		default:
			delim.WriteByte(c)
			s.copyN(out, 1)
		}
	}
	if delim.Len() > 0 {
		h.delim = delim.String()
		s.pending = append(s.pending, h)
	}
}

// bodies copies the bodies of the here-documents whose operators were on
// the line just ended: text as it is when the delimiter was quoted,
// scanned for expansions (as in double quotes) when not.
func (s *substScan) bodies(out *strings.Builder) {
	pending := s.pending
	s.pending = nil
	for _, h := range pending {
		start := s.i
		end := len(s.src)
		for pos := s.i; pos < len(s.src); {
			eol := strings.IndexByte(s.src[pos:], '\n')
			next := len(s.src)
			if eol >= 0 {
				next = pos + eol + 1
			}
			line := strings.TrimSuffix(s.src[pos:next], "\n")
			if h.strip {
				line = strings.TrimLeft(line, "\t")
			}
			if line == h.delim {
				end = next
				break
			}
			pos = next
		}
		if h.quoted {
			s.copyN(out, end-start)
			continue
		}
		body := &substScan{src: s.src[:end], i: start}
		body.hdoc(out)
		s.changed = s.changed || body.changed
		s.i = end
	}
}

// hdoc copies an unquoted here-document body: only \, $ and ` are
// special in it.
func (s *substScan) hdoc(out *strings.Builder) { s.quoted(out, false) }

// RestoreBadSubst turns the stand-ins in a parsed tree into what
// package wordexp expands as a bad substitution: a parameter expansion
// whose name is the text written between ${ and }. Stand-ins that ended
// up in literal text (a place bash does not expand) are put back as
// written.
func RestoreBadSubst(n syntax.Node) {
	syntax.Walk(n, func(n syntax.Node) bool {
		switch n := n.(type) {
		case *syntax.ParamExp:
			if op, ok := atStandInOp(n); ok {
				l := n.Exp.Word.Parts[0].(*syntax.Lit)
				l.Value, l.ValueEnd = op, n.Exp.Word.End()
				n.Exp.Word.Parts = n.Exp.Word.Parts[:1]
				return false
			}
			if inner, ok := standInNode(n); ok {
				pos := n.Param.ValuePos
				*n = syntax.ParamExp{Dollar: n.Dollar, Rbrace: n.Rbrace,
					Param: &syntax.Lit{ValuePos: pos, ValueEnd: n.Rbrace, Value: inner}}
				return false
			}
		case *syntax.Lit:
			n.Value = UndoStandIns(n.Value)
		case *syntax.SglQuoted:
			n.Value = UndoStandIns(n.Value)
		case *syntax.Comment:
			n.Text = UndoStandIns(n.Text)
		}
		return true
	})
}

// standInNode reports whether pe is a stand-in, and the text it stands
// for.
func standInNode(pe *syntax.ParamExp) (string, bool) {
	if pe.Param == nil || pe.Param.Value != "_" || pe.Exp == nil || pe.Exp.Op != syntax.DefaultUnsetOrNull ||
		pe.Exp.Word == nil || len(pe.Exp.Word.Parts) != 1 || pe.Index != nil || pe.Excl || pe.Length {
		return "", false
	}
	l, ok := pe.Exp.Word.Parts[0].(*syntax.Lit)
	if !ok || !strings.HasPrefix(l.Value, substMark) {
		return "", false
	}
	return standInText(l.Value)
}

// atStandInOp reports whether pe is an atStandIn, and its operator as
// written.
func atStandInOp(pe *syntax.ParamExp) (string, bool) {
	if pe.Exp == nil || pe.Exp.Op != syntax.OtherParamOps || pe.Exp.Word == nil || len(pe.Exp.Word.Parts) != 2 {
		return "", false
	}
	l, ok := pe.Exp.Word.Parts[0].(*syntax.Lit)
	in, ok2 := pe.Exp.Word.Parts[1].(*syntax.ParamExp)
	if !ok || !ok2 || l.Value != "Q" {
		return "", false
	}
	return standInNode(in)
}

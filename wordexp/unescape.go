package wordexp

import (
	"strings"

	"mvdan.cc/sh/v3/syntax"
)

// defaultWord reports whether pe is ${x-w}, ${x:+w} and the like, whose
// word is expanded as text (not as a pattern).
func defaultWord(pe *syntax.ParamExp) bool {
	if pe.Exp == nil || pe.Exp.Word == nil || len(pe.Exp.Word.Parts) == 0 {
		return false
	}
	switch pe.Exp.Op {
	case syntax.DefaultUnset, syntax.DefaultUnsetOrNull, syntax.AlternateUnset, syntax.AlternateUnsetOrNull,
		syntax.AssignUnset, syntax.AssignUnsetOrNull, syntax.ErrorUnset, syntax.ErrorUnsetOrNull:
		return true
	}
	return false
}

// UnescapeLits does quote removal on the backslashes of a word's
// unquoted literal parts: expand.Literal keeps them, so x=\"a\"\ b would
// otherwise keep its backslashes. The parts become single-quoted so that
// nothing in them is expanded again.
func UnescapeLits(parts []syntax.WordPart) []syntax.WordPart {
	var out []syntax.WordPart
	for i, p := range parts {
		if pe, ok := p.(*syntax.ParamExp); ok && defaultWord(pe) {
			// the word of ${x:-w} is unquoted text too: u=${x:-\'} is '
			if w := UnescapeLits(pe.Exp.Word.Parts); len(w) > 0 && &w[0] != &pe.Exp.Word.Parts[0] {
				c, e := *pe, *pe.Exp
				e.Word = &syntax.Word{Parts: w}
				c.Exp = &e
				if out == nil {
					out = append([]syntax.WordPart(nil), parts[:i]...)
				}
				out = append(out, &c)
				continue
			}
		}
		l, ok := p.(*syntax.Lit)
		if !ok || !strings.Contains(l.Value, `\`) {
			if out != nil {
				out = append(out, p)
			}
			continue
		}
		if out == nil {
			out = append([]syntax.WordPart(nil), parts[:i]...)
		}
		var sb strings.Builder
		s := l.Value
		for j := 0; j < len(s); j++ {
			if s[j] == '\\' && j+1 < len(s) {
				j++
			}
			sb.WriteByte(s[j])
		}
		out = append(out, &syntax.SglQuoted{Left: l.ValuePos, Right: l.ValueEnd, Value: sb.String()})
	}
	if out == nil {
		return parts
	}
	return out
}

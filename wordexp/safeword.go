package wordexp

import "mvdan.cc/sh/v3/syntax"

// SafeValue expands w when that cannot change anything: it is made
// of literal text, quotes and parameter expansions with no assigning,
// erroring or command-running part (${x:=v}, ${x?}, $(...), $((...))
// are not). ok is false for any other word, or when the expansion fails.
func (x *Expander) SafeValue(w *syntax.Word) (string, bool) {
	if w == nil || !safeParts(w.Parts) {
		return "", false
	}
	s, err := x.Literal(w)
	return s, err == nil
}

func safeParts(parts []syntax.WordPart) bool {
	for _, p := range parts {
		switch p := p.(type) {
		case *syntax.Lit, *syntax.SglQuoted:
		case *syntax.DblQuoted:
			if !safeParts(p.Parts) {
				return false
			}
		case *syntax.ParamExp:
			if p.Exp != nil || p.Repl != nil || p.Slice != nil || p.Index != nil || p.Excl || p.Param == nil {
				return false
			}
		default:
			return false
		}
	}
	return true
}

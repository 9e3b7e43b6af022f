package parse

import "mvdan.cc/sh/v3/syntax"

// KeywordAssigns is c as set -k reads it: every argument that is an
// assignment word (name=value as written, the name unquoted) goes to
// the command's environment, as those before the command's name do, not
// just the ones that come first. c itself is returned when it has none;
// otherwise c is left as it was and a copy is changed.
func KeywordAssigns(c *syntax.CallExpr) *syntax.CallExpr {
	var args []*syntax.Word
	var assigns []*syntax.Assign
	for i, w := range c.Args {
		as := assignWord(w)
		if i == 0 || as == nil {
			args = append(args, w)
			continue
		}
		assigns = append(assigns, as)
	}
	if assigns == nil {
		return c
	}
	nc := *c
	nc.Assigns = append(append([]*syntax.Assign(nil), c.Assigns...), assigns...)
	nc.Args = args
	return &nc
}

// assignWord returns w as an assignment if it is written name=value.
func assignWord(w *syntax.Word) *syntax.Assign {
	if len(w.Parts) == 0 {
		return nil
	}
	l, ok := w.Parts[0].(*syntax.Lit)
	if !ok {
		return nil
	}
	i := 0
	for i < len(l.Value) && (l.Value[i] == '_' || l.Value[i] >= 'a' && l.Value[i] <= 'z' ||
		l.Value[i] >= 'A' && l.Value[i] <= 'Z' || i > 0 && l.Value[i] >= '0' && l.Value[i] <= '9') {
		i++
	}
	if i == 0 || i >= len(l.Value) || l.Value[i] != '=' {
		return nil
	}
	val := &syntax.Word{Parts: append([]syntax.WordPart{&syntax.Lit{ValuePos: l.ValuePos, ValueEnd: l.ValueEnd, Value: l.Value[i+1:]}}, w.Parts[1:]...)}
	return &syntax.Assign{Name: &syntax.Lit{ValuePos: l.ValuePos, Value: l.Value[:i]}, Value: val}
}

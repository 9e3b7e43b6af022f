package shell

import (
	"context"
	"strings"

	"mvdan.cc/sh/v3/syntax"

	"pipesh/builtins"
)

// declNames are the declare-family builtins. The parser turns them into a
// DeclClause only when written literally as the command name.
var declNames = map[string]bool{
	"declare": true, "typeset": true, "local": true, "export": true,
	"readonly": true,
}

// declWords runs a declare-family builtin on already expanded words, as
// bash does when the name comes from an expansion or follows prefix
// assignments: each word is one operand, split and globbed like any
// command's argument, never reparsed as an assignment.
func (r *Runner) declWords(ctx context.Context, name string, args []string) {
	dc := &syntax.DeclClause{Variant: &syntax.Lit{Value: name}}
	for _, a := range args {
		w := &syntax.Word{Parts: []syntax.WordPart{&syntax.SglQuoted{Value: a}}}
		dc.Args = append(dc.Args, &syntax.Assign{Naked: true, Value: w})
	}
	r.declClause(ctx, dc)
}

// posixSpecial reports (and fails on) a function definition that would
// hide a special builtin, which bash refuses in posix mode: a fatal error
// in a script.
func (r *Runner) posixSpecial(name string) bool {
	if !r.opts[optPosix] {
		return false
	}
	if b, ok := builtins.Lookup(name); !ok || !b.Special {
		return false
	}
	r.errorf("`%s': is a special builtin", name)
	r.status = 2
	if !r.sh.interactive {
		r.flow = flow{kind: flowExit}
	}
	return true
}

// declLastArg sets $_ after a declare-family command as bash does: the
// last word, where an assignment counts as name=value, or just the name
// when it assigns an array.
func (r *Runner) declLastArg(cmd string, args []*syntax.Assign) {
	if len(args) == 0 {
		r.lastArg = cmd
		return
	}
	as := args[len(args)-1]
	switch {
	case as.Name == nil:
		if f, err := r.fields([]*syntax.Word{as.Value}); err == nil && len(f) > 0 {
			r.lastArg = f[len(f)-1]
		}
	case as.Array != nil || as.Naked:
		r.lastArg = as.Name.Value
	default:
		r.lastArg = as.Name.Value + "=" + r.lookupVar(as.Name.Value).String()
	}
}

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

// unescapeLits does quote removal on the backslashes of a word's
// unquoted literal parts: expand.Literal keeps them, so x=\"a\"\ b would
// otherwise keep its backslashes. The parts become single-quoted so that
// nothing in them is expanded again.
func unescapeLits(parts []syntax.WordPart) []syntax.WordPart {
	var out []syntax.WordPart
	for i, p := range parts {
		if pe, ok := p.(*syntax.ParamExp); ok && defaultWord(pe) {
			// the word of ${x:-w} is unquoted text too: u=${x:-\'} is '
			if w := unescapeLits(pe.Exp.Word.Parts); len(w) > 0 && &w[0] != &pe.Exp.Word.Parts[0] {
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

package shell

import (
	"context"

	"mvdan.cc/sh/v3/syntax"

	"pipesh/builtins"
)

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

package shell

import (
	"context"

	"mvdan.cc/sh/v3/expand"

	"pipesh/builtins"
	"pipesh/childstate"
	"pipesh/progcomp"
	"pipesh/quote"
)

// compTable holds the completion specifications complete stores, by
// command name. A subshell gets a copy of the map; the specs in it are
// replaced by the builtins, never changed in place, so they are shared.
type compTable map[string]*builtins.CompSpec

// compSpec is one specification of the table.
type compSpec = builtins.CompSpec

// completionSpecs is complete's table of specifications, made on first
// use.
func (r *Runner) completionSpecs() map[string]*builtins.CompSpec {
	if r.compSpecs == nil {
		r.compSpecs = compTable{}
	}
	return r.compSpecs
}

// CompletionContext is what a completion function or command is told
// of the line being completed (package progcomp).
type CompletionContext = progcomp.Context

// CompletionFunc runs the function fn with args (the command, the word
// completed, the word before it) as complete -F does: with the COMP_
// variables of cc set, COMPREPLY unset first, and read as the
// candidates after. The status is the function's: 124 asks for the
// completion to be tried again, its specification having changed.
func (r *Runner) CompletionFunc(ctx context.Context, fn string, args []string, cc CompletionContext) (reply []string, status int) {
	defer r.compEnter(cc)()
	r.unsetVar("COMPREPLY")
	status = r.eval(ctx, quote.Call(fn, args))
	reply = progcomp.Reply(r.lookupVar("COMPREPLY"))
	r.unsetVar("COMPREPLY")
	return reply, status
}

// CompletionCommand runs the command text cmd with args as complete -C
// does, with COMP_LINE, COMP_POINT, COMP_KEY and COMP_TYPE in its
// environment, and returns the lines it prints.
func (r *Runner) CompletionCommand(ctx context.Context, cmd string, args []string, cc CompletionContext) []string {
	defer r.compEnter(cc)()
	const out = "__pipesh_compout"
	src := out + "=$(" + cmd
	for _, a := range args {
		src += " " + quote.Word(a)
	}
	r.eval(ctx, src+")")
	text := r.lookupVar(out).String()
	r.unsetVar(out)
	return progcomp.Lines(text)
}

// compEnter sets the COMP_ variables for a completion and returns what
// unsets them again.
func (r *Runner) compEnter(cc CompletionContext) func() {
	saved := r.sh.compCur
	r.sh.compCur = cc.Spec
	for _, v := range cc.Vars() {
		r.setVar(v.Name, v.Variable)
	}
	r.envCache = nil
	return func() {
		for _, n := range progcomp.VarNames {
			r.setVar(n, expand.Variable{})
		}
		r.envCache = nil
		r.sh.compCur = saved
	}
}

// compSpecsOut is a table as a child subshell's state carries it: the
// same specifications, in childstate's type.
func compSpecsOut(m compTable) map[string]*childstate.CompSpec {
	if m == nil {
		return nil
	}
	out := make(map[string]*childstate.CompSpec, len(m))
	for name, s := range m {
		c := childstate.CompSpec(*s)
		out[name] = &c
	}
	return out
}

// compSpecsIn is compSpecsOut's inverse; nil for none.
func compSpecsIn(m map[string]*childstate.CompSpec) compTable {
	if len(m) == 0 {
		return nil
	}
	t := make(compTable, len(m))
	for name, c := range m {
		s := compSpec(*c)
		t[name] = &s
	}
	return t
}

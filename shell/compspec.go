package shell

import (
	"context"
	"strconv"
	"strings"

	"mvdan.cc/sh/v3/expand"

	"pipesh/builtins"
	"pipesh/childstate"
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
// of the line being completed: bash's COMP_ variables.
type CompletionContext struct {
	Words []string // COMP_WORDS: the line split at COMP_WORDBREAKS
	CWord int      // COMP_CWORD: the index in Words of the word completed
	Line  string   // COMP_LINE: the command line
	Point int      // COMP_POINT: the cursor's index in Line, in bytes
	Key   int      // COMP_KEY: the key that asked (9 for Tab)
	Type  int      // COMP_TYPE: '\t' for a completion, '?' for a listing, ...
	// Spec is the specification being run; compopt changes it.
	Spec *builtins.CompSpec
}

// CompletionFunc runs the function fn with args (the command, the word
// completed, the word before it) as complete -F does: with the COMP_
// variables of cc set, COMPREPLY unset first, and read as the
// candidates after. The status is the function's: 124 asks for the
// completion to be tried again, its specification having changed.
func (r *Runner) CompletionFunc(ctx context.Context, fn string, args []string, cc CompletionContext) (reply []string, status int) {
	defer r.compEnter(cc)()
	r.unsetVar("COMPREPLY")
	status = r.eval(ctx, quotedCall(fn, args))
	vr := r.lookupVar("COMPREPLY")
	switch vr.Kind {
	case expand.Indexed:
		reply = append(reply, vr.List...)
	case expand.Associative:
		for _, w := range vr.Map {
			reply = append(reply, w)
		}
	default:
		if vr.IsSet() {
			reply = []string{vr.String()}
		}
	}
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
	var lines []string
	for _, l := range strings.Split(text, "\n") {
		if l != "" {
			lines = append(lines, l)
		}
	}
	return lines
}

// compEnter sets the COMP_ variables for a completion and returns what
// unsets them again.
func (r *Runner) compEnter(cc CompletionContext) func() {
	saved := r.sh.compCur
	r.sh.compCur = cc.Spec
	str := func(name, v string, export bool) {
		r.setVar(name, expand.Variable{Set: true, Kind: expand.String, Str: v, Exported: export})
	}
	r.setVar("COMP_WORDS", expand.Variable{Set: true, Kind: expand.Indexed, List: append([]string{}, cc.Words...)})
	str("COMP_CWORD", strconv.Itoa(cc.CWord), false)
	str("COMP_LINE", cc.Line, true)
	str("COMP_POINT", strconv.Itoa(cc.Point), true)
	str("COMP_KEY", strconv.Itoa(cc.Key), true)
	str("COMP_TYPE", strconv.Itoa(cc.Type), true)
	r.envCache = nil
	return func() {
		for _, n := range []string{"COMP_WORDS", "COMP_CWORD", "COMP_LINE", "COMP_POINT", "COMP_KEY", "COMP_TYPE"} {
			r.setVar(n, expand.Variable{})
		}
		r.envCache = nil
		r.sh.compCur = saved
	}
}

// quotedCall is the command text calling name with args.
func quotedCall(name string, args []string) string {
	var b strings.Builder
	b.WriteString(quote.Word(name))
	for _, a := range args {
		b.WriteString(" " + quote.Word(a))
	}
	return b.String()
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

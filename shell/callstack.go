package shell

import (
	"strings"

	"mvdan.cc/sh/v3/expand"
	"mvdan.cc/sh/v3/syntax"

	"pipesh/callstack"
)

// frame and callStack are the shell's names for package callstack's
// Frame and Stack.
type (
	frame     = callstack.Frame
	callStack = callstack.Stack
)

// extdebugChanged does what bash does as extdebug is turned on or off:
// set -E and -T follow it, and turning it on starts BASH_ARGV with the
// running frame's arguments (none under compat44, as in bash).
func (r *Runner) extdebugChanged(on bool) {
	r.opts[optErrTrace], r.opts[optFuncTrace] = on, on
	if f := r.frames.Top(); on && f != nil && !f.HasArgs {
		f.HasArgs = true
		if r.shopts["compat44"] {
			f.Args = nil
		}
	}
}

// pushFrame starts a frame called from the current line.
func (r *Runner) pushFrame(f frame) {
	f.Line = r.line
	r.frames = append(r.frames, f)
}

// popFrame ends the innermost frame.
func (r *Runner) popFrame() { r.frames = r.frames[:len(r.frames)-1] }

// sourceFile is the file the running code comes from, as a function
// defined now records it: the innermost frame's, else what bash calls
// code read from -c ("environment") or standard input ("main").
func (r *Runner) sourceFile() string {
	if f := r.frames.Top(); f != nil {
		return f.File
	}
	if r.sh.dashC {
		return "environment"
	}
	return "main"
}

// otherSourceFile returns the file the running code comes from when that
// is a sourced file rather than the script, -c or standard input: ""
// otherwise.
func (r *Runner) otherSourceFile() string {
	top := r.frames.Top()
	if top == nil || top.File == "environment" || top.File == "main" {
		return ""
	}
	if r.frames[0].Name == "main" && top.File == r.frames[0].File {
		return ""
	}
	return top.File
}

// stackVar answers FUNCNAME, BASH_SOURCE, BASH_LINENO, BASH_ARGV and
// BASH_ARGC from the frames (callstack.Stack.Var), and BASH_COMMAND; ok
// is false for other names.
func (r *Runner) stackVar(name string) (vr expand.Variable, ok bool) {
	if name == "BASH_COMMAND" {
		if r.curCmd == nil {
			return str(""), true
		}
		if c, ok := r.curCmd.(*syntax.CallExpr); ok && len(r.curRedirs) > 0 {
			return str(codeText(&syntax.Stmt{Cmd: c, Redirs: r.curRedirs})), true
		}
		return str(commandText(r.curCmd)), true
	}
	return r.frames.Var(name)
}

// commandText is BASH_COMMAND's text for the command about to run, laid
// out as bash shows it: a for loop's or case's head, an arithmetic
// command as written, the rest as stored code.
func commandText(n syntax.Node) string {
	switch c := n.(type) {
	case *syntax.ForClause:
		switch l := c.Loop.(type) {
		case *syntax.WordIter:
			s := "for " + l.Name.Value
			if l.InPos.IsValid() {
				s += " in"
				for _, w := range l.Items {
					s += " " + codeText(w)
				}
			}
			return s
		case *syntax.CStyleLoop:
			return "(( " + printNode(l.Init) + "; " + printNode(l.Cond) + "; " + printNode(l.Post) + " ))"
		}
	case *syntax.CaseClause:
		return "case " + codeText(c.Word) + " in "
	case *syntax.Subshell:
		var parts []string
		for _, st := range c.Stmts {
			parts = append(parts, codeText(st))
		}
		return "( " + strings.Join(parts, "; ") + " )"
	}
	return codeText(n)
}

package shell

import (
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
// defined now records it (callstack.Stack.SourceFile).
func (r *Runner) sourceFile() string { return r.frames.SourceFile(r.sh.dashC) }

// otherSourceFile returns the sourced file the running code comes from,
// or "" (callstack.Stack.OtherSource).
func (r *Runner) otherSourceFile() string { return r.frames.OtherSource() }

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
		return str(callstack.CommandText(r.curCmd, codeText, printNode)), true
	}
	return r.frames.Var(name)
}

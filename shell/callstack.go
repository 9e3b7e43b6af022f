package shell

import (
	"slices"
	"strconv"
	"strings"

	"mvdan.cc/sh/v3/expand"
	"mvdan.cc/sh/v3/syntax"

	"pipesh/childstate"
)

// frame is one entry of the call stack bash shows through FUNCNAME,
// BASH_SOURCE, BASH_LINENO, BASH_ARGV and BASH_ARGC: the script itself
// (main), a function call or a sourced file.
type frame struct {
	name string   // FUNCNAME: the function, "source" or "main"
	file string   // BASH_SOURCE: the file whose code this frame runs
	line uint     // BASH_LINENO: the caller's line that started this frame (0 for main)
	args []string // the frame's positional parameters, for BASH_ARGV and BASH_ARGC
	// hasArgs: args count in BASH_ARGV, as bash keeps them for calls
	// made while extdebug is on and for the frame that turned it on
	hasArgs bool
	fn      bool // a function call: FUNCNAME is visible only while one runs
}

// callStack is the shell's frames, the outermost first. A script has
// main at the bottom; -c, standard input and the REPL start empty, as in
// bash.
type callStack []frame

// clone copies the stack for a subshell, which pushes and pops on its own.
func (s callStack) clone() callStack { return slices.Clone(s) }

// top returns the innermost frame, or nil when the stack is empty.
func (s callStack) top() *frame {
	if len(s) == 0 {
		return nil
	}
	return &s[len(s)-1]
}

// inFunc reports whether a function call is on the stack.
func (s callStack) inFunc() bool {
	for i := range s {
		if s[i].fn {
			return true
		}
	}
	return false
}

// funcCount is the number of function calls on the stack (FUNCNEST).
func (s callStack) funcCount() int {
	n := 0
	for i := range s {
		if s[i].fn {
			n++
		}
	}
	return n
}

// extdebugChanged does what bash does as extdebug is turned on or off:
// set -E and -T follow it, and turning it on starts BASH_ARGV with the
// running frame's arguments (none under compat44, as in bash).
func (r *Runner) extdebugChanged(on bool) {
	r.opts[optErrTrace], r.opts[optFuncTrace] = on, on
	if f := r.frames.top(); on && f != nil && !f.hasArgs {
		f.hasArgs = true
		if r.shopts["compat44"] {
			f.args = nil
		}
	}
}

// pushFrame starts a frame called from the current line.
func (r *Runner) pushFrame(f frame) {
	f.line = r.line
	r.frames = append(r.frames, f)
}

// popFrame ends the innermost frame.
func (r *Runner) popFrame() { r.frames = r.frames[:len(r.frames)-1] }

// sourceFile is the file the running code comes from, as a function
// defined now records it: the innermost frame's, else what bash calls
// code read from -c ("environment") or standard input ("main").
func (r *Runner) sourceFile() string {
	if f := r.frames.top(); f != nil {
		return f.file
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
	top := r.frames.top()
	if top == nil || top.file == "environment" || top.file == "main" {
		return ""
	}
	if r.frames[0].name == "main" && top.file == r.frames[0].file {
		return ""
	}
	return top.file
}

// stackVar answers FUNCNAME, BASH_SOURCE, BASH_LINENO, BASH_ARGV and
// BASH_ARGC from the frames, innermost first; ok is false for other names.
func (r *Runner) stackVar(name string) (vr expand.Variable, ok bool) {
	n := len(r.frames)
	var list []string
	switch name {
	case "FUNCNAME":
		if !r.frames.inFunc() {
			return expand.Variable{}, true
		}
		for i := n - 1; i >= 0; i-- {
			list = append(list, r.frames[i].name)
		}
	case "BASH_SOURCE":
		for i := n - 1; i >= 0; i-- {
			list = append(list, r.frames[i].file)
		}
	case "BASH_LINENO":
		for i := n - 1; i >= 0; i-- {
			list = append(list, strconv.FormatUint(uint64(r.frames[i].line), 10))
		}
	case "BASH_ARGV":
		for i := n - 1; i >= 0; i-- {
			if !r.frames[i].hasArgs {
				continue
			}
			a := r.frames[i].args
			for j := len(a) - 1; j >= 0; j-- {
				list = append(list, a[j])
			}
		}
	case "BASH_ARGC":
		for i := n - 1; i >= 0; i-- {
			if !r.frames[i].hasArgs {
				continue
			}
			a := r.frames[i].args
			list = append(list, strconv.Itoa(len(a)))
		}
	case "BASH_COMMAND":
		if r.curCmd == nil {
			return str(""), true
		}
		return str(commandText(r.curCmd)), true
	default:
		return expand.Variable{}, false
	}
	if list == nil {
		list = []string{}
	}
	return expand.Variable{Set: true, Kind: expand.Indexed, List: list}, true
}

// Caller answers the caller builtin. Without a frame number (n < 0) it
// gives the line and file of the current function's or sourced file's
// call; with one, the line, function and file of that frame's caller,
// counting from 0 for the innermost. ok is false past the outermost.
func (r *Runner) Caller(n int) (line int, fn, file string, ok bool) {
	idx := len(r.frames) - 1 // FUNCNAME[0]
	if n < 0 {
		if idx < 0 {
			return 0, "", "", false
		}
		file = "NULL"
		if idx >= 1 {
			file = r.frames[idx-1].file
		}
		return int(r.frames[idx].line), "", file, true
	}
	i := idx - n
	if i < 1 {
		return 0, "", "", false
	}
	return int(r.frames[i].line), r.frames[i-1].name, r.frames[i-1].file, true
}

// commandText is BASH_COMMAND's text for the command about to run.
func commandText(n syntax.Node) string {
	switch c := n.(type) {
	case *syntax.ForClause:
		switch l := c.Loop.(type) {
		case *syntax.WordIter:
			s := "for " + l.Name.Value
			if l.InPos.IsValid() {
				s += " in"
				for _, w := range l.Items {
					s += " " + printNode(w)
				}
			}
			return s
		case *syntax.CStyleLoop:
			return "(( " + printNode(l.Init) + "; " + printNode(l.Cond) + "; " + printNode(l.Post) + " ))"
		}
	case *syntax.CaseClause:
		return "case " + printNode(c.Word) + " in "
	case *syntax.ArithmCmd:
		return "(( " + printNode(c.X) + " ))"
	case *syntax.Subshell:
		var parts []string
		for _, st := range c.Stmts {
			parts = append(parts, printNode(st))
		}
		return "( " + strings.Join(parts, "; ") + " )"
	case *syntax.TestClause:
		if w, ok := c.X.(*syntax.Word); ok {
			return "[[ -n " + printNode(w) + " ]]" // bash's form of a lone word
		}
		return printNode(c)
	}
	return printNode(n)
}

// forChild copies the stack for a subshell's child process.
func (s callStack) forChild() []childstate.Frame {
	out := make([]childstate.Frame, len(s))
	for i, f := range s {
		out[i] = childstate.Frame{Name: f.name, File: f.file, Line: f.line, Args: f.args, HasArgs: f.hasArgs, Fn: f.fn}
	}
	return out
}

// framesFromChild is forChild's inverse.
func framesFromChild(in []childstate.Frame) callStack {
	out := make(callStack, len(in))
	for i, f := range in {
		out[i] = frame{name: f.Name, file: f.File, line: f.Line, args: f.Args, hasArgs: f.HasArgs, fn: f.Fn}
	}
	return out
}

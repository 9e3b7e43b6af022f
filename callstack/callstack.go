// Package callstack is the shell's call stack as bash shows it through
// FUNCNAME, BASH_SOURCE, BASH_LINENO, BASH_ARGV, BASH_ARGC and the caller
// builtin: a frame for the script itself (main), each function call and
// each sourced file. The shell pushes and pops the frames; this package
// answers what they show.
package callstack

import (
	"slices"
	"strconv"

	"mvdan.cc/sh/v3/expand"
)

// Frame is one entry of the call stack: the script itself (main), a
// function call or a sourced file.
type Frame struct {
	Name string   // FUNCNAME: the function, "source" or "main"
	File string   // BASH_SOURCE: the file whose code this frame runs
	Line uint     // BASH_LINENO: the caller's line that started this frame (0 for main)
	Args []string // the frame's positional parameters, for BASH_ARGV and BASH_ARGC
	// HasArgs: Args count in BASH_ARGV, as bash keeps them for calls
	// made while extdebug is on and for the frame that turned it on
	HasArgs bool
	Fn      bool // a function call: FUNCNAME is visible only while one runs
}

// Stack is the shell's frames, the outermost first. A script has main at
// the bottom; -c, standard input and the REPL start empty, as in bash.
// The zero Stack is empty.
type Stack []Frame

// Clone copies the stack for a subshell, which pushes and pops on its own.
func (s Stack) Clone() Stack { return slices.Clone(s) }

// Top returns the innermost frame, or nil when the stack is empty.
func (s Stack) Top() *Frame {
	if len(s) == 0 {
		return nil
	}
	return &s[len(s)-1]
}

// InFunc reports whether a function call is on the stack.
func (s Stack) InFunc() bool {
	for i := range s {
		if s[i].Fn {
			return true
		}
	}
	return false
}

// FuncCount is the number of function calls on the stack (FUNCNEST).
func (s Stack) FuncCount() int {
	n := 0
	for i := range s {
		if s[i].Fn {
			n++
		}
	}
	return n
}

// Var answers FUNCNAME, BASH_SOURCE, BASH_LINENO, BASH_ARGV and
// BASH_ARGC from the frames, innermost first, as indexed arrays
// (FUNCNAME is unset outside a function); ok is false for other names.
func (s Stack) Var(name string) (vr expand.Variable, ok bool) {
	n := len(s)
	var list []string
	switch name {
	case "FUNCNAME":
		if !s.InFunc() {
			return expand.Variable{}, true
		}
		for i := n - 1; i >= 0; i-- {
			list = append(list, s[i].Name)
		}
	case "BASH_SOURCE":
		for i := n - 1; i >= 0; i-- {
			list = append(list, s[i].File)
		}
	case "BASH_LINENO":
		for i := n - 1; i >= 0; i-- {
			list = append(list, strconv.FormatUint(uint64(s[i].Line), 10))
		}
	case "BASH_ARGV":
		for i := n - 1; i >= 0; i-- {
			if !s[i].HasArgs {
				continue
			}
			a := s[i].Args
			for j := len(a) - 1; j >= 0; j-- {
				list = append(list, a[j])
			}
		}
	case "BASH_ARGC":
		for i := n - 1; i >= 0; i-- {
			if !s[i].HasArgs {
				continue
			}
			list = append(list, strconv.Itoa(len(s[i].Args)))
		}
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
func (s Stack) Caller(n int) (line int, fn, file string, ok bool) {
	idx := len(s) - 1 // FUNCNAME[0]
	if n < 0 {
		if idx < 0 {
			return 0, "", "", false
		}
		file = "NULL"
		if idx >= 1 {
			file = s[idx-1].File
		}
		return int(s[idx].Line), "", file, true
	}
	i := idx - n
	if i < 1 {
		return 0, "", "", false
	}
	return int(s[i].Line), s[i-1].Name, s[i-1].File, true
}

// Package childstate is what a subshell that runs as a child process of
// its own is handed by its parent shell: the state a forked bash subshell
// would keep (variables, functions, options, traps, the call stack, the
// code to run), as plain data, and its encoding on the fd the child reads
// before anything else. The shell builds a State from a subshell and
// loads one into the child's; this package knows nothing of either.
package childstate

import (
	"time"

	"mvdan.cc/sh/v3/expand"

	"pipesh/callstack"
)

// State is a subshell's state as it travels to its child process. The
// zero State is an empty one, ready for Decode.
type State struct {
	Scopes     []map[string]expand.Variable // the variables, globals first
	Attrs      []map[string]uint8           // each scope's declare -i, -l, -u, as the shell's bits
	Funcs      []string                     // each function's definition
	Aliases    map[string]string
	Opts       []bool
	Shopts     map[string]bool
	Traps      map[string]string // ignored signals, and ERR, DEBUG, RETURN as -E and -T keep them
	Shown      map[string]string // what trap lists: the parent's
	Dir        string
	Params     []string
	Arg0       string
	Name       string
	PID, PPID  int // the parent shell's $$ and $PPID
	Start      time.Time
	Status     int
	LastBg     int
	LastArg    string
	Line       uint
	FuncDepth  int
	NoErrExit  int
	Frames     callstack.Stack   // the call stack, outermost first
	FuncFiles  map[string]string // each function's BASH_SOURCE
	FuncExport []string          // the functions export -f exported
	DirStack   []string
	PipeStatus []int
	DashC      bool
	Invoke     string
	Code       string // the command, at its line
	Unwrap     bool   // Code is ( list ): the child is that subshell, and runs list
	// the interactive shell's history, which history in a pipeline stage
	// lists (never written from the child)
	HistBase    int
	HistEntries []string
	CompSpecs   map[string]*CompSpec // complete -p lists them in a pipeline stage too
}

// CompSpec is one of complete's specifications, field for field as
// package builtins records it (the shell converts between the two).
type CompSpec struct {
	Options []string // -o
	Actions []string // -A, in bash's order
	Glob    string   // -G
	Words   string   // -W
	Func    string   // -F
	Command string   // -C
	Filter  string   // -X
	Prefix  string   // -P
	Suffix  string   // -S
}

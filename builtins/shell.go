package builtins

import (
	"bufio"
	"context"
	"io"
	"os"
	"syscall"

	"mvdan.cc/sh/v3/expand"
)

// A builtin sees the shell through capabilities: small interfaces, each
// one part of the interpreter's state. Every builtin is given [Core] (as
// Call.Sh); one that touches more names the capabilities it uses in its
// signature, and the registry asserts them once, in [uses]. So a reader
// sees at a glance what cd or read may touch, and a test's fake provides
// only those. Package shell provides all of them ([Shell]).

// Core is what every builtin is given: a way to report its errors, and to
// say that its output's reader is gone.
type Core interface {
	// Errorf reports an error on the call's stderr the way the shell
	// reports runtime errors ("pipesh: line N: NAME: ...").
	Errorf(c *Call, format string, args ...any)
	// BrokenPipe tells the shell a builtin's write found its reader gone;
	// an in-process subshell then ends with status 141, as a forked one
	// would die of SIGPIPE.
	BrokenPipe()
}

// Vars is the shell's variables.
type Vars interface {
	// Var returns a variable (unset if absent). Special parameters are
	// not included.
	Var(name string) expand.Variable
	// SetVar sets or replaces a variable in the scope where it lives (the
	// innermost function scope that declared it local, else global). It
	// fails for a readonly variable with bash's message text.
	SetVar(name string, vr expand.Variable) error
	// SetString is SetVar for a plain string value, keeping the
	// variable's attributes; for an indexed array it sets element 0, and
	// a name with a subscript ("a[1]", "m[key]") sets one element.
	SetString(name, value string) error
	// UnsetVar unsets a variable; it fails for a readonly one.
	UnsetVar(name string) error
	// EachVar calls fn for every set variable, in no particular order,
	// until fn returns false.
	EachVar(fn func(name string, vr expand.Variable) bool)
	// ExpandKey expands an array subscript given as text ('m["$k"]'):
	// its quotes and $-expansions, as bash does.
	ExpandKey(s string) (string, error)
}

// Positional is the positional parameters and where getopts is in them.
type Positional interface {
	// Params returns the positional parameters $1...; SetParams replaces
	// them.
	Params() []string
	SetParams(args []string)
	// GetoptsPlace returns where the last getopts call left off: the
	// index of the next argument and of the character in it. ok is false
	// when OPTIND has been assigned since (by the script, or by a local
	// OPTIND), which is when bash starts afresh; a local OPTIND going out
	// of scope is no assignment. SetGetoptsPlace records the place.
	GetoptsPlace() (optind, pos int, ok bool)
	SetGetoptsPlace(optind, pos int)
}

// FuncTable is the shell's functions.
type FuncTable interface {
	// Funcs lists the defined function names, sorted.
	Funcs() []string
	// FuncSource returns a function's definition as bash prints it; ok is
	// false if there is no such function.
	FuncSource(name string) (src string, ok bool)
	// IsFunc reports whether a name is a function.
	IsFunc(name string) bool
	// UnsetFunc removes a function, if there is one.
	UnsetFunc(name string)
}

// AliasTable is the shell's aliases.
type AliasTable interface {
	// Aliases returns the alias table, not to be modified; SetAlias and
	// UnsetAlias change it (UnsetAlias reports whether name was one).
	Aliases() map[string]string
	SetAlias(name, value string)
	UnsetAlias(name string) bool
}

// Dirs is the shell's current directory and the directory stack.
type Dirs interface {
	// Dir is the shell's current directory; Chdir changes it (the
	// directory must exist and be searchable; dir is absolute and cleaned
	// by the caller). The shell keeps its own cwd: builtins never call
	// os.Chdir.
	Dir() string
	Chdir(dir string) error
	// DirStack is the directory stack of pushd and popd below the
	// current directory, its top first; SetDirStack replaces it. Neither
	// keeps the caller's slice.
	DirStack() []string
	SetDirStack(dirs []string)
}

// Fds is where a builtin's input comes from beyond Call.Stdin: the
// shell's other descriptors, a read loop's buffer and the line editor.
type Fds interface {
	// Fd returns the file open on shell fd n in the current context; ok
	// is false when n is not open.
	Fd(n int) (f *os.File, ok bool)
	// ReadBuffer returns the buffer read takes its input from f through,
	// when the shell has made sure that nothing else reads f while the
	// loop running read goes on (a `while read` loop of builtins on its
	// own pipe or redirection); nil otherwise, and read must then take
	// from f no more than it uses.
	ReadBuffer(f *os.File) *bufio.Reader
	// EditLine is read -e's line editor (an interactive shell's): it
	// reads a line from the terminal with prompt shown and text ready
	// to edit, and returns it without its newline: io.EOF for Ctrl-D on
	// an empty line, ErrInterrupted for Ctrl-C. ok is false when the
	// shell has no editor: read then reads as without -e.
	EditLine(prompt, text string) (line string, ok bool, err error)
}

// Options is the shell's set -o and shopt options.
type Options interface {
	// Option reports a set -o option by its long name ("errexit",
	// "pipefail", ...); SetOption changes one and fails for an unknown
	// name. OptionNames lists all in the order set -o prints them.
	Option(name string) bool
	SetOption(name string, on bool) error
	OptionNames() []string
	// ShoptOption, SetShopt and ShoptNames are the same for shopt
	// options; ok is false for an unknown name.
	ShoptOption(name string) (on, ok bool)
	SetShopt(name string, on bool) error
	ShoptNames() []string
}

// Evaluator runs shell code and commands in the current shell. Each
// returns the exit status; the streams are the call's.
type Evaluator interface {
	// Eval parses and runs src (eval, trap actions, fc).
	Eval(ctx context.Context, src string) int
	// Source runs a file with the given positional parameters (nil: keep
	// the current ones).
	Source(ctx context.Context, path string, args []string) int
	// Declare runs declare, typeset, local, export or readonly on
	// expanded words, when they are reached through command, builtin or
	// an expansion rather than written as the command name.
	Declare(ctx context.Context, name string, args []string) int
	// Run runs a command by name with the given arguments. If noFuncs is
	// set, functions are skipped (command, builtin).
	Run(ctx context.Context, args []string, noFuncs bool) int
	// Exec replaces the shell with a program (exec with arguments).
	Exec(ctx context.Context, args []string) int
}

// CommandPaths is how the shell finds programs: PATH and its cache of
// the paths found (hash).
type CommandPaths interface {
	// LookPath finds an executable on PATH as the shell would run it.
	LookPath(name string) (string, error)
	// HashList lists the remembered commands; HashClear forgets them
	// all; HashAdd looks a name up on PATH and remembers it.
	HashList() []HashEntry
	HashClear()
	HashAdd(name string) error
}

// Flow is where the interpreter is and where it goes next: builtins
// request control flow, and the interpreter acts on it once the builtin
// returns.
type Flow interface {
	// Exit, Return, Break and Continue request control flow.
	Exit(code int)
	Return(code int)
	Break(n int)
	Continue(n int)
	// Abort abandons the rest of the current top-level command (its
	// line), as bash does after some builtin errors.
	Abort()
	// InFunc reports whether a function or sourced script is running
	// (return is allowed); LoopDepth is the number of enclosing loops.
	InFunc() bool
	LoopDepth() int
	// Caller reports a frame of the call stack for the caller builtin:
	// with n < 0 the line and file the current function or sourced
	// file was called from; otherwise the line, function and file of
	// the n-th frame's caller (0 the innermost). ok is false past the
	// outermost frame.
	Caller(n int) (line int, fn, file string, ok bool)
	// LastStatus is $?.
	LastStatus() int
	// Interactive reports whether the shell is interactive (where some
	// errors that end a script do not end the shell).
	Interactive() bool
}

// TrapTable is the shell's traps.
type TrapTable interface {
	// Traps returns the trap action per signal name ("EXIT", "INT",
	// ...), not to be modified; SetTrap installs one ("" ignores, "-"
	// resets).
	Traps() map[string]string
	SetTrap(sig, action string) error
}

// JobTable is the shell's jobs, for jobs, fg, bg, kill, disown, wait and
// exit.
type JobTable interface {
	// ListJobs writes the job table as jobs does with the given flags.
	ListJobs(w io.Writer, flags string, specs []string) error
	// Foreground and Background resume a job (fg, bg).
	Foreground(ctx context.Context, spec string) (int, error)
	Background(spec string) error
	// ResolveJob turns a job spec (%1, %+, %name) into a process group
	// id.
	ResolveJob(spec string) (pgid int, err error)
	// SignalJob delivers sig to the job named by id (a %jobspec, or a
	// pid as $! gave it: in-process background jobs have virtual pids
	// above the kernel's range that only the shell can signal); ok is
	// false when id is not one of its jobs, and kill signals the process
	// itself.
	SignalJob(id string, sig syscall.Signal) (ok bool, err error)
	// Disown forgets jobs.
	Disown(specs []string, all bool) error
	// HoldExit is asked by exit in an interactive shell: true means
	// jobs are stopped (or, with shopt checkjobs, running) and this exit
	// is refused, as bash refuses the first, the reason written to w
	// (with checkjobs, the jobs too); the exit on the next command line
	// goes through.
	HoldExit(w io.Writer) bool
	// Wait waits for background jobs (all if ids is empty; ids are pids
	// or %jobspecs; with any the first to end) and returns the status of
	// the last one, as wait does.
	Wait(ctx context.Context, ids []string, any bool) int
}

// HistoryKeeper is a shell that keeps a command history.
type HistoryKeeper interface {
	// History is the interactive shell's command history, for history
	// and fc (empty in a shell that keeps none).
	History() HistoryList
}

// Completion is the programmable completion's state.
type Completion interface {
	// CompSpecs is the table of completion specifications complete
	// keeps, by command name; the builtins change it in place.
	CompSpecs() map[string]*CompSpec
	// CurrentCompletion is the specification of the completion being
	// run (compopt without names changes it), nil outside one.
	CurrentCompletion() *CompSpec
}

// Shell is every capability: the shell as package shell provides it to
// its builtins.
type Shell interface {
	Core
	Vars
	Positional
	FuncTable
	AliasTable
	Dirs
	Fds
	Options
	Evaluator
	CommandPaths
	Flow
	TrapTable
	JobTable
	HistoryKeeper
	Completion
}

// uses makes a builtin that touches the capabilities S (an interface
// made of those above) a Func. It is the one place a builtin's
// capabilities are asserted: a shell that lacks one of them (a test's
// fake) gets an error and status 2, not a panic.
func uses[S any](run func(ctx context.Context, c *Call, sh S) int) Func {
	return func(ctx context.Context, c *Call) int {
		sh, ok := c.Sh.(S)
		if !ok {
			c.Sh.Errorf(c, "not supported by this shell")
			return 2
		}
		return run(ctx, c, sh)
	}
}

// Package builtins holds pipesh's builtin commands, one builtin (or a small
// family) per file, listed in one table (table.go).
//
// A builtin sees the shell only through the [Shell] interface declared here,
// which package shell implements; builtins never import shell. Builtins read
// and write the streams of their [Call], never os.Stdin or os.Stdout, so that
// the same builtin runs in the shell itself, in a pipeline stage, or inside a
// command substitution.
package builtins

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"syscall"

	"mvdan.cc/sh/v3/expand"

	"pipesh/errmsg"
)

// Call is one invocation of a builtin.
type Call struct {
	// Name is the builtin's name as invoked ("[" or "test", "." or "source").
	Name string
	// Args are the arguments after the name, already expanded.
	Args []string
	// Stdin is the builtin's fd 0; nil when fd 0 is closed.
	Stdin *os.File
	// Stdout and Stderr are fds 1 and 2; nil when closed.
	Stdout, Stderr io.Writer
	// Sh is the shell the builtin runs in.
	Sh Shell
}

// Func runs a builtin and returns its exit status.
type Func func(ctx context.Context, c *Call) int

// Builtin describes one builtin command.
type Builtin struct {
	Run Func
	// Special marks POSIX special builtins: assignments before them persist
	// and some errors in them abort a non-interactive shell.
	Special bool
}

// Shell is what builtins need from the interpreter. Package shell
// implements it; each in-process subshell has its own.
type Shell interface {
	// Var returns a variable (unset if absent). Special parameters are not
	// included.
	Var(name string) expand.Variable
	// SetVar sets or replaces a variable in the scope where it lives (the
	// innermost function scope that declared it local, else global). It
	// fails for a readonly variable with bash's message text.
	SetVar(name string, vr expand.Variable) error
	// SetString is SetVar for a plain string value, keeping the
	// variable's attributes; for an indexed array it sets element 0.
	SetString(name, value string) error
	// UnsetVar unsets a variable; it fails for a readonly one.
	UnsetVar(name string) error
	// EachVar calls fn for every set variable, in no particular order.
	EachVar(fn func(name string, vr expand.Variable) bool)

	// Funcs lists defined function names; FuncSource returns a
	// function's definition as bash prints it (ok is false if there is no
	// such function); UnsetFunc removes one.
	Funcs() []string
	FuncSource(name string) (src string, ok bool)
	UnsetFunc(name string)

	// Params returns the positional parameters $1...; SetParams replaces
	// them.
	Params() []string
	SetParams(args []string)

	// Dir is the shell's current directory; Chdir changes it (the
	// directory must exist and be searchable; dir is absolute and cleaned
	// by the caller). The shell keeps its own cwd: builtins never call
	// os.Chdir.
	Dir() string
	Chdir(dir string) error

	// CompSpecs is the table of completion specifications complete
	// keeps, by command name; the builtins change it in place.
	CompSpecs() map[string]*CompSpec
	// CurrentCompletion is the specification of the completion being
	// run (compopt without names changes it), nil outside one.
	CurrentCompletion() *CompSpec

	// DirStack is the directory stack of pushd and popd below the
	// current directory, its top first; SetDirStack replaces it.
	DirStack() []string
	SetDirStack(dirs []string)

	// Fd returns the file open on shell fd n in the current context.
	Fd(n int) (*os.File, bool)
	// ReadBuffer returns the buffer read takes its input from f through,
	// when the shell has made sure that nothing else reads f while the
	// loop running read goes on (a `while read` loop of builtins on its
	// own pipe or redirection); nil otherwise, and read must then take
	// from f no more than it uses.
	ReadBuffer(f *os.File) *bufio.Reader

	// Option reports a set -o option by its long name ("errexit",
	// "pipefail", ...); SetOption changes one and fails for an unknown
	// name. OptionNames lists all in the order set -o prints them.
	Option(name string) bool
	SetOption(name string, on bool) error
	OptionNames() []string
	// ShoptOption and SetShopt are the same for shopt options.
	ShoptOption(name string) (on, ok bool)
	SetShopt(name string, on bool) error
	ShoptNames() []string

	// Eval parses and runs src in the current shell (eval, trap actions);
	// Source runs a file with the given positional parameters (nil: keep
	// the current ones). Both return the exit status.
	Eval(ctx context.Context, src string) int
	Source(ctx context.Context, path string, args []string) int
	// Declare runs declare, typeset, local, export or readonly on
	// expanded words, when they are reached through command, builtin or
	// an expansion rather than written as the command name.
	Declare(ctx context.Context, name string, args []string) int
	// Run runs a command by name with the given arguments and the call's
	// streams. If noFuncs is set, functions are skipped (command,
	// builtin).
	Run(ctx context.Context, args []string, noFuncs bool) int
	// Exec replaces the shell with a program (exec with arguments).
	Exec(ctx context.Context, args []string) int

	// LookPath finds an executable on PATH as the shell would run it.
	LookPath(name string) (string, error)
	// Aliases returns the alias table (not to be modified); SetAlias and
	// UnsetAlias change it (UnsetAlias reports whether name was one).
	Aliases() map[string]string
	SetAlias(name, value string)
	UnsetAlias(name string) bool

	// IsFunc reports whether a name is a function.
	IsFunc(name string) bool

	// Exit, Return, Break and Continue request control flow; the
	// interpreter acts on them once the builtin returns.
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

	// Interactive reports whether the shell is interactive.
	Interactive() bool
	// LastStatus is $?.
	LastStatus() int
	// Traps returns the trap action per signal name ("EXIT", "INT", ...);
	// SetTrap installs one ("" ignores, "-" resets).
	Traps() map[string]string
	SetTrap(sig, action string) error

	// Wait waits for background jobs (all if ids is empty; ids are pids or
	// %jobspecs) and returns the status of the last one, as wait does.
	Wait(ctx context.Context, ids []string, any bool) int
	// Jobs is the job table, for jobs, fg, bg, kill and disown.
	Jobs() JobControl

	// History is the interactive shell's command history, for history
	// and fc (empty in a shell that keeps none).
	History() HistoryList

	// BrokenPipe tells the shell a builtin's write found its reader gone;
	// an in-process subshell then ends with status 141, as a forked one
	// would die of SIGPIPE.
	BrokenPipe()

	// GetoptsPlace returns where the last getopts call left off: the
	// index of the next argument and of the character in it. ok is false
	// when OPTIND has been assigned since (by the script, or by a local
	// OPTIND), which is when bash starts afresh; a local OPTIND going out
	// of scope is no assignment. SetGetoptsPlace records the place.
	GetoptsPlace() (optind, pos int, ok bool)
	SetGetoptsPlace(optind, pos int)

	// Errorf reports an error on the call's stderr the way the shell
	// reports runtime errors ("pipesh: line N: NAME: ...").
	Errorf(c *Call, format string, args ...any)
}

// JobControl is the job table as builtins see it.
type JobControl interface {
	// List writes the job table as jobs does with the given flags.
	List(w io.Writer, flags string, specs []string) error
	// Foreground and Background resume a job (fg, bg).
	Foreground(ctx context.Context, spec string) (int, error)
	Background(spec string) error
	// Resolve turns a job spec (%1, %+, %name) into a process group id.
	Resolve(spec string) (pgid int, err error)
	// Disown forgets jobs.
	Disown(specs []string, all bool) error
	// HoldExit is asked by exit in an interactive shell: true means
	// jobs are stopped (or, with shopt checkjobs, running) and this exit
	// is refused, as bash refuses the first, the reason written to w
	// (with checkjobs, the jobs too); the exit on the next command line
	// goes through.
	HoldExit(w io.Writer) bool
}

// ErrBrokenPipe is returned by a write whose reader has gone; the builtin
// then ends with status 141, as a process killed by SIGPIPE would.
var ErrBrokenPipe = errors.New("broken pipe")

// StatusBrokenPipe is the status of a builtin whose output reader is gone.
const StatusBrokenPipe = 128 + int(syscall.SIGPIPE)

// Out buffers a builtin's output and tells, at Flush, whether it reached
// its reader.
type Out struct {
	dst io.Writer
	buf []byte // grown on first write: most calls of a builtin print little or nothing
	err error
}

// outBufSize is how much Out gathers before writing.
const outBufSize = 4096

// NewOut wraps w (nil means the fd is closed).
func NewOut(w io.Writer) *Out {
	if w == nil {
		return &Out{err: syscall.EBADF}
	}
	return &Out{dst: w}
}

// Write buffers p.
func (o *Out) Write(p []byte) (int, error) {
	if o.err != nil {
		return 0, o.err
	}
	o.buf = append(o.buf, p...)
	if len(o.buf) >= outBufSize {
		if err := o.Flush(); err != nil {
			return 0, err
		}
	}
	return len(p), nil
}

// WriteString buffers s.
func (o *Out) WriteString(s string) (int, error) {
	if o.err != nil {
		return 0, o.err
	}
	o.buf = append(o.buf, s...)
	if len(o.buf) >= outBufSize {
		if err := o.Flush(); err != nil {
			return 0, err
		}
	}
	return len(s), nil
}

// Printf formats into the buffer.
func (o *Out) Printf(format string, args ...any) {
	fmt.Fprintf(o, format, args...)
}

// Flush writes what is buffered and returns the first write error.
func (o *Out) Flush() error {
	b := o.buf
	for o.err == nil && len(b) > 0 {
		n, err := o.dst.Write(b)
		b = b[n:]
		if err != nil {
			o.err = err
		}
	}
	o.buf = o.buf[:0]
	return o.err
}

// Status finishes a builtin's output: it flushes and maps a write error to
// a status, reporting it on stderr like bash ("write error: ...").
// A broken pipe gives 141 silently.
func (o *Out) Status(c *Call, status int) int {
	err := o.Flush()
	if err == nil {
		return status
	}
	if errors.Is(err, syscall.EPIPE) {
		c.Sh.BrokenPipe()
		return StatusBrokenPipe
	}
	c.Sh.Errorf(c, "write error: %s", errmsg.Text(err))
	return 1
}

// AbsPath makes path absolute against the shell's directory.
func AbsPath(sh Shell, path string) string {
	if filepath.IsAbs(path) {
		return path
	}
	return filepath.Join(sh.Dir(), path)
}

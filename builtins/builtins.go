// Package builtins holds pipesh's builtin commands, one builtin (or a small
// family) per file, listed in one table (table.go).
//
// A builtin sees the shell only through the capabilities declared in
// shell.go ([Core], [Vars], [Dirs], [JobTable], ...), each naming those it
// touches; package shell implements them all ([Shell]), and builtins never
// import shell. Builtins read and write the streams of their [Call], never
// os.Stdin or os.Stdout, so that the same builtin runs in the shell itself,
// in a pipeline stage, or inside a command substitution.
package builtins

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"syscall"

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
	// Sh is the shell the builtin runs in, as every builtin sees it; a
	// builtin that needs more asserts its capabilities through uses.
	Sh Core
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

// absPath makes path absolute against the shell's directory.
func absPath(sh Dirs, path string) string {
	if filepath.IsAbs(path) {
		return path
	}
	return filepath.Join(sh.Dir(), path)
}

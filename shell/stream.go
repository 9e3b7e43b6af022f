package shell

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"strings"

	"golang.org/x/sys/unix"
	"mvdan.cc/sh/v3/syntax"
)

// RunStream runs commands read from f the way bash reads a script on its
// standard input: a line at a time, running each line's complete
// commands before reading the next, and never reading past that line, so
// that the commands can read the lines that follow themselves (as `read
// x` or `cat` do). A syntax error stops the shell with status 2 once what
// came before it has run; the EXIT trap still runs. With noExec (-n)
// nothing runs.
func (r *Runner) RunStream(ctx context.Context, f *os.File, name string, noExec bool) int {
	r.syncSignals()
	r.readRun(ctx, newLineReader(f), readHow{name: name, what: "pipesh: ", noExec: noExec, top: true})
	return r.Finish(ctx)
}

// badSubstitution reports whether a parse error is a malformed
// parameter expansion (${a&}, ${#x-y}).
func badSubstitution(err error) bool {
	var pe syntax.ParseError
	if !errors.As(err, &pe) {
		return false
	}
	return strings.Contains(pe.Text, "parameter expansion operator") || strings.Contains(pe.Text, "@ expansion operator")
}

// condSyntaxError reports whether a parse error is inside [[ ]]. bash
// reports those and stops reading as for any syntax error, but its exit
// status stays that of the last command run, not 2.
func condSyntaxError(err error) bool {
	var pe syntax.ParseError
	if !errors.As(err, &pe) {
		return false
	}
	return strings.Contains(pe.Text, "`[[`") || strings.Contains(pe.Text, "test operator")
}

// lineReader hands out one line at a time and takes no more than that
// from the fd: a byte at a time from a pipe or terminal, and from a
// regular file a block, then a seek back to the end of the line.
type lineReader struct {
	f       *os.File
	regular bool
	err     error
}

func newLineReader(f *os.File) *lineReader {
	lr := &lineReader{f: f}
	var st unix.Stat_t
	if err := unix.Fstat(int(f.Fd()), &st); err == nil && st.Mode&unix.S_IFMT == unix.S_IFREG {
		if _, err := f.Seek(0, io.SeekCurrent); err == nil {
			lr.regular = true
		}
	}
	return lr
}

// readLine returns the next line, with its newline unless the input
// ended first (err is then io.EOF or the read error).
func (lr *lineReader) readLine() (string, error) {
	var line []byte
	buf := make([]byte, 4096)
	for {
		n, err := lr.read(buf)
		line = append(line, buf[:n]...)
		if n > 0 && buf[n-1] == '\n' {
			return string(line), nil
		}
		if err != nil {
			return string(line), err
		}
	}
}

func (lr *lineReader) read(p []byte) (int, error) {
	if lr.regular {
		n, err := lr.f.Read(p)
		if i := bytes.IndexByte(p[:n], '\n'); i >= 0 && i+1 < n {
			if _, serr := lr.f.Seek(int64(i+1-n), io.SeekCurrent); serr == nil {
				n = i + 1
			}
		}
		if err != nil {
			lr.err = err
			if n > 0 {
				err = nil
			}
		}
		return n, err
	}
	fd := int(lr.f.Fd())
	n := 0
	for n < len(p) {
		m, err := unix.Read(fd, p[n:n+1])
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			lr.err = &os.PathError{Op: "read", Path: lr.f.Name(), Err: err}
			break
		}
		if m == 0 {
			lr.err = io.EOF
			break
		}
		n++
		if p[n-1] == '\n' {
			break
		}
	}
	if n > 0 {
		return n, nil
	}
	return 0, lr.err
}

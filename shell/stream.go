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
//
// A script file, in contrast, is parsed whole before anything runs (see
// RunScript): a file is a program, while a stream is typed-ahead input.
func (r *Runner) RunStream(ctx context.Context, f *os.File, name string, noExec bool) int {
	r.syncSignals()
	p := syntax.NewParser(syntax.Variant(syntax.LangBash))
	for stmts, err := range p.InteractiveSeq(newLineReader(f)) {
		if err != nil {
			var pe syntax.ParseError
			if errors.As(err, &pe) && pe.Filename == "" {
				pe.Filename = name
				err = pe
			}
			r.reportSyntax(err)
			if !condSyntaxError(err) {
				r.status = 2
			}
			break
		}
		if p.Incomplete() || len(stmts) == 0 || noExec || r.opts[optNoExec] {
			continue
		}
		for _, st := range stmts {
			decodeControlEscapes(st) // see ansic.go
		}
		r.RunFile(ctx, &syntax.File{Name: name, Stmts: stmts})
		if r.flow.kind == flowExit {
			break
		}
	}
	return r.Finish(ctx)
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

// lineReader hands the parser one line per Read and takes no more than
// that from the fd: a byte at a time from a pipe or terminal, and from a
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

func (lr *lineReader) Read(p []byte) (int, error) {
	if lr.err != nil {
		return 0, lr.err
	}
	if len(p) == 0 {
		return 0, nil
	}
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

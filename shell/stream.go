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

	"pipesh/wordexp"
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
	lr := newLineReader(f)
	for r.runLines(ctx, lr, name, noExec) {
		// a bad substitution: go on with the next line, on a new parser
	}
	return r.Finish(ctx)
}

// runLines parses and runs lines from lr until the input ends, the shell
// exits or a syntax error stops it. It reports true when the error was a
// malformed parameter expansion: bash finds those only when it expands
// the word, so it fails that line with status 1 and reads on.
func (r *Runner) runLines(ctx context.Context, lr *lineReader, name string, noExec bool) (again bool) {
	p := syntax.NewParser(syntax.Variant(syntax.LangBash))
	// a new parser counts lines from 1: give it the lines already read as
	// empty ones, so positions and $LINENO go on from where they were
	lr.pad = lr.lines
	for stmts, err := range p.InteractiveSeq(lr) {
		if err != nil {
			var pe syntax.ParseError
			if errors.As(err, &pe) && pe.Filename == "" {
				pe.Filename = name
				err = pe
			}
			if badSubstitution(err) {
				r.line = pe.Pos.Line()
				r.errorf("%s: bad substitution", lr.expansionAt(int(pe.Pos.Col())))
				r.status = 1
				return true
			}
			r.reportSyntax(err)
			if !condSyntaxError(err) {
				r.status = 2
			}
			return false
		}
		if p.Incomplete() || len(stmts) == 0 {
			continue
		}
		for _, st := range stmts {
			if err == nil {
				err = validate(name, st)
			}
			fixBigFds(st)
		}
		if err != nil {
			r.reportSyntax(err)
			r.status = 2
			return false
		}
		if noExec || r.opts[optNoExec] {
			continue
		}
		for _, st := range stmts {
			if lr.masked {
				wordexp.RestoreCR(st)
				wordexp.RestoreTildeText(st)
			}
			wordexp.DecodeControlEscapes(st)
		}
		r.RunFile(ctx, &syntax.File{Name: name, Stmts: stmts})
		if r.flow.kind == flowExit {
			return false
		}
	}
	return false
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

// lineReader hands the parser one line per Read and takes no more than
// that from the fd: a byte at a time from a pipe or terminal, and from a
// regular file a block, then a seek back to the end of the line.
type lineReader struct {
	f       *os.File
	regular bool
	err     error
	lines   int    // lines handed out
	last    []byte // the last line handed out
	pending []byte // masked text still to hand out
	masked  bool   // a \r or ${x~} was masked: restore them after parsing
	pad     int    // empty lines to hand out first (see runLines)
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
	if lr.pad > 0 {
		n := min(lr.pad, len(p))
		for i := range n {
			p[i] = '\n'
		}
		lr.pad -= n
		return n, nil
	}
	if len(lr.pending) > 0 {
		n := copy(p, lr.pending)
		lr.pending = lr.pending[n:]
		return n, nil
	}
	n, err := lr.read(p)
	lr.lines += bytes.Count(p[:n], []byte{'\n'})
	lr.last = append(lr.last[:0], p[:n]...)
	text := string(p[:n])
	masked := wordexp.MaskTildeCase(wordexp.MaskCR(text))
	if masked != text {
		// the parser gets the stand-ins for \r (see wordexp/cr.go) and ${x~}
		// (wordexp/tildecase.go), which are longer: what does not fit waits
		// for the next Read
		lr.masked = true
		n = copy(p, masked)
		lr.pending = append(lr.pending[:0], masked[n:]...)
	}
	return n, err
}

// expansionAt returns the ${...} of the last line read around column col
// (1-based), for bash's "bad substitution" message.
func (lr *lineReader) expansionAt(col int) string {
	line := string(bytes.TrimRight(lr.last, "\n"))
	col = min(max(col-1, 0), len(line))
	start := strings.LastIndex(line[:col], "${")
	if start < 0 {
		return strings.TrimSpace(line)
	}
	end := strings.IndexByte(line[start:], '}')
	if end < 0 {
		return line[start:]
	}
	return line[start : start+end+1]
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

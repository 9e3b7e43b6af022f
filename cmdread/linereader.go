package cmdread

import (
	"bytes"
	"io"
	"os"
	"strings"

	"golang.org/x/sys/unix"
)

// LineSource hands out one line at a time, with its newline unless the
// input ended first (err is then io.EOF or the read error, and the line
// is what came before it, perhaps nothing).
type LineSource interface {
	ReadLine() (string, error)
}

// Text is a LineSource over text in memory (a script read whole, a -c
// string, eval's string).
type Text struct{ s string }

// NewText returns a LineSource over s.
func NewText(s string) *Text { return &Text{s: s} }

// AtLine places code that runs on line (eval's string, a trap's action,
// a child subshell's code) there, as bash counts its lines: its first
// line is line, by padding it with that many empty lines less one.
func AtLine(src string, line uint) string {
	if line <= 1 {
		return src
	}
	return strings.Repeat("\n", int(line-1)) + src
}

// ReadLine returns the next line of the text.
func (t *Text) ReadLine() (string, error) {
	if t.s == "" {
		return "", io.EOF
	}
	line := t.s
	if i := strings.IndexByte(t.s, '\n'); i >= 0 {
		line = t.s[:i+1]
	}
	t.s = t.s[len(line):]
	return line, nil
}

// LineReader is a LineSource over a file that takes no more than the
// line from its descriptor: a byte at a time from a pipe or terminal,
// and from a regular file a block, then a seek back to the end of the
// line. So the commands run can read the lines after it themselves (as
// `read x` or `cat` do, with bash < file or bash -i < file).
type LineReader struct {
	f       *os.File
	regular bool
	err     error
}

// NewLineReader reads f, which the caller still owns.
func NewLineReader(f *os.File) *LineReader {
	lr := &LineReader{f: f}
	var st unix.Stat_t
	if err := unix.Fstat(int(f.Fd()), &st); err == nil && st.Mode&unix.S_IFMT == unix.S_IFREG {
		if _, err := f.Seek(0, io.SeekCurrent); err == nil {
			lr.regular = true
		}
	}
	return lr
}

// ReadLine returns the next line, with its newline unless the input
// ended first (err is then io.EOF or the read error).
func (lr *LineReader) ReadLine() (string, error) {
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

func (lr *LineReader) read(p []byte) (int, error) {
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

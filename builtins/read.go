package builtins

import (
	"bufio"
	"context"
	"errors"
	"io"
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
	"mvdan.cc/sh/v3/expand"
	"mvdan.cc/sh/v3/syntax"

	"pipesh/errmsg"
)

const readUsage = "read [-ers] [-a array] [-d delim] [-i text] [-n nchars] [-N nchars] [-p prompt] [-t timeout] [-u fd] [name ...]"

// statusTimeout is read's status when -t expires: 128+SIGALRM, as bash.
const statusTimeout = 128 + int(syscall.SIGALRM)

// readOpts are read's options.
type readOpts struct {
	raw, silent, exact bool
	edit               bool   // -e: with the shell's line editor on a terminal
	text               string // -i: what -e's line starts with
	array, prompt      string
	delim              byte
	nchars             int // -1: no limit
	timeout            time.Duration
	hasTimeout         bool
	fd                 int
	utf8               bool // -n and -N count UTF-8 characters, not bytes
}

// readShell is what read touches: the variables it sets, the fd it reads
// (-u) and the line editor (-e), and the command line it abandons when
// Ctrl-C interrupts the editor.
type readShell interface {
	Vars
	Fds
	Flow
}

// read reads one line (up to -d's delimiter, or -n/-N characters) and
// splits it on IFS into the named variables, REPLY by default. It reads
// the input one byte at a time, except from a regular file, where it
// seeks back over what it read too far: a shared fd must be left just
// after the line for the next command.
func read(ctx context.Context, c *Call, sh readShell) int {
	flags, names, ok := parseFlags(c, c.Args, "ersa:d:i:n:p:t:u:N:", readUsage)
	if !ok {
		return 2
	}
	o := readOpts{delim: '\n', nchars: -1}
	for _, f := range flags {
		switch f.name {
		case 'r':
			o.raw = true
		case 'e':
			o.edit = true
		case 'i':
			o.text = f.arg
		case 's':
			o.silent = true
		case 'a':
			o.array = f.arg
		case 'd':
			o.delim = 0
			if f.arg != "" {
				o.delim = f.arg[0]
			}
		case 'p':
			o.prompt = f.arg
		case 'n', 'N':
			n, err := strconv.Atoi(strings.TrimSpace(f.arg))
			if err != nil || n < 0 {
				c.Sh.Errorf(c, "%s: invalid number", f.arg)
				return 1
			}
			o.nchars, o.exact = n, f.name == 'N'
		case 't':
			secs, err := strconv.ParseFloat(f.arg, 64)
			if err != nil || secs < 0 || strings.ContainsAny(f.arg, "eEnNiIxX") {
				c.Sh.Errorf(c, "%s: invalid timeout specification", f.arg)
				return 1
			}
			o.timeout, o.hasTimeout = time.Duration(secs*float64(time.Second)), true
		case 'u':
			n, err := strconv.Atoi(f.arg)
			if err != nil || n < 0 {
				c.Sh.Errorf(c, "%s: invalid file descriptor specification", f.arg)
				return 1
			}
			o.fd = n
		}
	}
	for _, n := range names {
		if !validVarRef(n) {
			c.Sh.Errorf(c, "`%s': not a valid identifier", n)
			return 1
		}
	}
	if o.array != "" && !syntax.ValidName(o.array) {
		c.Sh.Errorf(c, "`%s': not a valid identifier", o.array)
		return 1
	}

	in := c.Stdin
	if o.fd != 0 {
		f, ok := sh.Fd(o.fd)
		if !ok || f == nil {
			c.Sh.Errorf(c, "%d: invalid file descriptor: Bad file descriptor", o.fd)
			return 1
		}
		in = f
	}
	if in == nil {
		c.Sh.Errorf(c, "read error: %d: Bad file descriptor", o.fd)
		return 1
	}

	if o.hasTimeout && o.timeout == 0 {
		// -t 0 only asks whether input is waiting.
		if readable(in, 0) {
			return 0
		}
		return 1
	}

	if o.edit && !o.silent && o.nchars < 0 && !o.hasTimeout && isTerminal(in) {
		if st, ok := readEdited(c, sh, names, &o); ok {
			return st
		}
	}
	// only a prompt, -s, -n and -N care about a terminal: skip the
	// ioctl in the common read loop
	isTerm := (o.prompt != "" || o.silent || o.nchars >= 0) && isTerminal(in)
	if o.prompt != "" && isTerm && c.Stderr != nil {
		io.WriteString(c.Stderr, o.prompt)
	}
	if isTerm && (o.silent || o.nchars >= 0) {
		// -s hides the input; -n and -N must see each key as it is
		// typed, not a line at a time.
		if restore := termMode(in, o.silent, o.nchars >= 0); restore != nil {
			defer restore()
		}
	}

	var deadline time.Time
	if o.hasTimeout {
		deadline = time.Now().Add(o.timeout)
	}
	var src *byteSource
	if br := sh.ReadBuffer(in); br != nil {
		// the loop's buffer: no fstat per line to learn what in is
		src = &byteSource{ctx: ctx, f: in, deadline: deadline, br: br}
	} else {
		src = newByteSource(ctx, in, deadline)
	}
	if o.nchars >= 0 {
		o.utf8 = utf8Locale(sh) // only -n and -N count characters
	}
	line, status, err := readLine(src, &o)
	src.unread()
	if err != nil && !errors.Is(err, errReadTimeout) && !errors.Is(err, context.Canceled) {
		c.Sh.Errorf(c, "read error: %d: %s", o.fd, errmsg.Text(err))
		return 1
	}
	if err := assignRead(sh, line, names, &o); err != nil {
		errorf(c, err)
		return 1
	}
	return status
}

// readLine reads up to the delimiter or character count, handling
// backslashes unless -r. It returns the text with a flag per byte telling
// whether it was escaped (escaped bytes never split fields), and read's
// status: 0, 1 at end of input, 142 at timeout.
func readLine(src *byteSource, o *readOpts) (*escText, int, error) {
	line := &escText{}
	count, pending := 0, 0 // characters read; continuation bytes still due
	escaped := false
	for o.nchars < 0 || count < o.nchars || pending > 0 {
		b, err := src.readByte()
		if err != nil {
			if errors.Is(err, errReadTimeout) {
				return line, statusTimeout, nil
			}
			if err == io.EOF {
				return line, 1, nil
			}
			return line, 1, err
		}
		if b == 0 && o.delim != 0 {
			continue // bash drops NUL bytes
		}
		if escaped {
			escaped = false
			if b == '\n' {
				continue // backslash-newline joins lines
			}
			line.add(b, true)
		} else if !o.raw && b == '\\' {
			escaped = true
			continue
		} else if b == o.delim && !o.exact {
			return line, 0, nil
		} else {
			line.add(b, false)
		}
		// -n and -N count characters, not bytes: a UTF-8 lead byte
		// starts one, and its continuation bytes must follow it in.
		if !o.utf8 {
			count++
		} else if b&0xc0 == 0x80 {
			if pending > 0 {
				pending--
			}
		} else {
			count++
			pending = 0
			switch {
			case b >= 0xf0:
				pending = 3
			case b >= 0xe0:
				pending = 2
			case b >= 0xc0:
				pending = 1
			}
		}
	}
	return line, 0, nil
}

// escText is text read by read, with a flag per byte for escaped bytes.
type escText struct {
	b   []byte
	esc []bool
}

func (t *escText) add(b byte, esc bool) {
	t.b = append(t.b, b)
	t.esc = append(t.esc, esc)
}

// assignRead stores what read read: in REPLY unsplit, in an array (-a)
// split into all fields, or in the names with the last taking the rest.
func assignRead(sh Vars, line *escText, names []string, o *readOpts) error {
	if o.array != "" {
		fields := splitRead(sh, line, -1)
		sh.UnsetVar(o.array)
		return sh.SetVar(o.array, expand.Variable{Set: true, Kind: expand.Indexed, List: fields})
	}
	if len(names) == 0 {
		return sh.SetString("REPLY", string(line.b))
	}
	var fields []string
	if o.exact {
		fields = []string{string(line.b)}
	} else {
		fields = splitRead(sh, line, len(names))
	}
	for i, n := range names {
		v := ""
		if i < len(fields) {
			v = fields[i]
		}
		if err := sh.SetString(n, v); err != nil {
			return err
		}
	}
	return nil
}

// splitRead splits line on IFS as read does: n fields at most (-1: all),
// the last one taking the rest of the line with its separators, less
// trailing IFS whitespace.
func splitRead(sh Vars, line *escText, n int) []string {
	ifs := " \t\n"
	if v := sh.Var("IFS"); v.IsSet() {
		ifs = v.String()
	}
	if ifs == "" {
		if n == 0 || n < 0 && len(line.b) == 0 {
			return nil // read -a of an empty line: no element
		}
		return []string{string(line.b)}
	}
	isIFS := func(i int) bool { return !line.esc[i] && strings.IndexByte(ifs, line.b[i]) >= 0 }
	isWS := func(i int) bool { return isIFS(i) && strings.IndexByte(" \t\n", line.b[i]) >= 0 }
	end := len(line.b)
	pos := 0
	for pos < end && isWS(pos) {
		pos++
	}
	// word takes one field from pos and the separator after it: IFS
	// whitespace, at most one other IFS byte, IFS whitespace.
	word := func() string {
		start := pos
		for pos < end && !isIFS(pos) {
			pos++
		}
		w := string(line.b[start:pos])
		for pos < end && isWS(pos) {
			pos++
		}
		if pos < end && isIFS(pos) {
			pos++
			for pos < end && isWS(pos) {
				pos++
			}
		}
		return w
	}
	var fields []string
	for pos < end && (n < 0 || len(fields) < n-1) {
		fields = append(fields, word())
	}
	if n > 0 && pos < end {
		start := pos
		w := word()
		if pos < end {
			stop := end
			for stop > start && isWS(stop-1) {
				stop--
			}
			w = string(line.b[start:stop])
		}
		fields = append(fields, w)
	}
	return fields
}

var errReadTimeout = errors.New("read timed out")

// byteSource hands read its input a byte at a time without taking more
// from the fd than it returns, so the next command gets the rest.
type byteSource struct {
	ctx      context.Context
	f        *os.File
	deadline time.Time
	regular  bool // seekable: read ahead, then seek back
	socket   bool // a socket (a coproc's end): peek ahead, then take what was used
	buf      []byte
	off      int
	one      [1]byte
	br       *bufio.Reader // the loop's buffer (Fds.ReadBuffer), if any
	fixed    bool          // buf is all there is (read -e's line): f is nil
}

func newByteSource(ctx context.Context, f *os.File, deadline time.Time) *byteSource {
	s := &byteSource{ctx: ctx, f: f, deadline: deadline}
	var st unix.Stat_t
	if err := unix.Fstat(int(f.Fd()), &st); err == nil {
		switch st.Mode & unix.S_IFMT {
		case unix.S_IFREG:
			if _, err := f.Seek(0, io.SeekCurrent); err == nil {
				s.regular = true
			}
		case unix.S_IFSOCK:
			s.socket = true
		}
	}
	return s
}

// peek fills buf with what the socket holds, without taking it: a line
// then costs two system calls instead of one per byte.
func (s *byteSource) peek() (byte, error) {
	if err := s.consume(); err != nil {
		return 0, err
	}
	if err := s.wait(); err != nil {
		return 0, err
	}
	if s.buf == nil {
		s.buf = make([]byte, 4096)
	}
	for {
		n, _, err := unix.Recvfrom(int(s.f.Fd()), s.buf[:cap(s.buf)], unix.MSG_PEEK)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			s.buf = s.buf[:0]
			return 0, err
		}
		s.buf, s.off = s.buf[:n], 0
		if n == 0 {
			return 0, io.EOF
		}
		s.off = 1
		return s.buf[0], nil
	}
}

// consume takes from a socket the peeked bytes read has used.
func (s *byteSource) consume() error {
	for s.socket && s.off > 0 {
		// the bytes were peeked, so they are there: this read cannot
		// block, and what it copies is discarded
		n, err := s.f.Read(s.buf[:s.off])
		if err != nil {
			return err
		}
		s.off -= n
	}
	s.buf = s.buf[:0]
	return nil
}

func (s *byteSource) readByte() (byte, error) {
	if s.off < len(s.buf) {
		s.off++
		return s.buf[s.off-1], nil
	}
	if s.fixed {
		return 0, io.EOF
	}
	if s.br != nil {
		if s.br.Buffered() == 0 {
			if err := s.wait(); err != nil {
				return 0, err
			}
		}
		return s.br.ReadByte()
	}
	if s.socket {
		return s.peek()
	}
	if s.regular {
		if s.buf == nil {
			s.buf = make([]byte, 512)
		}
		n, err := s.f.Read(s.buf[:cap(s.buf)])
		s.buf, s.off = s.buf[:n], 0
		if n == 0 {
			if err == nil {
				err = io.EOF
			}
			return 0, err
		}
		s.off = 1
		return s.buf[0], nil
	}
	if err := s.wait(); err != nil {
		return 0, err
	}
	// a byte at a time straight from the fd: os.File's locking costs more
	// than the read(2) itself here
	fd := int(s.f.Fd())
	for {
		n, err := unix.Read(fd, s.one[:])
		switch {
		case n == 1:
			return s.one[0], nil
		case err == unix.EINTR || err == unix.EAGAIN && s.waitAgain():
			continue
		case err != nil:
			return 0, &os.PathError{Op: "read", Path: s.f.Name(), Err: err}
		}
		return 0, io.EOF
	}
}

// waitAgain blocks until a non-blocking fd is readable again.
func (s *byteSource) waitAgain() bool {
	fds := []unix.PollFd{{Fd: int32(s.f.Fd()), Events: unix.POLLIN}}
	_, err := unix.Poll(fds, -1)
	return err == nil || err == unix.EINTR
}

// unread gives back what a regular file was read past the line.
func (s *byteSource) unread() {
	if s.br != nil {
		return // the rest stays in the loop's buffer for its next read
	}
	if s.socket {
		s.buf = s.buf[:s.off]
		s.consume()
		return
	}
	if rest := len(s.buf) - s.off; s.regular && rest > 0 {
		s.f.Seek(int64(-rest), io.SeekCurrent)
		s.buf = s.buf[:s.off]
	}
}

// wait blocks until the fd is readable, the -t deadline passes or ctx is
// done. It polls in slices of at most a quarter second so that a
// cancelled context is noticed; no goroutine is ever left on the fd.
func (s *byteSource) wait() error {
	if s.deadline.IsZero() && s.ctx.Done() == nil {
		return nil
	}
	for {
		slice := 250 * time.Millisecond
		if !s.deadline.IsZero() {
			left := time.Until(s.deadline)
			if left <= 0 {
				return errReadTimeout
			}
			slice = min(slice, left)
		}
		if readable(s.f, slice) {
			return nil
		}
		if err := s.ctx.Err(); err != nil {
			return err
		}
	}
}

// readable polls f for input for up to d. It says yes when it cannot
// tell, so that the read itself reports the problem.
func readable(f *os.File, d time.Duration) bool {
	rc, err := f.SyscallConn()
	if err != nil {
		return true
	}
	ms := int((d + time.Millisecond - 1) / time.Millisecond)
	ready := true
	rc.Control(func(fd uintptr) {
		fds := []unix.PollFd{{Fd: int32(fd), Events: unix.POLLIN}}
		for {
			n, err := unix.Poll(fds, ms)
			if err == unix.EINTR {
				continue
			}
			ready = err != nil || n > 0
			return
		}
	})
	return ready
}

func isTerminal(f *os.File) bool {
	ok := false
	if rc, err := f.SyscallConn(); err == nil {
		rc.Control(func(fd uintptr) {
			_, err := unix.IoctlGetTermios(int(fd), unix.TCGETS)
			ok = err == nil
		})
	}
	return ok
}

// termMode turns off terminal echo and/or line editing and returns what
// restores the terminal.
func termMode(f *os.File, noEcho, noCanon bool) func() {
	rc, err := f.SyscallConn()
	if err != nil {
		return nil
	}
	var restore func()
	rc.Control(func(fd uintptr) {
		old, err := unix.IoctlGetTermios(int(fd), unix.TCGETS)
		if err != nil {
			return
		}
		mode := *old
		if noEcho {
			mode.Lflag &^= unix.ECHO
		}
		if noCanon {
			mode.Lflag &^= unix.ICANON
			mode.Cc[unix.VMIN], mode.Cc[unix.VTIME] = 1, 0
		}
		if unix.IoctlSetTermios(int(fd), unix.TCSETS, &mode) == nil {
			restore = func() {
				rc.Control(func(fd uintptr) { unix.IoctlSetTermios(int(fd), unix.TCSETS, old) })
			}
		}
	})
	return restore
}

package shell

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"

	"golang.org/x/sys/unix"
	"mvdan.cc/sh/v3/expand"
	"mvdan.cc/sh/v3/syntax"

	"pipesh/exec"
)

// fdEntry is one slot of the shell's fd table. The table is the shell's
// view of its descriptors: a child gets exactly the non-private entries as
// its fds, whatever their numbers in the shell's own process.
type fdEntry struct {
	f       *os.File
	owned   bool // this table closes f when the entry goes
	private bool // not handed to children (coproc ends)
	ipc     bool // a pipe or socket end: closes go through exec.Close
}

type fdTable []fdEntry

// borrow copies the table for a subshell: the same files, none owned.
func (t fdTable) borrow() fdTable {
	c := make(fdTable, len(t))
	for i, e := range t {
		c[i] = fdEntry{f: e.f, private: e.private, ipc: e.ipc}
	}
	return c
}

func (t fdTable) get(n int) *os.File {
	if n < 0 || n >= len(t) {
		return nil
	}
	return t[n].f
}

// put stores an entry at n and returns what was there.
func (t *fdTable) put(n int, e fdEntry) fdEntry {
	for len(*t) <= n {
		*t = append(*t, fdEntry{})
	}
	old := (*t)[n]
	(*t)[n] = e
	return old
}

// free returns the lowest unused fd number at or above min.
func (t fdTable) free(min int) int {
	for n := min; ; n++ {
		if n >= len(t) || t[n].f == nil {
			return n
		}
	}
}

// release closes an entry the table owns.
func (r *Runner) release(e fdEntry) {
	if !e.owned || e.f == nil {
		return
	}
	if e.ipc {
		exec.Close(r.tracer(), e.f)
	} else {
		e.f.Close()
	}
}

// closeOwned closes every owned entry: the end of a subshell.
func (r *Runner) closeOwned() {
	for i, e := range r.fds {
		r.release(e)
		r.fds[i] = fdEntry{}
	}
}

// childFiles is the fd map for a child: every inheritable entry.
func (t fdTable) childFiles() []*os.File {
	n := len(t)
	for n > 0 && (t[n-1].f == nil || t[n-1].private) {
		n--
	}
	files := make([]*os.File, n)
	for i := 0; i < n; i++ {
		if !t[i].private {
			files[i] = t[i].f
		}
	}
	return files
}

// saved remembers what a scoped redirection replaced.
type saved struct {
	fd  int
	old fdEntry
}

// restore undoes scoped redirections, newest first.
func (r *Runner) restore(s []saved) {
	for i := len(s) - 1; i >= 0; i-- {
		cur := r.fds.put(s[i].fd, s[i].old)
		r.release(cur)
	}
}

// redirError is a failed redirection: the command does not run.
type redirError struct{ msg string }

func (e *redirError) Error() string { return e.msg }

// redirect applies redirs in order. With keep (exec without a command) the
// changes are permanent; otherwise the returned list undoes them.
func (r *Runner) redirect(ctx context.Context, redirs []*syntax.Redirect, keep bool) ([]saved, error) {
	var undo []saved
	set := func(fd int, e fdEntry) {
		old := r.fds.put(fd, e)
		if keep {
			r.release(old)
		} else {
			undo = append(undo, saved{fd, old})
		}
	}
	for _, rd := range redirs {
		if err := r.redirectOne(ctx, rd, keep, set); err != nil {
			if !keep {
				r.restore(undo)
			}
			return nil, err
		}
		r.traceRedir(rd)
	}
	return undo, nil
}

func (r *Runner) redirectOne(ctx context.Context, rd *syntax.Redirect, keep bool, set func(int, fdEntry)) error {
	fd := 1
	switch rd.Op {
	case syntax.RdrIn, syntax.RdrInOut, syntax.DplIn, syntax.Hdoc, syntax.DashHdoc, syntax.WordHdoc:
		fd = 0
	}
	varName := ""
	if rd.N != nil {
		if strings.HasPrefix(rd.N.Value, "{") {
			varName = strings.TrimSuffix(strings.TrimPrefix(rd.N.Value, "{"), "}")
			fd = -1
		} else {
			n, err := strconv.Atoi(rd.N.Value)
			if err != nil {
				return &redirError{rd.N.Value + ": bad file descriptor"}
			}
			fd = n
		}
	}
	switch rd.Op {
	case syntax.Hdoc, syntax.DashHdoc, syntax.WordHdoc:
		var body string
		var err error
		if rd.Op == syntax.WordHdoc {
			body, err = expand.Literal(r.ecfg, rd.Word)
			body += "\n"
		} else {
			body, err = r.hdocBody(rd)
		}
		if err != nil {
			return err
		}
		f, err := r.hereFile(body)
		if err != nil {
			return &redirError{"cannot create temp file for here-document: " + errText(err)}
		}
		if fd < 0 {
			fd = r.allocVarFd(varName)
		}
		set(fd, fdEntry{f: f, owned: true})
		return nil
	}
	target, err := r.redirTarget(rd.Word)
	if err != nil {
		return err
	}
	switch rd.Op {
	case syntax.DplIn, syntax.DplOut:
		if target == "-" {
			if fd < 0 {
				n, err := r.varFd(varName)
				if err != nil {
					return err
				}
				fd = n
			}
			if e := r.fdEntryAt(fd); e.f != nil && e.private && keep && !r.subshell {
				r.coprocFdClosing(e.f) // NAME[1]: shutdown(SHUT_WR); NAME[i] = -1
			}
			set(fd, fdEntry{})
			return nil
		}
		move := strings.HasSuffix(target, "-")
		num := strings.TrimSuffix(target, "-")
		src, err := strconv.Atoi(num)
		if err != nil {
			if rd.Op == syntax.DplOut {
				// >&word is &>word when word is not a number; n>&word
				// opens word on n
				op := syntax.RdrOut
				if rd.N == nil {
					op = syntax.RdrAll
				}
				if fd < 0 {
					fd = r.allocVarFd(varName)
				}
				return r.openRedir(fd, target, op, varName, set)
			}
			return &redirError{target + ": ambiguous redirect"}
		}
		srcEntry := r.fdEntryAt(src)
		if srcEntry.f == nil {
			return &redirError{num + ": Bad file descriptor"}
		}
		if fd < 0 {
			fd = r.allocVarFd(varName)
		}
		if fd == src {
			return nil
		}
		if !keep {
			// scoped: share the file; the entry is put back, not closed,
			// after the command, so no dup(2) and close(2) are needed
			set(fd, fdEntry{f: srcEntry.f, ipc: srcEntry.ipc})
			if move {
				set(src, fdEntry{})
			}
			return nil
		}
		nf, err := r.dupEntry(srcEntry)
		if err != nil {
			return &redirError{num + ": " + errText(err)}
		}
		set(fd, fdEntry{f: nf, owned: true, ipc: srcEntry.ipc})
		if move {
			set(src, fdEntry{})
		}
		return nil
	}
	if fd < 0 {
		fd = r.allocVarFd(varName)
	}
	return r.openRedir(fd, target, rd.Op, varName, set)
}

// redirTarget expands a redirection's word as bash does: with splitting
// and globbing, and an error unless exactly one word results.
func (r *Runner) redirTarget(w *syntax.Word) (string, error) {
	fields, err := r.fields([]*syntax.Word{w})
	if err != nil {
		return "", err
	}
	if len(fields) != 1 {
		return "", &redirError{printNode(w) + ": ambiguous redirect"}
	}
	if r.shopts["failglob"] && unquotedWord(w) && strings.ContainsAny(fields[0], "*?[") && fields[0] == printNode(w) {
		return "", &redirError{"no match: " + fields[0]}
	}
	return fields[0], nil
}

func (r *Runner) fdEntryAt(n int) fdEntry {
	if n < 0 || n >= len(r.fds) {
		return fdEntry{}
	}
	return r.fds[n]
}

// allocVarFd picks a free fd >= 10 for {var}> and stores it in var.
func (r *Runner) allocVarFd(name string) int {
	fd := r.fds.free(10)
	r.setString(name, strconv.Itoa(fd))
	return fd
}

func (r *Runner) varFd(name string) (int, error) {
	v := r.varRef(name) // NAME or NAME[1]
	n, err := strconv.Atoi(v)
	if err != nil {
		return 0, &redirError{v + ": ambiguous redirect"}
	}
	return n, nil
}

func (r *Runner) openRedir(fd int, target string, op syntax.RedirOperator, varName string, set func(int, fdEntry)) error {
	if target == "" {
		return &redirError{": No such file or directory"}
	}
	flag := 0
	switch op {
	case syntax.RdrIn:
		flag = os.O_RDONLY
	case syntax.RdrInOut:
		flag = os.O_RDWR | os.O_CREATE
	case syntax.RdrOut, syntax.RdrAll:
		flag = os.O_WRONLY | os.O_CREATE | os.O_TRUNC
		if r.opts[optNoClobber] {
			if fi, err := os.Stat(r.abs(target)); err == nil && fi.Mode().IsRegular() {
				return &redirError{target + ": cannot overwrite existing file"}
			}
		}
	case syntax.RdrClob:
		flag = os.O_WRONLY | os.O_CREATE | os.O_TRUNC
	case syntax.AppOut, syntax.AppAll:
		flag = os.O_WRONLY | os.O_CREATE | os.O_APPEND
	default:
		return &redirError{fmt.Sprintf("unsupported redirection %s", op)}
	}
	f, err := r.openFile(target, flag)
	if err != nil {
		return &redirError{target + ": " + errText(err)}
	}
	set(fd, fdEntry{f: f, owned: true})
	if op == syntax.RdrAll || op == syntax.AppAll {
		nf, err := dupFile(f)
		if err != nil {
			return &redirError{target + ": " + errText(err)}
		}
		set(2, fdEntry{f: nf, owned: true})
	}
	return nil
}

// openFile opens a redirection target relative to the shell's cwd.
// /dev/stdin, /dev/stdout, /dev/stderr and /dev/fd/N name the shell's
// own fd table, as in bash, since the process's fds are not the script's.
func (r *Runner) openFile(name string, flag int) (*os.File, error) {
	if n, ok := devFd(name); ok {
		e := r.fdEntryAt(n)
		if e.f == nil {
			return nil, syscall.EBADF
		}
		return dupFile(e.f)
	}
	return os.OpenFile(r.abs(name), flag|syscall.O_CLOEXEC, 0o666)
}

func devFd(name string) (int, bool) {
	switch name {
	case "/dev/stdin":
		return 0, true
	case "/dev/stdout":
		return 1, true
	case "/dev/stderr":
		return 2, true
	}
	if s, ok := strings.CutPrefix(name, "/dev/fd/"); ok {
		if n, err := strconv.Atoi(s); err == nil {
			return n, true
		}
	}
	return 0, false
}

func (r *Runner) abs(name string) string {
	if filepath.IsAbs(name) {
		return name
	}
	return filepath.Join(r.dir, name)
}

// dupFile duplicates f close-on-exec.
func dupFile(f *os.File) (*os.File, error) {
	nfd, err := unix.FcntlInt(f.Fd(), unix.F_DUPFD_CLOEXEC, 3)
	if err != nil {
		return nil, err
	}
	return os.NewFile(uintptr(nfd), f.Name()), nil
}

// hereFile returns a readable file holding body: a pipe when the body
// fits in the pipe buffer (no disk, no goroutine), else an unlinked temp
// file.
func (r *Runner) hereFile(body string) (*os.File, error) {
	if len(body) < 60000 {
		pr, pw, err := exec.Pipe(nil)
		if err != nil {
			return nil, err
		}
		_, err = io.WriteString(pw, body)
		pw.Close()
		if err != nil {
			pr.Close()
			return nil, err
		}
		return pr, nil
	}
	f, err := os.CreateTemp("", "pipesh-hdoc")
	if err != nil {
		return nil, err
	}
	os.Remove(f.Name())
	if _, err := io.WriteString(f, body); err != nil {
		f.Close()
		return nil, err
	}
	if _, err := f.Seek(0, 0); err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

func (r *Runner) hdocBody(rd *syntax.Redirect) (string, error) {
	if rd.Hdoc == nil {
		return "", nil
	}
	quoted := false
	for _, p := range rd.Word.Parts {
		switch p := p.(type) {
		case *syntax.SglQuoted, *syntax.DblQuoted:
			quoted = true
		case *syntax.Lit:
			if strings.ContainsAny(p.Value, `\`) {
				quoted = true
			}
		}
	}
	if quoted {
		var sb strings.Builder
		for _, p := range rd.Hdoc.Parts {
			if l, ok := p.(*syntax.Lit); ok {
				sb.WriteString(l.Value)
			}
		}
		s := sb.String()
		if rd.Op == syntax.DashHdoc {
			s = trimTabs(s)
		}
		return s, nil
	}
	hdoc := r.hdocLineno(rd.Hdoc)
	if rd.Op == syntax.DashHdoc {
		hdoc = stripHdocTabs(hdoc)
	}
	hdoc, err := r.resolveArith(hdoc) // $(( )) as bash evaluates it
	if err != nil {
		return "", r.wrapExpand(err)
	}
	s, err := expand.Document(r.ecfg, hdoc)
	if err != nil {
		return "", err
	}
	return s, nil
}

// hdocLineno gives $LINENO in a here-document body the line of the
// command, as bash does; expand would use the body line it stands on.
// The words of a for loop take it too: bash gives them the line of for.
func (r *Runner) hdocLineno(w *syntax.Word) *syntax.Word {
	parts, changed := r.linenoParts(w.Parts)
	if !changed {
		return w
	}
	return &syntax.Word{Parts: parts}
}

// linenoParts replaces the plain $LINENO in parts, also inside double
// quotes, with the command's line.
func (r *Runner) linenoParts(parts []syntax.WordPart) ([]syntax.WordPart, bool) {
	var out []syntax.WordPart
	for i, p := range parts {
		var np syntax.WordPart
		switch p := p.(type) {
		case *syntax.ParamExp:
			if p.Param == nil || p.Param.Value != "LINENO" || p.Exp != nil || p.Repl != nil || p.Slice != nil || p.Length || p.Excl || p.Index != nil {
				continue
			}
			np = &syntax.Lit{ValuePos: p.Pos(), ValueEnd: p.End(), Value: strconv.Itoa(int(r.line))}
		case *syntax.DblQuoted:
			inner, changed := r.linenoParts(p.Parts)
			if !changed {
				continue
			}
			dq := *p
			dq.Parts = inner
			np = &dq
		default:
			continue
		}
		if out == nil {
			out = append([]syntax.WordPart(nil), parts...)
		}
		out[i] = np
	}
	return out, out != nil
}

// stripHdocTabs removes the leading tabs of each line of a <<- body
// before expansion, as bash does, so tabs that come from expansions stay.
func stripHdocTabs(w *syntax.Word) *syntax.Word {
	nw := &syntax.Word{Parts: make([]syntax.WordPart, 0, len(w.Parts))}
	atStart := true
	for _, p := range w.Parts {
		lit, ok := p.(*syntax.Lit)
		if !ok {
			nw.Parts = append(nw.Parts, p)
			atStart = false
			continue
		}
		var sb strings.Builder
		for i := 0; i < len(lit.Value); i++ {
			c := lit.Value[i]
			if atStart && c == '\t' {
				continue
			}
			atStart = c == '\n'
			sb.WriteByte(c)
		}
		nl := *lit
		nl.Value = sb.String()
		nw.Parts = append(nw.Parts, &nl)
	}
	return nw
}

func trimTabs(s string) string {
	lines := strings.SplitAfter(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimLeft(l, "\t")
	}
	return strings.Join(lines, "")
}

// errText is strerror's text for err.
func errText(err error) string {
	var errno syscall.Errno
	if errors.As(err, &errno) {
		if s := errno.Error(); s != "" {
			return strings.ToUpper(s[:1]) + s[1:]
		}
	}
	var pe *os.PathError
	if errors.As(err, &pe) {
		return errText(pe.Err)
	}
	return err.Error()
}

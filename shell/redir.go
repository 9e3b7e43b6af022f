package shell

import (
	"context"
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

	"pipesh/errmsg"
	"pipesh/exec"
	"pipesh/fds"
)

// redirError is a failed redirection: the command does not run. It
// reads msg, then, when the failure has a cause (a file that cannot be
// opened), ": " and the cause as errmsg.Text words it.
type redirError struct {
	msg string
	err error
}

func (e *redirError) Error() string {
	if e.err == nil {
		return e.msg
	}
	return e.msg + ": " + errmsg.Text(e.err)
}

// Unwrap returns the cause, nil for a redirection that is wrong as
// written (an ambiguous one, a bad fd number).
func (e *redirError) Unwrap() error { return e.err }

// redirect applies redirs in order. With keep (exec without a command) the
// changes are permanent; otherwise the returned list undoes them.
func (r *Runner) redirect(ctx context.Context, redirs []*syntax.Redirect, keep bool) (fds.Undo, error) {
	var saved fds.Undo
	set := func(fd int, d *fds.Desc) {
		if keep {
			r.fds.Set(r.tracer(), fd, d, false)
			return
		}
		if d != nil {
			d.Hold()
		}
		saved = append(saved, r.fds.Swap(fds.Slot{N: fd, D: d}))
	}
	for _, rd := range redirs {
		if err := r.redirectOne(ctx, rd, keep, set); err != nil {
			if !keep {
				saved.Restore(&r.fds, r.tracer())
			}
			return nil, err
		}
		r.traceRedir(rd)
	}
	return saved, nil
}

// restore undoes scoped redirections.
func (r *Runner) restore(u fds.Undo) { u.Restore(&r.fds, r.tracer()) }

func (r *Runner) redirectOne(ctx context.Context, rd *syntax.Redirect, keep bool, set func(int, *fds.Desc)) error {
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
				return &redirError{msg: rd.N.Value + ": bad file descriptor"}
			}
			if n >= fds.Limit() {
				return &redirError{msg: rd.N.Value + ": Bad file descriptor"}
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
			return &redirError{msg: "cannot create temp file for here-document", err: err}
		}
		if fd < 0 {
			fd = r.allocVarFd(varName)
		}
		set(fd, fds.NewDesc(f, false))
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
			if e := r.fds.Slot(fd); e.D != nil && e.Private && keep {
				// a coproc this shell started (coprocFdClosing checks): NAME[1] is
				// shutdown(SHUT_WR), NAME[i] becomes -1
				r.coprocFdClosing(e.D.File())
			}
			set(fd, nil)
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
			return &redirError{msg: target + ": ambiguous redirect"}
		}
		srcEntry := r.fds.Slot(src)
		if srcEntry.D == nil || src >= fds.Limit() {
			return &redirError{msg: num + ": Bad file descriptor"}
		}
		if fd < 0 {
			fd = r.allocVarFd(varName)
		}
		if fd == src {
			return nil
		}
		// both numbers refer to the one open file, as after dup(2): a
		// child gets it at both, and it is closed when neither holds it
		set(fd, srcEntry.D)
		if move {
			set(src, nil)
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
		return "", &redirError{msg: printNode(w) + ": ambiguous redirect"}
	}
	if r.shopts["failglob"] && unquotedWord(w) && strings.ContainsAny(fields[0], "*?[") && fields[0] == printNode(w) {
		return "", &redirError{msg: "no match: " + fields[0]}
	}
	return fields[0], nil
}

// allocVarFd picks a free fd >= 10 for {var}> and stores it in var.
func (r *Runner) allocVarFd(name string) int {
	fd := r.fds.Free(10)
	r.setString(name, strconv.Itoa(fd))
	return fd
}

func (r *Runner) varFd(name string) (int, error) {
	v := r.varRef(name) // NAME or NAME[1]
	n, err := strconv.Atoi(v)
	if err != nil {
		return 0, &redirError{msg: v + ": ambiguous redirect"}
	}
	return n, nil
}

func (r *Runner) openRedir(fd int, target string, op syntax.RedirOperator, varName string, set func(int, *fds.Desc)) error {
	if target == "" {
		return &redirError{msg: ": No such file or directory"}
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
				return &redirError{msg: target + ": cannot overwrite existing file"}
			}
		}
	case syntax.RdrClob:
		flag = os.O_WRONLY | os.O_CREATE | os.O_TRUNC
	case syntax.AppOut, syntax.AppAll:
		flag = os.O_WRONLY | os.O_CREATE | os.O_APPEND
	default:
		return &redirError{msg: fmt.Sprintf("unsupported redirection %s", op)}
	}
	f, err := r.openFile(target, flag)
	if err != nil {
		return &redirError{msg: target, err: err}
	}
	d := fds.NewDesc(f, false)
	set(fd, d)
	if op == syntax.RdrAll || op == syntax.AppAll {
		set(2, d)
	}
	return nil
}

// openFile opens a redirection target relative to the shell's cwd.
// /dev/stdin, /dev/stdout, /dev/stderr and /dev/fd/N name the shell's
// own fd table, as in bash, since the process's fds are not the script's.
func (r *Runner) openFile(name string, flag int) (*os.File, error) {
	if n, ok := devFd(name); ok {
		f := r.fds.Get(n)
		if f == nil {
			return nil, syscall.EBADF
		}
		if flag&syscall.O_ACCMODE == syscall.O_RDWR {
			// <> opens it anew as Linux's /dev/fd does: a pipe's read
			// end opened so holds the write end too (read -t 1 <> <(:)
			// waits its second, never seeing end of file)
			if g, err := exec.OpenFile("/proc/self/fd/"+strconv.Itoa(int(f.Fd())), flag, 0); err == nil {
				return g, nil
			}
		}
		return fds.Dup(f)
	}
	return exec.OpenFile(r.abs(name), flag, 0o666)
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

// hereFile returns a readable file holding body: a pipe when the body
// fits in the pipe buffer (no disk, no goroutine), else an unlinked temp
// file in the directory tempDir picks.
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
	f, err := os.CreateTemp(r.tempDir(), "pipesh-hdoc")
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

// tempDir is where the shell makes its temporary files, as bash picks
// it: the shell's TMPDIR if it names a directory the shell may write in,
// else the first such of /tmp, /var/tmp and /usr/tmp, else the current
// directory.
func (r *Runner) tempDir() string {
	dirs := []string{"/tmp", "/var/tmp", "/usr/tmp"}
	if vr := r.lookupVar("TMPDIR"); vr.IsSet() && vr.String() != "" {
		dirs = append([]string{r.abs(vr.String())}, dirs...)
	}
	for _, d := range dirs {
		if fi, err := os.Stat(d); err == nil && fi.IsDir() && unix.Access(d, unix.W_OK|unix.X_OK) == nil {
			return d
		}
	}
	return r.dir
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

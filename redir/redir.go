// Package redir performs a command's redirections on its fd table: files
// opened for <, >, >>, <>, >| and &>, the dups and closes of n>&m and
// n>&-, here-documents and here-strings, the {name} forms that pick a
// free fd and store it in a variable, and the /dev/fd names that refer
// to the table rather than to pipesh's own process.
//
// What a redirection needs of the shell (expanding its word, the
// variables of {name}, set -C, the tracer) it asks through Shell.
package redir

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"

	"mvdan.cc/sh/v3/syntax"

	"pipesh/errmsg"
	"pipesh/exec"
	"pipesh/fds"
)

// Error is a failed redirection: the command does not run. It reads
// Msg, then, when the failure has a cause (a file that cannot be
// opened), ": " and the cause as errmsg.Text words it.
type Error struct {
	Msg string
	Err error
}

func (e *Error) Error() string {
	if e.Err == nil {
		return e.Msg
	}
	return e.Msg + ": " + errmsg.Text(e.Err)
}

// Unwrap returns the cause, nil for a redirection that is wrong as
// written (an ambiguous one, a bad fd number).
func (e *Error) Unwrap() error { return e.Err }

// Shell is what redirections need of the shell that runs them.
type Shell interface {
	// Tracer traces the pipes made and closed (nil: no tracing).
	Tracer() exec.Tracer
	// Dir is the working directory relative names are opened in.
	Dir() string
	// NoClobber reports whether set -C is on: > then refuses to
	// truncate an existing regular file.
	NoClobber() bool
	// TMPDIR is the value of the shell's TMPDIR, "" when unset.
	TMPDIR() string
	// Target expands the word of a redirection to the one name or fd
	// number it stands for, with splitting and globbing as bash does;
	// anything but one word is an *Error.
	Target(w *syntax.Word) (string, error)
	// HereString expands the word of <<<word, without splitting or
	// globbing.
	HereString(w *syntax.Word) (string, error)
	// HereDoc expands the body of a here-document whose delimiter is
	// unquoted (the leading tabs of <<- already gone).
	HereDoc(body *syntax.Word) (string, error)
	// FdVar is the value of name, a variable or an array element such
	// as NAME[1], in {name}>&-.
	FdVar(name string) string
	// SetFdVar stores in name the fd a {name} redirection picked.
	SetFdVar(name string, fd int)
	// Closing is told, with its file, that a private entry (a coproc's
	// end) is about to be closed for good (exec n>&-).
	Closing(f *os.File)
	// Done is told of each redirection once it is in place.
	Done(rd *syntax.Redirect)
}

// Apply performs redirs on t in order. With keep (exec without a
// command) the changes stay and the Undo is empty; otherwise the Undo
// returned puts back what they replaced, for the caller to Restore when
// the command is done. When one fails, the error says why (an *Error, or
// the shell's own from expanding a word); without keep, whatever redirs
// had done is undone.
func Apply(sh Shell, t *fds.Table, redirs []*syntax.Redirect, keep bool) (fds.Undo, error) {
	if len(redirs) == 0 {
		return nil, nil // most commands: no applier, which escapes, is made
	}
	a := applier{sh: sh, t: t, keep: keep}
	for _, rd := range redirs {
		if err := a.one(rd); err != nil {
			if !keep {
				a.saved.Restore(t, sh.Tracer())
			}
			return nil, err
		}
		sh.Done(rd)
	}
	return a.saved, nil
}

// applier is one Apply: the table and what its redirections put aside.
type applier struct {
	sh    Shell
	t     *fds.Table
	keep  bool
	saved fds.Undo
}

// set makes fd refer to d (closes it when d is nil), for good or
// keeping what it replaces.
func (a *applier) set(fd int, d *fds.Desc) {
	if a.keep {
		a.t.Set(a.sh.Tracer(), fd, d, false)
		return
	}
	if d != nil {
		d.Hold()
	}
	a.saved = append(a.saved, a.t.Swap(fds.Slot{N: fd, D: d}))
}

// DefaultFd is the fd a redirection operator applies to when no number
// is written before it: 0 for the input ones, 1 for the rest.
func DefaultFd(op syntax.RedirOperator) int {
	switch op {
	case syntax.RdrIn, syntax.RdrInOut, syntax.DplIn, syntax.Hdoc, syntax.DashHdoc, syntax.WordHdoc:
		return 0
	}
	return 1
}

func (a *applier) one(rd *syntax.Redirect) error {
	fd := DefaultFd(rd.Op)
	varName := ""
	if rd.N != nil {
		if strings.HasPrefix(rd.N.Value, "{") {
			varName = strings.TrimSuffix(strings.TrimPrefix(rd.N.Value, "{"), "}")
			fd = -1
		} else {
			n, err := strconv.Atoi(rd.N.Value)
			if err != nil {
				return &Error{Msg: rd.N.Value + ": bad file descriptor"}
			}
			if n >= fds.Limit() {
				return &Error{Msg: rd.N.Value + ": Bad file descriptor"}
			}
			fd = n
		}
	}
	switch rd.Op {
	case syntax.Hdoc, syntax.DashHdoc, syntax.WordHdoc:
		body, err := hereBody(a.sh, rd)
		if err != nil {
			return err
		}
		f, err := hereFile(a.sh, body)
		if err != nil {
			return &Error{Msg: "cannot create temp file for here-document", Err: err}
		}
		if fd < 0 {
			fd = a.allocVarFd(varName)
		}
		a.set(fd, fds.NewDesc(f, false))
		return nil
	}
	target, err := a.sh.Target(rd.Word)
	if err != nil {
		return err
	}
	switch rd.Op {
	case syntax.DplIn, syntax.DplOut:
		return a.dup(rd, fd, varName, target)
	}
	if fd < 0 {
		fd = a.allocVarFd(varName)
	}
	return a.open(fd, target, rd.Op)
}

// dup performs n>&m, n<&m, n>&m- (a move) and n>&- (a close); >&word
// with a word that is no number opens it.
func (a *applier) dup(rd *syntax.Redirect, fd int, varName, target string) error {
	if target == "-" {
		if fd < 0 {
			n, err := a.varFd(varName)
			if err != nil {
				return err
			}
			fd = n
		}
		if e := a.t.Slot(fd); e.D != nil && e.Private && a.keep {
			// a coproc this shell started: NAME[1] is shutdown(SHUT_WR),
			// NAME[i] becomes -1
			a.sh.Closing(e.D.File())
		}
		a.set(fd, nil)
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
				fd = a.allocVarFd(varName)
			}
			return a.open(fd, target, op)
		}
		return &Error{Msg: target + ": ambiguous redirect"}
	}
	srcEntry := a.t.Slot(src)
	if srcEntry.D == nil || src >= fds.Limit() {
		return &Error{Msg: num + ": Bad file descriptor"}
	}
	if fd < 0 {
		fd = a.allocVarFd(varName)
	}
	if fd == src {
		return nil
	}
	// both numbers refer to the one open file, as after dup(2): a
	// child gets it at both, and it is closed when neither holds it
	a.set(fd, srcEntry.D)
	if move {
		a.set(src, nil)
	}
	return nil
}

// allocVarFd picks a free fd >= 10 for {name}> and stores it in name.
func (a *applier) allocVarFd(name string) int {
	fd := a.t.Free(10)
	a.sh.SetFdVar(name, fd)
	return fd
}

// varFd is the fd {name}>&- closes.
func (a *applier) varFd(name string) (int, error) {
	v := a.sh.FdVar(name) // NAME or NAME[1]
	n, err := strconv.Atoi(v)
	if err != nil {
		return 0, &Error{Msg: v + ": ambiguous redirect"}
	}
	return n, nil
}

// open opens target for op and puts it at fd (and at 2 for &> and &>>).
func (a *applier) open(fd int, target string, op syntax.RedirOperator) error {
	if target == "" {
		return &Error{Msg: ": No such file or directory"}
	}
	flag := 0
	switch op {
	case syntax.RdrIn:
		flag = os.O_RDONLY
	case syntax.RdrInOut:
		flag = os.O_RDWR | os.O_CREATE
	case syntax.RdrOut, syntax.RdrAll:
		flag = os.O_WRONLY | os.O_CREATE | os.O_TRUNC
		if a.sh.NoClobber() {
			if fi, err := os.Stat(abs(a.sh.Dir(), target)); err == nil && fi.Mode().IsRegular() {
				return &Error{Msg: target + ": cannot overwrite existing file"}
			}
		}
	case syntax.RdrClob:
		flag = os.O_WRONLY | os.O_CREATE | os.O_TRUNC
	case syntax.AppOut, syntax.AppAll:
		flag = os.O_WRONLY | os.O_CREATE | os.O_APPEND
	default:
		return &Error{Msg: fmt.Sprintf("unsupported redirection %s", op)}
	}
	f, err := Open(a.t, a.sh.Dir(), target, flag)
	if err != nil {
		return &Error{Msg: target, Err: err}
	}
	d := fds.NewDesc(f, false)
	a.set(fd, d)
	if op == syntax.RdrAll || op == syntax.AppAll {
		a.set(2, d)
	}
	return nil
}

// Open opens name with flag (os.O_*), relative to dir, as a redirection
// target: a new file of the caller's. /dev/stdin, /dev/stdout,
// /dev/stderr and /dev/fd/N name t's own entries, as in bash, since the
// process's fds are not the script's.
func Open(t *fds.Table, dir, name string, flag int) (*os.File, error) {
	if n, ok := devFd(name); ok {
		f := t.Get(n)
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
	return exec.OpenFile(abs(dir, name), flag, 0o666)
}

// devFd is the fd a /dev name refers to.
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

func abs(dir, name string) string {
	if filepath.IsAbs(name) {
		return name
	}
	return filepath.Join(dir, name)
}

package shell

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"mvdan.cc/sh/v3/expand"
	"mvdan.cc/sh/v3/syntax"

	"pipesh/exec"
	"pipesh/fds"
	"pipesh/parse"
	"pipesh/redir"
)

// redirect applies redirs to r's fd table (package redir). With keep
// (exec without a command) the changes are permanent; otherwise the
// returned list undoes them (restore).
func (r *Runner) redirect(ctx context.Context, redirs []*syntax.Redirect, keep bool) (fds.Undo, error) {
	return redir.Apply(redirShell{r}, &r.fds, redirs, keep)
}

// restore undoes scoped redirections.
func (r *Runner) restore(u fds.Undo) { u.Restore(&r.fds, r.tracer()) }

// openFile opens a file as a redirection target would be: relative to
// the shell's cwd, /dev/fd/N and /dev/std* naming the shell's fd table.
func (r *Runner) openFile(name string, flag int) (*os.File, error) {
	return redir.Open(&r.fds, r.dir, name, flag)
}

func (r *Runner) abs(name string) string {
	if filepath.IsAbs(name) {
		return name
	}
	return filepath.Join(r.dir, name)
}

// hdocLineno gives $LINENO in w the line of the command (redir.Lineno).
func (r *Runner) hdocLineno(w *syntax.Word) *syntax.Word { return redir.Lineno(w, int(r.line)) }

// redirShell is the shell as package redir sees it.
type redirShell struct{ r *Runner }

func (s redirShell) Tracer() exec.Tracer          { return s.r.tracer() }
func (s redirShell) Dir() string                  { return s.r.dir }
func (s redirShell) NoClobber() bool              { return s.r.opts[optNoClobber] }
func (s redirShell) Closing(f *os.File)           { s.r.coprocFdClosing(f) }
func (s redirShell) Done(rd *syntax.Redirect)     { s.r.traceRedir(rd) }
func (s redirShell) FdVar(name string) string     { return s.r.varRef(name) }
func (s redirShell) SetFdVar(name string, fd int) { s.r.setString(name, strconv.Itoa(fd)) }

func (s redirShell) TMPDIR() string {
	if vr := s.r.lookupVar("TMPDIR"); vr.IsSet() {
		return vr.String()
	}
	return ""
}

// Target expands a redirection's word as bash does: with splitting and
// globbing, and an error unless exactly one word results.
func (s redirShell) Target(w *syntax.Word) (string, error) {
	r := s.r
	fields, err := r.fields([]*syntax.Word{w})
	if err != nil {
		return "", err
	}
	if len(fields) != 1 {
		return "", &redir.Error{Msg: printNode(w) + ": ambiguous redirect"}
	}
	if r.shopts["failglob"] && parse.Unquoted(w) && strings.ContainsAny(fields[0], "*?[") && fields[0] == printNode(w) {
		return "", &redir.Error{Msg: "no match: " + fields[0]}
	}
	return fields[0], nil
}

func (s redirShell) HereString(w *syntax.Word) (string, error) {
	return expand.Literal(s.r.ecfg, s.r.wx.FailBadSubst(w))
}

// HereDoc expands an unquoted here-document's body: $LINENO is the
// command's line and $(( )) is evaluated as bash does.
func (s redirShell) HereDoc(body *syntax.Word) (string, error) {
	r := s.r
	body, err := r.resolveArith(r.hdocLineno(r.wx.FailBadSubst(body)))
	if err != nil {
		return "", r.wrapExpand(err)
	}
	return expand.Document(r.ecfg, body)
}

package redir

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"mvdan.cc/sh/v3/syntax"

	"pipesh/exec"
	"pipesh/fds"
)

// fakeShell expands words as literals (no splitting), holds {name}
// variables in a map and records what the engine tells it.
type fakeShell struct {
	dir       string
	noclobber bool
	tmpdir    string
	vars      map[string]string
	closing   []*os.File
	done      int
}

func (s *fakeShell) Tracer() exec.Tracer { return nil }
func (s *fakeShell) Dir() string         { return s.dir }
func (s *fakeShell) NoClobber() bool     { return s.noclobber }
func (s *fakeShell) TMPDIR() string      { return s.tmpdir }
func (s *fakeShell) Target(w *syntax.Word) (string, error) {
	if w.Lit() == "" {
		return "", &Error{Msg: "ambiguous redirect"}
	}
	return w.Lit(), nil
}
func (s *fakeShell) HereString(w *syntax.Word) (string, error) { return w.Lit(), nil }
func (s *fakeShell) HereDoc(body *syntax.Word) (string, error) {
	// a stand-in for expansion: the literal parts, a parameter as <NAME>
	var sb strings.Builder
	for _, p := range body.Parts {
		switch p := p.(type) {
		case *syntax.Lit:
			sb.WriteString(p.Value)
		case *syntax.ParamExp:
			sb.WriteString("<" + p.Param.Value + ">")
		}
	}
	return sb.String(), nil
}
func (s *fakeShell) FdVar(name string) string     { return s.vars[name] }
func (s *fakeShell) SetFdVar(name string, fd int) { s.vars[name] = strconv.Itoa(fd) }
func (s *fakeShell) Closing(f *os.File)           { s.closing = append(s.closing, f) }
func (s *fakeShell) Done(*syntax.Redirect)        { s.done++ }

func newFake(t *testing.T) *fakeShell {
	return &fakeShell{dir: t.TempDir(), vars: map[string]string{}}
}

// redirs parses src, one simple command, for its redirections.
func redirs(t *testing.T, src string) []*syntax.Redirect {
	t.Helper()
	f, err := syntax.NewParser().Parse(strings.NewReader(src), "")
	if err != nil {
		t.Fatal(err)
	}
	return f.Stmts[0].Redirs
}

// contents reads what fd n of tb refers to from its start.
func contents(t *testing.T, tb *fds.Table, n int) string {
	t.Helper()
	f := tb.Get(n)
	if f == nil {
		t.Fatalf("fd %d is closed", n)
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil && !errors.Is(err, syscall.ESPIPE) {
		t.Fatal(err)
	}
	b, err := io.ReadAll(f)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestApplyScoped(t *testing.T) {
	sh := newFake(t)
	var tb fds.Table
	stdout, err := exec.OpenFile(filepath.Join(sh.dir, "stdout"), os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	tb.Set(nil, 1, fds.NewDesc(stdout, false), false)
	u, err := Apply(sh, &tb, redirs(t, ": >out 3>&1 4>&3- 2>>log"), false)
	if err != nil {
		t.Fatal(err)
	}
	if sh.done != 4 {
		t.Errorf("Done told of %d redirections, want 4", sh.done)
	}
	out := tb.Get(1)
	if out == stdout || tb.Get(4) != out || tb.Get(3) != nil || tb.Get(2) == nil {
		t.Fatalf("fds 1 %v, 3 %v, 4 %v, 2 %v", out, tb.Get(3), tb.Get(4), tb.Get(2))
	}
	u.Restore(&tb, nil)
	if tb.Get(1) != stdout || tb.Get(2) != nil || tb.Get(4) != nil {
		t.Fatal("Restore did not put the table back")
	}
	for _, name := range []string{"out", "log"} {
		if _, err := os.Stat(filepath.Join(sh.dir, name)); err != nil {
			t.Errorf("%s not created in the shell's directory: %v", name, err)
		}
	}
	tb.CloseAll(nil)
}

func TestApplyFailureUndoes(t *testing.T) {
	sh := newFake(t)
	var tb fds.Table
	_, err := Apply(sh, &tb, redirs(t, ": >a 5<missing >b"), false)
	var re *Error
	if !errors.As(err, &re) || !errors.Is(err, syscall.ENOENT) {
		t.Fatalf("err = %v, want an *Error wrapping ENOENT", err)
	}
	if want := "missing: No such file or directory"; err.Error() != want {
		t.Errorf("message %q, want %q", err.Error(), want)
	}
	if tb.Get(1) != nil {
		t.Error("the redirection before the failure stayed in place")
	}
	if _, err := os.Stat(filepath.Join(sh.dir, "b")); err == nil {
		t.Error("the redirection after the failure was done")
	}
}

func TestApplyKeep(t *testing.T) {
	sh := newFake(t)
	var tb fds.Table
	u, err := Apply(sh, &tb, redirs(t, "exec {fd}>x"), true)
	if err != nil || len(u) != 0 {
		t.Fatalf("Undo %v, err %v", u, err)
	}
	if sh.vars["fd"] != "10" || tb.Get(10) == nil {
		t.Fatalf("fd var %q, fd 10 %v", sh.vars["fd"], tb.Get(10))
	}
	// a private entry, as a coproc's end is: the shell is told before
	// it goes
	priv := tb.Get(10)
	tb.SetPrivate(10, true)
	if _, err := Apply(sh, &tb, redirs(t, "exec {fd}>&-"), true); err != nil {
		t.Fatal(err)
	}
	if tb.Get(10) != nil || len(sh.closing) != 1 || sh.closing[0] != priv {
		t.Fatalf("fd 10 %v, Closing told of %v", tb.Get(10), sh.closing)
	}
}

func TestHereDocs(t *testing.T) {
	sh := newFake(t)
	var tb fds.Table
	cases := []struct{ src, want string }{
		{"cat <<<word", "word\n"},
		{"cat <<E\n\tx $HOME\nE", "\tx <HOME>\n"},
		{"cat <<-E\n\tx $HOME\n\t\ty\nE", "x <HOME>\ny\n"},
		{"cat <<'E'\n\tx $HOME\nE", "\tx $HOME\n"},
		{"cat <<-\\E\n\tx $HOME\nE", "x $HOME\n"},
	}
	for _, c := range cases {
		u, err := Apply(sh, &tb, redirs(t, c.src), false)
		if err != nil {
			t.Fatalf("%q: %v", c.src, err)
		}
		if got := contents(t, &tb, 0); got != c.want {
			t.Errorf("%q gives %q, want %q", c.src, got, c.want)
		}
		u.Restore(&tb, nil)
	}
}

// A body too big for a pipe goes to an unlinked file in the directory
// TMPDIR names.
func TestHereDocTempFile(t *testing.T) {
	sh := newFake(t)
	sh.tmpdir = "tmp" // relative to the shell's directory
	if err := os.Mkdir(filepath.Join(sh.dir, "tmp"), 0o700); err != nil {
		t.Fatal(err)
	}
	body := strings.Repeat("line\n", 20000)
	var tb fds.Table
	u, err := Apply(sh, &tb, redirs(t, "cat <<'E'\n"+body+"E"), false)
	if err != nil {
		t.Fatal(err)
	}
	defer u.Restore(&tb, nil)
	var st syscall.Stat_t
	if err := syscall.Fstat(int(tb.Get(0).Fd()), &st); err != nil {
		t.Fatal(err)
	}
	if st.Mode&syscall.S_IFMT != syscall.S_IFREG || st.Nlink != 0 {
		t.Errorf("mode %o, %d links: want an unlinked regular file", st.Mode, st.Nlink)
	}
	if got := contents(t, &tb, 0); got != body {
		t.Errorf("read back %d bytes, want %d", len(got), len(body))
	}
	if got := tempDir("tmp", sh.dir); got != filepath.Join(sh.dir, "tmp") {
		t.Errorf("tempDir = %q", got)
	}
	if got := tempDir("no-such-dir", sh.dir); got != "/tmp" {
		t.Errorf("tempDir of a missing TMPDIR = %q, want /tmp", got)
	}
}

func TestNoClobber(t *testing.T) {
	sh := newFake(t)
	sh.noclobber = true
	if err := os.WriteFile(filepath.Join(sh.dir, "f"), []byte("keep"), 0o600); err != nil {
		t.Fatal(err)
	}
	var tb fds.Table
	_, err := Apply(sh, &tb, redirs(t, ": >f"), false)
	if err == nil || err.Error() != "f: cannot overwrite existing file" {
		t.Fatalf("err = %v", err)
	}
	u, err := Apply(sh, &tb, redirs(t, ": >|f"), false)
	if err != nil {
		t.Fatalf(">| under noclobber: %v", err)
	}
	u.Restore(&tb, nil)
}

func TestBadFds(t *testing.T) {
	sh := newFake(t)
	var tb fds.Table
	for src, want := range map[string]string{
		": >&7":                                 "7: Bad file descriptor",
		": <&x":                                 "x: ambiguous redirect",
		": " + strconv.Itoa(fds.Limit()) + ">f": strconv.Itoa(fds.Limit()) + ": Bad file descriptor",
	} {
		_, err := Apply(sh, &tb, redirs(t, src), false)
		if err == nil || err.Error() != want {
			t.Errorf("%q: err %v, want %q", src, err, want)
		}
	}
}

// /dev/fd/N and /dev/std* name the table's entries, not the process's.
func TestOpenDevFd(t *testing.T) {
	sh := newFake(t)
	pr, pw, err := exec.Pipe(nil)
	if err != nil {
		t.Fatal(err)
	}
	defer pr.Close()
	var tb fds.Table
	tb.Set(nil, 7, fds.NewDesc(pw, true), false)
	for _, name := range []string{"/dev/fd/7", "/dev/stdin"} {
		f, err := Open(&tb, sh.dir, name, os.O_WRONLY)
		if name == "/dev/stdin" {
			if !errors.Is(err, syscall.EBADF) {
				t.Errorf("%s with fd 0 closed: %v, want EBADF", name, err)
			}
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		f.WriteString("via 7")
		f.Close()
	}
	tb.CloseAll(nil)
	b, _ := io.ReadAll(pr)
	if string(b) != "via 7" {
		t.Errorf("read %q through the pipe", b)
	}
}

func TestLineno(t *testing.T) {
	f, err := syntax.NewParser().Parse(strings.NewReader("cat <<E\n$LINENO \"$LINENO\" ${LINENO:-x}\nE"), "")
	if err != nil {
		t.Fatal(err)
	}
	body := f.Stmts[0].Redirs[0].Hdoc
	w := Lineno(body, 42)
	var sb strings.Builder
	syntax.NewPrinter().Print(&sb, w)
	if got, want := sb.String(), "42 \"42\" ${LINENO:-x}\n"; got != want {
		t.Errorf("Lineno gives %q, want %q", got, want)
	}
	plain := &syntax.Word{Parts: []syntax.WordPart{&syntax.Lit{Value: "x"}}}
	if Lineno(plain, 1) != plain {
		t.Error("a word without $LINENO was copied")
	}
}

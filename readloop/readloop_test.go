package readloop

import (
	"io"
	"strings"
	"testing"

	"mvdan.cc/sh/v3/syntax"

	"pipesh/exec"
	"pipesh/fds"
)

func parse(t *testing.T, src string) *syntax.Stmt {
	t.Helper()
	f, err := syntax.NewParser().Parse(strings.NewReader(src), "")
	if err != nil {
		t.Fatal(err)
	}
	return f.Stmts[0]
}

func TestStdin(t *testing.T) {
	for _, c := range []struct {
		src         string
		own, shared bool
	}{
		{": <f", true, false},
		{": <<<x", true, false},
		{": 0<f 2>err", true, false},
		{": >out", false, false},
		{": {fd}<f", false, false},
		{": <f <&3", false, true},
		{": 3<&0", false, true},
		{": <>f", false, true},
		{": 0>f", false, true},
	} {
		own, shared := Stdin(parse(t, c.src).Redirs)
		if own != c.own || shared != c.shared {
			t.Errorf("%q: own %v shared %v, want %v %v", c.src, own, shared, c.own, c.shared)
		}
	}
}

func TestOnlyReads(t *testing.T) {
	defined := func(name string) bool { return name == "f" || name == "al" }
	for _, c := range []struct {
		src  string
		want bool
	}{
		{"while read -r l; do echo \"$l\"; done", true},
		{"while read a b; do x=$a; printf '%s\\n' \"$b\" >&2; done", true},
		{"while read l; do [ \"$l\" = x ] && break; done", true},
		{"while read l; do cat; done", false},         // a program may read
		{"while read l; do f; done", false},           // a function may
		{"while read l; do al; done", false},          // an alias may
		{"while read l; do eval \"$l\"; done", false}, // code it is given
		{"while read l; do echo $(read x); done", false},
		{"while read l; do echo $(echo hi); done", true},
		{"while read l; do (echo hi); done", true},
		{"while read l; do echo | read x; done", false}, // a stage's own read
		{"while read l; do echo <&0; done", false},
		{"while read l; do echo & done", false},
		{"while read l; do cat <(echo); done", false},
	} {
		loop, ok := parse(t, c.src).Cmd.(*syntax.WhileClause)
		if !ok {
			t.Fatalf("%q is no loop", c.src)
		}
		if got := OnlyReads(loop, defined); got != c.want {
			t.Errorf("%q: OnlyReads = %v, want %v", c.src, got, c.want)
		}
	}
}

func TestBuf(t *testing.T) {
	pr, pw, err := exec.Pipe(nil)
	if err != nil {
		t.Fatal(err)
	}
	defer pr.Close()
	go func() {
		io.WriteString(pw, "one\ntwo\n")
		pw.Close()
	}()
	b := New(fds.NewDesc(pr, true))
	if b == nil {
		t.Fatal("no buffer for a pipe")
	}
	if b.Reader(pw) != nil || b.Reader(nil) != nil {
		t.Error("a buffer for a file it does not buffer")
	}
	br := b.Reader(pr)
	if br == nil {
		t.Fatal("no buffer for the loop's own input")
	}
	rest, err := io.ReadAll(br)
	if err != nil || string(rest) != "one\ntwo\n" {
		t.Errorf("read %q, %v", rest, err)
	}
	var none *Buf
	if none.Reader(pr) != nil {
		t.Error("a nil Buf buffers")
	}
	mine, theirs, err := exec.Socketpair(nil)
	if err != nil {
		t.Fatal(err)
	}
	defer mine.Close()
	defer theirs.Close()
	if New(fds.NewDesc(mine, true)) != nil {
		t.Error("a coproc's socket is buffered")
	}
}

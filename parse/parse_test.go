package parse

import (
	"errors"
	"strings"
	"testing"

	"mvdan.cc/sh/v3/syntax"
)

func printed(t *testing.T, n syntax.Node) string {
	t.Helper()
	var sb strings.Builder
	if err := syntax.NewPrinter().Print(&sb, n); err != nil {
		t.Fatal(err)
	}
	return sb.String()
}

// TestAnonymousFunction: zsh's `() cmd`, which mvdan's parser takes, is
// bash's syntax error, at the function, in the file named.
func TestAnonymousFunction(t *testing.T) {
	_, err := File(strings.NewReader("echo ok\n() echo hi\n"), "f.sh")
	var pe syntax.ParseError
	if !errors.As(err, &pe) {
		t.Fatalf("err = %v, want a syntax.ParseError", err)
	}
	if pe.Filename != "f.sh" || pe.Pos.Line() != 2 || !strings.Contains(pe.Text, "unexpected token `)'") {
		t.Errorf("err = %v, want f.sh:2's unexpected )", err)
	}
}

// TestBigFd: a number too big for an fd is the command's argument, and
// the redirection is of stdout, as bash's lexer reads it; a number that
// fits stays the fd.
func TestBigFd(t *testing.T) {
	for src, want := range map[string]string{
		"echo hi 99999999999>f": "echo hi 99999999999 >f",
		"echo hi 2147483648>f":  "echo hi 2147483648 >f",
		"echo hi 2147483647>f":  "echo hi 2147483647>f",
		"echo hi 3>f":           "echo hi 3>f",
	} {
		f, err := File(strings.NewReader(src), "")
		if err != nil {
			t.Fatalf("%s: %v", src, err)
		}
		if got := strings.TrimSpace(printed(t, f)); got != want {
			t.Errorf("%s parsed as %q, want %q", src, got, want)
		}
	}
}

// TestKept: a \r and a ${x~} reach the tree as written.
func TestKept(t *testing.T) {
	f, err := File(strings.NewReader("echo a\rb ${x~}\n"), "")
	if err != nil {
		t.Fatal(err)
	}
	call := f.Stmts[0].Cmd.(*syntax.CallExpr)
	if lit := call.Args[1].Lit(); lit != "a\rb" {
		t.Errorf("the \\r word is %q, want \"a\\rb\"", lit)
	}
	if pe, ok := call.Args[2].Parts[0].(*syntax.ParamExp); !ok || pe.Param.Value != "x" {
		t.Errorf("${x~} parsed as %#v", call.Args[2].Parts[0])
	}
}

// TestCheck: a statement parsed on its own gets the same rules.
func TestCheck(t *testing.T) {
	p := syntax.NewParser(syntax.Variant(syntax.LangBash))
	f, err := p.Parse(strings.NewReader("() echo hi"), "")
	if err != nil {
		t.Skipf("mvdan's parser no longer takes () echo hi: %v", err)
	}
	if err := Check("in", f.Stmts[0]); err == nil {
		t.Error("Check took an anonymous function")
	}
	f, err = p.Parse(strings.NewReader("echo 99999999999>f"), "")
	if err != nil {
		t.Fatal(err)
	}
	if err := Check("in", f.Stmts[0]); err != nil || len(f.Stmts[0].Cmd.(*syntax.CallExpr).Args) != 2 {
		t.Errorf("Check = %v, args %d; want the number as an argument", err, len(f.Stmts[0].Cmd.(*syntax.CallExpr).Args))
	}
}

// TestFuncBody: in `f() { :; } && echo x` the body is the braces alone
// and the definition the list's first command, as bash reads it.
func TestFuncBody(t *testing.T) {
	f, err := File(strings.NewReader("f() { :; } && echo x"), "")
	if err != nil {
		t.Fatal(err)
	}
	list, ok := f.Stmts[0].Cmd.(*syntax.BinaryCmd)
	if !ok || list.Op != syntax.AndStmt {
		t.Fatalf("the statement is %T, want the && list", f.Stmts[0].Cmd)
	}
	fd, ok := list.X.Cmd.(*syntax.FuncDecl)
	if !ok {
		t.Fatalf("the list starts with %T, want the definition", list.X.Cmd)
	}
	if _, ok := fd.Body.Cmd.(*syntax.Block); !ok {
		t.Errorf("the body is %T, want the braces", fd.Body.Cmd)
	}
}

package childstate

import (
	"os"
	"slices"
	"strings"
	"testing"

	"mvdan.cc/sh/v3/syntax"
)

func parse(t *testing.T, src string) []*syntax.Stmt {
	t.Helper()
	f, err := syntax.NewParser().Parse(strings.NewReader(src), "")
	if err != nil {
		t.Fatal(err)
	}
	return f.Stmts
}

func text(stmts ...*syntax.Stmt) string {
	var parts []string
	for _, st := range stmts {
		var sb strings.Builder
		syntax.NewPrinter().Print(&sb, st)
		parts = append(parts, strings.TrimSpace(sb.String()))
	}
	return strings.Join(parts, "; ")
}

func TestHandoff(t *testing.T) {
	state := os.Stdin
	argv, files := Handoff([]*os.File{os.Stdin}, state, "sleep 1")
	if want := []string{"pipesh", Flag, "3", "sleep 1"}; !slices.Equal(argv, want) {
		t.Errorf("argv = %q, want %q", argv, want)
	}
	if len(files) != 4 || files[1] != nil || files[2] != nil || files[3] != state {
		t.Errorf("files = %v; want fds 0 to 2, then the state on 3", files)
	}
	many := make([]*os.File, 6)
	if argv, files := Handoff(many, state, "x"); argv[2] != "6" || len(files) != 7 {
		t.Errorf("six fds: argv = %q, %d files; want the state on fd 6", argv, len(files))
	}
}

func TestBody(t *testing.T) {
	for _, tc := range []struct {
		src    string
		unwrap bool
		want   string
		jobTop bool
	}{
		{"a; b", false, "a; b", false},
		{"a", false, "a", true},
		{"(a; b)", false, "a; b", false},
		{"(a)", false, "a", false},
		{"(a)", true, "a", true},
		{"(a) >f", false, "(a) >f", true},
		{"(a) >f", true, "a", true},
	} {
		body, jobTop := Body(parse(t, tc.src), tc.unwrap)
		if got := text(body...); got != tc.want || jobTop != tc.jobTop {
			t.Errorf("Body(%q, %v) = %q, %v; want %q, %v", tc.src, tc.unwrap, got, jobTop, tc.want, tc.jobTop)
		}
	}
}

func TestSoleCommandWithExec(t *testing.T) {
	for src, want := range map[string]string{
		"{ { ls -l; }; }": "ls -l",
		"{ ls; } >f":      "{ ls; } >f",
		"{ a; b; }":       "{\n\ta\n\tb\n}",
		"ls":              "ls",
	} {
		if got := text(SoleCommand(parse(t, src)[0])); got != want {
			t.Errorf("SoleCommand(%q) = %q, want %q", src, got, want)
		}
	}
	st := parse(t, "ls -l")[0]
	if got := text(WithExec(st)); got != "exec ls -l" {
		t.Errorf("WithExec = %q, want exec ls -l", got)
	}
	if got := text(st); got != "ls -l" {
		t.Errorf("WithExec changed its argument to %q", got)
	}
}

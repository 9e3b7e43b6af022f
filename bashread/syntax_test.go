package bashread

import (
	"errors"
	"strings"
	"testing"

	"mvdan.cc/sh/v3/syntax"
)

// The messages are bash 5.2's for the same text (bash -n FILE).
func TestSyntaxMessage(t *testing.T) {
	for _, c := range []struct {
		src, msg, show string
		line           int
	}{
		{"echo one\nfi\n", "syntax error near unexpected token `fi'", "fi", 2},
		{"echo a; (echo b; fi)\n", "syntax error near unexpected token `fi'", "echo a; (echo b; fi)", 1},
		{"if then\n", "syntax error near unexpected token `then'", "if then", 1},
		{"echo a | ;\n", "syntax error near unexpected token `;'", "echo a | ;", 1},
		{"for x in a b; echo; done\n", "syntax error near unexpected token `echo'", "for x in a b; echo; done", 1},
		{"echo <\n", "syntax error near unexpected token `newline'", "echo <", 1},
		{"function\n", "syntax error near unexpected token `newline'", "function", 1},
		{"echo a (b)\n", "syntax error near unexpected token `('", "echo a (b)", 1},
		{"echo one\nif true; then\necho two\n", "syntax error: unexpected end of file", "", 4},
		{"f() {\n", "syntax error: unexpected end of file", "", 2},
		{"echo a &&\n", "syntax error: unexpected end of file", "", 2},
		{"echo one\necho \"open\n", "unexpected EOF while looking for matching `\"'", "", 2},
		{"echo `\n", "unexpected EOF while looking for matching ``'", "", 1},
		{"echo $(echo a\n", "unexpected EOF while looking for matching `)'", "", 2},
	} {
		_, err := syntax.NewParser().Parse(strings.NewReader(c.src), "")
		var pe syntax.ParseError
		if !errors.As(err, &pe) {
			t.Errorf("%q: parsed without an error (%v)", c.src, err)
			continue
		}
		line, msg, show := SyntaxMessage(pe, c.src)
		if line != c.line || msg != c.msg || show != c.show {
			t.Errorf("%q (%s):\n got %d %q %q\nwant %d %q %q", c.src, pe.Text, line, msg, show, c.line, c.msg, c.show)
		}
	}
}

// TestSyntaxReport: the error of a command read after others is
// reported at its line in the whole input, as bash's is.
func TestSyntaxReport(t *testing.T) {
	for _, c := range []struct{ before, src, want string }{
		{"true\ntrue\n", "echo one\nfi\n", "pipesh: line 4: syntax error near unexpected token `fi'\npipesh: line 4: `fi'\n"},
		{"true\n", "if x; then\n", "pipesh: line 3: syntax error: unexpected end of file\n"},
		{"", "echo a (b)\n", "pipesh: line 1: syntax error near unexpected token `('\npipesh: line 1: `echo a (b)'\n"},
	} {
		_, err := syntax.NewParser().Parse(strings.NewReader(c.before+c.src), "")
		if err == nil {
			t.Errorf("%q: parsed without an error", c.before+c.src)
			continue
		}
		got := SyntaxReport(err, "pipesh: ", c.src, len(c.before), strings.Count(c.before, "\n"))
		if got != c.want {
			t.Errorf("%q after %q:\n got %q\nwant %q", c.src, c.before, got, c.want)
		}
	}
	if got := SyntaxReport(errors.New("read error"), "pipesh: eval: ", "", 0, 0); got != "pipesh: eval: read error\n" {
		t.Errorf("an error that is no ParseError: got %q", got)
	}
}

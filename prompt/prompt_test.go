package prompt

import (
	"os"
	"strings"
	"testing"
)

// fakeShell is a shell with fixed answers.
type fakeShell struct {
	vars map[string]string
	dir  string
}

func (f fakeShell) Var(name string) (string, bool, bool) {
	v, ok := f.vars[name]
	return v, ok, ok
}
func (f fakeShell) Dir() string                   { return f.dir }
func (f fakeShell) Name() string                  { return "/usr/bin/pipesh" }
func (f fakeShell) Jobs() int                     { return 2 }
func (f fakeShell) History() (next, commands int) { return 17, 4 }

func TestDecode(t *testing.T) {
	sh := fakeShell{vars: map[string]string{"HOME": "/home/u", "USER": "u", "TZ": "UTC"}, dir: "/home/u/src/$x"}
	dollar := "$"
	if os.Geteuid() == 0 {
		dollar = "#"
	}
	for _, c := range []struct{ ps, want string }{
		{"plain $ text", "plain $ text"}, // no escapes: untouched
		{`\u@\w\$ `, `u@~/src/\$x` + dollar + " "},
		{`\W`, `\$x`},
		{`\s \v \V`, "pipesh 5.2 5.2.21"},
		{`\j \! \#`, "2 17 5"},
		{`a\nb\r\e\a`, "a\nb\r\x1b\x07"},
		{`\[\e[1m\]x`, "\x1b[1mx"},
		{`\101\060z\\`, `A0z\\`},
		{`\D{%Y}x`, ""}, // checked below: a year
		{`\D`, `\D`},
		{`\q end\`, `\q end\`},
	} {
		got := Decode(c.ps, sh, "5.2.21")
		if c.ps == `\D{%Y}x` {
			if len(got) != 5 || !strings.HasSuffix(got, "x") {
				t.Errorf("Decode(%q) = %q, want a year and x", c.ps, got)
			}
			continue
		}
		if got != c.want {
			t.Errorf("Decode(%q) = %q, want %q", c.ps, got, c.want)
		}
	}
	home := fakeShell{vars: map[string]string{"HOME": "/home/u"}, dir: "/home/u"}
	if got := Decode(`\w \W`, home, "1"); got != "~ ~" {
		t.Errorf(`at home \w \W = %q, want "~ ~"`, got)
	}
	root := fakeShell{vars: map[string]string{"HOME": "/"}, dir: "/"}
	if got := Decode(`\w \v`, root, "1"); got != "/ 1" {
		t.Errorf(`at / \w \v = %q, want "/ 1"`, got)
	}
}

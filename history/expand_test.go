package history

import (
	"bytes"
	"fmt"
	"os/exec"
	"strings"
	"testing"
)

// The history every case expands against, as bash numbers it from 1.
var histExpandHist = []string{
	"ls -l /tmp/a.txt",
	`echo hi two "x y"|cat >/dev/null; a/b.c`,
}

// histExpandCases are checked against bash 5.2's expansion when bash is
// installed (TestHistExpandBash) and against the wants written here.
var histExpandCases = []struct {
	line, want string // want "" is no expansion; "error: ..." an error
}{
	{`echo !!`, `echo echo hi two "x y"|cat >/dev/null; a/b.c`},
	{`echo !$ !^ !*`, `echo a/b.c hi hi two "x y" | cat > /dev/null ; a/b.c`},
	{`echo !1`, `echo ls -l /tmp/a.txt`},
	{`echo !-2`, `echo ls -l /tmp/a.txt`},
	{`echo !0`, `error: !0: event not found`},
	{`echo !3`, `error: !3: event not found`},
	{`echo !ls`, `echo ls -l /tmp/a.txt`},
	{`echo !ls;echo`, `echo ls -l /tmp/a.txt;echo`},
	{`echo !zz`, `error: !zz: event not found`},
	{`echo !?-l?x`, `echo ls -l /tmp/a.txtx`},
	{`echo !?hi`, `echo echo hi two "x y"|cat >/dev/null; a/b.c`},
	{`echo !-`, `error: !-: event not found`},
	{`echo !!:0 !!:2-3`, `echo echo two "x y"`},
	{`echo !!:-2`, `echo echo hi two`},
	{`echo !!:2-`, `echo two "x y" | cat > /dev/null ;`},
	{`echo !!:2*`, `echo two "x y" | cat > /dev/null ; a/b.c`},
	{`echo !!:5 !:1`, `echo cat hi`},
	{`echo !!:20`, `error: :20: bad word specifier`},
	{`echo !ec$`, `echo a/b.c`},
	{`echo !!$`, `echo a/b.c`},
	{`echo !ls:2:h !ls:2:t !ls:2:r !ls:2:e`, `echo /tmp a.txt /tmp/a .txt`},
	{`echo !!:0:e`, `echo echo`},
	{`echo !*:h`, `echo hi two "x y" | cat > /dev/null ; a`},
	{`echo !!:q`, `echo 'echo hi two "x y"|cat >/dev/null; a/b.c'`},
	{`echo !!:x`, `echo 'echo' 'hi' 'two' '"x' 'y"|cat' '>/dev/null;' 'a/b.c'`},
	{`echo !!:z`, `error: z: unrecognized history modifier`},
	{`echo !!:s/hi/yo/`, `echo echo yo two "x y"|cat >/dev/null; a/b.c`},
	{`echo !!:gs/o/0/`, `echo ech0 hi tw0 "x y"|cat >/dev/null; a/b.c`},
	{`echo !!:s/o/[&]/`, `echo ech[o] hi two "x y"|cat >/dev/null; a/b.c`},
	{`echo !!:s/o/\&/`, `echo ech& hi two "x y"|cat >/dev/null; a/b.c`},
	{`echo !!:s+o+O`, `echo echO hi two "x y"|cat >/dev/null; a/b.c`},
	{`echo !!:s/zz/y/`, `error: :s/zz/y/: substitution failed`},
	{`echo !!:s/`, `error: :s/: no previous substitution`},
	{`echo !!:&`, `error: :&: no previous substitution`},
	{`^hi^yo^x`, `echo yo two "x y"|cat >/dev/null; a/b.cx`},
	{`^hi^yo`, `echo yo two "x y"|cat >/dev/null; a/b.c`},
	{`^zz^yo`, `error: :s^zz^yo: substitution failed`},
	{`echo !#`, `echo echo `},
	{`echo "!!"`, `echo "echo hi two "x y"|cat >/dev/null; a/b.c"`},
	{`echo "a'!-2'"`, `echo "a'ls -l /tmp/a.txt'"`},
	{`echo a#!-2`, `echo a#ls -l /tmp/a.txt`},
	{`echo $(echo !-2)`, `echo $(echo ls -l /tmp/a.txt)`},
	{`echo !!:1-$`, `echo hi two "x y" | cat > /dev/null ; a/b.c`},
	{`echo !!:^-2`, `echo hi two`},
	{`echo !!:$:h`, `echo a`},
	{`echo !!:`, `error: : unrecognized history modifier`},
	{`echo !ls:gs/a/b/`, `echo ls -l /tmp/b.txt`},
	{`echo !?two?:%`, `echo two`},
	{`echo !!:3`, `echo "x y"`},
	{`echo !!:6-7`, `echo > /dev/null`},
	{`echo !-2:$:r:t`, `echo a`},
	{`echo "!ls"`, `echo "ls -l /tmp/a.txt"`},
	{`echo a!`, ``},
	{`echo !!:s/o/O/:g`, `error: : unrecognized history modifier`},
	// literal
	{`echo "hi!"`, ``},
	{`echo a!=b x! !`, ``},
	{`echo ${!PATH} [!a] $!`, ``},
	{`echo '!!'`, ``},
	{`echo \!!`, ``},
	{`echo #!!`, ``},
	{`echo !(x)`, `error: !: event not found`},
}

func TestHistExpand(t *testing.T) {
	st := &histState{}
	for _, c := range histExpandCases {
		*st = histState{}
		res, err := expandHistory(c.line, histExpandHist, 1, defaultHistChars, false, st)
		got := ""
		switch {
		case err != nil:
			got = "error: " + err.Error()
		case res.Changed:
			got = res.Line
		case res.Line != c.line:
			t.Errorf("%q: unchanged but returned %q", c.line, res.Line)
		}
		if got != c.want {
			t.Errorf("%q:\n got %q\nwant %q", c.line, got, c.want)
		}
	}
}

func TestHistExpandState(t *testing.T) {
	st := &histState{}
	hist := []string{"echo aa bb aa"}
	steps := []struct{ line, want string }{
		{"!!:s/aa/X/", "echo X bb aa"},
		{"!!:&", "echo X bb X"},
		{"!-2:g&", "echo X bb X"},
	}
	for _, s := range steps {
		res, err := expandHistory(s.line, hist, 1, defaultHistChars, false, st)
		if err != nil || res.Line != s.want {
			t.Errorf("%q: got %q, %v; want %q", s.line, res.Line, err, s.want)
		}
		hist = append(hist, res.Line)
	}
	res, err := expandHistory("!?bb?:s//B/", hist[:1], 1, defaultHistChars, false, nil)
	if err != nil || res.Line != "echo aa B aa" {
		t.Errorf("empty old after a search: got %q, %v", res.Line, err)
	}
	res, err = expandHistory("%%", []string{"a"}, 1, histChars{'%', '+', '#'}, false, nil)
	if err != nil || res.Line != "a" {
		t.Errorf("histchars %%: got %q, %v", res.Line, err)
	}
	res, _ = expandHistory("echo !(x)", []string{"a"}, 1, defaultHistChars, true, nil)
	if res.Changed {
		t.Errorf("extglob: !( expanded: %q", res.Line)
	}
}

// TestHistExpandBash checks the cases' wants against bash itself, which
// expands history in a script read from stdin after set -o history -H,
// echoing the expanded line (or the error) to stderr.
func TestHistExpandBash(t *testing.T) {
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("no bash")
	}
	for _, c := range histExpandCases {
		var script strings.Builder
		script.WriteString("set -o history -H\nexec >/dev/null; history -c\n")
		for _, h := range histExpandHist {
			fmt.Fprintf(&script, "history -s %s\n", shellQuoteHist(h))
		}
		script.WriteString(c.line + "\n")
		cmd := exec.Command(bash)
		cmd.Stdin = strings.NewReader(script.String())
		cmd.Env = []string{"PATH=/nonexistent"}
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		cmd.Run()
		first, _, _ := strings.Cut(stderr.String(), "\n")
		got := ""
		if _, msg, ok := strings.Cut(first, ": line "); ok && strings.Contains(first, "bash") {
			_, msg, _ = strings.Cut(msg, ": ")
			if strings.Contains(msg, "event not found") || strings.Contains(msg, "history") ||
				strings.Contains(msg, "specifier") || strings.Contains(msg, "substitution") {
				got = "error: " + msg
			}
		} else {
			got = first
		}
		if got != c.want {
			t.Errorf("bash on %q:\n got %q\nwant %q", c.line, got, c.want)
		}
	}
}

func TestParseHistChars(t *testing.T) {
	for v, want := range map[string]histChars{
		"": defaultHistChars, "%": {'%', '^', '#'}, "%:": {'%', ':', '#'}, "%:;": {'%', ':', ';'},
	} {
		if got := parseHistChars(v); got != want {
			t.Errorf("histchars=%q: got %q, want %q", v, got, want)
		}
	}
}

// TestHistExpandContinued: a line that continues a quoted string is
// expanded in that quote's state, as bash 5 does.
func TestHistExpandContinued(t *testing.T) {
	hist := []string{"echo hi"}
	for _, c := range []struct{ pending, line, want string }{
		{"echo 'a\n", "!!' !!", "!!' echo hi"},
		{"echo \"b\n", "!!\"", "echo hi\""},
		{"echo 'a\n", "^hi^x", "^hi^x"},
		{"echo a # it's\n", "!!", "echo hi"},
		{"echo \\'\n", "!!", "echo hi"},
	} {
		st := &histState{quote: openQuote(c.pending)}
		res, err := expandHistory(c.line, hist, 1, defaultHistChars, false, st)
		if err != nil || res.Line != c.want {
			t.Errorf("%q then %q: got %q, %v; want %q", c.pending, c.line, res.Line, err, c.want)
		}
	}
}

// FuzzHistExpand: no line makes the expander panic.
func FuzzHistExpand(f *testing.F) {
	for _, c := range histExpandCases {
		f.Add(c.line)
	}
	f.Fuzz(func(t *testing.T, line string) {
		for _, q := range []byte{0, '\'', '"'} {
			st := &histState{quote: q}
			expandHistory(line, histExpandHist, 1, defaultHistChars, true, st)
			expandHistory(line, nil, 1, defaultHistChars, false, st)
		}
		openQuote(line)
	})
}

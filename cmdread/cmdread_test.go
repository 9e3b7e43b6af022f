package cmdread

import (
	"io"
	"os"
	"strings"
	"testing"

	"mvdan.cc/sh/v3/syntax"
)

func TestTextLines(t *testing.T) {
	src := NewText("a\nb\nc")
	var got []string
	for {
		line, err := src.ReadLine()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, line)
	}
	if want := []string{"a\n", "b\n", "c"}; strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("lines = %q, want %q", got, want)
	}
}

// TestLineReaderLeavesRest checks that a LineReader takes only the
// line from a pipe and from a regular file: the rest stays to be read
// from the descriptor.
func TestLineReaderLeavesRest(t *testing.T) {
	const text = "first\nsecond\nthird\n"
	pr, pw, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer pr.Close()
	if _, err := pw.WriteString(text); err != nil {
		t.Fatal(err)
	}
	pw.Close()
	file, err := os.CreateTemp(t.TempDir(), "script")
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	if _, err := file.WriteString(text); err != nil {
		t.Fatal(err)
	}
	if _, err := file.Seek(0, io.SeekStart); err != nil {
		t.Fatal(err)
	}
	for name, f := range map[string]*os.File{"pipe": pr, "file": file} {
		line, err := NewLineReader(f).ReadLine()
		if err != nil || line != "first\n" {
			t.Errorf("%s: ReadLine = %q, %v; want %q", name, line, err, "first\n")
		}
		rest, err := io.ReadAll(f)
		if err != nil || string(rest) != "second\nthird\n" {
			t.Errorf("%s: left %q, %v; want %q", name, rest, err, "second\nthird\n")
		}
	}
}

// TestFeedAliases checks that aliases are expanded as each line is
// read, with the aliases that apply then.
func TestFeedAliases(t *testing.T) {
	aliases := map[string]string{}
	feed := NewFeed(NewText("ll x\nll y\n"), func() map[string]string { return aliases })
	var got []string
	stop := feed.Run("", func(stmts []*syntax.Stmt) bool {
		for _, st := range stmts {
			var sb strings.Builder
			syntax.NewPrinter().Print(&sb, st)
			got = append(got, sb.String())
		}
		aliases["ll"] = "ls -l" // defined by the first line
		return true
	})
	if stop.Retry || stop.BadSubst != "" || stop.Err != nil {
		t.Errorf("stopped: %+v", stop)
	}
	if want := []string{"ll x", "ls -l y"}; strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("commands = %q, want %q", got, want)
	}
}

// TestStopped checks what reading makes of the errors parsers stop
// at: a ${...} that is an error only when expanded is read again,
// rewritten, and parses; a syntax error stops the input, named by the
// file, and is known to be inside [[ ]] when it is.
func TestStopped(t *testing.T) {
	for _, tc := range []struct {
		src  string
		stop bool // a syntax error stops it
		cond bool
	}{
		{src: "echo ${a&}\n"},
		{src: "echo ${#x-y}\n"},
		{src: "[[ a -q b ]]\n", stop: true, cond: true},
		{src: "echo )\n", stop: true},
	} {
		stop := firstStop(NewFeed(NewText(tc.src), nil))
		if !tc.stop {
			if stop != nil {
				t.Errorf("%q: stopped: %+v", tc.src, *stop)
			}
			continue
		}
		if stop == nil || stop.Err == nil {
			t.Errorf("%q: no syntax error", tc.src)
			continue
		}
		if stop.Cond != tc.cond {
			t.Errorf("%q: Cond = %v, want %v", tc.src, stop.Cond, tc.cond)
		}
		if !strings.HasPrefix(stop.Err.Error(), "x.sh:") {
			t.Errorf("%q: error %q is not named x.sh", tc.src, stop.Err)
		}
	}
}

func TestExpansionAt(t *testing.T) {
	for _, tc := range []struct {
		line string
		col  int
		want string
	}{
		{"echo ${a&} b\n", 8, "${a&}"},
		{"echo ${a} ${b&\n", 14, "${b&"},
		{"  no dollar  \n", 3, "no dollar"},
	} {
		if got := expansionAt(tc.line, tc.col); got != tc.want {
			t.Errorf("expansionAt(%q, %d) = %q, want %q", tc.line, tc.col, got, tc.want)
		}
	}
}

// firstStop reads feed as the shell does, with another Run each time
// one says to retry, and returns the first other Stop that is not the
// zero one (nil if the input parses).
func firstStop(feed *Feed) *Stop {
	for range maxRetries {
		stop := feed.Run("x.sh", func([]*syntax.Stmt) bool { return true })
		if !stop.Retry {
			if stop.BadSubst == "" && stop.Err == nil {
				return nil
			}
			return &stop
		}
	}
	return nil
}

func TestAtLine(t *testing.T) {
	for _, tc := range []struct {
		line uint
		want string
	}{{0, "x"}, {1, "x"}, {3, "\n\nx"}} {
		if got := AtLine("x", tc.line); got != tc.want {
			t.Errorf("AtLine(x, %d) = %q, want %q", tc.line, got, tc.want)
		}
	}
}

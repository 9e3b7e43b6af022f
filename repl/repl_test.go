package repl

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"pipesh/shell"
)

// fakeEditor hands the REPL prepared lines and records what the REPL
// gives it, so the loop runs without a terminal.
type fakeEditor struct {
	lines   []string // to return, in order; ErrInterrupt for "^C"
	prompts []string
	history []string
	comp    Completer
	closed  bool
	vi      bool
}

func (e *fakeEditor) ReadLine(prompt, text string) (string, error) {
	e.prompts = append(e.prompts, prompt)
	if len(e.lines) == 0 {
		return "", io.EOF
	}
	line := e.lines[0]
	e.lines = e.lines[1:]
	if line == "^C" {
		return "", ErrInterrupt
	}
	return line, nil
}

func (e *fakeEditor) SetCompleter(c Completer)  { e.comp = c }
func (e *fakeEditor) AddHistory(line string)    { e.history = append(e.history, line) }
func (e *fakeEditor) SetHistory(lines []string) { e.history = slices.Clone(lines) }
func (e *fakeEditor) Close() error              { e.closed = true; return nil }
func (e *fakeEditor) SetViMode(on bool)         { e.vi = on }
func (e *fakeEditor) SetTerm(string)            {}
func (e *fakeEditor) SetPromptRows(string)      {}

// runFake runs the REPL's editing loop over ed in a shell whose HOME is
// a new directory, and returns its stdout, stderr and status.
func runFake(t *testing.T, ed *fakeEditor, rc string) (stdout, stderr string, status int) {
	t.Helper()
	home := t.TempDir()
	out, err := os.Create(filepath.Join(home, "out"))
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	errf, err := os.Create(filepath.Join(home, "err"))
	if err != nil {
		t.Fatal(err)
	}
	defer errf.Close()
	opts := Options{}
	if rc != "" {
		opts.RCFile = filepath.Join(home, "rc")
		if err := os.WriteFile(opts.RCFile, []byte(rc), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	r, err := shell.New(shell.Config{
		Stdin: os.Stdin, Stdout: out, Stderr: errf, Dir: home, Interactive: true,
		Env: []string{"HOME=" + home, "PATH=" + os.Getenv("PATH"), "PS1=$ "},
	})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	s := &session{r: r, opts: opts}
	if !s.start(ctx) {
		t.Fatal("the startup file exited")
	}
	status = s.edit(ctx, ed)
	o, _ := os.ReadFile(out.Name())
	e, _ := os.ReadFile(errf.Name())
	return string(o), string(e), status
}

// TestEditLoop: lines are run as typed, history expansion is echoed and
// recorded, a continued command is one history entry shown on one line,
// Ctrl-C sets $? to 130, Ctrl-D says exit and closes the editor.
func TestEditLoop(t *testing.T) {
	ed := &fakeEditor{lines: []string{
		"echo hi", "!!", "for i in 1 2", "do echo $i", "done", "^C", "echo $?",
	}}
	stdout, stderr, status := runFake(t, ed, "PS2='more> '\n")
	if want := "hi\nhi\n1\n2\n130\n"; stdout != want {
		t.Errorf("stdout %q, want %q", stdout, want)
	}
	if want := "echo hi\nexit\n"; stderr != want {
		t.Errorf("stderr %q, want %q", stderr, want)
	}
	if status != 0 {
		t.Errorf("status %d", status)
	}
	wantHist := []string{"echo hi", "echo hi", "for i in 1 2; do echo $i; done", "echo $?"}
	if !slices.Equal(ed.history, wantHist) {
		t.Errorf("editor history %q, want %q", ed.history, wantHist)
	}
	wantPrompts := []string{"$ ", "$ ", "$ ", "more> ", "more> ", "$ ", "$ ", "$ "}
	if !slices.Equal(ed.prompts, wantPrompts) {
		t.Errorf("prompts %q, want %q", ed.prompts, wantPrompts)
	}
	if !ed.closed {
		t.Error("editor not closed")
	}
}

// TestEditLoopHistoryBuiltins: history -c and -d change the editor's
// copy too; a multi-line prompt's first rows go to stderr before the
// editor gets the last.
func TestEditLoopHistoryBuiltins(t *testing.T) {
	ed := &fakeEditor{lines: []string{"true one", "true two", "history -d 1", "exit 3"}}
	_, stderr, status := runFake(t, ed, "PS1='top\\n$ '\n")
	if status != 3 {
		t.Errorf("status %d, want 3", status)
	}
	if want := []string{"true two", "history -d 1", "exit 3"}; !slices.Equal(ed.history, want) {
		t.Errorf("editor history %q, want %q", ed.history, want)
	}
	if n := strings.Count(stderr, "top\n"); n != 4 {
		t.Errorf("stderr %q: %d first rows, want 4", stderr, n)
	}
	if ed.prompts[0] != "$ " {
		t.Errorf("prompt %q, want the last row", ed.prompts[0])
	}
}

// TestCompleter: command names where a command starts, files elsewhere,
// variable names after $.
func TestCompleter(t *testing.T) {
	ed := &fakeEditor{lines: []string{"touch 'my file'", "myvar=1"}}
	runFake(t, ed, "")
	c := ed.comp
	if c == nil {
		t.Fatal("no completer set")
	}
	for _, tc := range []struct {
		text  string
		want  string
		typed int
	}{
		{"ech", "o ", 3},
		{"ls my", `\ file `, 2},
		{"echo $myv", "ar", 4},
		{"true && histo", "ry ", 5},
	} {
		got, typed := suffixes(c, tc.text)
		if !slices.Contains(got, tc.want) || typed != tc.typed {
			t.Errorf("Complete(%q) = %q, %d; want %q among them, %d", tc.text, got, typed, tc.want, tc.typed)
		}
	}
}

// suffixes completes text (the cursor at its end) and returns what each
// candidate adds to the word typed, its tail included, and how many
// runes of the word are typed.
func suffixes(c Completer, text string) ([]string, int) {
	line := []rune(text)
	comp := c.Complete(line, len(line), false)
	typed := len(line) - comp.Start
	var out []string
	for _, cand := range comp.Cands {
		full := cand.Text + cand.Tail
		if w := string(line[comp.Start:]); strings.HasPrefix(full, w) {
			out = append(out, full[len(w):])
		}
	}
	return out, typed
}

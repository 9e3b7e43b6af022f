package repl

import (
	"bytes"
	"fmt"
	"io"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/chzyer/readline"

	"pipesh/termtest"
)

// frameRig drives a real readline RuneBuffer whose redraws go both to
// a reference screen model and through a frameWriter to another: after
// every edit the two screens must show the same, the cursor in the same
// place. The reference draws each of readline's frames in full from the
// row the frame starts on (readline's own clean climbs too few rows
// where its count of rows is wrong: wide characters at a row's end).
type frameRig struct {
	t        *testing.T
	width    int
	rb       *readline.RuneBuffer
	fw       *frameWriter
	ref      *refWriter
	full     *termtest.Screen // what readline's redraws show, drawn in full
	diffed   *termtest.Screen // what the frame writer's show
	diffOut  bytes.Buffer     // what the frame writer wrote, since the last check
	fullSize int              // what readline wrote, since the last check

	diffTotal, fullTotal int // the bytes each wrote in all
}

// refWriter draws readline's frames on s in full, each from the row the
// frame starts on: a clean of readline's goes there and erases down.
type refWriter struct {
	s     *termtest.Screen
	start int // the row the frame starts on
}

func (r *refWriter) Write(p []byte) (int, error) {
	if cleanSeq.Match(p) {
		row, _ := r.s.Cursor()
		r.s.Write([]byte("\r"))
		if row > r.start {
			fmt.Fprintf(r.s, "\x1b[%dA", row-r.start)
		}
		r.s.Write([]byte("\x1b[J"))
		return len(p), nil
	}
	return r.s.Write(p)
}

// countWriter counts the bytes written through it to w.
type countWriter struct {
	w io.Writer
	n *int
}

func (c countWriter) Write(p []byte) (int, error) {
	*c.n += len(p)
	return c.w.Write(p)
}

func newFrameRig(t *testing.T, prompt string, width int) *frameRig {
	t.Helper()
	g := &frameRig{t: t, width: width, full: termtest.New(width, 30), diffed: termtest.New(width, 30)}
	// something above the line, and the cursor not at the top
	for _, s := range []*termtest.Screen{g.full, g.diffed} {
		s.Write([]byte("earlier output\r\n\r\n"))
	}
	g.fw = newFrameWriter(io.MultiWriter(g.diffed, &g.diffOut), func() int { return width })
	g.fw.setDiffs(true)
	row, _ := g.full.Cursor()
	g.ref = &refWriter{s: g.full, start: row}
	tee := io.MultiWriter(countWriter{g.ref, &g.fullSize}, g.fw)
	cfg := &readline.Config{
		Stdin:          io.NopCloser(strings.NewReader("")),
		FuncIsTerminal: func() bool { return true },
		FuncGetWidth:   func() int { return width },
		Painter:        plainPainter{},
	}
	if err := cfg.Init(); err != nil {
		t.Fatal(err)
	}
	g.rb = readline.NewRuneBuffer(tee, prompt, cfg, width)
	g.rb.Refresh(nil) // the prompt, as a line starts
	g.check("start")
	return g
}

// check compares the screens after what, and returns the bytes the
// frame writer wrote for it.
func (g *frameRig) check(what string) int {
	g.t.Helper()
	for _, s := range []*termtest.Screen{g.full, g.diffed} {
		if err := s.Err(); err != nil {
			g.t.Fatalf("%s: %v", what, err)
		}
	}
	fr, fc := g.full.Cursor()
	dr, dc := g.diffed.Cursor()
	if !slices.Equal(g.full.Rows(), g.diffed.Rows()) || fr != dr || fc != dc {
		g.t.Fatalf("%s (line %q): the screens differ\nreadline's, cursor %d,%d:\n%s\nthe frame writer's, cursor %d,%d, after %q:\n%s",
			what, string(g.rb.Runes()), fr, fc, strings.Join(g.full.Rows(), "|\n"),
			dr, dc, g.diffOut.String(), strings.Join(g.diffed.Rows(), "|\n"))
	}
	for r := range 30 {
		for c := range g.width {
			if a, b := blankSpace(g.full.Cell(r, c)), blankSpace(g.diffed.Cell(r, c)); a != b {
				g.t.Fatalf("%s: cell %d,%d is %+v, readline's %+v", what, r, c, b, a)
			}
		}
	}
	n := g.diffOut.Len()
	g.diffTotal += n
	g.fullTotal += g.fullSize
	g.diffOut.Reset()
	g.fullSize = 0
	return n
}

// blankSpace is c, a space with no colour being a blank: the frame
// writer may write one where a wide character wrapped past a column.
func blankSpace(c termtest.Cell) termtest.Cell {
	if c.R == ' ' && c.Attr == "" {
		return termtest.Cell{}
	}
	return c
}

// plainPainter paints a line as it is, as readline's default painter.
type plainPainter struct{}

func (plainPainter) Paint(line []rune, _ int) []rune { return line }

// edits are the RuneBuffer calls the editor's keys make.
var edits = []struct {
	name string
	do   func(rb *readline.RuneBuffer, arg string)
}{
	{"type", func(rb *readline.RuneBuffer, arg string) { rb.WriteString(arg) }},
	{"left", func(rb *readline.RuneBuffer, _ string) { rb.MoveBackward() }},
	{"right", func(rb *readline.RuneBuffer, _ string) { rb.MoveForward() }},
	{"backspace", func(rb *readline.RuneBuffer, _ string) { rb.Backspace() }},
	{"delete", func(rb *readline.RuneBuffer, _ string) { rb.Delete() }},
	{"home", func(rb *readline.RuneBuffer, _ string) { rb.MoveToLineStart() }},
	{"end", func(rb *readline.RuneBuffer, _ string) { rb.MoveToLineEnd() }},
	{"kill", func(rb *readline.RuneBuffer, _ string) { rb.Kill() }},
	{"killfront", func(rb *readline.RuneBuffer, _ string) { rb.KillFront() }},
	{"wordleft", func(rb *readline.RuneBuffer, _ string) { rb.MoveToPrevWord() }},
	{"wordright", func(rb *readline.RuneBuffer, _ string) { rb.MoveToNextWord() }},
	{"rubword", func(rb *readline.RuneBuffer, _ string) { rb.BackEscapeWord() }},
	{"history", func(rb *readline.RuneBuffer, arg string) { rb.Set([]rune(arg + arg)) }},
}

// TestFrameWriterEdits: random edits of lines that wrap, with plain,
// coloured and wide text, on narrow screens: the frame writer's screen
// is readline's every time. (Not with combining marks: readline counts
// them as a column when it moves the cursor back, and puts it above its
// first row; the frame writer passes such a frame on as it is.)
func TestFrameWriterEdits(t *testing.T) {
	// plain, coloured, none, and wider than the screen
	prompts := []string{"P$ ", "\x1b[1;32m[~/src]\x1b[0m \x1b[34m$\x1b[0m ", "", strings.Repeat("long prompt ", 3)}
	texts := []string{"a", "echo ", "word", " ", "日本", "語", "\t"}
	for _, prompt := range prompts {
		for _, width := range []int{7, 11, 13, 20} { // not the prompt's width, where readline loops forever
			t.Run(fmt.Sprintf("%q/%d", prompt, width), func(t *testing.T) {
				rng := rand.New(rand.NewPCG(uint64(width), uint64(len(prompt))))
				g := newFrameRig(t, prompt, width)
				for i := range 400 {
					e := edits[rng.IntN(len(edits))]
					if i%3 == 0 {
						e = edits[0] // mostly typing, for lines that wrap
					}
					arg := texts[rng.IntN(len(texts))]
					e.do(g.rb, arg)
					g.check(fmt.Sprintf("edit %d: %s %q", i, e.name, arg))
					if g.rb.Len() > 5*width {
						g.rb.Set(nil)
						g.check("clear")
					}
				}
				// the edits were drawn as differences, not in full
				if g.diffTotal*3 > g.fullTotal {
					t.Errorf("the frame writer wrote %d bytes, readline %d", g.diffTotal, g.fullTotal)
				}
				t.Logf("%d bytes written for readline's %d", g.diffTotal, g.fullTotal)
			})
		}
	}
}

// TestFrameWriterSmall: a key typed at the end of a line that wraps
// costs its character, a move the move, and what the writer does not
// understand passes through (the next frame in full).
func TestFrameWriterSmall(t *testing.T) {
	g := newFrameRig(t, "P$ ", 20)
	for i := range 60 {
		g.rb.WriteRune('x')
		n := g.check("type")
		want := 1
		if (3+i+1)%20 == 0 {
			want = 3 // and the space that takes the cursor to the next row, and back
		}
		if n != want {
			t.Fatalf("typed at column %d: %d bytes, want %d", 3+i, n, want)
		}
	}
	g.rb.MoveBackward()
	if n := g.check("left"); n > 3 {
		t.Errorf("left: %d bytes", n)
	}
	g.rb.MoveToLineStart()
	if n := g.check("home"); n > 8 {
		t.Errorf("home: %d bytes", n)
	}
	g.rb.WriteRune('y') // the whole line moves on one
	g.check("insert")
	// a listing below the line: not a frame
	for _, w := range []io.Writer{g.full, g.fw} {
		io.WriteString(w, "\r\nlisting\r\n")
	}
	g.ref.start, _ = g.full.Cursor() // the next frame starts below it
	g.check("listing")
	g.rb.WriteRune('z')
	g.check("after the listing")
	if g.fw.shown == nil {
		t.Errorf("no model after a full frame")
	}
	// a bell leaves the model alone
	g.fw.Write([]byte("\a"))
	if g.fw.shown == nil {
		t.Errorf("a bell made the writer forget its model")
	}
}

// TestFrameWriterDumb: off, the writer passes readline's writes on as
// they are.
func TestFrameWriterDumb(t *testing.T) {
	var out bytes.Buffer
	fw := newFrameWriter(&out, func() int { return 80 })
	frames := []string{"\x1b[J\x1b[2K\r", "P$ a", "\x1b[J\x1b[2K\r", "P$ ab"}
	for _, f := range frames {
		fw.Write([]byte(f))
	}
	if got, want := out.String(), strings.Join(frames, ""); got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestFrameWriterResize: after the width changes (a resize) the next
// frame goes out in full, as readline wrote it, and the one after it is
// a difference again.
func TestFrameWriterResize(t *testing.T) {
	var out bytes.Buffer
	width := 20
	fw := newFrameWriter(&out, func() int { return width })
	fw.setDiffs(true)
	frame := func(line string) string {
		clean, print := "\x1b[J\x1b[2K\r", "P$ "+line
		fw.Write([]byte(clean))
		fw.Write([]byte(print))
		got := out.String()
		out.Reset()
		return got
	}
	frame("ab")
	if got := frame("abc"); got != "c" {
		t.Errorf("a key: %q, want %q", got, "c")
	}
	width = 30
	if got, want := frame("abcd"), "\x1b[J\x1b[2K\rP$ abcd"; got != want {
		t.Errorf("after a resize: %q, want %q", got, want)
	}
	if got := frame("abcde"); got != "e" {
		t.Errorf("a key after the resize: %q, want %q", got, "e")
	}
}

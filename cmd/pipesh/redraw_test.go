package main

import (
	"bytes"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/creack/pty"

	"pipesh/termtest"
)

// The REPL sends only what changed in the line for each key (repl's
// frame writer). These tests run it on a narrow pty with TERM=xterm,
// feed what it writes through a terminal model (package termtest) and
// compare the screen it shows with the line as it should look, after
// edits in the middle of lines that wrap: so a wrong difference shows,
// not only a missing one.

const redrawCols, redrawRows = 30, 24

// startRedrawTerm starts pipesh on a redrawCols-wide xterm.
func startRedrawTerm(t *testing.T) *term {
	t.Helper()
	return startTermProgSize(t, needPipesh(t), "", "", nil,
		&pty.Winsize{Rows: redrawRows, Cols: redrawCols}, "TERM=xterm")
}

// layout is how prompt (its last row, as shown) and line look on a
// screen cols wide, row by row, and where the cursor is with the
// cursor after pos characters of line (xterm's rules: a wide character
// that does not fit in a row's last column goes to the next row).
func layout(prompt, line string, pos, cols int) (rows []string, crow, ccol int) {
	var cur strings.Builder
	col := 0
	place := func(i int) {
		if i == pos {
			crow, ccol = len(rows), col
		}
	}
	runes := []rune(prompt + line)
	start := len([]rune(prompt))
	for i, r := range runes {
		w := termtest.Width(r)
		if col+w > cols {
			rows = append(rows, cur.String())
			cur.Reset()
			col = 0
		}
		if i >= start {
			place(i - start)
		}
		cur.WriteRune(r)
		col += w
	}
	if col == cols { // the cursor after the last character: on the next row
		rows = append(rows, cur.String())
		cur.Reset()
		col = 0
	}
	place(len([]rune(line)))
	rows = append(rows, cur.String())
	for i := range rows {
		rows[i] = strings.TrimRight(rows[i], " ")
	}
	return rows, crow, ccol
}

// waitScreen waits until the screen's last rows (those down to the
// cursor's or the last written, whichever is lower) are want, and, if
// checkCursor, the cursor is at row and col of them. It returns the
// screen.
func (tm *term) waitScreen(want []string, row, col int, checkCursor bool) *termtest.Screen {
	tm.t.Helper()
	return tm.waitScreenAt(want, row, col, checkCursor, false)
}

// waitScreenAt is waitScreen, with the rows wanted at the top of the
// screen if top.
func (tm *term) waitScreenAt(want []string, row, col int, checkCursor, top bool) *termtest.Screen {
	tm.t.Helper()
	var scr *termtest.Screen
	tm.await(func() (bool, string) {
		scr = termtest.New(redrawCols, redrawRows)
		scr.Write(tm.out)
		if err := scr.Err(); err != nil {
			tm.t.Fatalf("the terminal model: %v", err)
		}
		rows := scr.Rows()
		cr, cc := scr.Cursor()
		end := cr
		for i := len(rows) - 1; i > end; i-- {
			if rows[i] != "" {
				end = i
				break
			}
		}
		start := end + 1 - len(want)
		ok := start >= 0 && (!top || start == 0) && slices.Equal(rows[start:end+1], want) &&
			(!checkCursor || cr == start+row && cc == col)
		last := fmt.Sprintf("cursor %d,%d (want %d,%d from row %d)\n%s", cr, cc, row, col, start, strings.Join(rows, "|\n"))
		return ok, fmt.Sprintf("screen not as wanted:\n%s|\nwant:\n%s|", last, strings.Join(want, "|\n"))
	})
	return scr
}

// sendLineWait types line and Enter, and waits until the editor reads
// the next line: for readline's first redraw of it (the clean it starts
// with), made once the terminal is raw; keys typed before would meet
// the terminal's cooked mode, its echo and its Enter.
func (tm *term) sendLineWait(line string) {
	tm.t.Helper()
	mark := len(tm.rawOut())
	tm.send(line + "\r")
	tm.waitOut(func(out []byte) bool { return bytes.Contains(out[mark:], []byte("\x1b[J\x1b[2K\r")) })
}

// edit sends keys, then waits for the screen to show prompt and line
// with the cursor after pos characters of it.
func (tm *term) edit(keys, prompt, line string, pos int, checkCursor bool) *termtest.Screen {
	tm.t.Helper()
	tm.send(keys)
	rows, r, c := layout(prompt, line, pos, redrawCols)
	return tm.waitScreen(rows, r, c, checkCursor)
}

// TestREPLRedrawWrapped: edits in the middle of a line three rows long,
// with the cursor and the line's end at exact multiples of the width.
func TestREPLRedrawWrapped(t *testing.T) {
	tm := startRedrawTerm(t)
	body := strings.Repeat("abcdefghij", 6)
	line := "echo $((6*7)) " + body
	tm.edit(line, "P$ ", line, len(line), true)
	// to the middle of the second row, and type there
	tm.edit("\x01"+strings.Repeat("\x06", 32), "P$ ", line, 32, true)
	line = line[:32] + "XYZ" + line[32:]
	tm.edit("XYZ", "P$ ", line, 35, true)
	// rub out across the rows' boundary: the cursor on the first column
	line = line[:27] + line[35:]
	tm.edit(strings.Repeat("\x7f", 8), "P$ ", line, 27, true)
	// the cursor where the prompt and the text fill two rows exactly
	tm.edit("\x01"+strings.Repeat("\x06", 57), "P$ ", line, 57, true)
	// the line cut there: it ends at the width, the cursor below it
	line = line[:57]
	tm.edit("\x0b", "P$ ", line, 57, true)
	line += "tail"
	tm.edit("tail", "P$ ", line, len(line), true)
	// history: Up brings the line back in full, Down the empty line
	tm.send("\r")
	tm.expect("\n42 " + line[len("echo $((6*7)) "):] + "\n")
	tm.expect("P$ ")
	tm.edit("\x1b[A", "P$ ", line, len(line), true)
	tm.edit("\x1b[B", "P$ ", "", 0, true)
	tm.exit(0)
}

// TestREPLRedrawColourPrompt: a coloured prompt of two rows; its colours
// stay on the prompt and off the text, and the first row above the line
// through the edits and Ctrl-L.
func TestREPLRedrawColourPrompt(t *testing.T) {
	tm := startRedrawTerm(t)
	tm.sendLineWait(`PS1='\[\e[1;32m\][\w]\[\e[0m\]\n\[\e[34m\]\$\[\e[0m\] '`)
	line := "echo " + strings.Repeat("0123456789", 5)
	prompt := "$ "
	if os.Geteuid() == 0 {
		prompt = "# "
	}
	tm.send(line)
	rows, r, c := layout(prompt, line, len(line), redrawCols)
	tm.waitScreen(append([]string{"[~]"}, rows...), r+1, c, true)
	check := func(keys, line string, pos int) *termtest.Screen {
		t.Helper()
		tm.send(keys)
		rows, r, c := layout(prompt, line, pos, redrawCols)
		return tm.waitScreen(append([]string{"[~]"}, rows...), r+1, c, true)
	}
	line2 := line[:5] + "<" + line[5:]
	scr := check("\x01"+strings.Repeat("\x06", 5)+"<", line2, 6)
	row, _ := scr.Cursor()
	if a := scr.Cell(row, 0).Attr; a != "34" {
		t.Errorf("the prompt's %s is in %q, want 34", prompt[:1], a)
	}
	if a := scr.Cell(row-1, 1).Attr; a != "1;32" {
		t.Errorf("the prompt's first row is in %q, want 1;32", a)
	}
	for c := len(prompt); c < redrawCols; c++ {
		if a := scr.Cell(row, c).Attr; a != "" {
			t.Fatalf("the line's column %d is in %q", c, a)
		}
	}
	line3 := line2[:6] + line2[7:]
	check("\x04", line3, 6) // Ctrl-D: the character under the cursor goes
	check("\x05!", line3+"!", len(line3)+1)
	// Ctrl-L: both rows of the prompt at the top, then the line
	tm.send("\x0c")
	rows, r, c = layout(prompt, line3+"!", len(line3)+1, redrawCols)
	tm.waitScreenAt(append([]string{"[~]"}, rows...), r+1, c, true, true)
	tm.send("\x15") // Ctrl-U
	tm.exit(0)
}

// TestREPLRedrawWide: wide characters, some of which do not fit in a
// row's last column: the rows are right after edits before them (the
// cursor is readline's: it counts a wide character as one column when
// it moves back over it, so only its place at the line's end is
// checked).
func TestREPLRedrawWide(t *testing.T) {
	tm := startRedrawTerm(t)
	line := "echo 日本語のテキストを書く長い行です"
	tm.edit(line, "P$ ", line, len([]rune(line)), true)
	r := []rune(line)
	line = string(r[:5]) + "ab" + string(r[5:])
	tm.edit("\x01"+strings.Repeat("\x06", 5)+"ab", "P$ ", line, 7, false)
	r = []rune(line)
	line = string(r[:6]) + string(r[7:])
	tm.edit("\x7f", "P$ ", line, 6, false)
	line += "終x"
	tm.edit("\x05終x", "P$ ", line, len([]rune(line)), true)
	tm.send("\x15")
	tm.exit(0)
}

// TestREPLRedrawLongPrompt: a prompt wider than the screen (readline
// counts it as one row, and its own redraw climbs too few rows, leaving
// copies of the prompt's first rows behind): edits leave one prompt.
func TestREPLRedrawLongPrompt(t *testing.T) {
	tm := startRedrawTerm(t)
	var p strings.Builder
	for i := 10; p.Len() < 70; i++ {
		fmt.Fprintf(&p, "%d,", i)
	}
	prompt := p.String() + "$ "
	tm.sendLineWait("PS1='" + prompt + "'")
	line := "echo " + strings.Repeat("abcdefghij", 4)
	tm.send(line)
	steps := []struct {
		keys, line string
		pos        int
	}{
		{"", line, len(line)},
		{"\x01" + strings.Repeat("\x06", 12), line, 12},
		{"XY", line[:12] + "XY" + line[12:], 14},
		{"\x0b", line[:12] + "XY", 14},
		{"\x7f\x7f\x7f", line[:11], 11},
	}
	for _, s := range steps {
		tm.send(s.keys)
		rows, r, c := layout(prompt, s.line, s.pos, redrawCols)
		scr := tm.waitScreen(rows, r, c, true)
		n := 0
		for _, row := range scr.Rows() {
			if row == rows[0] {
				n++
			}
		}
		if n != 1 {
			t.Fatalf("after %q the prompt's first row is on the screen %d times:\n%s", s.keys, n, strings.Join(scr.Rows(), "|\n"))
		}
	}
	tm.send("\x15")
	tm.exit(0)
}

// TestREPLRedrawPromptRow: a prompt exactly as wide as the screen
// (readline would loop forever on the first move left), then the line
// on the row below it, edited in the middle.
func TestREPLRedrawPromptRow(t *testing.T) {
	tm := startRedrawTerm(t)
	prompt := strings.Repeat("p", redrawCols-2) + "$ "
	tm.sendLineWait("PS1='" + prompt + "'")
	line := "echo ab"
	tm.send(line)
	tm.waitScreen([]string{strings.TrimSpace(prompt), line}, 1, len(line), true)
	tm.send("\x02\x02X")
	tm.waitScreen([]string{strings.TrimSpace(prompt), "echo Xab"}, 1, 6, true)
	tm.send("\x0c") // Ctrl-L: the prompt too
	tm.waitScreenAt([]string{strings.TrimSpace(prompt), "echo Xab"}, 1, 6, true, true)
	tm.send("\r")
	tm.expect("\nXab\n")
	tm.exit(0)
}

// TestREPLRedrawKeys: the keys whose output the frame writer does not
// diff (a Tab listing, Ctrl-R's search row, Ctrl-L) and vi mode's
// edits leave the screen as they should: the line below a listing,
// no search row left over, the line at the top after Ctrl-L.
func TestREPLRedrawKeys(t *testing.T) {
	home := t.TempDir()
	for _, f := range []string{"alpha1", "alpha2"} {
		if err := os.WriteFile(home+"/"+f, nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	tm := startTermProgSize(t, needPipesh(t), home, "", nil,
		&pty.Winsize{Rows: redrawRows, Cols: redrawCols}, "TERM=xterm")
	// Tab, Tab: the listing, the line again below it
	tm.send("ls al\t")
	tm.waitScreen([]string{"P$ ls alpha"}, 0, 11, true)
	tm.send("\t")
	tm.waitScreen([]string{"P$ ls alpha", "alpha1  alpha2", "P$ ls alpha"}, 2, 11, true)
	tm.edit("2", "P$ ", "ls alpha2", 9, true)
	tm.send("\x15") // Ctrl-U
	tm.waitScreen([]string{"alpha1  alpha2", "P$"}, 1, 3, true)
	// Ctrl-R: found, taken with Ctrl-E, edited; no search row stays
	tm.send("echo found-$((1+1))\r")
	tm.expect("\nfound-2\n")
	tm.expect("P$ ")
	mark := len(tm.rawOut())
	tm.send("\x12found")
	tm.waitOut(func(out []byte) bool { return bytes.Contains(out[mark:], []byte("i-search: found\x1b[4m")) })
	line := "echo found-$((1+1))"
	tm.edit("\x05", "P$ ", line, len(line), true)
	tm.edit("!", "P$ ", line+"!", len(line)+1, true)
	// Ctrl-L: the line alone at the top
	tm.send("\x0c")
	tm.waitScreenAt([]string{"P$ " + line + "!"}, 0, len(line)+4, true, true)
	tm.edit("\x01\x06\x06\x06\x06\x06X", "P$ ", line[:5]+"X"+line[5:]+"!", 6, true)
	tm.send("\x05\x15") // Ctrl-E, Ctrl-U
	tm.waitScreen([]string{"P$"}, 0, 3, true)
	// vi mode: edits in the middle of a line that wraps
	tm.sendLineWait("set -o vi")
	line = "echo " + strings.Repeat("abc ", 8)
	tm.edit(line, "P$ ", line, len(line), true)
	tm.edit("\x1b", "P$ ", line, len(line)-1, true)
	line = line[:5] + line[13:]
	tm.edit("05l2dw", "P$ ", line, 5, true)
	line = line[:5] + "XY" + line[5:]
	tm.edit("iXY\x1b", "P$ ", line, 6, true)
	tm.edit("u", "P$ ", line[:5]+line[7:], 5, false)
	tm.send("\x03") // Ctrl-C: the line goes
	tm.exit(0)
}

package main

import (
	"fmt"
	"strings"
	"testing"

	"github.com/creack/pty"
)

// The keys of bash's emacs keymap that readline lacks or binds otherwise
// (decoded in package repl, keys.go). Each test types a line with the
// keys and checks what the command prints, which differs from the line
// echoed as typed; the outputs are bash's for the same keys.

// TestREPLHomeEnd: Home and End in every form terminals send.
func TestREPLHomeEnd(t *testing.T) {
	tm := startTerm(t, "")
	for _, k := range []struct{ name, home, end string }{
		{"xterm", "\x1b[H", "\x1b[F"},
		{"vt220", "\x1b[1~", "\x1b[4~"},
		{"SS3", "\x1bOH", "\x1bOF"},
		{"rxvt", "\x1b[7~", "\x1b[8~"},
		{"Ctrl-A/E", "\x01", "\x05"},
	} {
		// "cho v$((1+1))", Home, "e", End, "w": echo v$((1+1))w
		tm.send("cho v$((1+1))" + k.home + "e" + k.end + "w\r")
		tm.expect("v2w\n")
		tm.expect("P$ ")
	}
	tm.exit(0)
}

// TestREPLWordMotion: Ctrl-Left/Right (xterm and rxvt forms) and
// Alt-B/F move by words as bash's backward-word and forward-word: to a
// word's start going back, to its end going forward.
func TestREPLWordMotion(t *testing.T) {
	tm := startTerm(t, "")
	for _, k := range []struct{ name, left, right string }{
		{"xterm Ctrl", "\x1b[1;5D", "\x1b[1;5C"},
		{"rxvt Ctrl", "\x1bOd", "\x1bOc"},
		{"Alt", "\x1bb", "\x1bf"},
	} {
		tm.send("printf '%s-' one two three" + k.left + k.left + "X" + k.right + "Y\r")
		tm.expect("one-XtwoY-three-")
		tm.expect("P$ ")
	}
	// from a word's start Alt-F goes to its end, not the next start;
	// words are letters and digits (printf, s, ab)
	tm.send("printf '%s-' ab cd\x01\x1bf\x1bf\x1bfZ\r")
	tm.expect("abZ-cd-")
	tm.expect("P$ ")
	tm.exit(0)
}

// TestREPLYankLastArg: Alt-. inserts the last word of the previous
// line; typed again, that of the line before it in its place.
func TestREPLYankLastArg(t *testing.T) {
	tm := startTerm(t, "")
	tm.run("true aa1", "")
	tm.run("true 'b b2'", "")
	tm.run("true x | cat", "")
	tm.send("printf '<%s>' \x1b.\r")
	tm.expect("<cat>")
	tm.expect("P$ ")
	// back through the printf line, the cat line, to the quoted word
	tm.send("printf '<%s>' \x1b.\x1b.\x1b.\r")
	tm.expect("<b b2>")
	tm.expect("P$ ")
	tm.send("printf '<%s>' \x1b_ \x1b.\r") // Alt-_ too; one of each is twice the last
	tm.expect("<b b2><b b2>")
	tm.expect("P$ ")
	tm.exit(0)
}

// TestREPLCaseWord: Alt-U, Alt-L and Alt-C change the case from the
// cursor to the end of the word and move past it.
func TestREPLCaseWord(t *testing.T) {
	tm := startTerm(t, "")
	tm.send("printf '<%s>' hello wORLD\x1bb\x1bb\x1bu\x1bc\r")
	tm.expect("<HELLO><World>")
	tm.expect("P$ ")
	tm.send("printf '<%s>' ABC DEF\x1bb\x1bb\x1bl\r")
	tm.expect("<abc><DEF>")
	tm.expect("P$ ")
	tm.exit(0)
}

// TestREPLUndo: Ctrl-_ (and Ctrl-X Ctrl-U) undo the last change: a
// deletion, a case change, and characters typed in a row, 20 at most
// at a time, as GNU readline groups them.
func TestREPLUndo(t *testing.T) {
	tm := startTerm(t, "")
	tm.send("echo abc\x7f\x7fx\x1f\r") // the x goes, the deletions stay
	tm.expect("\na\n")
	tm.expect("P$ ")
	tm.send("echo abc\x1bb\x1bu\x18\x15\r")
	tm.expect("\nabc\n")
	tm.expect("P$ ")
	// "echo abcdefghijklmno" is the first 20 typed, "pqrst" the next
	tm.send("echo abcdefghijklmnopqrst\x1f\r")
	tm.expect("\nabcdefghijklmno\n")
	tm.expect("P$ ")
	tm.exit(0)
}

// TestREPLWinsize: COLUMNS and LINES are the terminal's size, set again
// when it changes (a resize while a line is edited shows in that line's
// command), not exported; an assignment stands until the next resize.
func TestREPLWinsize(t *testing.T) {
	tm := startTerm(t, "")
	tm.run("echo c=$COLUMNS l=$LINES; env | grep -c COLUMNS", "c=200 l=50\n0\n")
	tm.send("echo c=$COLUMNS")
	tm.expect("echo c=$COLUMNS")
	if err := pty.Setsize(tm.ptm, &pty.Winsize{Rows: 40, Cols: 120}); err != nil {
		t.Fatal(err)
	}
	tm.send(" l=$LINES\r")
	tm.expect("c=120 l=40\n")
	tm.expect("P$ ")
	tm.run("COLUMNS=5; echo c=$COLUMNS", "c=5\n")
	tm.run("echo c=$COLUMNS", "c=5\n")
	if err := pty.Setsize(tm.ptm, &pty.Winsize{Rows: 41, Cols: 121}); err != nil {
		t.Fatal(err)
	}
	tm.run("echo c=$COLUMNS", "c=121\n")
	tm.exit(0)
}

// TestREPLWinsizeAfterProgram: with checkwinsize (on, as in bash) the
// size is read again after each program a line runs, so a resize while a
// program runs shows in the rest of the line; with it off it waits for
// the next line.
func TestREPLWinsizeAfterProgram(t *testing.T) {
	tm := startTerm(t, "")
	for i, c := range []struct {
		shopt string
		cols  uint16
		want  string
	}{
		{"-s", 120, "c=120\n"},
		{"-u", 130, "c=120\n"},
	} {
		tm.run("shopt "+c.shopt+" checkwinsize", "")
		tm.send(fmt.Sprintf("echo started%d; head -n1 >/dev/null; echo c=$COLUMNS\r", i))
		tm.expect(fmt.Sprintf("\nstarted%d\n", i))
		tm.waitJobFg()
		if err := pty.Setsize(tm.ptm, &pty.Winsize{Rows: 40, Cols: c.cols}); err != nil {
			t.Fatal(err)
		}
		tm.send("x\r")
		tm.expect(c.want)
		tm.expect("P$ ")
	}
	tm.run("echo c=$COLUMNS", "c=130\n")
	tm.exit(0)
}

// TestREPLReadEdit: read -e reads a line with the REPL's editor (its
// keys too), -p its prompt, -i the text to start with; Ctrl-C abandons
// the command line with status 130; Ctrl-D gives status 1.
func TestREPLReadEdit(t *testing.T) {
	tm := startTerm(t, "")
	tm.send(`read -e -i 'hello wor' -p 'Q> ' x; echo "got:$x"` + "\r")
	tm.expect("Q> hello wor")
	tm.send("ld\x01\x1bu\r")
	tm.expect("got:HELLO world\n")
	tm.expect("P$ ")
	tm.send("read -e -p 'R> ' x; echo after$((1+1))\r")
	tm.expect("after$((1+1))\nR> ") // the command line, then the editor's
	tm.send("\x03")
	tm.run("echo st=$?", "st=130\n")
	if strings.Contains(tm.screen(), "after2") {
		t.Errorf("the command line went on after Ctrl-C:\n%s", tm.screen())
	}
	tm.send(`read -e -p 'R> ' z; echo "st=$? z=<$z>"` + "\r")
	tm.expect(`z=<$z>"` + "\nR> ")
	tm.send("\x04")
	tm.expect("st=1 z=<>\n")
	tm.expect("P$ ")
	tm.exit(0)
}

// TestREPLCheckJobs: with shopt checkjobs, exit and Ctrl-D with a
// running job are refused once, saying so and listing the jobs, as
// bash's; without it a running job does not hold the exit.
func TestREPLCheckJobs(t *testing.T) {
	dir := t.TempDir()
	ff := fifo(t, dir)
	tm := startTerm(t, dir)
	tm.run("shopt -s checkjobs", "")
	tm.send("head -c 1 " + ff + " >/dev/null &\r")
	tm.expect("[1] ")
	tm.expect("P$ ")
	tm.run("exit 3", "There are running jobs.\n[1]+  Running                 head -c 1 "+ff+" > /dev/null &\n")
	tm.run("echo st=$?", "st=1\n")
	tm.send("\x04")
	tm.expect("There are running jobs.\n[1]+  Running")
	tm.expect("P$ ")
	tm.run("shopt -u checkjobs", "")
	tm.exit(4)
	release(t, ff) // the job outlives the shell, as in bash: let it end
}

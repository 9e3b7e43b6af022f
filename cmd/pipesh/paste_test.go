package main

import (
	"bytes"
	"testing"
)

// TestREPLBracketedPaste: as bash 5.1, the REPL asks the terminal for
// bracketed paste while it reads a line (not on a dumb terminal), and a
// pasted text is inserted as text: its newline does not run the line
// (the key typed after the paste still edits the whole of it), its tab
// does not complete. The command runs once Enter is typed, as the lines
// it holds.
func TestREPLBracketedPaste(t *testing.T) {
	tm := startTerm(t, "", "TERM=xterm")
	tm.send("\x1b[200~printf '<%s>\\n' one\rprintf '<%s>\\n' \"t\two\"\x1b[201~")
	tm.send("\x01echo X; \r") // Ctrl-A: to the start of the pasted text
	tm.expect("X\n<one>\n<t\two>\n")
	tm.expect("P$ ")
	raw := tm.rawOut()
	on, off := bytes.Index(raw, []byte("\x1b[?2004h")), bytes.Index(raw, []byte("\x1b[?2004l"))
	if on < 0 || off < on || bytes.Index(raw, []byte("X\r\n")) < off {
		t.Errorf("bracketed paste not on while reading and off while running: %q", raw)
	}
	// the pasted lines are one history entry, listed on one line as bash does
	tm.run("history 2", "1  echo X; printf '<%s>\\n' one; printf '<%s>\\n' \"t\two\"\n")
	tm.exit(0)

	dumb := startTerm(t, "")
	dumb.run("true", "")
	if bytes.Contains(dumb.rawOut(), []byte("\x1b[?2004h")) {
		t.Errorf("bracketed paste on a dumb terminal: %q", dumb.rawOut())
	}
	dumb.exit(0)
}

// rawOut is everything the shell wrote so far, escapes included.
func (tm *term) rawOut() []byte {
	tm.mu.Lock()
	defer tm.mu.Unlock()
	return bytes.Clone(tm.out)
}

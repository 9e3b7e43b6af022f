package main

import "testing"

// TestREPLViMode: set -o vi switches the line editor to vi's keys and set
// -o emacs back; each line is typed with the keys and what the command
// prints is bash's for the same keys (in insert mode, ESC, motions,
// edits, history, arrows). set -o lists the mode as bash does.
func TestREPLViMode(t *testing.T) {
	tm := startTerm(t, "")
	tm.run("set -o vi", "")
	tm.run("set -o | grep -E '^(emacs|vi) '", "emacs          \toff\nvi             \ton\n")
	for _, c := range []struct{ keys, want string }{
		// ESC, back two words, delete a character
		{"printf '<%s>\\n' abc def\x1bbbx", "<bc>\n<def>\n"},
		// ESC moves onto the last character, as in bash
		{"printf '<%s>\\n' abcd\x1bhhrZ", "<aZcd>\n"},
		{"printf '<%s>\\n' abcdX\x1bx", "<abcd>\n"},
		// to the start and the end ($ onto the last character)
		{"Xprintf '<%s>\\n' abc\x1b0x", "<abc>\n"},
		{"printf '<%s>\\n' abc def\x1b0$x", "<abc>\n<de>\n"},
		// change a word, append at the end
		{"printf '<%s>\\n' abc def\x1bbcwXY\x1bA.", "<abc>\n<XY.>\n"},
		// arrows in insert mode and in command mode
		{"printf '<%s>\\n' abc\x1b[D\x1b[DX", "<aXbc>\n"},
		{"printf '<%s>\\n' abc\x1b0\x1b[F\x1b[DrZ", "<aZc>\n"},
		// Tab completes in insert mode
		{"ech\t vi-tab", "vi-tab\n"},
		// the line before, from history, the cursor at its start
		{"\x1bkwx", "i-tab\n"},
		// the previous line (k), appended to
		{"\x1bkkkA two", "<aZc>\n<two>\n"},
	} {
		tm.send(c.keys + "\r")
		tm.expect("\n" + c.want)
		tm.expect("P$ ")
	}
	tm.run("set -o emacs", "")
	tm.send("printf '<%s>\\n' ab cd\x1bbX\r") // Alt-B again
	tm.expect("<ab>\n<Xcd>\n")
	tm.expect("P$ ")
	tm.exit(0)
}

package repl

import "bytes"

// Bracketed paste, as bash 5.1 has it on: before reading a line the
// editor asks the terminal (\e[?2004h) to mark what is pasted, and the
// terminal sends it between \e[200~ and \e[201~. keyReader takes the
// text out of the keys (paste) and queues it beside a bell, as other
// actions; lineKeys inserts it at the cursor as it stands, so a newline
// in it does not run the line, a tab does not complete and no character
// is a key. readline redraws only the cursor's row of a line, so a
// pasted newline shows as pastedNewline while the line is edited, and
// the line editor gives it back as the newline it is: the REPL runs the
// line as the lines it holds, once Enter is typed.

const (
	pasteOn  = "\x1b[?2004h"
	pasteOff = "\x1b[?2004l"
	pasteEnd = "\x1b[201~"

	// pastedNewline is a pasted newline in the line being edited: ␤,
	// the symbol for newline.
	pastedNewline = '\u2424'
)

// paste reads a pasted text, \e[200~ having been read, up to \e[201~
// (or the end of input), and returns the bell that inserts it. Carriage
// returns in it, which terminals send for pasted newlines, are newlines.
func (k *keyReader) paste() ([]byte, error) {
	var text []byte
	var err error
	for {
		var c byte
		if c, err = k.next(); err != nil {
			break
		}
		text = append(text, c)
		if bytes.HasSuffix(text, []byte(pasteEnd)) {
			text = text[:len(text)-len(pasteEnd)]
			break
		}
	}
	text = bytes.ReplaceAll(text, []byte("\r\n"), []byte("\n"))
	text = bytes.ReplaceAll(text, []byte("\r"), []byte("\n"))
	k.queue.pushPaste([]rune(string(text)))
	return []byte{keyBell}, err
}

package repl

import (
	"strconv"

	"golang.org/x/sys/unix"

	"pipesh/shell"
)

// winsize keeps $COLUMNS and $LINES at the terminal's size, as bash's
// readline and checkwinsize do: they are set before the first prompt
// and whenever the size has changed when a line is about to be read or
// has been read (so a resize while editing shows in the command typed).
// An assignment to them stands until the terminal's size next changes.
// They are not exported, as in bash.
type winsize struct {
	fd         int
	cols, rows int // what was last set
}

// sync sets COLUMNS and LINES in r if the terminal's size changed.
func (w *winsize) sync(r *shell.Runner) {
	if w == nil {
		return
	}
	ws, err := unix.IoctlGetWinsize(w.fd, unix.TIOCGWINSZ)
	if err != nil || ws.Col == 0 || ws.Row == 0 {
		return
	}
	if int(ws.Col) == w.cols && int(ws.Row) == w.rows {
		return
	}
	w.cols, w.rows = int(ws.Col), int(ws.Row)
	r.State().SetString("COLUMNS", strconv.Itoa(w.cols))
	r.State().SetString("LINES", strconv.Itoa(w.rows))
}

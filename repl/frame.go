package repl

import (
	"bytes"
	"io"
	"regexp"
	"strconv"
	"sync"
	"unicode/utf8"

	"github.com/chzyer/readline"
)

// readline v1.5.1 redraws the prompt and the whole line for every key
// (its RuneBuffer.Refresh): a "clean" that climbs to the row the prompt
// starts on, clearing each row, then a "print" of the prompt, the line
// and the moves that put the cursor back where it belongs. frameWriter
// sits between readline and the terminal and turns each such pair into
// the difference from the frame it last sent: it keeps a model of the
// cells the frame covers (frame.go's render) and writes only the cells
// that changed, clearing what is left over and moving the cursor to
// where readline put it (diff.go). What it does not understand (any
// other write: a listing, Ctrl-R's search row, Ctrl-L's home, a frame
// with a newline or an escape it does not know) goes out as it came,
// and the model is forgotten: the next frame is drawn in full, as
// readline would. A new width (a resize) also draws in full, and so
// does every frame on a dumb terminal, which has no cursor addressing
// to speak of: readline's redraw is sent as it is.

// cleanSeq is what RuneBuffer.cleanOutput writes on a terminal of known
// width: erase below, then for each row the cursor is below the
// prompt's first, erase the row and go up; erase the first row and go
// to its start.
var cleanSeq = regexp.MustCompile(`^\x1b\[J(?:\x1b\[2K\r\x1b\[A)*\x1b\[2K\r$`)

// frameWriter is the terminal as readline sees it (Config.Stdout).
type frameWriter struct {
	out   io.Writer
	width func() int

	mu    sync.Mutex
	diffs bool   // frames are sent as differences (not on a dumb terminal)
	clean []byte // a clean held back until its print comes
	shown *frame // what the terminal shows from the frame's first row; nil if not known
}

func newFrameWriter(out io.Writer, width func() int) *frameWriter {
	return &frameWriter{out: out, width: width}
}

// Write takes what readline writes for the terminal.
func (w *frameWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if !w.diffs {
		return w.out.Write(p)
	}
	if cleanSeq.Match(p) {
		if err := w.flushLocked(); err != nil {
			return 0, err
		}
		w.clean = bytes.Clone(p)
		return len(p), nil
	}
	if w.clean == nil {
		if !isBells(p) {
			w.shown = nil // something unknown on the screen
		}
		return w.out.Write(p)
	}
	clean := w.clean
	w.clean = nil
	width := w.width()
	attr := ""
	if w.shown != nil {
		attr = w.shown.attr
	}
	next, ok := render(p, width, attr)
	known := w.shown != nil && w.shown.width == width
	if ok && known {
		if d, ok := diff(w.shown, next); ok {
			w.shown = next
			if _, err := w.out.Write(d); err != nil {
				w.shown = nil
				return 0, err
			}
			return len(p), nil
		}
	}
	// drawn in full, as readline draws it; from where the frame starts
	// if that is known (readline counts a prompt wider than the screen
	// as one row, and climbs too few)
	if known {
		clean = w.shown.clean()
	}
	w.shown = nil
	if _, err := w.out.Write(append(clean, p...)); err != nil {
		return 0, err
	}
	if ok {
		w.shown = next
	}
	return len(p), nil
}

// clean is what erases f, from the cursor where f left it: to the start
// of f's first row, then erase down, as readline's clean does.
func (f *frame) clean() []byte {
	b := []byte{'\r'}
	if f.cur.row > 0 {
		b = append(b, "\x1b["+strconv.Itoa(f.cur.row)+"A"...)
	}
	return append(b, "\x1b[J"...)
}

// setDiffs turns the sending of differences on or off.
func (w *frameWriter) setDiffs(on bool) {
	w.mu.Lock()
	w.diffs = on
	w.mu.Unlock()
}

// flushLocked sends a held clean that no print followed.
func (w *frameWriter) flushLocked() error {
	if w.clean == nil {
		return nil
	}
	clean := w.clean
	w.clean, w.shown = nil, nil
	_, err := w.out.Write(clean)
	return err
}

// reset forgets the model and sends a held clean: a line's editing
// starts or ends, and what is written between lines is not seen here.
func (w *frameWriter) reset() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	err := w.flushLocked()
	w.shown = nil
	return err
}

// isBells reports whether p is only bells, which leave the screen as
// it is.
func isBells(p []byte) bool {
	return len(p) > 0 && len(bytes.Trim(p, "\a")) == 0
}

// cell is one column of the screen.
type cell struct {
	set   bool   // written to (a blank cell is not)
	r     rune   // the character; none in the second column of a wide one
	marks string // combining marks after it
	wide  int8   // 1 or 2 for the first column of a character, 0 for the second of a wide one
	attr  string // the SGR escapes in force when it was written, since the last reset
}

// pos is a cursor position in a frame: row and column from the frame's
// first cell, and whether the cursor is in the last column with the
// next character to go on the next row (a terminal's pending wrap).
type pos struct {
	row, col int
	wrap     bool
}

// frame is what one print of readline's draws, from the start of the
// row the clean left the cursor on.
type frame struct {
	width int
	cells []cell // row after row, width cells each
	end   int    // the index after the last cell written
	cur   pos    // where the print leaves the cursor
	attr  string // the SGR state it leaves
}

func (f *frame) at(i int) cell {
	if i < len(f.cells) {
		return f.cells[i]
	}
	return cell{}
}

// rows is how many rows the frame has: those with cells written and the
// cursor's.
func (f *frame) rows() int {
	n := f.cur.row + 1
	if f.end > 0 {
		n = max(n, (f.end-1)/f.width+1)
	}
	return n
}

// runeWidth is the columns r takes, as readline counts them (and as
// terminals do for the scripts it counts as wide).
func runeWidth(r rune) int { return readline.Runes{}.Width(r) }

// render draws p, a print of readline's, on an empty frame of the given
// width, starting in the SGR state attr (readline's frames start in the
// state the last left), the way a terminal (xterm's rules: autowrap with the wrap
// pending in the last column, a wide character that does not fit in the
// row's last column going to the next row) draws it. ok is false for
// anything it does not know: a control character other than \b and \r,
// an escape other than SGR, cursor up and cursor forward, writing over
// a cell already written, going above the first row.
func render(p []byte, width int, attr string) (f *frame, ok bool) {
	if width < 2 {
		return nil, false
	}
	f = &frame{width: width, attr: attr}
	c := &f.cur
	for i := 0; i < len(p); {
		b := p[i]
		switch {
		case b == '\b':
			// with the wrap pending, to the column before the last (xterm)
			c.col, c.wrap = max(c.col-1, 0), false
			i++
		case b == '\r':
			c.col, c.wrap = 0, false
			i++
		case b == 0x1b:
			n, final, params := csi(p[i:])
			if n == 0 {
				return nil, false
			}
			i += n
			switch final {
			case 'm':
				if params == "" || params == "0" {
					f.attr = ""
				} else {
					if params[0] == '0' && (len(params) == 1 || params[1] == ';') {
						f.attr = ""
					}
					f.attr += string(p[i-n : i])
				}
			case 'A':
				k := count(params)
				if k < 0 || c.row < k {
					return nil, false
				}
				c.row -= k
				c.wrap = false
			case 'C':
				k := count(params)
				if k < 0 {
					return nil, false
				}
				c.col = min(c.col+k, width-1)
				c.wrap = false
			default:
				return nil, false
			}
		case b < 0x20 || b == 0x7f:
			return nil, false
		default:
			r, n := utf8.DecodeRune(p[i:])
			if r == utf8.RuneError && n <= 1 {
				return nil, false
			}
			i += n
			if !f.put(r) {
				return nil, false
			}
		}
	}
	return f, true
}

// put writes r at the cursor.
func (f *frame) put(r rune) bool {
	c := &f.cur
	w := runeWidth(r)
	if r >= 0x80 && r < 0xa0 {
		return false // C1 controls
	}
	if w == 0 {
		// a combining mark: on the character before the cursor
		i := c.row*f.width + c.col
		if !c.wrap {
			i--
		}
		for i >= 0 && i < len(f.cells) && f.cells[i].set && f.cells[i].wide == 0 {
			i--
		}
		if i < 0 || i >= len(f.cells) || !f.cells[i].set {
			return false
		}
		f.cells[i].marks += string(r)
		return true
	}
	if c.wrap {
		c.row, c.col, c.wrap = c.row+1, 0, false
	}
	if w == 2 && c.col == f.width-1 {
		c.row, c.col = c.row+1, 0 // the last column stays blank
	}
	i := c.row*f.width + c.col
	if need := i + w; need > len(f.cells) {
		f.cells = append(f.cells, make([]cell, need-len(f.cells))...)
	}
	for k := range w {
		if f.cells[i+k].set {
			return false
		}
	}
	f.cells[i] = cell{set: true, r: r, wide: int8(w), attr: f.attr}
	if w == 2 {
		f.cells[i+1] = cell{set: true, attr: f.attr}
	}
	f.end = max(f.end, i+w)
	c.col += w
	if c.col >= f.width {
		c.col, c.wrap = f.width-1, true
	}
	return true
}

// csi parses the control sequence at the start of p (ESC [ params
// final): its length (0 if it is none or not whole), final byte and
// parameters.
func csi(p []byte) (n int, final byte, params string) {
	if len(p) < 3 || p[0] != 0x1b || p[1] != '[' {
		return 0, 0, ""
	}
	for i := 2; i < len(p); i++ {
		switch b := p[i]; {
		case b >= '0' && b <= '9' || b == ';':
		case b >= 0x40 && b <= 0x7e:
			return i + 1, b, string(p[2:i])
		default:
			return 0, 0, ""
		}
	}
	return 0, 0, ""
}

// count is a cursor move's count: 1 when none is given, -1 when it is
// not one number.
func count(params string) int {
	if params == "" {
		return 1
	}
	n, err := strconv.Atoi(params)
	if err != nil || n < 0 {
		return -1
	}
	return max(n, 1)
}

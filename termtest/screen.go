// Package termtest is a small model of a terminal for tests of what the
// REPL draws: the bytes written to a terminal go in, the screen they
// leave (its rows of text, the cursor, each cell's colour) comes out.
// It follows xterm's rules where terminals differ: autowrap with the
// wrap pending in the last column, a wide character that does not fit
// in the last column going to the next row, LF scrolling at the bottom.
// It knows the controls and escapes line editors send (BS, CR, LF, HT,
// BEL; cursor moves, erases, SGR, modes, OSC) and reports any other, so
// that a test sees what it cannot judge rather than a wrong screen.
package termtest

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Cell is one column of the screen.
type Cell struct {
	R    rune   // the character; 0 for a blank or the second column of a wide one
	Cont bool   // the second column of a wide character
	Attr string // the SGR parameters in force when it was written, "" for none
}

// Screen is a terminal's screen.
type Screen struct {
	width, height int
	cells         [][]Cell
	row, col      int
	wrap          bool   // the next character goes on the next row
	attr          string // the SGR parameters in force
	pending       []byte // an incomplete sequence at the end of the last write
	err           error
}

// New is an empty screen of width columns and height rows, the cursor
// at its top left.
func New(width, height int) *Screen {
	s := &Screen{width: width, height: height}
	s.cells = make([][]Cell, height)
	for i := range s.cells {
		s.cells[i] = make([]Cell, width)
	}
	return s
}

// Err is the first thing written the screen does not know, or nil.
func (s *Screen) Err() error { return s.err }

// Cursor is the cursor's row and column, from 0.
func (s *Screen) Cursor() (row, col int) { return s.row, s.col }

// Cell is the cell at row and col.
func (s *Screen) Cell(row, col int) Cell { return s.cells[row][col] }

// Row is the text of a row, without the blanks at its end.
func (s *Screen) Row(row int) string {
	var b strings.Builder
	for _, c := range s.cells[row] {
		switch {
		case c.Cont:
		case c.R == 0:
			b.WriteByte(' ')
		default:
			b.WriteRune(c.R)
		}
	}
	return strings.TrimRight(b.String(), " ")
}

// Rows is the text of every row.
func (s *Screen) Rows() []string {
	out := make([]string, s.height)
	for i := range out {
		out[i] = s.Row(i)
	}
	return out
}

// Write draws p. It never fails: what the screen does not know is kept
// for Err.
func (s *Screen) Write(p []byte) (int, error) {
	data := append(s.pending, p...)
	s.pending = nil
	for i := 0; i < len(data); {
		n := s.step(data[i:])
		if n == 0 { // incomplete: wait for the rest
			s.pending = append([]byte(nil), data[i:]...)
			break
		}
		i += n
	}
	return len(p), nil
}

func (s *Screen) fail(format string, args ...any) {
	if s.err == nil {
		s.err = fmt.Errorf(format, args...)
	}
}

// step draws the character or sequence at the start of p and returns
// its length, 0 if p holds only part of it.
func (s *Screen) step(p []byte) int {
	switch b := p[0]; b {
	case '\a':
		return 1
	case '\b':
		s.wrap = false
		s.col = max(s.col-1, 0)
		return 1
	case '\r':
		s.col, s.wrap = 0, false
		return 1
	case '\n':
		s.wrap = false
		s.lineFeed()
		return 1
	case '\t':
		s.wrap = false
		s.col = min((s.col/8+1)*8, s.width-1)
		return 1
	case 0x1b:
		return s.escape(p)
	default:
		if b < 0x20 || b == 0x7f {
			s.fail("control character %#x", b)
			return 1
		}
		if !utf8.FullRune(p) {
			return 0
		}
		r, n := utf8.DecodeRune(p)
		s.put(r)
		return n
	}
}

func (s *Screen) lineFeed() {
	if s.row < s.height-1 {
		s.row++
		return
	}
	copy(s.cells, s.cells[1:])
	s.cells[s.height-1] = make([]Cell, s.width)
}

// Width is the columns r takes: 2 for the scripts terminals draw wide,
// 0 for combining marks and format characters.
func Width(r rune) int {
	switch {
	case unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf):
		return 0
	case unicode.In(r, unicode.Han, unicode.Hangul, unicode.Hiragana, unicode.Katakana):
		return 2
	}
	return 1
}

// put writes r at the cursor.
func (s *Screen) put(r rune) {
	w := Width(r)
	if w == 0 {
		return // a combining mark: drawn with the character before, not kept
	}
	if s.wrap {
		s.wrap = false
		s.col = 0
		s.lineFeed()
	}
	if w == 2 && s.col == s.width-1 {
		s.erase(s.row, s.col)
		s.col = 0
		s.lineFeed()
	}
	s.erase(s.row, s.col)
	if w == 2 {
		s.erase(s.row, s.col+1)
		s.cells[s.row][s.col+1] = Cell{Cont: true, Attr: s.attr}
	}
	s.cells[s.row][s.col] = Cell{R: r, Attr: s.attr}
	s.col += w
	if s.col >= s.width {
		s.col, s.wrap = s.width-1, true
	}
}

// erase blanks a cell, and the other half of a wide character it is
// part of.
func (s *Screen) erase(row, col int) {
	line := s.cells[row]
	if line[col].Cont && col > 0 {
		line[col-1] = Cell{}
	}
	if col+1 < s.width && line[col+1].Cont {
		line[col+1] = Cell{}
	}
	line[col] = Cell{}
}

// escape draws the escape sequence at the start of p.
func (s *Screen) escape(p []byte) int {
	if len(p) < 2 {
		return 0
	}
	switch p[1] {
	case '[':
	case ']': // OSC: up to BEL or ST, drawing nothing
		for i := 2; i < len(p); i++ {
			if p[i] == '\a' {
				return i + 1
			}
			if p[i] == 0x1b && i+1 < len(p) && p[i+1] == '\\' {
				return i + 2
			}
		}
		return 0
	default:
		s.fail("escape %q", p[:2])
		return 2
	}
	i := 2
	for i < len(p) && (p[i] >= 0x30 && p[i] <= 0x3f) {
		i++
	}
	if i == len(p) {
		return 0
	}
	final, params := p[i], string(p[2:i])
	s.csi(final, params)
	return i + 1
}

// csi performs a control sequence.
func (s *Screen) csi(final byte, params string) {
	if strings.HasPrefix(params, "?") {
		if final != 'h' && final != 'l' {
			s.fail("CSI %s%c", params, final)
		}
		return // modes: bracketed paste, the cursor's visibility
	}
	n := 1
	if params != "" && final != 'm' && final != 'H' && final != 'f' {
		v, err := strconv.Atoi(params)
		if err != nil {
			s.fail("CSI %s%c", params, final)
			return
		}
		n = v
	}
	switch final {
	case 'A':
		s.row, s.wrap = max(s.row-max(n, 1), 0), false
	case 'B':
		s.row, s.wrap = min(s.row+max(n, 1), s.height-1), false
	case 'C':
		s.col, s.wrap = min(s.col+max(n, 1), s.width-1), false
	case 'D':
		s.col, s.wrap = max(s.col-max(n, 1), 0), false
	case 'H', 'f':
		row, col := 1, 1
		if params != "" {
			f := strings.SplitN(params, ";", 2)
			row, _ = strconv.Atoi(f[0])
			if len(f) == 2 {
				col, _ = strconv.Atoi(f[1])
			}
		}
		s.row, s.col, s.wrap = min(max(row, 1), s.height)-1, min(max(col, 1), s.width)-1, false
	case 'J':
		if params == "" {
			n = 0
		}
		s.eraseDisplay(n)
	case 'K':
		if params == "" {
			n = 0
		}
		s.eraseLine(s.row, n)
	case 'm':
		s.sgr(params)
	default:
		s.fail("CSI %s%c", params, final)
	}
}

// eraseLine is EL: 0 from the cursor to the end, 1 from the start to
// the cursor, 2 all of the row.
func (s *Screen) eraseLine(row, mode int) {
	from, to := 0, s.width
	switch mode {
	case 0:
		from = s.col
	case 1:
		to = s.col + 1
	}
	for c := from; c < to; c++ {
		s.erase(row, c)
	}
}

// eraseDisplay is ED: 0 from the cursor down, 1 from the top to it, 2
// all of the screen.
func (s *Screen) eraseDisplay(mode int) {
	switch mode {
	case 0:
		s.eraseLine(s.row, 0)
		for r := s.row + 1; r < s.height; r++ {
			s.eraseLine(r, 2)
		}
	case 1:
		s.eraseLine(s.row, 1)
		for r := 0; r < s.row; r++ {
			s.eraseLine(r, 2)
		}
	default:
		for r := range s.height {
			s.eraseLine(r, 2)
		}
	}
}

// sgr sets the attributes: a 0 (or nothing) resets them, what follows is
// added.
func (s *Screen) sgr(params string) {
	for _, p := range strings.Split(params, ";") {
		if p == "" || p == "0" || p == "00" {
			s.attr = ""
			continue
		}
		if s.attr != "" {
			s.attr += ";"
		}
		s.attr += p
	}
}

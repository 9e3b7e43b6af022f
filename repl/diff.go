package repl

import (
	"strconv"
	"strings"
)

// diff returns what turns the terminal from showing old, its cursor
// where old left it, into showing next with the cursor where next puts
// it, the way readline's full redraw would leave it: the cells from the
// first that differs to the last are written again (a cell the same in
// both is not written, unless it lies between two that differ), what
// old has past next's end is erased, and the cursor moves. ok is false
// where it cannot tell (a frame that ends with the wrap pending).
func diff(old, next *frame) (out []byte, ok bool) {
	if old.width != next.width || next.cur.wrap {
		return nil, false
	}
	d := differ{width: next.width, cur: old.cur, attr: old.attr, rows: old.rows()}
	first, last := -1, -1
	for i := range max(old.end, next.end) {
		if old.at(i) != next.at(i) {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	if first >= 0 {
		// whole characters: from the first column of a wide one
		for first > 0 && (next.at(first).set && next.at(first).wide == 0 || old.at(first).set && old.at(first).wide == 0) {
			first--
		}
		stop := min(last+1, next.end)
		if first < stop {
			d.moveTo(first/d.width, first%d.width)
			for i := first; i < stop; i++ {
				c := next.at(i)
				if c.set && c.wide == 0 {
					continue // drawn with the column before
				}
				if !c.set && !old.at(i).set && i+1 < next.end && next.at(i+1).wide == 2 {
					continue // the column a wide character wraps past, blank already
				}
				d.put(c)
			}
		}
		if last >= next.end {
			// old goes on past next's end: erase from there down
			d.moveTo(next.end/d.width, next.end%d.width)
			d.setAttr(old.attr)
			d.b.WriteString("\x1b[J")
		}
	}
	d.moveTo(next.cur.row, next.cur.col)
	d.setAttr(next.attr)
	return []byte(d.b.String()), true
}

// differ writes a diff, following where the terminal's cursor goes.
type differ struct {
	b     strings.Builder
	width int
	cur   pos
	attr  string // the SGR state the terminal is in
	rows  int    // the rows from the frame's first that are on the screen
}

// put writes c at the cursor.
func (d *differ) put(c cell) {
	if d.cur.wrap {
		d.cur = pos{row: d.cur.row + 1}
	}
	w := int(c.wide)
	if !c.set {
		w = 1 // a blank column: the one a wide character wrapped past
	}
	if w == 2 && d.cur.col == d.width-1 {
		d.cur = pos{row: d.cur.row + 1}
	}
	d.rows = max(d.rows, d.cur.row+1)
	if !c.set {
		d.setAttr("")
		d.b.WriteByte(' ')
	} else {
		d.setAttr(c.attr)
		d.b.WriteRune(c.r)
		d.b.WriteString(c.marks)
	}
	d.cur.col += w
	if d.cur.col >= d.width {
		d.cur.col, d.cur.wrap = d.width-1, true
	}
}

// setAttr puts the terminal in the SGR state attr.
func (d *differ) setAttr(attr string) {
	if attr == d.attr {
		return
	}
	d.b.WriteString("\x1b[0m")
	d.b.WriteString(attr)
	d.attr = attr
}

// moveTo moves the cursor to row and col (not with the wrap pending).
// Rows below those on the screen are made with newlines, which scroll
// at its bottom; cursor down would stop there.
func (d *differ) moveTo(row, col int) {
	if d.cur.wrap {
		if row == d.cur.row+1 && col == 0 {
			d.b.WriteString("\r\n")
			d.cur = pos{row: row}
			d.rows = max(d.rows, row+1)
			return
		}
		d.b.WriteByte('\r')
		d.cur = pos{row: d.cur.row}
	}
	if row >= d.rows {
		d.vertical(d.rows - 1)
		for d.cur.row < row {
			d.b.WriteString("\r\n")
			d.cur = pos{row: d.cur.row + 1}
		}
		d.rows = row + 1
	}
	d.vertical(row)
	switch {
	case col == d.cur.col:
	case col == 0:
		d.b.WriteByte('\r')
	case col < d.cur.col && d.cur.col-col <= 3:
		d.b.WriteString(strings.Repeat("\b", d.cur.col-col))
	case col < d.cur.col:
		d.b.WriteString("\x1b[" + strconv.Itoa(d.cur.col-col) + "D")
	default:
		d.b.WriteString("\x1b[" + strconv.Itoa(col-d.cur.col) + "C")
	}
	d.cur.col = col
}

// vertical moves the cursor to row, in its column.
func (d *differ) vertical(row int) {
	switch n := row - d.cur.row; {
	case n == 1:
		d.b.WriteString("\x1b[B")
	case n > 1:
		d.b.WriteString("\x1b[" + strconv.Itoa(n) + "B")
	case n == -1:
		d.b.WriteString("\x1b[A")
	case n < -1:
		d.b.WriteString("\x1b[" + strconv.Itoa(-n) + "A")
	}
	d.cur.row = row
}

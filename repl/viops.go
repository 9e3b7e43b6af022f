package repl

import (
	"slices"
	"unicode"
)

// The vi commands readline v1.5.1 lacks or does otherwise than bash
// (counts, x X d c y p P ~ r D C s S Y with their motions) are performed
// here, on the line and cursor, as a keyReader action (actVi, vikeys.go
// decodes them); the text they delete or yank goes to the one register
// p and P put back, as in bash's vi mode.

// viCmd is a vi command-mode command: count times op, with a motion
// (for d, c and y: the motion's key, or op again for the whole line) or
// a character (for r).
type viCmd struct {
	op     byte
	count  int
	motion byte
	char   rune
}

// viClass is a character's class for vi's word motions: blanks, word
// characters (letters, digits, _) and the rest; for W, B and E
// (big), anything not blank is one class.
func viClass(r rune, big bool) int {
	switch {
	case r == ' ' || r == '\t':
		return 0
	case big || unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_':
		return 1
	}
	return 2
}

// viNextWord is w: the start of the next word after pos.
func viNextWord(line []rune, pos int, big bool) int {
	if pos >= len(line) {
		return len(line)
	}
	if c := viClass(line[pos], big); c != 0 {
		for pos < len(line) && viClass(line[pos], big) == c {
			pos++
		}
	}
	for pos < len(line) && viClass(line[pos], big) == 0 {
		pos++
	}
	return pos
}

// viWordEnd is e: the last character of the word ending after pos.
func viWordEnd(line []rune, pos int, big bool) int {
	pos++
	for pos < len(line) && viClass(line[pos], big) == 0 {
		pos++
	}
	if pos >= len(line) {
		return max(len(line)-1, 0)
	}
	c := viClass(line[pos], big)
	for pos+1 < len(line) && viClass(line[pos+1], big) == c {
		pos++
	}
	return pos
}

// viPrevWord is b: the start of the word before pos.
func viPrevWord(line []rune, pos int, big bool) int {
	pos = min(pos, len(line))
	for pos > 0 && viClass(line[pos-1], big) == 0 {
		pos--
	}
	if pos == 0 {
		return 0
	}
	c := viClass(line[pos-1], big)
	for pos > 0 && viClass(line[pos-1], big) == c {
		pos--
	}
	return pos
}

// viRange is the text an operator with motion m, count times, covers
// from pos: [from, to).
func viRange(line []rune, pos int, m byte, op byte, count int) (from, to int, ok bool) {
	n := len(line)
	from, to = pos, pos
	switch m {
	case op, 'S': // dd, cc, yy: the whole line
		return 0, n, true
	case 'w', 'W':
		big := m == 'W'
		if op == 'c' && pos < n && viClass(line[pos], big) != 0 {
			// cw changes to the end of the word, as ce
			for range count {
				to = viWordEnd(line, to-1, big) + 1
			}
			return from, min(to, n), true
		}
		for range count {
			to = viNextWord(line, to, big)
		}
	case 'e', 'E':
		for range count {
			to = viWordEnd(line, to, m == 'E')
		}
		to = min(to+1, n)
	case 'b', 'B':
		for range count {
			from = viPrevWord(line, from, m == 'B')
		}
	case 'h':
		from = max(pos-count, 0)
	case 'l', ' ':
		to = min(pos+count, n)
	case '0':
		from = 0
	case '^':
		from = 0
		for from < n && viClass(line[from], false) == 0 {
			from++
		}
		if from > pos {
			from, to = pos, from
		}
	case '$':
		to = n
	default:
		return 0, 0, false
	}
	return from, to, true
}

// onChar is where the cursor may stand in command mode: on a
// character, not after the last.
func onChar(line []rune, pos int) int {
	return max(min(pos, len(line)-1), 0)
}

// viDo performs a vi command on cur.
func (k *lineKeys) viDo(c viCmd, cur lineState) lineState {
	line, pos := cur.line, cur.pos
	n := max(c.count, 1)
	cut := func(from, to int) []rune {
		k.viRegister = slices.Clone(line[from:to])
		return slices.Concat(line[:from], line[to:])
	}
	switch c.op {
	case 'x':
		if len(line) == 0 {
			return cur
		}
		to := min(pos+n, len(line))
		out := cut(pos, to)
		return lineState{out, onChar(out, pos)}
	case 'X':
		from := max(pos-n, 0)
		if from == pos {
			return cur
		}
		return lineState{cut(from, pos), from}
	case 'D', 'C':
		out := cut(pos, len(line))
		if c.op == 'C' {
			return lineState{out, pos}
		}
		return lineState{out, onChar(out, pos)}
	case 'd', 'c', 'y':
		from, to, ok := viRange(line, pos, c.motion, c.op, n)
		if !ok {
			k.ring()
			return cur
		}
		if c.op == 'y' {
			k.viRegister = slices.Clone(line[from:to])
			if c.motion == 'y' {
				return cur
			}
			return lineState{line, onChar(line, from)}
		}
		out := cut(from, to)
		if c.op == 'c' {
			return lineState{out, from}
		}
		return lineState{out, onChar(out, from)}
	case 'p', 'P':
		if len(k.viRegister) == 0 {
			return cur
		}
		text := slices.Repeat(k.viRegister, n)
		at := pos
		if c.op == 'p' && len(line) > 0 {
			at = min(pos+1, len(line))
		}
		return lineState{slices.Concat(line[:at], text, line[at:]), at + len(text) - 1}
	case '~':
		out := slices.Clone(line)
		end := min(pos+n, len(out))
		for i := pos; i < end; i++ {
			if unicode.IsUpper(out[i]) {
				out[i] = unicode.ToLower(out[i])
			} else {
				out[i] = unicode.ToUpper(out[i])
			}
		}
		return lineState{out, onChar(out, end)}
	case 'r':
		if pos+n > len(line) {
			k.ring()
			return cur
		}
		out := slices.Clone(line)
		for i := pos; i < pos+n; i++ {
			out[i] = c.char
		}
		return lineState{out, pos + n - 1}
	}
	return cur
}

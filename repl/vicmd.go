package repl

import "slices"

// vi's command mode, decoded by keyReader: a count before a command
// (3w, 2dw, d3w) repeats it; the motions readline has (h l w W b B e E
// 0 ^ $ f F t T, j k) go to readline, count times; the edits (x X d c y
// p P ~ r D C s S Y) and u are performed by lineKeys (viops.go), reached
// through insert mode, as readline's command mode calls no listener: i,
// the action's bell, then ESC back to command mode (or not, for the
// edits that change: c C s S). . repeats the last edit, with the text
// typed in the insert mode it entered.

// viChange is an edit . can repeat.
type viChange struct {
	cmd     viCmd  // lineKeys' command; op 0 for readline's insert keys (i I a A)
	key     byte   // the insert key, for cmd.op 0
	insert  []byte // the keys typed in the insert mode it entered
	inserts bool   // it enters insert mode
}

// viCount reads the digits of a count starting with c (none unless c
// is 1 to 9) and returns it (0 for none) and the key after it.
func (k *keyReader) viCount(c byte) (int, byte, error) {
	n := 0
	for c >= '1' && c <= '9' || n > 0 && c == '0' {
		n = min(n*10+int(c-'0'), 10000)
		var err error
		if c, err = k.next(); err != nil {
			return n, 0, err
		}
	}
	return n, c, nil
}

// viCommand decodes the command-mode command starting with c.
func (k *keyReader) viCommand(c byte) ([]byte, error) {
	count, c, err := k.viCount(c)
	if err != nil {
		return nil, err
	}
	reps := max(count, 1)
	switch c {
	case 'h', 'l', ' ', 'w', 'W', 'b', 'B', 'e', 'E':
		if c == ' ' {
			c = 'l'
		}
		return slices.Repeat([]byte{c}, reps), nil
	case '0', '^':
		return []byte{c}, nil
	case '$':
		// readline goes past the last character; bash onto it
		return []byte{'$', 'h'}, nil
	case 'k', 'j':
		// a history line: bash's cursor goes to its start, readline's
		// to its end
		return slices.Repeat([]byte{c, '0'}, reps), nil
	case 'f', 'F', 't', 'T':
		d, err := k.next()
		if err != nil {
			return []byte{c}, err
		}
		return slices.Repeat([]byte{c, d}, reps), nil
	case 'i', 'I', 'a', 'A':
		k.setCommandMode(false)
		k.startInsert(viChange{key: c, inserts: true})
		return []byte{c}, nil
	case '\r', keyCtrlC:
		k.setCommandMode(false)
		return []byte{c}, nil
	case 'u':
		return k.viAction(actUndo), nil
	case keyCtrlL:
		return k.viAction(actClearScreen), nil
	case '.':
		return k.viRepeat(count), nil
	}
	cmd := viCmd{op: c, count: count}
	switch c {
	case 'x', 'X', 'p', 'P', '~', 'D', 'C', 's', 'S', 'Y':
	case 'r':
		d, err := k.next()
		if err != nil {
			return nil, err
		}
		cmd.char = rune(d)
	case 'd', 'c', 'y':
		n, m, err := k.viCount(k.mustNext())
		if err != nil {
			return nil, err
		}
		if n > 0 {
			cmd.count = max(count, 1) * n
		}
		cmd.motion = m
	default:
		return []byte{c}, nil // readline's, or its bell
	}
	switch c { // the ones spelled with others
	case 's':
		cmd = viCmd{op: 'c', count: count, motion: 'l'}
	case 'S':
		cmd = viCmd{op: 'c', motion: 'c'}
	case 'Y':
		cmd = viCmd{op: 'y', motion: 'y'}
	}
	return k.viEdit(viChange{cmd: cmd, inserts: cmd.op == 'c' || cmd.op == 'C'}), nil
}

// mustNext is the next key, 0 at the end of input (which the next read
// reports).
func (k *keyReader) mustNext() byte {
	c, _ := k.next()
	return c
}

// viAction is what performs the action a from command mode: i, its
// bell, ESC.
func (k *keyReader) viAction(a keyAction) []byte {
	return append(append([]byte{'i'}, k.bell(a)...), keyEsc)
}

// viEdit performs ch's command, and notes it for . unless it is a yank.
func (k *keyReader) viEdit(ch viChange) []byte {
	k.queue.pushVi(ch.cmd)
	out := []byte{'i', keyBell}
	if ch.inserts {
		k.setCommandMode(false)
		k.startInsert(ch)
		return out
	}
	if ch.cmd.op != 'y' {
		k.mu.Lock()
		k.vi.last = ch
		k.mu.Unlock()
	}
	return append(out, keyEsc)
}

// viRepeat is .: the last change again, count times its count if count
// is given.
func (k *keyReader) viRepeat(count int) []byte {
	k.mu.Lock()
	ch := k.vi.last
	k.mu.Unlock()
	if ch.cmd.op == 0 && ch.key == 0 {
		return k.bell(actNone)
	}
	var out []byte
	if ch.cmd.op == 0 {
		out = []byte{ch.key} // i I a A
	} else {
		if count > 0 {
			ch.cmd.count = count
		}
		k.queue.pushVi(ch.cmd)
		out = []byte{'i', keyBell}
	}
	if ch.inserts {
		out = append(append(out, ch.insert...), keyEsc, 'h')
	} else {
		out = append(out, keyEsc)
	}
	return out
}

// startInsert notes that ch entered insert mode: the keys typed there
// are part of it.
func (k *keyReader) startInsert(ch viChange) {
	k.mu.Lock()
	ch.insert = nil
	k.vi.recording = &ch
	k.mu.Unlock()
}

// recordInsert notes a key typed in insert mode.
func (k *keyReader) recordInsert(c byte) {
	k.mu.Lock()
	if r := k.vi.recording; r != nil && c != '\r' && c != keyCtrlC {
		r.insert = append(r.insert, c)
	}
	k.mu.Unlock()
}

// endInsert notes that insert mode ended: its change is the one . repeats.
func (k *keyReader) endInsert() {
	k.mu.Lock()
	if r := k.vi.recording; r != nil {
		k.vi.last = *r
		k.vi.recording = nil
	}
	k.mu.Unlock()
}

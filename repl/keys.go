package repl

import (
	"io"
	"sync"
	"sync/atomic"
)

// Keys readline v1.5.1 does not know, or knows otherwise than bash's
// emacs keymap, are decoded here, below readline, from the bytes the
// terminal sends (keyReader). A key readline has a function for becomes
// that key's plain control character (\e[1~ becomes Ctrl-A); one it
// lacks becomes a bell (Ctrl-G, which readline treats as a no-op), with
// the action queued beside it: readline's FuncFilterInputRune takes the
// action off the queue as that bell reaches readline, and its Listener,
// called after the key with the line and the cursor, performs it and
// returns the new line (lineKeys). Bells typed as such (and Ctrl-Z,
// which readline would use to stop the shell) queue a no-op, so the
// queue stays in step with the bells.

// keyAction is what a decoded key does to the line.
type keyAction uint8

const (
	actNone           keyAction = iota
	actForwardWord              // M-f, C-Right: to the end of the next word
	actBackwardWord             // M-b, C-Left: to the start of this or the previous word
	actUpcaseWord               // M-u
	actDowncaseWord             // M-l
	actCapitalizeWord           // M-c
	actYankLastArg              // M-. M-_: the last word of the previous line, further back each time
	actUndo                     // C-_ C-x C-u
	actComplete                 // Tab
	actListYes                  // y or space to "Display all N possibilities?"
	actListNo                   // n or DEL to it
	actListAgain                // another key to it: a bell, and the question waits
	actPaste                    // bracketed paste: its text, queued beside it, is inserted
	actVi                       // a vi command (viops.go), queued beside it
	actClearScreen              // C-l: the screen cleared, the prompt's rows and the line at its top
)

const (
	keyCtrlA = 0x01
	keyCtrlE = 0x05
	keyCtrlL = 0x0c
	keyBell  = 0x07
	keyTab   = 0x09
	keyCtrlU = 0x15
	keyCtrlX = 0x18
	keyCtrlZ = 0x1a
	keyEsc   = 0x1b
	keyUndo  = 0x1f
)

// actionQueue holds the actions of the bells keyReader has passed to
// readline and readline has not yet taken, and the texts of the pastes
// among them (one for each actPaste, in order).
type actionQueue struct {
	mu     sync.Mutex
	acts   []keyAction
	pastes [][]rune
	vis    []viCmd // one for each actVi, in order
}

func (q *actionQueue) push(a keyAction) {
	q.mu.Lock()
	q.acts = append(q.acts, a)
	q.mu.Unlock()
}

// pushPaste queues a paste of text.
func (q *actionQueue) pushPaste(text []rune) {
	q.mu.Lock()
	q.acts = append(q.acts, actPaste)
	q.pastes = append(q.pastes, text)
	q.mu.Unlock()
}

// pushVi queues the vi command c.
func (q *actionQueue) pushVi(c viCmd) {
	q.mu.Lock()
	q.acts = append(q.acts, actVi)
	q.vis = append(q.vis, c)
	q.mu.Unlock()
}

// popVi takes the vi command of the actVi pop returned.
func (q *actionQueue) popVi() viCmd {
	q.mu.Lock()
	defer q.mu.Unlock()
	if len(q.vis) == 0 {
		return viCmd{}
	}
	c := q.vis[0]
	q.vis = q.vis[1:]
	return c
}

// pop returns the oldest action, actNone if there is none, and for a
// paste its text.
func (q *actionQueue) pop() (keyAction, []rune) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if len(q.acts) == 0 {
		return actNone, nil
	}
	a := q.acts[0]
	q.acts = q.acts[1:]
	var text []rune
	if a == actPaste && len(q.pastes) > 0 {
		text, q.pastes = q.pastes[0], q.pastes[1:]
	}
	return a, text
}

// keyReader decodes the keys of in (read a byte at a time, so that no
// byte typed for the next program is taken) into what readline gets.
type keyReader struct {
	in    io.Reader
	queue *actionQueue
	// asking is set while "Display all N possibilities? (y or n)"
	// waits for its answer: the next key is the answer
	asking *atomic.Bool

	mu      sync.Mutex
	pending []byte // decoded bytes not yet handed out
	vi      viState
}

func (k *keyReader) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	if len(k.pending) == 0 {
		k.mu.Unlock()
		out, err := k.decode()
		k.mu.Lock()
		if len(out) == 0 {
			return 0, err
		}
		k.pending = append(k.pending, out...)
	}
	n := copy(p[:1], k.pending)
	k.pending = k.pending[n:]
	return n, nil
}

// preload makes text the first thing readline reads, as if typed: a
// line's starting text (read -e -i). readline only reads once the line
// has started and the terminal is raw, and prints the prompt then, so a
// key typed as soon as the prompt shows is never taken by the terminal's
// cooked mode (readline's own ReadlineWithDefault prints prompt and text
// before that). Control characters in text are left out: they would be
// taken for keys.
func (k *keyReader) preload(text string) {
	var b []byte
	for i := 0; i < len(text); i++ {
		if c := text[i]; c >= 0x20 && c != 0x7f {
			b = append(b, c)
		}
	}
	k.mu.Lock()
	k.pending = append(k.pending, b...)
	k.mu.Unlock()
}

func (k *keyReader) Close() error { return nil }

// next reads one byte.
func (k *keyReader) next() (byte, error) {
	var b [1]byte
	if _, err := io.ReadFull(k.in, b[:]); err != nil {
		return 0, err
	}
	return b[0], nil
}

// bell is a bell carrying the action a.
func (k *keyReader) bell(a keyAction) []byte {
	k.queue.push(a)
	return []byte{keyBell}
}

// decode reads one key and returns the bytes readline is to get for it.
// On a read error what was read of the key is handed on.
func (k *keyReader) decode() ([]byte, error) {
	c, err := k.next()
	if err != nil {
		return nil, err
	}
	if k.asking != nil && k.asking.Load() {
		switch c {
		case 'y', 'Y', ' ':
			k.asking.Store(false)
			return k.bell(actListYes), nil
		case 'n', 'N', 0x7f, keyBell, 0x03:
			k.asking.Store(false)
			return k.bell(actListNo), nil
		}
		return k.bell(actListAgain), nil
	}
	if k.viMode() {
		return k.viKey(c)
	}
	switch c {
	case keyTab:
		return k.bell(actComplete), nil
	case keyBell, keyCtrlZ:
		return k.bell(actNone), nil
	case keyUndo:
		return k.bell(actUndo), nil
	case keyCtrlL:
		return k.bell(actClearScreen), nil
	case keyCtrlX:
		d, err := k.next()
		if err != nil {
			return []byte{c}, err
		}
		if d == keyCtrlU {
			return k.bell(actUndo), nil
		}
		return []byte{c, d}, nil
	case keyEsc:
		return k.escape()
	}
	return []byte{c}, nil
}

// escape decodes a key starting with ESC: a Meta key, or a CSI or SS3
// sequence.
func (k *keyReader) escape() ([]byte, error) {
	c, err := k.next()
	if err != nil {
		return []byte{keyEsc}, err
	}
	switch c {
	case '[':
		return k.csi()
	case 'O':
		d, err := k.next()
		if err != nil {
			return []byte{keyEsc, c}, err
		}
		switch d {
		case 'H':
			return []byte{keyCtrlA}, nil
		case 'F':
			return []byte{keyCtrlE}, nil
		case 'c': // rxvt's Ctrl-Right
			return k.bell(actForwardWord), nil
		case 'd': // and Ctrl-Left
			return k.bell(actBackwardWord), nil
		}
		return []byte{keyEsc, c, d}, nil
	case 'f':
		return k.bell(actForwardWord), nil
	case 'b':
		return k.bell(actBackwardWord), nil
	case 'u':
		return k.bell(actUpcaseWord), nil
	case 'l':
		return k.bell(actDowncaseWord), nil
	case 'c':
		return k.bell(actCapitalizeWord), nil
	case '.', '_':
		return k.bell(actYankLastArg), nil
	}
	return []byte{keyEsc, c}, nil
}

// csi decodes ESC [ params final: Home and End in their xterm, vt220 and
// rxvt forms, and the word motions of Ctrl- and Alt-Left/Right; other
// sequences go to readline as they came.
func (k *keyReader) csi() ([]byte, error) {
	seq, params, final, err := k.readCSI()
	if err != nil {
		return seq, err
	}
	// a modifier (";5" Ctrl, ";3" Alt) after the key's number
	mod := ""
	if i := len(params) - 2; i >= 0 && params[i] == ';' {
		mod = params[i+1:]
	} else if len(params) == 1 && final != '~' {
		mod = params // rxvt-style \e[5D
	}
	switch {
	case final == '~' && params == "200":
		return k.paste()
	case final == 'H', final == '~' && (params == "1" || params == "7"):
		return []byte{keyCtrlA}, nil
	case final == 'F', final == '~' && (params == "4" || params == "8"):
		return []byte{keyCtrlE}, nil
	case final == 'C' && (mod == "5" || mod == "3"):
		return k.bell(actForwardWord), nil
	case final == 'D' && (mod == "5" || mod == "3"):
		return k.bell(actBackwardWord), nil
	}
	return seq, nil
}

// readCSI reads the rest of a CSI sequence, ESC [ having been read: the
// whole sequence, its parameters and its final byte. On a read error seq
// is what was read.
func (k *keyReader) readCSI() (seq []byte, params string, final byte, err error) {
	seq = []byte{keyEsc, '['}
	for {
		c, err := k.next()
		if err != nil {
			return seq, "", 0, err
		}
		seq = append(seq, c)
		if c >= 0x40 && c <= 0x7e || len(seq) > 16 {
			break
		}
	}
	return seq, string(seq[2 : len(seq)-1]), seq[len(seq)-1], nil
}

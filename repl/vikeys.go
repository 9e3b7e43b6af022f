package repl

import "time"

// In vi mode (set -o vi) readline v1.5.1 takes ESC as the vi key it is
// and no longer decodes escape sequences, so keyReader decodes the keys
// whose sequences start with ESC itself: arrows, Home and End become the
// keys that do their work in the mode readline is in (Ctrl-P or k for
// Up), a paste is inserted as in emacs mode, other sequences are
// dropped. To know the mode, keyReader follows readline's vi state
// machine (its vim.go) key by key: a line starts in insert mode, ESC
// enters command mode, and i I a A s S, c with its motion, Enter and
// Ctrl-C leave it.

// viState is keyReader's copy of readline's vi mode.
type viState struct {
	on      bool // set -o vi
	command bool // in command mode, not insert mode

	// what . repeats: the last change, with the keys typed in the
	// insert mode it entered, if any (vicmd.go)
	last      viChange
	recording *viChange // the change whose insert mode is on
}

const keyCtrlC = 0x03

// escTimeout is how long an ESC waits for the rest of a sequence before
// it is the key ESC: GNU readline's keyseq-timeout default.
const escTimeout = 500 * time.Millisecond

// waiter is an input that can tell whether a byte comes within d (a
// terminal, ttyReader).
type waiter interface {
	wait(d time.Duration) bool
}

// setVi turns vi mode on or off for the lines read from now on.
func (k *keyReader) setVi(on bool) {
	k.mu.Lock()
	k.vi = viState{on: on}
	k.mu.Unlock()
}

// lineStart notes that a new line is read: in insert mode, as readline
// starts it.
func (k *keyReader) lineStart() {
	k.mu.Lock()
	k.vi.command = false
	k.mu.Unlock()
}

func (k *keyReader) viMode() bool {
	k.mu.Lock()
	defer k.mu.Unlock()
	return k.vi.on
}

func (k *keyReader) inCommandMode() bool {
	k.mu.Lock()
	defer k.mu.Unlock()
	return k.vi.command
}

func (k *keyReader) setCommandMode(on bool) {
	k.mu.Lock()
	k.vi.command = on
	k.mu.Unlock()
}

// viKey decodes the key starting with c in vi mode.
func (k *keyReader) viKey(c byte) ([]byte, error) {
	switch c {
	case keyBell, keyCtrlZ:
		return k.bell(actNone), nil
	case keyEsc:
		return k.viEscape()
	}
	if !k.inCommandMode() {
		switch c {
		case keyTab:
			return k.bell(actComplete), nil
		case keyCtrlL:
			return k.bell(actClearScreen), nil
		}
		k.recordInsert(c)
		return []byte{c}, nil
	}
	return k.viCommand(c)
}

// viKeys are the keys of vi mode that terminals send as sequences, in
// insert mode and command mode.
var viKeys = map[string][2]string{
	"A":  {"\x10", "k0"}, // Up: the previous history line (Ctrl-P)
	"B":  {"\x0e", "j0"}, // Down (Ctrl-N)
	"C":  {"\x06", "l"},  // Right (Ctrl-F)
	"D":  {"\x02", "h"},  // Left (Ctrl-B)
	"H":  {"\x01", "0"},  // Home
	"F":  {"\x05", "$h"}, // End: onto the last character, as $
	"1~": {"\x01", "0"}, "7~": {"\x01", "0"},
	"4~": {"\x05", "$h"}, "8~": {"\x05", "$h"},
}

// viEscape decodes a key starting with ESC in vi mode: a sequence the
// terminal sends, or ESC itself followed by another key.
func (k *keyReader) viEscape() ([]byte, error) {
	if w, ok := k.in.(waiter); ok && !w.wait(escTimeout) {
		return k.viEsc(), nil // nothing follows: the key ESC
	}
	d, err := k.next()
	if err != nil {
		return k.viEsc(), err
	}
	var name string
	switch d {
	case '[':
		seq, params, final, err := k.readCSI()
		if err != nil {
			return seq, err
		}
		if final == '~' && params == "200" {
			return k.viPaste()
		}
		name = params + string(final)
	case 'O':
		e, err := k.next()
		if err != nil {
			return []byte{keyEsc, d}, err
		}
		name = string(e)
	default:
		// ESC, and d is the next key
		esc := k.viEsc()
		rest, err := k.viKey(d)
		return append(esc, rest...), err
	}
	keys, ok := viKeys[name]
	if !ok {
		return k.bell(actNone), nil // a key vi mode has no use for
	}
	if k.inCommandMode() {
		return []byte(keys[1]), nil
	}
	return []byte(keys[0]), nil
}

// viEsc is the key ESC: to command mode (in it readline rings the
// bell). Going there the cursor moves back onto the character before it
// as in bash (readline leaves it after), by an h in command mode.
func (k *keyReader) viEsc() []byte {
	if k.inCommandMode() {
		return []byte{keyEsc}
	}
	k.setCommandMode(true)
	k.endInsert()
	return []byte{keyEsc, 'h'}
}

// viPaste is a paste in vi mode: inserted at the cursor; in command mode
// through insert mode and back (readline drops a bell there).
func (k *keyReader) viPaste() ([]byte, error) {
	out, err := k.paste()
	if k.inCommandMode() {
		out = append(append([]byte{'i'}, out...), keyEsc)
	}
	return out, err
}

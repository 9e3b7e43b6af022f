package repl

import (
	"bytes"
	"io"
	"slices"
	"strings"
	"testing"
)

// TestKeyReader: keys readline knows reach it as its control
// characters, keys it lacks as bells with their actions queued, and the
// rest as they came.
func TestKeyReader(t *testing.T) {
	for _, c := range []struct {
		in, out string
		acts    []keyAction
	}{
		{"\x1b[H\x1b[1~\x1b[7~\x1bOH", "\x01\x01\x01\x01", nil},
		{"\x1b[F\x1b[4~\x1b[8~\x1bOF", "\x05\x05\x05\x05", nil},
		{"\x1b[1;5D\x1b[1;3C\x1bOd\x1bf", "\a\a\a\a", []keyAction{actBackwardWord, actForwardWord, actBackwardWord, actForwardWord}},
		{"\x1bu\x1bl\x1bc\x1b.\x1b_", "\a\a\a\a\a", []keyAction{actUpcaseWord, actDowncaseWord, actCapitalizeWord, actYankLastArg, actYankLastArg}},
		{"\x1f\x18\x15\x07\x1a", "\a\a\a\a", []keyAction{actUndo, actUndo, actNone, actNone}},
		{"\x0c", "\a", []keyAction{actClearScreen}},
		{"ab\x1b[A\x1b[3~\x1bx\x18y", "ab\x1b[A\x1b[3~\x1bx\x18y", nil},
	} {
		q := &actionQueue{}
		got, err := io.ReadAll(&keyReader{in: strings.NewReader(c.in), queue: q})
		if err != nil || string(got) != c.out || !slices.Equal(q.acts, c.acts) {
			t.Errorf("%q: got %q %v, queued %v; want %q %v", c.in, got, err, q.acts, c.out, c.acts)
		}
	}
	// a key cut short by the end of input is handed on as it was
	got, _ := io.ReadAll(&keyReader{in: bytes.NewReader([]byte("\x1b[1")), queue: &actionQueue{}})
	if string(got) != "\x1b[1" {
		t.Errorf("cut short: got %q", got)
	}
}

// TestLineKeysUndo: characters typed in a row are undone 20 at a time,
// any other change alone; the cursor comes back with the line.
func TestLineKeysUndo(t *testing.T) {
	k := &lineKeys{queue: &actionQueue{}}
	k.OnChange(nil, 0, 0)
	var line []rune
	for _, r := range "abcdefghijklmnopqrstuvwxy" { // 25 typed
		line = append(line, r)
		k.OnChange(slices.Clone(line), len(line), r)
	}
	k.OnChange(line[:len(line)-1], len(line)-1, 0x7f) // a backspace
	undo := func() string {
		k.queue.push(actUndo)
		k.filter(keyBell)
		got, pos, ok := k.OnChange(k.last.line, k.last.pos, keyBell)
		if !ok {
			return "(nothing)"
		}
		return string(got[:pos]) + "|" + string(got[pos:])
	}
	for _, want := range []string{"abcdefghijklmnopqrstuvwxy|", "abcdefghijklmnopqrst|", "|", "(nothing)"} {
		if got := undo(); got != want {
			t.Errorf("undo: %q, want %q", got, want)
		}
	}
}

// TestKeyReaderVi: in vi mode ESC is the key (with an h as bash moves
// back onto the last character) and keyReader follows the mode: arrows
// become Ctrl-P/B/F/N in insert mode and k/h/l/j in command mode, the
// keys that enter insert mode or take an argument are seen, unknown
// sequences are dropped.
func TestKeyReaderVi(t *testing.T) {
	for _, c := range []struct{ in, out string }{
		{"ab\x1b[A\x1b[D", "ab\x10\x02"},
		{"ab\x1b\x1b[A\x1b[C", "ab\x1bhk0l"},
		{"ab\x1b0i\x1b[A", "ab\x1bh0i\x10"},
		// c takes a motion, then insert mode (the change is lineKeys',
		// reached through insert mode: i, its bell)
		{"\x1bcw\x1b[B", "\x1bhi\a\x0e"},
		// r takes a character: i is no command (i, its bell, ESC back)
		{"\x1bri\x1b[B", "\x1bhi\a\x1bj0"},
		// counts repeat readline's motions
		{"\x1b3b12l\x1b[C", "\x1bhbbb" + strings.Repeat("l", 12) + "l"},
		{"\x1b$\x1b[F\x1b[H", "\x1bh$h$h0"},
		{"a\x1b[3~b", "a\ab"},
	} {
		q := &actionQueue{}
		k := &keyReader{in: strings.NewReader(c.in), queue: q}
		k.setVi(true)
		got, err := io.ReadAll(k)
		if err != nil || string(got) != c.out {
			t.Errorf("%q: got %q %v, want %q", c.in, got, err, c.out)
		}
	}
}

// TestKeyReaderPaste: a bracketed paste is one bell, its text queued
// with carriage returns as newlines, in emacs and vi mode (in command
// mode through insert mode and back).
func TestKeyReaderPaste(t *testing.T) {
	for _, c := range []struct {
		vi      bool
		in, out string
	}{
		{false, "a\x1b[200~x\ty\r\nz\rw\x1b[201~b", "a\ab"},
		{true, "a\x1b[200~x\ty\r\nz\rw\x1b[201~b", "a\ab"},
		{true, "a\x1b\x1b[200~x\ty\r\nz\rw\x1b[201~b", "a\x1bhi\a\x1bb"},
	} {
		q := &actionQueue{}
		k := &keyReader{in: strings.NewReader(c.in), queue: q}
		k.setVi(c.vi)
		got, _ := io.ReadAll(k)
		if string(got) != c.out || len(q.pastes) != 1 || string(q.pastes[0]) != "x\ty\nz\nw" {
			t.Errorf("%q (vi %v): got %q, pastes %q; want %q", c.in, c.vi, got, q.pastes, c.out)
		}
	}
}

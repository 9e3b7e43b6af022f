package main

import (
	"bytes"
	"fmt"
	osexec "os/exec"
	"strings"
	"testing"
)

// TestREPLKeystrokeOutput measures the bytes written to the terminal for
// each key typed at the end of a 400-character line (README,
// "Differences from bash"): readline v1.5.1 redraws the whole line for
// every key, and the REPL's frame writer sends only what changed, the
// character, as bash does. The test checks that a key costs a few bytes,
// not a redraw, and logs the figures, bash's too when it is installed.
func TestREPLKeystrokeOutput(t *testing.T) {
	const lineLen, keys = 400, 10
	// not a dumb terminal, where bash scrolls a long line sideways and
	// the REPL redraws in full
	tm := startTerm(t, "", "TERM=xterm")
	perKey := tm.keyOutput(lineLen, keys)
	t.Logf("pipesh: %d bytes per key at the end of a %d-character line", perKey, lineLen)
	if limit := 4; perKey > limit {
		t.Errorf("%d bytes per key, more than %d: a redraw, not the change", perKey, limit)
	}
	tm.send("\x15") // Ctrl-U: the line goes
	tm.exit(0)
	if bash, err := osexec.LookPath("bash"); err == nil {
		bt := startTermProg(t, bash, "", "", []string{"--norc", "--noprofile", "-i"}, "TERM=xterm")
		t.Logf("bash: %d bytes per key", bt.keyOutput(lineLen, keys))
		bt.send("\x15")
		bt.exit(0)
	}
}

// keyOutput types a line of n characters, then keys more one at a time,
// each once the terminal shows the one before, and returns the mean
// number of bytes written for each of those keys.
func (tm *term) keyOutput(n, keys int) int {
	tm.t.Helper()
	// the line's last character a y: shown once all of it is
	tm.send("#" + strings.Repeat("x", n-2) + "y")
	tm.waitOut(func(out []byte) bool { return bytes.HasSuffix(out, []byte("y")) })
	start := len(tm.rawOut())
	for i := range keys {
		key := fmt.Sprint(i % 10)
		tm.send(key)
		// shown when the output ends with it (the keys differ)
		tm.waitOut(func(out []byte) bool { return bytes.HasSuffix(out, []byte(key)) })
	}
	return (len(tm.rawOut()) - start) / keys
}

// waitOut waits until done holds of the shell's whole output.
func (tm *term) waitOut(done func(out []byte) bool) {
	tm.t.Helper()
	tm.await(func() (bool, string) {
		return done(tm.out), "output not seen; screen:\n" + ansi.ReplaceAllString(string(tm.out), "")
	})
}

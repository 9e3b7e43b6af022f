package main

import (
	osexec "os/exec"
	"testing"
)

// viCommandCases are lines typed in vi mode with the commands readline's
// vi mode lacks (counts, u, ., y and p, ~, X, D), and what the line run
// prints: bash's output for the same keys.
var viCommandCases = []struct{ keys, want string }{
	// counts before motions and edits, and inside an operator
	{"echo one two three four\x1b03wD", "one two\n"},
	{"echo a b c d\x1b0w2dw", "c d\n"},
	{"echo a b c d\x1b0wd2w", "c d\n"},
	{"echo abcdef\x1b0w3x", "def\n"},
	{"echo abcdef\x1b2X", "abcf\n"},
	// undo
	{"echo abc\x1bxu", "abc\n"},
	{"echo abc\x1bdbu", "abc\n"},
	// . repeats the last change, its count too, and its inserted text
	{"echo aaaa\x1b0wx..", "a\n"},
	{"echo foo bar baz\x1b0wcwX\x1bw.", "X X baz\n"},
	{"echo a b c d e f\x1b0w2dw.", "e f\n"},
	{"echo x\x1bay\x1b..", "xyyy\n"},
	// yank and put
	{"echo ab\x1b0wywP", "abab\n"},
	{"echo ab\x1b0wxp", "ba\n"},
	{"echo x\x1byyp", "xecho x\n"},
	{"echo ab cd\x1b0wyw$p", "ab cdab\n"},
	{"echo abc\x1b0wy$3p", "aabcabcabcbc\n"},
	// case
	{"echo abc\x1b0w~~", "ABc\n"},
	{"echo abc def\x1b0w5~", "ABC Def\n"},
	// change with a count; s; C
	{"echo a b c\x1b0w2cwX\x1b", "X c\n"},
	{"echo abc\x1b0w2sX\x1b", "Xc\n"},
	{"echo abc def\x1b0wwCX\x1b", "abc X\n"},
	{"echo abc\x1b0w3rz", "zzz\n"},
}

// TestREPLViCommands types viCommandCases in pipesh's vi mode, and in
// bash's when bash is installed, to check the expected output is bash's.
func TestREPLViCommands(t *testing.T) {
	check := func(tm *term) {
		t.Helper()
		// output the typed line cannot show: the prompt after it is the
		// next line's, not a redraw of this one, and keys typed after it
		// reach the editor, not the terminal's cooked mode
		tm.run("set -o vi; echo $((6*7))", "\n42\n")
		for _, c := range viCommandCases {
			tm.send(c.keys + "\r")
			tm.expect("\n" + c.want)
			tm.expect("P$ ")
		}
		tm.exit(0)
	}
	check(startTerm(t, ""))
	if bash, err := osexec.LookPath("bash"); err == nil {
		check(startTermProg(t, bash, "", "", []string{"--norc", "--noprofile", "-i"}))
	}
}

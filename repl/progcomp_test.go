package repl

import (
	"slices"
	"strings"
	"testing"
)

// TestSplitWords: COMP_WORDS as bash splits them, at blanks and around
// runs of the other word-break characters, quotes kept whole.
func TestSplitWords(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"git commit -m x", []string{"git", "commit", "-m", "x"}},
		{"dd if=/dev/zero of=x", []string{"dd", "if", "=", "/dev/zero", "of", "=", "x"}},
		{"scp host:/tmp/a b", []string{"scp", "host", ":", "/tmp/a", "b"}},
		{`ls "a b" c\ d 'e:f'`, []string{"ls", `"a b"`, `c\ d`, "'e:f'"}},
		{"cmd 2>&1 x", []string{"cmd", "2", ">&", "1", "x"}},
		{"  ", nil},
	} {
		var got []string
		for _, w := range splitWords(tc.text, defaultWordBreaks) {
			if tc.text[w.start:w.end] != w.text {
				t.Errorf("%q: word %q at %d-%d", tc.text, w.text, w.start, w.end)
			}
			got = append(got, w.text)
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("splitWords(%q) = %q, want %q", tc.text, got, tc.want)
		}
	}
}

// TestCommandSpan: the simple command around the cursor, between
// control operators outside quotes.
func TestCommandSpan(t *testing.T) {
	for _, tc := range []struct {
		text  string
		point int
		want  string
	}{
		{"ls -l | grep x", 14, " grep x"},
		{"ls -l | grep x", 2, "ls -l "},
		{"a && b; c 'x|y' d", 17, " c 'x|y' d"},
		{"echo hi", 7, "echo hi"},
	} {
		s, e := commandSpan(tc.text, tc.point)
		if got := tc.text[s:e]; got != tc.want {
			t.Errorf("commandSpan(%q, %d) = %q, want %q", tc.text, tc.point, got, tc.want)
		}
	}
}

// TestColumns: readline's listing, down each column first, every word
// but the last column's padded.
func TestColumns(t *testing.T) {
	got := columns([]string{"a1", "a2", "a3", "a4", "a5"}, 12)
	want := []string{"a1  a3  a5", "a2  a4  "}
	if !slices.Equal(got, want) {
		t.Errorf("columns = %q, want %q", got, want)
	}
	if got := columns([]string{"long-word"}, 4); !slices.Equal(got, []string{"long-word"}) {
		t.Errorf("a word wider than the screen: %q", got)
	}
}

// TestProgCompleter: the completer runs the shell's specifications:
// -W with -P and -S, -F reading COMP_WORDS, -X filters, -o nospace.
func TestProgCompleter(t *testing.T) {
	ed := &fakeEditor{lines: []string{
		"complete -W 'one two three' -P '<' -S '>' pw",
		`_f() { COMPREPLY=("${COMP_WORDS[@]}" "cw=$COMP_CWORD"); }; complete -F _f fw`,
		"complete -W 'keep.c drop.o other.c' -X '*.o' xw",
		"complete -W 'keep.c drop.o' -X '!*.o' nw",
		"complete -o nospace -W 'eq=' sw",
	}}
	runFake(t, ed, "")
	c := ed.comp
	for _, tc := range []struct {
		line string
		want []string // Text+Tail of each candidate
	}{
		{"pw t", []string{"<three> ", "<two> "}},
		{"fw a b", []string{"a ", "b ", "cw=2 ", "fw "}},
		{"xw ", []string{"keep.c ", "other.c "}},
		{"nw ", []string{"drop.o "}},
		{"sw e", []string{"eq="}},
	} {
		line := []rune(tc.line)
		comp := c.Complete(line, len(line), false)
		var got []string
		for _, cand := range comp.Cands {
			got = append(got, cand.Text+cand.Tail)
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("%q: %q, want %q", tc.line, got, tc.want)
		}
		if want := strings.LastIndexByte(tc.line, ' ') + 1; comp.Start != want {
			t.Errorf("%q: the word starts at %d, want %d", tc.line, comp.Start, want)
		}
	}
}

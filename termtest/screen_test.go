package termtest

import (
	"slices"
	"testing"
)

// TestScreen: the rules the REPL's tests rely on, each on a small
// screen: autowrap with the wrap pending, wide characters, erases,
// cursor moves, scrolling, colours.
func TestScreen(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		rows     []string
		row, col int
	}{
		{"wrap pending", "abcde", []string{"abcde", "", ""}, 0, 4},
		{"wraps on the next", "abcdef", []string{"abcde", "f", ""}, 1, 1},
		{"CR in the pending wrap", "abcde\rX", []string{"Xbcde", "", ""}, 0, 1},
		{"wide past the last column", "abcd日", []string{"abcd", "日", ""}, 1, 2},
		{"overwriting half a wide", "日本\rx", []string{"x 本", "", ""}, 0, 1},
		{"erase below", "abcdefgh\x1b[A\x1b[D\x1b[J", []string{"ab", "", ""}, 0, 2},
		{"erase the row", "abc\x1b[2K\rd", []string{"d", "", ""}, 0, 1},
		{"moves", "a\x1b[2Bb\x1b[Ac\x1b[3Dd\x1b[1;5He", []string{"a   e", "d c", " b"}, 0, 4},
		{"scroll", "1\r\n2\r\n3\r\n4", []string{"2", "3", "4"}, 2, 1},
		{"backspace stops at the left", "\b\bab\b\bc", []string{"cb", "", ""}, 0, 1},
		{"OSC and modes draw nothing", "\x1b]0;title\a\x1b[?2004ha", []string{"a", "", ""}, 0, 1},
		{"split sequence", "a\x1b[", []string{"a", "", ""}, 0, 1},
	}
	for _, tt := range tests {
		s := New(5, 3)
		s.Write([]byte(tt.in))
		if err := s.Err(); err != nil {
			t.Errorf("%s: %v", tt.name, err)
		}
		row, col := s.Cursor()
		if !slices.Equal(s.Rows(), tt.rows) || row != tt.row || col != tt.col {
			t.Errorf("%s: rows %q, cursor %d,%d; want %q, %d,%d", tt.name, s.Rows(), row, col, tt.rows, tt.row, tt.col)
		}
	}
	s := New(5, 3)
	s.Write([]byte("\x1b[1;32ma\x1b[0mb\x1b[34"))
	s.Write([]byte("mc"))
	if a, b, c := s.Cell(0, 0).Attr, s.Cell(0, 1).Attr, s.Cell(0, 2).Attr; a != "1;32" || b != "" || c != "34" {
		t.Errorf("colours %q %q %q", a, b, c)
	}
	s.Write([]byte("\x1bP"))
	if s.Err() == nil {
		t.Errorf("an unknown escape not reported")
	}
}

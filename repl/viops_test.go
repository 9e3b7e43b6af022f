package repl

import "testing"

// TestViDo: vi's edits on a line and cursor, as bash's vi mode does them
// (the register p puts back is what the edit before took).
func TestViDo(t *testing.T) {
	tests := []struct {
		line string
		pos  int
		cmds []viCmd
		want string
		at   int
	}{
		{"one two three", 0, []viCmd{{op: 'd', motion: 'w', count: 2}}, "three", 0},
		{"one two three", 4, []viCmd{{op: 'd', motion: 'b'}}, "two three", 0},
		{"one two three", 4, []viCmd{{op: 'd', motion: 'e'}}, "one  three", 4},
		{"one two", 4, []viCmd{{op: 'd', motion: 'w'}}, "one ", 3},
		{"one two", 0, []viCmd{{op: 'c', motion: 'w'}}, " two", 0},
		{"a.b c", 0, []viCmd{{op: 'd', motion: 'W'}}, "c", 0},
		{"a.b c", 0, []viCmd{{op: 'd', motion: 'w'}}, ".b c", 0},
		{"  x y", 4, []viCmd{{op: 'd', motion: '^'}}, "  y", 2},
		{"abc", 1, []viCmd{{op: 'd', motion: '$'}}, "a", 0},
		{"abc", 1, []viCmd{{op: 'x'}, {op: 'p'}}, "acb", 2},
		{"abc", 2, []viCmd{{op: 'X', count: 5}}, "c", 0},
		{"ab", 0, []viCmd{{op: 'y', motion: 'y'}, {op: 'P', count: 2}}, "ababab", 3},
		{"aBc", 0, []viCmd{{op: '~', count: 2}}, "Abc", 2},
		{"abc", 1, []viCmd{{op: 'r', char: 'z', count: 2}}, "azz", 2},
		{"abc", 1, []viCmd{{op: 'r', char: 'z', count: 3}}, "abc", 1}, // too few characters: a bell
		{"", 0, []viCmd{{op: 'x'}, {op: 'p'}}, "", 0},
	}
	for _, tt := range tests {
		k := &lineKeys{}
		cur := lineState{[]rune(tt.line), tt.pos}
		for _, c := range tt.cmds {
			cur = k.viDo(c, cur)
		}
		if string(cur.line) != tt.want || cur.pos != tt.at {
			t.Errorf("%q at %d, %+v: got %q at %d, want %q at %d", tt.line, tt.pos, tt.cmds, string(cur.line), cur.pos, tt.want, tt.at)
		}
	}
}

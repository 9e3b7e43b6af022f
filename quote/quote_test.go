package quote

import (
	"testing"

	"mvdan.cc/sh/v3/expand"
)

// The expected texts are bash 5.2's (printf %q, declare -p, ${x@Q}).
func TestQuoting(t *testing.T) {
	c := Locale{}
	for _, tc := range []struct {
		name, got, want string
	}{
		{"Word empty", Word(""), "''"},
		{"Word blank", Word("a b"), `a\ b`},
		{"Word tilde", Word("~x"), `\~x`},
		{"Word leading #", Word("#a"), `\#a`},
		{"Word inner #", Word("a#"), "a#"},
		{"Word escape", Word("\x1b"), `$'\E'`},
		{"Word UTF-8", Word("é"), "é"},
		{"Word C locale", c.Word("é"), `$'\303\251'`},
		{"Value plain", Value("abc"), "abc"},
		{"Value quote", Value("it's"), `'it'\''s'`},
		{"Value control", Value("a\tb"), `$'a\tb'`},
		{"Double", Double(`y"$z`), `"y\"\$z"`},
		{"ANSIC", ANSIC("a\n\x01'"), `$'a\n\001\''`},
		{"Single", Single("it's"), `'it'\''s'`},
		{"Q", Q("it's"), `'it'\''s'`},
		{"Q control", Q("a\tb"), `$'a\tb'`},
	} {
		if tc.got != tc.want {
			t.Errorf("%s: got %s, want %s", tc.name, tc.got, tc.want)
		}
	}
	if !HasMetas("a b") || HasMetas("a#b") || !HasMetas("#b") {
		t.Error("HasMetas: blank, inner # or leading # misread")
	}
}

func TestDeclare(t *testing.T) {
	for _, tc := range []struct {
		name string
		vr   expand.Variable
		want string
	}{
		{"a", expand.Variable{Set: true, Kind: expand.Indexed, List: []string{"x", `y"z`}, Indexes: []int{1, 5}},
			`declare -a a=([1]="x" [5]="y\"z")`},
		{"m", expand.Variable{Set: true, Kind: expand.Associative, Map: map[string]string{"k": "v", "a b": "c"}},
			`declare -A m=(["a b"]="c" [k]="v" )`},
		{"s", expand.Variable{Set: true, Kind: expand.String, Str: "1", ReadOnly: true, Exported: true},
			`declare -rx s="1"`},
		{"u", expand.Variable{Kind: expand.String}, `declare -- u`},
	} {
		if got := Declare(tc.name, tc.vr); got != tc.want {
			t.Errorf("Declare(%s): got %s, want %s", tc.name, got, tc.want)
		}
	}
	if got := Assignment(expand.Variable{Set: true, Kind: expand.String, Str: "a b"}); got != "'a b'" {
		t.Errorf("Assignment: got %s, want 'a b'", got)
	}
}

package bashread

import "testing"

func TestFixArith(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"echo $(( 1 + ))\n", "echo $((\" 1 + \"))\n"},
		{"(( 7 = 43 )); echo $?\n", "((\" 7 = 43 \")); echo $?\n"},
		{"echo $(( 4 ? : $x ))\n", "echo $((\" 4 ? : $x \"))\n"},
		{"x=$((echo a; echo b) | wc -l)\n", "x=$( (echo a; echo b) | wc -l)\n"},
		{"echo $(( (1+2) * 3 )) '$(( 1 + ))'\n", "echo $(( (1+2) * 3 )) '$(( 1 + ))'\n"},
		{"if (( x = )); then :; fi\n", "if ((\" x = \")); then :; fi\n"},
		{"echo a((b c\n", "echo a((b c\n"},
	} {
		got, _ := FixArith(c.in)
		if got != c.want {
			t.Errorf("FixArith(%q)\n got %q\nwant %q", c.in, got, c.want)
		}
	}
}

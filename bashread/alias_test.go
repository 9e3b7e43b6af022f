package bashread

import (
	"strings"
	"testing"
)

func TestExpandAliases(t *testing.T) {
	aliases := map[string]string{
		"ll": "echo LL", "sp": "echo SP ", "b": "if true; then", "lst": "ll", "l2": "lst X",
		"begin": "{", "fi2": "fi",
	}
	for _, c := range []struct{ in, want string }{
		{"ll a\n", "echo LL a\n"},
		{"x=1 ll a\n", "x=1 echo LL a\n"},
		{">/dev/null ll b\n", ">/dev/null echo LL b\n"},
		{"2>&1 ll b\n", "2>&1 echo LL b\n"},
		{"! ll; { ll; }; ( ll )\n", "! echo LL; { echo LL; }; ( echo LL )\n"},
		{"if ll; then ll; else ll; fi\n", "if echo LL; then echo LL; else echo LL; fi\n"},
		{"echo $(ll i) `ll j` \"$(ll k)\"\n", "echo $(echo LL i) `echo LL j` \"$(echo LL k)\"\n"},
		{"sp ll ll\n", "echo SP  echo LL ll\n"},
		{"case ll in ll) ll;; (ll) ll;; esac; ll\n", "case ll in ll) echo LL;; (ll) echo LL;; esac; echo LL\n"},
		{"for ll in ll; do ll; done\n", "for ll in ll; do echo LL; done\n"},
		{"for ((i=0;i<1;i++)); do ll; done\n", "for ((i=0;i<1;i++)); do echo LL; done\n"},
		{"f() { ll; }\n", "f() { echo LL; }\n"},
		{"function ll { ll; }\n", "function ll { echo LL; }\n"},
		{"l2 4\n", "echo LL X 4\n"},
		{"b echo p; fi2\n", "if true; then echo p; fi\n"},
		{"\"ll\" r; \\ll s; echo ll\n", "\"ll\" r; \\ll s; echo ll\n"},
		{"a=(ll) ll t\n", "a=(ll) echo LL t\n"},
		{"ll | ll && ll || ll & ll\n", "echo LL | echo LL && echo LL || echo LL & echo LL\n"},
		{"[[ ll ]] && ll\n", "[[ ll ]] && echo LL\n"},
		{"(( ll )) && ll\n", "(( ll )) && echo LL\n"},
		{"cat <<E\nll y\nE\nll z\n", "cat <<E\nll y\nE\necho LL z\n"},
		{"cat <<-'E' <<F; ll\n\tll\n\tE\nll\nF\nll\n", "cat <<-'E' <<F; echo LL\n\tll\n\tE\nll\nF\necho LL\n"},
		{"# ll\nll # ll\n", "# ll\necho LL # ll\n"},
		{"echo ${x:-$(ll)} $((1+2)) 'll'\n", "echo ${x:-$(echo LL)} $((1+2)) 'll'\n"},
		{"echo <(ll) >(ll)\n", "echo <(echo LL) >(echo LL)\n"},
		{"echo $(case x in x) ll;; esac)\n", "echo $(case x in x) echo LL;; esac)\n"},
	} {
		if got := ExpandAliases(c.in, aliases); got != c.want {
			t.Errorf("ExpandAliases(%q)\n got %q\nwant %q", c.in, got, c.want)
		}
	}
}

// Expanding a text a line at a time, from the state the lines before
// leave, gives what expanding it whole gives.
func TestExpandAliasesFromLines(t *testing.T) {
	aliases := map[string]string{"ll": "echo LL", "sp": "echo SP "}
	text := "f() {\n  ll a\n  sp ll\n}\ncase x in\n  ll) ll b;;\n  (y)\n    ll c\n    ;;\nesac\nx=\"multi\nll line\"; ll d\ncat <<E\nll\nE\nll e\n"
	whole := ExpandAliases(text, aliases)
	var got, chunk string
	var st LineState
	for line := range strings.Lines(text) {
		chunk += line
		out, end, clean := ExpandAliasesFrom(chunk, aliases, st)
		if clean {
			got += out
			chunk, st = "", end
		}
	}
	if chunk != "" {
		out, _, _ := ExpandAliasesFrom(chunk, aliases, st)
		got += out
	}
	if got != whole {
		t.Errorf("line by line:\n%s\nwhole:\n%s", got, whole)
	}
}

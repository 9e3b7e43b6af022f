package parse

import (
	"strings"
	"testing"

	"mvdan.cc/sh/v3/syntax"
)

func TestKeywordAssigns(t *testing.T) {
	tests := []struct{ src, assigns, args string }{
		{`cmd a=1 b x="$y z"`, `a=1 x="$y z"`, `cmd b`},
		{`v=0 cmd a=1`, `v=0 a=1`, `cmd`},
		{`a=1 cmd`, `a=1`, `cmd`},                                // nothing after the name: unchanged
		{`cmd 1a=2 =x 'q'=1 a+=1`, ``, `cmd 1a=2 =x 'q'=1 a+=1`}, // none is an assignment word
		{`cmd _a9=`, `_a9=`, `cmd`},
	}
	for _, tt := range tests {
		f, err := syntax.NewParser().Parse(strings.NewReader(tt.src), "")
		if err != nil {
			t.Fatal(err)
		}
		c := f.Stmts[0].Cmd.(*syntax.CallExpr)
		before := len(c.Args)
		got := KeywordAssigns(c)
		var assigns, args []string
		for _, as := range got.Assigns {
			assigns = append(assigns, printed(t, as.Name)+"="+printed(t, as.Value))
		}
		for _, w := range got.Args {
			args = append(args, printed(t, w))
		}
		if a := strings.Join(assigns, " "); a != tt.assigns {
			t.Errorf("%s: assignments %q, want %q", tt.src, a, tt.assigns)
		}
		if a := strings.Join(args, " "); a != tt.args {
			t.Errorf("%s: arguments %q, want %q", tt.src, a, tt.args)
		}
		if len(c.Args) != before {
			t.Errorf("%s: the command was changed in place", tt.src)
		}
	}
}

package parse

import (
	"strings"
	"testing"

	"mvdan.cc/sh/v3/syntax"
)

func stmt(t *testing.T, src string) *syntax.Stmt {
	t.Helper()
	f, err := File(strings.NewReader(src), "t")
	if err != nil || len(f.Stmts) != 1 {
		t.Fatalf("parse %q: %v", src, err)
	}
	return f.Stmts[0]
}

func TestPipeline(t *testing.T) {
	st := stmt(t, "a | b |& c | (d | e)")
	stages := Pipeline(st.Cmd.(*syntax.BinaryCmd))
	var names []string
	var all []bool
	for _, sg := range stages {
		names = append(names, CallName(sg.Stmt))
		all = append(all, sg.All)
	}
	if got := strings.Join(names, ","); got != "a,b,c," {
		t.Errorf("stages %q, want a,b,c and the subshell", got)
	}
	if !all[1] || all[0] || all[2] || all[3] {
		t.Errorf("|& marks %v, want only b's", all)
	}
	if !IsPipeline(st.Cmd) || IsPipeline(stmt(t, "a && b").Cmd) {
		t.Error("IsPipeline wrong")
	}
}

func TestShapes(t *testing.T) {
	if !IsSimple(stmt(t, "a b")) || IsSimple(stmt(t, "a &")) || IsSimple(stmt(t, "{ a; }")) {
		t.Error("IsSimple wrong")
	}
	if CallName(stmt(t, `"a" b`)) != "" || CallName(stmt(t, "x=1")) != "" {
		t.Error("CallName of a quoted name or no name is not empty")
	}
	if !SetsPipeStatus(stmt(t, "a").Cmd) || SetsPipeStatus(stmt(t, "{ a; }").Cmd) {
		t.Error("SetsPipeStatus wrong")
	}
	f, _ := File(strings.NewReader("$(< f) $(< f; g) $(2< f)"), "t")
	var got []bool
	syntax.Walk(f, func(n syntax.Node) bool {
		if cs, ok := n.(*syntax.CmdSubst); ok {
			got = append(got, CatRedirect(cs.Stmts) != nil)
		}
		return true
	})
	if len(got) != 3 || !got[0] || got[1] || got[2] {
		t.Errorf("CatRedirect %v, want only the first", got)
	}
	w := stmt(t, `a'b' c`).Cmd.(*syntax.CallExpr).Args
	if Unquoted(w[0]) || !Unquoted(w[1]) {
		t.Error("Unquoted wrong")
	}
	sub := AsSubshell(syntax.Pos{}, nil)
	if _, ok := sub.Cmd.(*syntax.Subshell); !ok {
		t.Error("AsSubshell is not a subshell")
	}
}

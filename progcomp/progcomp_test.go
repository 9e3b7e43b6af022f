package progcomp

import (
	"slices"
	"testing"

	"mvdan.cc/sh/v3/expand"
)

func TestVars(t *testing.T) {
	cc := Context{Words: []string{"git", "ch"}, CWord: 1, Line: "git ch", Point: 6, Key: 9, Type: '\t'}
	vars := cc.Vars()
	if len(vars) != len(VarNames) {
		t.Fatalf("%d variables, %d names", len(vars), len(VarNames))
	}
	want := map[string]string{"COMP_CWORD": "1", "COMP_LINE": "git ch", "COMP_POINT": "6", "COMP_KEY": "9", "COMP_TYPE": "9"}
	for i, v := range vars {
		if v.Name != VarNames[i] {
			t.Errorf("variable %d is %s, want %s", i, v.Name, VarNames[i])
		}
		if v.Name == "COMP_WORDS" {
			if v.Kind != expand.Indexed || !slices.Equal(v.List, cc.Words) || v.Exported {
				t.Errorf("COMP_WORDS = %+v", v.Variable)
			}
			continue
		}
		if v.Str != want[v.Name] || v.Exported != (v.Name != "COMP_CWORD") {
			t.Errorf("%s = %q exported %v", v.Name, v.Str, v.Exported)
		}
	}
	// the array is the variable's own: changing it leaves cc alone
	vars[0].List[0] = "x"
	if cc.Words[0] != "git" {
		t.Error("COMP_WORDS shares its elements with the context")
	}
}

func TestReply(t *testing.T) {
	for _, c := range []struct {
		vr   expand.Variable
		want []string
	}{
		{expand.Variable{}, nil},
		{expand.Variable{Set: true, Kind: expand.String, Str: "one"}, []string{"one"}},
		{expand.Variable{Set: true, Kind: expand.Indexed, List: []string{"a", "b"}}, []string{"a", "b"}},
		{expand.Variable{Set: true, Kind: expand.Associative, Map: map[string]string{"k": "v"}}, []string{"v"}},
	} {
		if got := Reply(c.vr); !slices.Equal(got, c.want) {
			t.Errorf("Reply(%+v) = %q, want %q", c.vr, got, c.want)
		}
	}
	if got := Lines("a\n\nb\n"); !slices.Equal(got, []string{"a", "b"}) {
		t.Errorf("Lines = %q", got)
	}
}

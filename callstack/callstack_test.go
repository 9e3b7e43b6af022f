package callstack

import (
	"reflect"
	"testing"

	"mvdan.cc/sh/v3/expand"
)

// a script (main) that called f from line 3 with extdebug on, which
// sourced lib.sh from line 7
var stack = Stack{
	{Name: "main", File: "script.sh", Args: []string{"s1"}},
	{Name: "f", File: "script.sh", Line: 3, Args: []string{"a", "b"}, HasArgs: true, Fn: true},
	{Name: "source", File: "lib.sh", Line: 7, Args: []string{"c"}, HasArgs: true},
}

func TestVar(t *testing.T) {
	for name, want := range map[string][]string{
		"FUNCNAME":    {"source", "f", "main"},
		"BASH_SOURCE": {"lib.sh", "script.sh", "script.sh"},
		"BASH_LINENO": {"7", "3", "0"},
		"BASH_ARGV":   {"c", "b", "a"},
		"BASH_ARGC":   {"1", "2"},
	} {
		vr, ok := stack.Var(name)
		if !ok || vr.Kind != expand.Indexed || !reflect.DeepEqual(vr.List, want) {
			t.Errorf("%s = %v %v, want %q", name, vr, ok, want)
		}
	}
	if _, ok := stack.Var("PATH"); ok {
		t.Error("Var answered PATH")
	}
	// outside a function FUNCNAME is unset; the others are empty arrays
	main := stack[:1]
	if vr, ok := main.Var("FUNCNAME"); !ok || vr.IsSet() {
		t.Errorf("FUNCNAME outside a function = %v, %v; want unset", vr, ok)
	}
	if vr, _ := Stack(nil).Var("BASH_ARGV"); !vr.IsSet() || vr.List == nil || len(vr.List) != 0 {
		t.Errorf("BASH_ARGV of no frames = %#v, want an empty array", vr)
	}
}

func TestCaller(t *testing.T) {
	type answer struct {
		line     int
		fn, file string
		ok       bool
	}
	for n, want := range map[int]answer{
		-1: {7, "", "script.sh", true},
		0:  {7, "f", "script.sh", true},
		1:  {3, "main", "script.sh", true},
		2:  {0, "", "", false},
	} {
		line, fn, file, ok := stack.Caller(n)
		if got := (answer{line, fn, file, ok}); got != want {
			t.Errorf("Caller(%d) = %+v, want %+v", n, got, want)
		}
	}
	if _, _, file, ok := stack[:1].Caller(-1); !ok || file != "NULL" {
		t.Errorf("Caller(-1) in main: file %q ok %v; want NULL", file, ok)
	}
	if _, _, _, ok := Stack(nil).Caller(-1); ok {
		t.Error("Caller(-1) of no frames answered")
	}
}

func TestTopAndCounts(t *testing.T) {
	if Stack(nil).Top() != nil || Stack(nil).InFunc() {
		t.Error("an empty stack has a top or a function")
	}
	if top := stack.Top(); top == nil || top.Name != "source" {
		t.Errorf("Top = %v, want the source frame", top)
	}
	if !stack.InFunc() || stack.FuncCount() != 1 || stack[:1].InFunc() {
		t.Errorf("InFunc %v, FuncCount %d", stack.InFunc(), stack.FuncCount())
	}
	c := stack.Clone()
	c.Top().Name = "changed"
	if stack.Top().Name != "source" {
		t.Error("a clone's frames are the original's")
	}
}

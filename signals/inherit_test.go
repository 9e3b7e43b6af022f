package signals

import (
	"maps"
	"testing"
)

func TestInheritSubshell(t *testing.T) {
	traps := map[string]string{"INT": "", "TERM": "echo t", "EXIT": "echo bye", "ERR": "e", "DEBUG": "d", "RETURN": "r"}
	tests := []struct {
		in   Inherit
		want map[string]string
	}{
		{Inherit{}, map[string]string{"INT": ""}},
		{Inherit{ErrTrace: true}, map[string]string{"INT": "", "ERR": "e"}},
		{Inherit{FuncTrace: true}, map[string]string{"INT": "", "DEBUG": "d", "RETURN": "r"}},
	}
	for _, tt := range tests {
		got := map[string]string{}
		tt.in.Subshell(got, traps)
		if !maps.Equal(got, tt.want) {
			t.Errorf("%+v: subshell keeps %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestInheritFunction(t *testing.T) {
	all := map[string]string{"INT": "i", "ERR": "e", "DEBUG": "d", "RETURN": "r"}
	tests := []struct {
		in      Inherit
		inDebug bool
		inside  map[string]string
	}{
		{Inherit{}, false, map[string]string{"INT": "i"}},
		{Inherit{ErrTrace: true}, false, map[string]string{"INT": "i", "ERR": "e"}},
		{Inherit{FuncTrace: true}, false, map[string]string{"INT": "i", "DEBUG": "d", "RETURN": "r"}},
		{Inherit{FuncTrace: true}, true, map[string]string{"INT": "i", "DEBUG": "d"}},
	}
	for _, tt := range tests {
		traps := maps.Clone(all)
		leave := tt.in.Function(traps, tt.inDebug)
		if !maps.Equal(traps, tt.inside) {
			t.Errorf("%+v, inDebug %v: the function sees %v, want %v", tt.in, tt.inDebug, traps, tt.inside)
		}
		leave()
		if !maps.Equal(traps, all) {
			t.Errorf("%+v, inDebug %v: after the function %v, want %v", tt.in, tt.inDebug, traps, all)
		}
	}

	// a trap the function sets itself stays
	traps := maps.Clone(all)
	leave := Inherit{}.Function(traps, false)
	traps["ERR"] = "mine"
	leave()
	if traps["ERR"] != "mine" || traps["DEBUG"] != "d" {
		t.Errorf("after a function that set ERR: %v", traps)
	}
}

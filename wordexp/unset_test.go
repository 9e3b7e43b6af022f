package wordexp

import (
	"testing"

	"mvdan.cc/sh/v3/expand"
	"mvdan.cc/sh/v3/syntax"
)

func TestUnsetText(t *testing.T) {
	param := func(name string, op syntax.ParExpOperator) *syntax.ParamExp {
		pe := &syntax.ParamExp{Param: &syntax.Lit{Value: name}}
		if op != 0 {
			pe.Exp = &syntax.Expansion{Op: op}
		}
		return pe
	}
	for _, tc := range []struct {
		ue   expand.UnsetParameterError
		want string
	}{
		{expand.UnsetParameterError{Node: param("x", 0), Message: "unbound variable"}, "x: unbound variable"},
		{expand.UnsetParameterError{Node: param("1", 0), Message: "unbound variable"}, "$1: unbound variable"},
		{expand.UnsetParameterError{Node: param("x", syntax.ErrorUnset)}, "x: parameter not set"},
		{expand.UnsetParameterError{Node: param("x", syntax.ErrorUnsetOrNull)}, "x: parameter null or not set"},
		{expand.UnsetParameterError{Node: param("x", syntax.ErrorUnsetOrNull), Message: "gone"}, "x: gone"},
		{expand.UnsetParameterError{}, "$?: parameter null or not set"},
	} {
		if got := UnsetText(tc.ue); got != tc.want {
			t.Errorf("UnsetText(%+v) = %q, want %q", tc.ue, got, tc.want)
		}
	}
}

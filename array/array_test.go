package array

import (
	"testing"

	"mvdan.cc/sh/v3/expand"
)

func TestElemAndLen(t *testing.T) {
	dense := expand.Variable{Set: true, Kind: expand.Indexed, List: []string{"a", "b"}}
	sparse := expand.Variable{Set: true, Kind: expand.Indexed, List: []string{"x", "y"}, Indexes: []int{3, 7}}
	for _, tc := range []struct {
		vr   expand.Variable
		i    int
		want string
		ok   bool
	}{
		{dense, 0, "a", true}, {dense, 1, "b", true}, {dense, 2, "", false}, {dense, -1, "", false},
		{sparse, 3, "x", true}, {sparse, 7, "y", true}, {sparse, 0, "", false}, {sparse, 5, "", false},
	} {
		if got, ok := Elem(tc.vr, tc.i); got != tc.want || ok != tc.ok {
			t.Errorf("Elem(%v, %d) = %q, %v; want %q, %v", tc.vr.List, tc.i, got, ok, tc.want, tc.ok)
		}
	}
	if n := Len(dense); n != 2 {
		t.Errorf("Len(dense) = %d, want 2", n)
	}
	if n := Len(sparse); n != 8 {
		t.Errorf("Len(sparse) = %d, want 8", n)
	}
	if n := Len(expand.Variable{Kind: expand.Indexed}); n != 0 {
		t.Errorf("Len(empty) = %d, want 0", n)
	}
}

func TestScalar(t *testing.T) {
	for _, tt := range []struct {
		vr   expand.Variable
		want string
		ok   bool
	}{
		{expand.Variable{Set: true, Kind: expand.String, Str: "s"}, "s", true},
		{expand.Variable{}, "", false},
		{expand.Variable{Set: true, Kind: expand.Indexed, List: []string{"a", "b"}}, "a", true},
		{expand.Variable{Set: true, Kind: expand.Indexed, List: []string{"b"}, Indexes: []int{1}}, "", false},
		{expand.Variable{Set: true, Kind: expand.Associative, Map: map[string]string{"0": "z", "k": "v"}}, "z", true},
		{expand.Variable{Set: true, Kind: expand.Associative, Map: map[string]string{"k": "v"}}, "", false},
	} {
		if got, ok := Scalar(tt.vr); got != tt.want || ok != tt.ok {
			t.Errorf("Scalar(%+v) = %q, %v; want %q, %v", tt.vr, got, ok, tt.want, tt.ok)
		}
	}
}

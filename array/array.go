// Package array reads the indexed arrays of mvdan.cc/sh/v3/expand, whose
// Variable holds them dense (List alone) or sparse (List with the sorted
// Indexes of its elements). The interpreter, the builtins and the test
// operators share it.
package array

import (
	"slices"

	"mvdan.cc/sh/v3/expand"
)

// Elem returns element i of an indexed array (dense or sparse) and
// whether it is set.
func Elem(vr expand.Variable, i int) (string, bool) {
	if vr.Indexes == nil {
		if i >= 0 && i < len(vr.List) {
			return vr.List[i], true
		}
		return "", false
	}
	if pos, ok := slices.BinarySearch(vr.Indexes, i); ok {
		return vr.List[pos], true
	}
	return "", false
}

// Len is one more than the highest index of an indexed array, which is
// what a negative subscript counts back from.
func Len(vr expand.Variable) int {
	if len(vr.Indexes) > 0 {
		return vr.Indexes[len(vr.Indexes)-1] + 1
	}
	return len(vr.List)
}

// Scalar is what a variable gives where one value is read ($x, x in
// arithmetic): element 0 of an indexed array, key "0" of an associative
// one, a string's value; ok is false when that is unset.
func Scalar(vr expand.Variable) (string, bool) {
	switch vr.Kind {
	case expand.Indexed:
		return Elem(vr, 0)
	case expand.Associative:
		val, ok := vr.Map["0"]
		return val, ok
	}
	return vr.Str, vr.IsSet()
}

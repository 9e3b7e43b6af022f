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

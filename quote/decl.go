package quote

import (
	"maps"
	"slices"
	"strconv"
	"strings"

	"mvdan.cc/sh/v3/expand"
)

// Declare is the line declare -p prints for a variable: "declare -FLAGS
// name" with its attributes (or "--" without), and "=value" when it is
// set, an array's elements as ([i]="v" ...).
func Declare(name string, vr expand.Variable) string {
	return DeclareAttrs(name, vr, "", "")
}

// DeclareAttrs is Declare for a variable with the attributes that
// expand.Variable has no room for: integer ("i" or "") and letterCase
// ("l", "u" or ""), placed among the others as bash places them.
func DeclareAttrs(name string, vr expand.Variable, integer, letterCase string) string {
	flags := AttrFlags(vr, integer, letterCase)
	if flags == "" {
		flags = "-"
	}
	s := "declare -" + flags + " " + name
	if !vr.IsSet() {
		return s
	}
	return s + "=" + declValue(vr)
}

// AttrFlags are the letters of a variable's attributes in the order
// declare -p and ${x@a} give them ("aix", "r", "" for none); integer and
// letterCase are as for [DeclareAttrs].
func AttrFlags(vr expand.Variable, integer, letterCase string) string {
	flags := ""
	switch vr.Kind {
	case expand.Indexed:
		flags += "a"
	case expand.Associative:
		flags += "A"
	case expand.NameRef:
		flags += "n"
	}
	flags += integer
	if vr.ReadOnly {
		flags += "r"
	}
	if vr.Exported {
		flags += "x"
	}
	return flags + letterCase
}

// KeyValues is ${a[@]@K} of an array: its subscripts and values as pairs
// of words, the values quoted as declare -p quotes them (0 "x" 1 "y z";
// k "v" for each key of an associative array, sorted, each pair followed
// by a blank as bash 5.2 gives them).
func KeyValues(vr expand.Variable) string {
	var sb strings.Builder
	switch vr.Kind {
	case expand.Indexed:
		eachElem(vr, func(i int, idx, v string) {
			if i > 0 {
				sb.WriteByte(' ')
			}
			sb.WriteString(idx + " " + Double(v))
		})
	case expand.Associative:
		for _, k := range slices.Sorted(maps.Keys(vr.Map)) {
			sb.WriteString(assocKeyText(k) + " " + Double(vr.Map[k]) + " ")
		}
	}
	return sb.String()
}

func declValue(vr expand.Variable) string {
	switch vr.Kind {
	case expand.Indexed:
		return arrayText(vr)
	case expand.Associative:
		return assocText(vr)
	}
	return Double(vr.Str)
}

// Assignment is a variable's value as plain declare lists it, the right
// side of an assignment: a quoted scalar (see [Value]) or an array's
// elements as ([i]="v" ...), associative keys sorted.
func Assignment(vr expand.Variable) string {
	switch vr.Kind {
	case expand.Indexed:
		return arrayText(vr)
	case expand.Associative:
		return assocText(vr)
	}
	return Value(vr.Str)
}

func arrayText(vr expand.Variable) string {
	var sb strings.Builder
	sb.WriteByte('(')
	eachElem(vr, func(i int, idx, v string) {
		if i > 0 {
			sb.WriteByte(' ')
		}
		sb.WriteString("[" + idx + "]=" + Double(v))
	})
	sb.WriteByte(')')
	return sb.String()
}

// eachElem calls fn for each element of the indexed array vr, in order:
// i counts them, idx is the subscript (a sparse array's own).
func eachElem(vr expand.Variable, fn func(i int, idx, v string)) {
	for i, v := range vr.List {
		idx := i
		if vr.Indexes != nil {
			idx = vr.Indexes[i]
		}
		fn(i, strconv.Itoa(idx), v)
	}
}

func assocText(vr expand.Variable) string {
	keys := make([]string, 0, len(vr.Map))
	for k := range vr.Map {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var sb strings.Builder
	sb.WriteByte('(')
	for _, k := range keys {
		sb.WriteString("[" + assocKeyText(k) + "]=" + Double(vr.Map[k]) + " ")
	}
	sb.WriteByte(')')
	return sb.String()
}

func assocKeyText(k string) string {
	if k != "" && !strings.ContainsAny(k, " \t\n\"'\\$`[]*?") {
		return k
	}
	return Double(k)
}

package options

import (
	"slices"
	"strings"
)

// Flags is the option letters of $- for the options on in on, in bash's
// order (LetterOrder), i for Interactive included. How the shell got its
// commands (c or s) is the caller's to add.
func Flags(on *[Count]bool) string {
	var b []byte
	for i := 0; i < len(LetterOrder); i++ {
		c := LetterOrder[i]
		o, ok := ByLetter(c)
		if c == 'i' {
			o, ok = Interactive, true
		}
		if ok && on[o] {
			b = append(b, c)
		}
	}
	return string(b)
}

// SetoList is $SHELLOPTS for the options on in on: the names of the set
// -o options that are on, sorted, separated by colons.
func SetoList(on *[Count]bool) string {
	var names []string
	for o := range Count {
		if name := o.Name(); name != "" && on[o] {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	return strings.Join(names, ":")
}

// ShoptList is $BASHOPTS for the shopt options on in on: their names,
// sorted, separated by colons. Names on does not hold are off.
func ShoptList(on map[string]bool) string {
	var names []string
	for _, name := range shoptNames {
		if on[name] {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	return strings.Join(names, ":")
}

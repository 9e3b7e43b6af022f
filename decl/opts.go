// Package decl is the declare family of builtins (declare, typeset,
// local, export, readonly) as bash runs them: their option words, their
// operands made assignments, the attributes applied with each (through
// package assign for the values) and the listings of declare -p, export
// -p and readonly -p. Which command runs, in which function, and the
// functions themselves are the shell's.
package decl

import (
	"fmt"
	"strings"

	"mvdan.cc/sh/v3/expand"
	"mvdan.cc/sh/v3/syntax"

	"pipesh/vars"
)

// Opts are the attributes a declare-family command sets.
type Opts struct {
	Kind          expand.ValueKind // Indexed, Associative, NameRef or Unknown
	Export, RO    bool
	Unexport      bool
	Global, Local bool
	Print         bool
	Funcs         bool      // -f
	FuncNames     bool      // -F
	AttrSet       vars.Attr // -i, -l, -u
	AttrClear     vars.Attr // +i, +l, +u, and -l's -u, -u's -l
	ROCmd         bool      // the readonly builtin itself
}

// IsBuiltin reports whether name is one of the declare-family builtins.
// The parser makes a DeclClause of them only when written literally as
// the command name.
func IsBuiltin(name string) bool {
	switch name {
	case "declare", "typeset", "local", "export", "readonly":
		return true
	}
	return false
}

// Flags adds the options of one option word (-ax, +x) of command cmd to
// o. An unknown letter is a *UsageError.
func (o *Opts) Flags(cmd, f string) error {
	on := f[0] == '-'
	for _, c := range f[1:] {
		switch c {
		case 'a':
			o.Kind = expand.Indexed
		case 'A':
			o.Kind = expand.Associative
		case 'n':
			if cmd == "export" {
				o.Unexport = on // export -n: remove the export attribute
			} else if on {
				o.Kind = expand.NameRef
			}
		case 'x':
			if on {
				o.Export = true
			} else {
				o.Unexport = true
			}
		case 'r':
			o.RO = on
		case 'g':
			o.Global = true
		case 'p':
			o.Print = true
		case 'f':
			o.Funcs = true
		case 'F':
			o.FuncNames = true
		case 'i', 'l', 'u':
			a := map[rune]vars.Attr{'i': vars.AttrInteger, 'l': vars.AttrLower, 'u': vars.AttrUpper}[c]
			other := map[rune]vars.Attr{'l': vars.AttrUpper, 'u': vars.AttrLower}[c]
			if on {
				o.AttrSet, o.AttrClear = o.AttrSet&^other|a, o.AttrClear&^a|other
			} else {
				o.AttrSet, o.AttrClear = o.AttrSet&^a, o.AttrClear|a
			}
		case 't', 'I':
		default:
			return &UsageError{Cmd: cmd, Word: f}
		}
	}
	return nil
}

// UsageError is an option word with a letter the command does not take.
type UsageError struct {
	Cmd  string // the command
	Word string // the option word, as given (-iz)
}

func (e *UsageError) Error() string {
	return fmt.Sprintf("%s: %s: invalid option", e.Cmd, e.Word)
}

// Operand makes an expanded operand word an assignment, as bash's
// builtin reads it: name, name=value, name+=value, name[sub]=value. The
// value is taken as it is (quoted), never expanded again.
func Operand(f string) *syntax.Assign {
	n, v, hasVal := strings.Cut(f, "=")
	as := &syntax.Assign{Name: &syntax.Lit{Value: n}, Naked: !hasVal}
	if strings.HasSuffix(n, "+") && hasVal {
		as.Name.Value = strings.TrimSuffix(n, "+")
		as.Append = true
	}
	if hasVal {
		as.Value = &syntax.Word{Parts: []syntax.WordPart{&syntax.SglQuoted{Value: v}}}
	}
	if i := strings.IndexByte(as.Name.Value, '['); i > 0 && strings.HasSuffix(as.Name.Value, "]") {
		idx := as.Name.Value[i+1 : len(as.Name.Value)-1]
		as.Name.Value = as.Name.Value[:i]
		as.Index = &syntax.Word{Parts: []syntax.WordPart{&syntax.Lit{Value: idx}}}
	}
	return as
}

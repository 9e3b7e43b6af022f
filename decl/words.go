package decl

import (
	"mvdan.cc/sh/v3/expand"
	"mvdan.cc/sh/v3/syntax"

	"pipesh/assign"
)

// ForCommand is the attributes command cmd starts with, before its
// options: export's -x, readonly's -r, nameref's -n, and a local for
// local, and for declare and typeset in a function (inFunc).
func ForCommand(cmd string, inFunc bool) Opts {
	var o Opts
	switch cmd {
	case "local":
		o.Local = true
	case "export":
		o.Export = true
	case "readonly":
		o.RO = true
		o.ROCmd = true
	case "nameref":
		o.Kind = expand.NameRef
	case "declare", "typeset":
		o.Local = inFunc
	}
	return o
}

// Operands reads the words of command cmd, as the parser gives them
// (assignments, and words to expand), into options added to o and the
// operands, each an assignment. Before the first operand, a word that
// starts with '-' or '+' (but is not one alone) is options, and "--"
// ends them. A word to expand is split and globbed as a command's
// argument is (Shell.Fields), each field one operand (Operand). A bad
// option is a *UsageError; an expansion's error is passed on as it is.
func Operands(sh assign.Shell, cmd string, args []*syntax.Assign, o *Opts) ([]*syntax.Assign, error) {
	var assigns []*syntax.Assign
	optsDone := false
	for _, as := range args {
		if as.Name != nil {
			assigns = append(assigns, as)
			optsDone = true
			continue
		}
		fields, err := sh.Fields([]*syntax.Word{as.Value})
		if err != nil {
			return nil, err
		}
		for _, f := range fields {
			if !optsDone && len(f) > 1 && (f[0] == '-' || f[0] == '+') {
				if f == "--" {
					optsDone = true
					continue
				}
				if err := o.Flags(cmd, f); err != nil {
					return nil, err
				}
				continue
			}
			optsDone = true
			assigns = append(assigns, Operand(f))
		}
	}
	return assigns, nil
}

// ExpandValues expands the values of the scalar assignments among
// assigns, each replaced by a copy holding its value, before any is
// assigned: bash's builtin gets its words expanded already, so no value
// sees an earlier assignment of the same command (export A=1
// b=$(printenv A)). Arrays, names alone and invalid names are left as
// they are.
func ExpandValues(sh assign.Shell, assigns []*syntax.Assign) error {
	for i, as := range assigns {
		if as.Name == nil || as.Value == nil || as.Array != nil || as.Naked || !syntax.ValidName(as.Name.Value) {
			continue
		}
		v, err := sh.Value(as.Value)
		if err != nil {
			return err
		}
		c := *as
		c.Value = &syntax.Word{Parts: []syntax.WordPart{&syntax.SglQuoted{Value: v}}}
		assigns[i] = &c
	}
	return nil
}

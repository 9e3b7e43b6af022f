// Package assign performs assignments as bash does: name=value, a[i]=v,
// a=(...) and a=(k1 v1 ...) for associative arrays, += on each, through
// namerefs (declare -n r=a, r='a[1]'), the prefix assignments that hold
// for one command, and one element set by a subscript as written (for
// arithmetic and for read or printf -v). The variables are a vars.Store;
// what only the shell can do (expanding words, evaluating arithmetic,
// reporting) it asks through Shell.
package assign

import (
	"mvdan.cc/sh/v3/expand"
	"mvdan.cc/sh/v3/syntax"

	"pipesh/vars"
)

// Shell is what an assignment needs of the shell it runs in.
type Shell interface {
	// Vars is the shell's variable store, which assignments change.
	Vars() *vars.Store
	// Lookup returns a variable or special parameter ($1, $#, ...), as
	// an expansion would see it.
	Lookup(name string) expand.Variable
	// Value expands an assignment's value: one word, without splitting
	// or globbing, tildes expanded at its start and after each ':'.
	Value(w *syntax.Word) (string, error)
	// PlainValue is the value of a word that is only a parameter ($x,
	// $1), found without the expansion machinery; ok is false for any
	// other word, which Value must then expand.
	PlainValue(w *syntax.Word) (value string, ok bool)
	// Fields expands words as a command's arguments are: split and
	// globbed (the elements of a=(...)).
	Fields(words []*syntax.Word) ([]string, error)
	// Literal expands one word without splitting or globbing (a key of
	// an associative array).
	Literal(w *syntax.Word) (string, error)
	// Arith evaluates a parsed arithmetic expression (an index).
	Arith(x syntax.ArithmExpr) (int, error)
	// ArithText evaluates arithmetic text (a subscript as written).
	ArithText(s string) (int, error)
	// Source is the text of a parsed arithmetic expression as written,
	// for a key the parser read as arithmetic (m[i+1]=v).
	Source(x syntax.ArithmExpr) (string, error)
	// Print is a node's text as bash prints it, for messages.
	Print(n syntax.Node) string
	// Errorf reports an error after which the assignment goes on, as
	// bash's does (a readonly name among prefix assignments).
	Errorf(format string, args ...any)
	// EnvChanged is told that the environment handed to programs may be
	// stale.
	EnvChanged()
}

func str(s string) expand.Variable {
	return expand.Variable{Set: true, Kind: expand.String, Str: s}
}

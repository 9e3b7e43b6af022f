package shell

import (
	"mvdan.cc/sh/v3/syntax"
)

// validate rejects what mvdan's parser accepts from other shells' grammars
// but bash does not: an anonymous function, `() cmd` (zsh's), has no name
// to define and would reach the executor as one.
func validate(name string, n syntax.Node) error {
	var err error
	syntax.Walk(n, func(n syntax.Node) bool {
		if err != nil {
			return false
		}
		if fd, ok := n.(*syntax.FuncDecl); ok && fd.Name == nil {
			err = syntax.ParseError{Filename: name, Pos: fd.Pos(), Text: "syntax error near unexpected token `)'"}
			return false
		}
		return true
	})
	return err
}

package parse

import (
	"mvdan.cc/sh/v3/syntax"
)

// Check rejects what bash would not parse in n, a tree mvdan's parser
// made of a file named name (see validate), and rewrites what bash reads
// otherwise (see fixBigFds and fixFuncBodies). File does it; a caller
// that parses statement by statement does it for each.
func Check(name string, n syntax.Node) error {
	err := validate(name, n)
	fixBigFds(n)
	fixFuncBodies(n)
	return err
}

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

// fixBigFds gives a redirection's number back to its command as a word
// when it does not fit an int, as bash's lexer does: in `echo hi
// 99999999999>f` the digits are an argument and the redirection is of
// stdout.
func fixBigFds(n syntax.Node) {
	syntax.Walk(n, func(n syntax.Node) bool {
		st, ok := n.(*syntax.Stmt)
		if !ok {
			return true
		}
		call, ok := st.Cmd.(*syntax.CallExpr)
		if !ok {
			return true
		}
		for _, rd := range st.Redirs {
			if rd.N == nil || !bigNumber(rd.N.Value) {
				continue
			}
			w := &syntax.Word{Parts: []syntax.WordPart{&syntax.Lit{ValuePos: rd.N.ValuePos, ValueEnd: rd.N.ValueEnd, Value: rd.N.Value}}}
			i := 0
			for i < len(call.Args) && call.Args[i].Pos().Offset() < rd.N.Pos().Offset() {
				i++
			}
			call.Args = append(call.Args[:i], append([]*syntax.Word{w}, call.Args[i:]...)...)
			rd.N = nil
		}
		return true
	})
}

// bigNumber reports whether s is all digits and more than an int32
// holds.
func bigNumber(s string) bool {
	if len(s) < 10 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return len(s) > 10 || s > "2147483647"
}

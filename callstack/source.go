package callstack

import (
	"strings"

	"mvdan.cc/sh/v3/syntax"
)

// SourceFile is the file the running code comes from, as a function
// defined now records it: the innermost frame's, else what bash calls
// code read from -c ("environment", dashC) or from standard input
// ("main").
func (s Stack) SourceFile(dashC bool) string {
	if f := s.Top(); f != nil {
		return f.File
	}
	if dashC {
		return "environment"
	}
	return "main"
}

// OtherSource returns the file the running code comes from when that is
// a sourced file rather than the script, -c or standard input, and ""
// otherwise: the file bash names in place of its own name before a
// message about that code's line.
func (s Stack) OtherSource() string {
	top := s.Top()
	if top == nil || top.File == "environment" || top.File == "main" {
		return ""
	}
	if s[0].Name == "main" && top.File == s[0].File {
		return ""
	}
	return top.File
}

// CommandText is BASH_COMMAND's text for the command n about to run,
// laid out as bash shows it: a for loop's or case's head, the rest as
// stored code. code prints a node as the shell shows stored code (a
// word, a statement, a command); arith prints an arithmetic expression
// as written, for a C-style for loop's head.
func CommandText(n syntax.Node, code, arith func(syntax.Node) string) string {
	switch c := n.(type) {
	case *syntax.ForClause:
		switch l := c.Loop.(type) {
		case *syntax.WordIter:
			s := "for " + l.Name.Value
			if l.InPos.IsValid() {
				s += " in"
				for _, w := range l.Items {
					s += " " + code(w)
				}
			}
			return s
		case *syntax.CStyleLoop:
			return "(( " + arith(l.Init) + "; " + arith(l.Cond) + "; " + arith(l.Post) + " ))"
		}
	case *syntax.CaseClause:
		return "case " + code(c.Word) + " in "
	case *syntax.Subshell:
		var parts []string
		for _, st := range c.Stmts {
			parts = append(parts, code(st))
		}
		return "( " + strings.Join(parts, "; ") + " )"
	}
	return code(n)
}

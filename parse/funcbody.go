package parse

import "mvdan.cc/sh/v3/syntax"

// fixFuncBodies undoes a misparse of mvdan.cc/sh: in `f() { ...; } &&
// cmd` it takes the whole list for the function's body, where bash's
// body is the compound command alone and the definition (status 0) is
// the list's first command, so cmd runs as the file is read
// (bash-completion registers specifications that way). The tree is
// rearranged to bash's reading.
func fixFuncBodies(n syntax.Node) {
	syntax.Walk(n, func(n syntax.Node) bool {
		st, ok := n.(*syntax.Stmt)
		if !ok {
			return true
		}
		fd, ok := st.Cmd.(*syntax.FuncDecl)
		if !ok || fd.Body == nil || len(fd.Body.Redirs) > 0 || fd.Body.Negated || fd.Body.Background || fd.Body.Coprocess {
			return true
		}
		list, ok := fd.Body.Cmd.(*syntax.BinaryCmd)
		if !ok || list.Op == syntax.Pipe || list.Op == syntax.PipeAll {
			return true
		}
		first := list // the leftmost && or || of the list
		for {
			l, ok := first.X.Cmd.(*syntax.BinaryCmd)
			if !ok || l.Op == syntax.Pipe || l.Op == syntax.PipeAll || len(first.X.Redirs) > 0 || first.X.Negated {
				break
			}
			first = l
		}
		fd.Body = first.X
		first.X = &syntax.Stmt{Position: fd.Pos(), Cmd: fd}
		st.Cmd = list
		return true
	})
}

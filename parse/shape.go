package parse

// What a parsed command is, as the shell decides how to run it: the
// stages of a pipeline, the commands that are one simple command, the
// lists bash reads as cat would ($(< file)).

import "mvdan.cc/sh/v3/syntax"

// Stage is one command of a pipeline; All is set when its stderr goes
// down the pipe too (|&).
type Stage struct {
	Stmt *syntax.Stmt
	All  bool
}

// Pipeline turns the parser's left-nested a|b|c into its list of stages.
// A stage that is itself a pipeline in some way of its own (negated, in
// the background, redirected) stays one stage.
func Pipeline(c *syntax.BinaryCmd) []Stage { return pipeline(c, nil) }

func pipeline(c *syntax.BinaryCmd, out []Stage) []Stage {
	if x, ok := c.X.Cmd.(*syntax.BinaryCmd); ok && IsPipeline(x) && !c.X.Negated && !c.X.Background && len(c.X.Redirs) == 0 {
		out = pipeline(x, out)
	} else {
		out = append(out, Stage{Stmt: c.X})
	}
	out[len(out)-1].All = c.Op == syntax.PipeAll
	return append(out, Stage{Stmt: c.Y})
}

// IsPipeline reports whether cmd is a | b or a |& b.
func IsPipeline(cmd syntax.Command) bool {
	b, ok := cmd.(*syntax.BinaryCmd)
	return ok && (b.Op == syntax.Pipe || b.Op == syntax.PipeAll)
}

// IsSimple reports whether st is one simple command in the foreground,
// whose program may then take over the fds of the shell running it.
func IsSimple(st *syntax.Stmt) bool {
	_, ok := st.Cmd.(*syntax.CallExpr)
	return ok && !st.Background
}

// CallName is the command name of a simple command when it is written
// as plain text; "" for other commands and for names with quotes or
// expansions in them.
func CallName(st *syntax.Stmt) string {
	call, ok := st.Cmd.(*syntax.CallExpr)
	if !ok || len(call.Args) == 0 {
		return ""
	}
	return call.Args[0].Lit()
}

// SetsPipeStatus reports whether a command sets PIPESTATUS to its own
// status: simple commands and the like do; pipelines set all their
// stages'; compound commands leave what their last command set.
func SetsPipeStatus(cmd syntax.Command) bool {
	switch cmd.(type) {
	case *syntax.CallExpr, *syntax.DeclClause, *syntax.ArithmCmd, *syntax.TestClause, *syntax.LetClause, *syntax.Subshell, nil:
		return true
	}
	return false
}

// AsSubshell is the statement ( stmts ) at pos, for a substitution's
// list to run as a child subshell that unwraps it.
func AsSubshell(pos syntax.Pos, stmts []*syntax.Stmt) *syntax.Stmt {
	return &syntax.Stmt{Position: pos, Cmd: &syntax.Subshell{Lparen: pos, Stmts: stmts}}
}

// CatRedirect returns the file word of a command list that is only "<
// file", which bash reads as cat would in $(< file) and <(< file); nil
// for any other list.
func CatRedirect(stmts []*syntax.Stmt) *syntax.Word {
	if len(stmts) != 1 {
		return nil
	}
	st := stmts[0]
	if st.Cmd != nil || len(st.Redirs) != 1 || st.Redirs[0].Op != syntax.RdrIn || st.Redirs[0].N != nil {
		return nil
	}
	return st.Redirs[0].Word
}

// Unquoted reports whether no part of w is quoted.
func Unquoted(w *syntax.Word) bool {
	for _, p := range w.Parts {
		switch p.(type) {
		case *syntax.SglQuoted, *syntax.DblQuoted:
			return false
		}
	}
	return true
}

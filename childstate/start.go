package childstate

import (
	"os"
	"strconv"

	"mvdan.cc/sh/v3/syntax"
)

// Flag is the option by which pipesh is started as a subshell child:
// `pipesh --subshell N [COMMAND]`, with the State on fd N; COMMAND is
// only a label, for ps and the IPC trace.
const Flag = "--subshell"

// Handoff returns how a child subshell is started: files are its fds at
// their numbers (nil where one is closed), to which state, the file
// holding its State (File), is added on the first fd past them and past
// 2; argv names that fd after Flag, and label, the command it runs, for
// ps and the trace to show.
func Handoff(files []*os.File, state *os.File, label string) (argv []string, all []*os.File) {
	for len(files) < 3 {
		files = append(files, nil)
	}
	n := len(files)
	return []string{"pipesh", Flag, strconv.Itoa(n), label}, append(files, state)
}

// Body returns what a child subshell runs of the code it was handed,
// and whether that is its job's top statement (whose status is the
// parent's to check). The child is the subshell: a `( list )` that is
// all it runs is run as its list, so that a trap set or a program exec'd
// in it is the child's own and no second child is made for it. With
// unwrap (State.Unwrap) the code is such a ( list ) in any case, even with
// redirections or &, which the parent has dealt with.
func Body(stmts []*syntax.Stmt, unwrap bool) (body []*syntax.Stmt, jobTop bool) {
	jobTop = len(stmts) == 1
	if len(stmts) == 1 {
		st := stmts[0]
		if s, ok := st.Cmd.(*syntax.Subshell); ok && (unwrap || len(st.Redirs) == 0 && !st.Negated && !st.Background) {
			return s.Stmts, unwrap && len(s.Stmts) == 1
		}
	}
	return stmts, jobTop
}

// SoleCommand returns the command st stands for when it is a { cmd; }
// block, or blocks of blocks, with nothing around them: that cmd's
// statement; else st.
func SoleCommand(st *syntax.Stmt) *syntax.Stmt {
	for {
		b, ok := st.Cmd.(*syntax.Block)
		if !ok || len(b.Stmts) != 1 || len(st.Redirs) > 0 || st.Negated || st.Background {
			return st
		}
		st = b.Stmts[0]
	}
}

// WithExec returns a copy of st, a simple command, with exec before its
// words: the form a child subshell runs its last program in, so that
// the program takes the child's place (its pid is the subshell's), as a
// forked bash subshell execs its last command.
func WithExec(st *syntax.Stmt) *syntax.Stmt {
	call := *st.Cmd.(*syntax.CallExpr)
	call.Args = append([]*syntax.Word{{Parts: []syntax.WordPart{&syntax.Lit{ValuePos: call.Pos(), Value: "exec"}}}}, call.Args...)
	ex := *st
	ex.Cmd = &call
	return &ex
}

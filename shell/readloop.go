package shell

import (
	"bufio"
	"os"
	"pipesh/fds"
	"strconv"
	"strings"

	"golang.org/x/sys/unix"
	"mvdan.cc/sh/v3/syntax"
)

// read must not take from a pipe more than the line it returns: another
// process may read the rest (`{ read a; cat; }`), so bash, and read
// without a buffer, read a pipe a byte at a time. A `while read` loop
// whose input is its own (the pipe of the pipeline stage it is, or its
// own `< file` redirection) and whose commands cannot read that input
// other than by read (no program, function, eval or subshell that could)
// may buffer it instead: nothing else sees the input while the loop runs,
// and nothing reads it after, so what the buffer held past the last line
// is never missed. The loop's reads then share one buffer, a system call
// per 4 KiB instead of one per byte.

// loopBuf is the buffer of a loop's own input d.
type loopBuf struct {
	d  *fds.Desc
	br *bufio.Reader
}

// readBuffer returns the buffer through which read takes its input from
// f when f is the input of a loop that may buffer it; nil otherwise.
func (r *Runner) readBuffer(f *os.File) *bufio.Reader {
	if b := r.readBuf; b != nil && f != nil && b.d.File() == f {
		return b.br
	}
	return nil
}

// takeOwnIn returns, and forgets, the desc the statement about to run
// may treat as its own input (see ownIn).
func (r *Runner) takeOwnIn() *fds.Desc {
	d := r.ownIn
	r.ownIn = nil
	return d
}

// stdinRedir tells what redirs do to fd 0: own, they give it a file of
// its own (a file opened for it, a here-document or here-string); shared,
// they make it a duplicate of another fd, another fd a duplicate of it,
// or open it read-write (<>: others may hold the file too).
func stdinRedir(redirs []*syntax.Redirect) (own, shared bool) {
	for _, rd := range redirs {
		fd := 1
		switch rd.Op {
		case syntax.RdrIn, syntax.RdrInOut, syntax.DplIn, syntax.Hdoc, syntax.DashHdoc, syntax.WordHdoc:
			fd = 0
		}
		if rd.N != nil {
			fd = -1 // {var}: a new fd, never 0
			if n, err := strconv.Atoi(rd.N.Value); err == nil {
				fd = n
			}
		}
		dup := rd.Op == syntax.DplIn || rd.Op == syntax.DplOut
		switch {
		case dup && (fd == 0 || strings.TrimSuffix(rd.Word.Lit(), "-") == "0"):
			return false, true
		case fd != 0:
		case rd.Op == syntax.RdrIn || rd.Op == syntax.Hdoc || rd.Op == syntax.DashHdoc || rd.Op == syntax.WordHdoc:
			own = true
		default:
			return false, true
		}
	}
	return own, false
}

// bufferLoop sets up the buffer of loop c, whose input in is its own,
// when nothing in c can read in but read in c's own shell; it returns the
// function that ends it, or nil when c must read unbuffered.
func (r *Runner) bufferLoop(c *syntax.WhileClause, in *fds.Desc) func() {
	if in == nil || r.readBuf != nil || r.fds.Slot(0).D != in || r.opts[optForkSubshells] {
		return nil
	}
	for name, act := range r.traps {
		if act != "" && name != "EXIT" {
			return nil // a trap action may run anything between commands
		}
	}
	var st unix.Stat_t
	if unix.Fstat(int(in.File().Fd()), &st) != nil {
		return nil
	}
	if m := st.Mode & unix.S_IFMT; m != unix.S_IFIFO && m != unix.S_IFREG {
		return nil // a terminal gives a line at a time anyway; a socket is a coproc's
	}
	for _, part := range [][]*syntax.Stmt{c.Cond, c.Do} {
		for _, s := range part {
			if !r.onlyReadReads(s, true) {
				return nil
			}
		}
	}
	r.readBuf = &loopBuf{d: in, br: bufio.NewReaderSize(in.File(), 4096)}
	return func() { r.readBuf = nil }
}

// readOnlyBuiltin reports whether a buffered loop may run the builtin
// name: none of these reads its standard input but read, and none runs
// code it is given.
func readOnlyBuiltin(name string) bool {
	switch name {
	case ":", "true", "false", "echo", "printf", "test", "[", "read", "let",
		"break", "continue", "shift", "unset", "set", "exit", "return",
		"local", "declare", "typeset", "export", "readonly":
		return true
	}
	return false
}

// onlyReadReads reports whether n can read fd 0 only through read run
// by this shell itself. direct is false inside a subshell, $(...) or a
// pipeline stage, where a read would not see the loop's buffer.
func (r *Runner) onlyReadReads(n syntax.Node, direct bool) bool {
	ok := true
	syntax.Walk(n, func(n syntax.Node) bool {
		if !ok {
			return false
		}
		switch n := n.(type) {
		case *syntax.Stmt:
			if n.Background || n.Coprocess {
				ok = false
			}
			for _, rd := range n.Redirs {
				if _, shared := stdinRedir([]*syntax.Redirect{rd}); shared {
					ok = false // fd 0 made a duplicate, or duplicated
				}
			}
		case *syntax.CallExpr:
			if len(n.Args) == 0 {
				return true // assignments only
			}
			name := n.Args[0].Lit()
			_, isFunc := r.funcs[name]
			_, isAlias := r.aliases[name]
			if !readOnlyBuiltin(name) || isFunc || isAlias || name == "read" && !direct {
				ok = false
			}
		case *syntax.Subshell:
			ok = r.nestedOnlyReads(n.Stmts)
			return false
		case *syntax.CmdSubst:
			ok = r.nestedOnlyReads(n.Stmts)
			return false
		case *syntax.BinaryCmd:
			if n.Op == syntax.Pipe || n.Op == syntax.PipeAll {
				ok = r.onlyReadReads(n.X, false) && r.onlyReadReads(n.Y, false)
				return false
			}
		case *syntax.ProcSubst, *syntax.FuncDecl, *syntax.CoprocClause, *syntax.TimeClause:
			ok = false
		}
		return ok
	})
	return ok
}

func (r *Runner) nestedOnlyReads(stmts []*syntax.Stmt) bool {
	for _, s := range stmts {
		if !r.onlyReadReads(s, false) {
			return false
		}
	}
	return true
}

// Package readloop decides when a while-read loop may buffer its input,
// and holds that buffer.
//
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
//
// The shell says which input is a loop's own and which names would run
// code it cannot see (functions, aliases); this package reads the loop.
package readloop

import (
	"bufio"
	"os"
	"strconv"
	"strings"

	"golang.org/x/sys/unix"
	"mvdan.cc/sh/v3/syntax"

	"pipesh/fds"
	"pipesh/redir"
)

// Buf is the buffer of a loop's own input. A nil *Buf buffers nothing.
type Buf struct {
	d  *fds.Desc
	br *bufio.Reader
}

// New returns the buffer of in, or nil when in is neither a pipe nor a
// regular file: a terminal gives a line at a time anyway, and a socket is
// a coproc's, which read treats apart.
func New(in *fds.Desc) *Buf {
	var st unix.Stat_t
	if unix.Fstat(int(in.File().Fd()), &st) != nil {
		return nil
	}
	if m := st.Mode & unix.S_IFMT; m != unix.S_IFIFO && m != unix.S_IFREG {
		return nil
	}
	return &Buf{d: in, br: bufio.NewReaderSize(in.File(), 4096)}
}

// Reader returns the buffer through which read takes its input from f,
// when b buffers f; nil otherwise.
func (b *Buf) Reader(f *os.File) *bufio.Reader {
	if b != nil && f != nil && b.d.File() == f {
		return b.br
	}
	return nil
}

// Stdin tells what redirs do to fd 0: own, they give it a file of its
// own (a file opened for it, a here-document or here-string); shared,
// they make it a duplicate of another fd, another fd a duplicate of it,
// or open it read-write (<>: others may hold the file too).
func Stdin(redirs []*syntax.Redirect) (own, shared bool) {
	for _, rd := range redirs {
		fd := redir.DefaultFd(rd.Op)
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

// OnlyReads reports whether nothing in loop c can read its fd 0 but
// read run by the loop's own shell, so that the loop may buffer it.
// defined reports whether a name is a function or an alias, which may
// run anything.
func OnlyReads(c *syntax.WhileClause, defined func(name string) bool) bool {
	w := walker{defined: defined}
	for _, part := range [][]*syntax.Stmt{c.Cond, c.Do} {
		for _, s := range part {
			if !w.onlyReadReads(s, true) {
				return false
			}
		}
	}
	return true
}

type walker struct{ defined func(string) bool }

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
func (w walker) onlyReadReads(n syntax.Node, direct bool) bool {
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
				if _, shared := Stdin([]*syntax.Redirect{rd}); shared {
					ok = false // fd 0 made a duplicate, or duplicated
				}
			}
		case *syntax.CallExpr:
			if len(n.Args) == 0 {
				return true // assignments only
			}
			name := n.Args[0].Lit()
			if !readOnlyBuiltin(name) || w.defined(name) || name == "read" && !direct {
				ok = false
			}
		case *syntax.Subshell:
			ok = w.nestedOnlyReads(n.Stmts)
			return false
		case *syntax.CmdSubst:
			ok = w.nestedOnlyReads(n.Stmts)
			return false
		case *syntax.BinaryCmd:
			if n.Op == syntax.Pipe || n.Op == syntax.PipeAll {
				ok = w.onlyReadReads(n.X, false) && w.onlyReadReads(n.Y, false)
				return false
			}
		case *syntax.ProcSubst, *syntax.FuncDecl, *syntax.CoprocClause, *syntax.TimeClause:
			ok = false
		}
		return ok
	})
	return ok
}

func (w walker) nestedOnlyReads(stmts []*syntax.Stmt) bool {
	for _, s := range stmts {
		if !w.onlyReadReads(s, false) {
			return false
		}
	}
	return true
}

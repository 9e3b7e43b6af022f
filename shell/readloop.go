package shell

import (
	"bufio"
	"os"

	"mvdan.cc/sh/v3/syntax"

	"pipesh/fds"
	"pipesh/readloop"
)

// readBuffer returns the buffer through which read takes its input from
// f when f is the input of a loop that may buffer it (package
// readloop); nil otherwise.
func (r *Runner) readBuffer(f *os.File) *bufio.Reader { return r.readBuf.Reader(f) }

// takeOwnIn returns, and forgets, the desc the statement about to run
// may treat as its own input (see ownIn).
func (r *Runner) takeOwnIn() *fds.Desc {
	d := r.ownIn
	r.ownIn = nil
	return d
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
	defined := func(name string) bool {
		_, isFunc := r.funcs[name]
		_, isAlias := r.aliases[name]
		return isFunc || isAlias
	}
	if !readloop.OnlyReads(c, defined) {
		return nil
	}
	if r.readBuf = readloop.New(in); r.readBuf == nil {
		return nil
	}
	return func() { r.readBuf = nil }
}

package shell

// How bash reads code, one complete command at a time, is package
// cmdread's; running each command as it is read is the Runner's.

import (
	"context"
	"os"
	"strings"

	"mvdan.cc/sh/v3/syntax"

	"pipesh/bashread"
	"pipesh/cmdread"
)

// readAliases returns the aliases expanded as code is read, nil when
// none are (see aliasesApply).
func (r *Runner) readAliases() map[string]string {
	if !r.aliasesApply() {
		return nil
	}
	return r.aliases
}

// aliasesApply reports whether aliases are expanded as code is read:
// always in an interactive shell, with shopt -s expand_aliases in others.
func (r *Runner) aliasesApply() bool {
	return len(r.aliases) > 0 && (r.shopts["expand_aliases"] || r.sh.interactive)
}

// RunStream runs commands read from f the way bash reads a script on its
// standard input: a line at a time, running each line's complete
// commands before reading the next, and never reading past that line, so
// that the commands can read the lines that follow themselves (as `read
// x` or `cat` do). A syntax error stops the shell with status 2 once what
// came before it has run; the EXIT trap still runs. With noExec (-n)
// nothing runs.
func (r *Runner) RunStream(ctx context.Context, f *os.File, name string, noExec bool) int {
	r.syncSignals()
	r.readRun(ctx, cmdread.NewLineReader(f), readHow{name: name, what: "pipesh: ", noExec: noExec, top: true})
	return r.Finish(ctx)
}

// readHow says where code comes from, for its messages and what a
// syntax error does.
type readHow struct {
	name   string // the file name positions carry
	what   string // the message prefix for syntax errors ("pipesh: line N: ")
	noExec bool   // -n: parse only
	top    bool   // the script itself (not source or eval)
	// a startup file: in an interactive shell Ctrl-C stops the command,
	// not the shell, and an error that abandons a line goes on with the
	// next (return still leaves the file)
	startup bool
}

// readRun parses the commands of src one complete command at a time
// and runs each, until the input ends, the shell exits, a command
// leaves the running code (return, break) or a syntax error stops it.
// It reports whether a syntax error stopped it (status 2 then, as in
// bash, except for an error inside [[ ]]).
func (r *Runner) readRun(ctx context.Context, src cmdread.LineSource, how readHow) (syntaxErr bool) {
	feed := cmdread.NewFeed(src, r.readAliases)
	for {
		stop := feed.Run(how.name, func(stmts []*syntax.Stmt) bool { return r.runRead(ctx, stmts, how) })
		switch {
		case stop.Retry:
			// the command rewritten, on a new parser
			continue
		case stop.BadSubst != "":
			// an error bash finds only when it expands the word (a
			// malformed parameter expansion): that line fails with
			// status 1 and reading goes on with the next, on a new parser
			r.line = stop.Line
			r.errorf("%s: bad substitution", stop.BadSubst)
			r.status = 1
			continue
		case stop.Err != nil:
			r.syntaxError(stop.Err, feed, how.what)
			if !stop.Cond {
				r.status = 2
			}
			return true
		}
		return false
	}
}

// runRead runs one complete command read by readRun; false: reading
// stops (the shell exits, or the command left the running code).
func (r *Runner) runRead(ctx context.Context, stmts []*syntax.Stmt, how readHow) bool {
	if how.noExec || r.opts[optNoExec] {
		return true
	}
	if how.top {
		r.runFile(ctx, &syntax.File{Name: how.name, Stmts: stmts})
		return r.flow.kind != flowExit
	}
	if how.startup && r.sh.interactive {
		r.guarded(ctx, func(ctx context.Context) { r.stmts(ctx, stmts) })
	} else {
		r.stmts(ctx, stmts)
	}
	if k := r.flow.kind; how.startup && (k == flowAbort || k == flowBreak || k == flowContinue) {
		r.flow = flow{}
	}
	return r.flow.kind == flowNone
}

// ParseRead parses a complete command line read at once (the REPL's),
// its aliases expanded as they are read.
func (r *Runner) ParseRead(src string) (*syntax.File, error) {
	if r.aliasesApply() {
		src = bashread.ExpandAliases(src, r.aliases)
	}
	return Parse(strings.NewReader(src), "")
}

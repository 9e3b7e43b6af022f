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
	"pipesh/parse"
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
		again, bad := r.readRunFeed(ctx, feed, how)
		if !again {
			return bad
		}
		// a bad substitution: go on with the next line, on a new parser
	}
}

// readRunFeed is readRun on one parser. again: the parser stopped at an
// error bash finds only when it expands the word (a malformed parameter
// expansion); that line fails with status 1 and reading goes on.
func (r *Runner) readRunFeed(ctx context.Context, feed *cmdread.Feed, how readHow) (again, syntaxErr bool) {
	p := syntax.NewParser(syntax.Variant(syntax.LangBash))
	feed.Restart()
	for stmts, err := range p.InteractiveSeq(feed) {
		if err != nil {
			stop := feed.Stopped(err, how.name)
			if stop.Retry {
				return true, false
			}
			if stop.BadSubst != "" {
				r.line = stop.Line
				r.errorf("%s: bad substitution", stop.BadSubst)
				r.status = 1
				return true, false
			}
			r.syntaxError(stop.Err, feed, how.what)
			if !stop.Cond {
				r.status = 2
			}
			return false, true
		}
		if p.Incomplete() {
			continue
		}
		if len(stmts) == 0 {
			feed.EndCommand()
			continue
		}
		for _, st := range stmts {
			if cerr := parse.Check(how.name, st); err == nil {
				err = cerr
			}
		}
		if err != nil {
			r.syntaxError(err, feed, how.what)
			r.status = 2
			return false, true
		}
		feed.EndCommand()
		if how.noExec || r.opts[optNoExec] {
			continue
		}
		for _, st := range stmts {
			feed.Fix(st)
		}
		if how.top {
			r.runFile(ctx, &syntax.File{Name: how.name, Stmts: stmts})
			if r.flow.kind == flowExit {
				return false, false
			}
			continue
		}
		if how.startup && r.sh.interactive {
			r.guarded(ctx, func(ctx context.Context) { r.stmts(ctx, stmts) })
		} else {
			r.stmts(ctx, stmts)
		}
		if k := r.flow.kind; how.startup && (k == flowAbort || k == flowBreak || k == flowContinue) {
			r.flow = flow{}
		}
		if r.flow.kind != flowNone {
			return false, false
		}
	}
	return false, false
}

// ParseRead parses a complete command line read at once (the REPL's),
// its aliases expanded as they are read.
func (r *Runner) ParseRead(src string) (*syntax.File, error) {
	if r.aliasesApply() {
		src = bashread.ExpandAliases(src, r.aliases)
	}
	return Parse(strings.NewReader(src), "")
}

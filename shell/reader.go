package shell

import (
	"context"
	"errors"
	"io"
	"pipesh/wordexp"
	"strings"

	"mvdan.cc/sh/v3/syntax"

	"pipesh/bashread"
	"pipesh/parse"
)

// How bash reads code: a script, a -c string, standard input, a sourced
// file, eval's string, a startup file all go through one reader that
// parses one complete command (a line's commands, or more lines while a
// compound command is open) and runs it before it reads the next. So a
// syntax error stops the input where it is, after what came before it
// ran; an alias defined by one command applies to the commands read
// after it, expanded as they are read (package bashread).

// lineSource hands out one line at a time, with its newline unless the
// input ended first.
type lineSource interface {
	readLine() (string, error)
}

// textLines is a lineSource over text in memory.
type textLines struct{ s string }

func (t *textLines) readLine() (string, error) {
	if t.s == "" {
		return "", io.EOF
	}
	line := t.s
	if i := strings.IndexByte(t.s, '\n'); i >= 0 {
		line = t.s[:i+1]
	}
	t.s = t.s[len(line):]
	return line, nil
}

// cmdFeed is what the parser reads: the lines of a lineSource, each
// with its aliases expanded (when they apply at the time it is read)
// and \r and ${x~} masked (cr.go, tildecase.go).
type cmdFeed struct {
	r       *Runner
	src     lineSource
	pad     int    // empty lines to hand out first (see readRun)
	pending string // text handed to the parser on its next Reads
	err     error
	lines   int    // lines read from src
	last    string // the last line read from src
	masked  bool   // something was masked: restore it after parsing
	// chunk is the command being read, as written, and chunkOut its
	// expansion so far: each line is expanded with the ones before it,
	// since an alias may leave a compound command open
	chunk, chunkOut string
	chunkState      bashread.LineState // where chunk starts
	// view is what the parser was given of the command being read; the
	// commands before it were dropBytes bytes and dropLines lines
	view                 strings.Builder
	dropBytes, dropLines int
	// retry is the command being read, rewritten for a parser that
	// rejected it (bashread.FixArith, bashread.DeferBadSubst), to read
	// again on a new parser; retries: how often that was done for this
	// command
	retry   string
	retries int
	// unclosed: the input ended inside a ${ on this line (0: it did not)
	unclosed int
}

func (f *cmdFeed) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	if f.pending == "" {
		if f.pad > 0 {
			f.pending = strings.Repeat("\n", f.pad)
			f.pad = 0
		} else {
			line, ok := f.nextLine()
			if !ok {
				return 0, f.err
			}
			f.pending = line
		}
		f.view.WriteString(f.pending)
	}
	n := copy(p, f.pending)
	f.pending = f.pending[n:]
	return n, nil
}

// nextLine reads the next line from src and returns it as the parser is
// to read it; false at the end of the input or an error (f.err).
func (f *cmdFeed) nextLine() (string, bool) {
	if f.err != nil {
		return "", false
	}
	line, err := f.src.readLine()
	if err != nil {
		f.err = err
		if line == "" {
			return "", false
		}
	}
	if !strings.HasSuffix(line, "\n") {
		// the parser hands over a line's commands at its newline: the
		// last line gets one
		line += "\n"
	}
	f.lines++
	f.last = line
	return f.expand(line), true
}

// expand turns a line as written into what the parser reads.
func (f *cmdFeed) expand(line string) string {
	out := line
	if f.r != nil && f.r.aliasesApply() {
		f.chunk += line
		exp, end, clean := bashread.ExpandAliasesFrom(f.chunk, f.r.aliases, f.chunkState)
		if rest, ok := strings.CutPrefix(exp, f.chunkOut); ok {
			out = rest
		} else {
			out = bashread.ExpandAliases(line, f.r.aliases)
		}
		f.chunkOut = exp
		if clean {
			// the next line starts a command afresh: it is expanded
			// alone, so a long compound command is scanned once
			f.chunk, f.chunkOut, f.chunkState = "", "", end
		}
	}
	masked := wordexp.MaskTildeCase(wordexp.MaskCR(out))
	if masked != out {
		f.masked = true
	}
	return masked
}

// endChunk is called when a complete command has been read.
func (f *cmdFeed) endChunk() {
	f.chunk, f.chunkOut, f.chunkState = "", "", bashread.LineState{}
	f.dropBytes += f.view.Len()
	f.dropLines += strings.Count(f.view.String(), "\n")
	f.view.Reset()
	f.retries, f.unclosed = 0, 0
}

// maxRetries bounds how often one command is rewritten and read again:
// each rewrite is of what a parser rejected on a line read since the last.
const maxRetries = 1000

// fixChunk prepares the command being read to be read again, rewritten
// as bash reads what the parser rejected ($(( )) that is not valid
// arithmetic, $(( that is a subshell in $( ), a ${...} that is an error
// only when expanded); false if there is nothing (more) to rewrite.
func (f *cmdFeed) fixChunk() bool {
	if f.retries >= maxRetries {
		return false
	}
	var fixed string
	var arith, subst bool
	for {
		var open int
		fixed, arith = bashread.FixArith(f.view.String())
		if fixed, subst, open = bashread.DeferBadSubst(fixed); open < 0 {
			break
		}
		// bash reads on for the } of a ${ (its text is checked when
		// it is expanded)
		line, ok := f.nextLine()
		if !ok {
			f.unclosed = f.dropLines + strings.Count(fixed[:open], "\n") + 1
			return false
		}
		f.view.WriteString(line)
	}
	if !arith && !subst || fixed == f.view.String() {
		return false
	}
	if subst {
		f.masked = true // the stand-ins go after parsing
	}
	// a new parser reads it at its lines: the lines before it, empty
	f.retry = strings.Repeat("\n", f.dropLines) + fixed
	return true
}

// aliasesApply reports whether aliases are expanded as code is read:
// always in an interactive shell, with shopt -s expand_aliases in others.
func (r *Runner) aliasesApply() bool {
	return len(r.aliases) > 0 && (r.shopts["expand_aliases"] || r.sh.interactive)
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
func (r *Runner) readRun(ctx context.Context, src lineSource, how readHow) (syntaxErr bool) {
	feed := &cmdFeed{r: r, src: src}
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
func (r *Runner) readRunFeed(ctx context.Context, feed *cmdFeed, how readHow) (again, syntaxErr bool) {
	p := syntax.NewParser(syntax.Variant(syntax.LangBash))
	// a new parser counts lines from 1: give it the lines already read as
	// empty ones, so positions and $LINENO go on from where they were
	feed.pad = feed.lines
	feed.view.Reset()
	retries := feed.retries
	feed.endChunk()
	feed.dropBytes, feed.dropLines = 0, 0
	if feed.retry != "" {
		feed.pad = 0
		feed.pending = feed.retry
		feed.view.WriteString(feed.retry)
		feed.retry, feed.retries = "", retries+1
	}
	for stmts, err := range p.InteractiveSeq(feed) {
		if err != nil {
			var pe syntax.ParseError
			if errors.As(err, &pe) && pe.Filename == "" {
				pe.Filename = how.name
				err = pe
			}
			if feed.fixChunk() {
				return true, false
			}
			if badSubstitution(err) {
				r.line = pe.Pos.Line()
				r.errorf("%s: bad substitution", expansionAt(feed.last, int(pe.Pos.Col())))
				r.status = 1
				return true, false
			}
			if feed.unclosed > 0 {
				// bash names the line the ${ is on
				err = syntax.ParseError{Filename: how.name, Pos: syntax.NewPos(0, uint(feed.unclosed), 1),
					Incomplete: true, Text: "reached EOF without closing quote `}`"}
			}
			r.syntaxError(err, feed, how.what)
			if !condSyntaxError(err) {
				r.status = 2
			}
			return false, true
		}
		if p.Incomplete() {
			continue
		}
		if len(stmts) == 0 {
			feed.endChunk()
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
		feed.endChunk()
		if how.noExec || r.opts[optNoExec] {
			continue
		}
		for _, st := range stmts {
			if feed.masked {
				bashread.RestoreBadSubst(st) // see bashread/badsubst.go
				wordexp.RestoreCR(st)        // see wordexp/cr.go
				wordexp.RestoreTildeText(st) // see wordexp/tildecase.go
			}
			wordexp.DecodeControlEscapes(st) // see wordexp/ansic.go
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

// expansionAt returns the ${...} of line around column col (1-based),
// for bash's "bad substitution" message.
func expansionAt(line string, col int) string {
	line = strings.TrimRight(line, "\n")
	col = min(max(col-1, 0), len(line))
	start := strings.LastIndex(line[:col], "${")
	if start < 0 {
		return strings.TrimSpace(line)
	}
	end := strings.IndexByte(line[start:], '}')
	if end < 0 {
		return line[start:]
	}
	return line[start : start+end+1]
}

// ParseRead parses a complete command line read at once (the REPL's),
// its aliases expanded as they are read.
func (r *Runner) ParseRead(src string) (*syntax.File, error) {
	if r.aliasesApply() {
		src = bashread.ExpandAliases(src, r.aliases)
	}
	return Parse(strings.NewReader(src), "")
}

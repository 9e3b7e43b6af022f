// Package cmdread reads shell code as bash does: one complete command at
// a time (a line's commands, or more lines while a compound command is
// open), so that the shell runs each before it reads the next. A script,
// a -c string, standard input, a sourced file, eval's string and a
// startup file are all read this way: a syntax error stops the input
// where it is, after what came before it ran, and an alias defined by
// one command applies to the commands read after it, expanded as they
// are read (package bashread). Running the commands is the shell's.
package cmdread

import (
	"errors"
	"strings"

	"mvdan.cc/sh/v3/syntax"

	"pipesh/bashread"
	"pipesh/parse"
	"pipesh/wordexp"
)

// Feed is what the parser reads: the lines of a LineSource, each with
// its aliases expanded (when they apply at the time it is read) and \r
// and ${x~} masked (package wordexp). One Feed serves the parsers that
// read one input in turn (see Run).
type Feed struct {
	// aliases returns the aliases that apply as a line is read (nil
	// when none do)
	aliases func() map[string]string
	src     LineSource
	pad     int    // empty lines to hand out first (see restart)
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

// NewFeed reads src. aliases is called as each line is read and returns
// the aliases to expand in it, or nil when none apply (bash expands
// them always in an interactive shell, with shopt -s expand_aliases in
// others); a nil aliases expands none.
func NewFeed(src LineSource, aliases func() map[string]string) *Feed {
	return &Feed{src: src, aliases: aliases}
}

// Read hands the parser the next of its text: a line at a time, so a
// parser that stops reads no further than the command it stopped in.
func (f *Feed) Read(p []byte) (int, error) {
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

// Run reads f on a new parser and calls run with each complete command
// read, its statements checked as bash checks them (package parse) and
// made what was written (fix), until run returns false, the input
// ends, or the parser stops at an error; it says why it stopped (the
// zero Stop when it was not an error). After a Stop that is not a
// syntax error (Retry, BadSubst) the caller goes on with another Run.
// name is the file name the input's positions carry.
func (f *Feed) Run(name string, run func(stmts []*syntax.Stmt) bool) Stop {
	p := syntax.NewParser(syntax.Variant(syntax.LangBash))
	f.restart()
	for stmts, err := range p.InteractiveSeq(f) {
		if err != nil {
			return f.stopped(err, name)
		}
		if p.Incomplete() {
			continue
		}
		if len(stmts) == 0 {
			f.endCommand()
			continue
		}
		for _, st := range stmts {
			if cerr := parse.Check(name, st); err == nil {
				err = cerr
			}
		}
		if err != nil {
			return Stop{Err: err} // bash's status 2, even in [[ ]]
		}
		f.endCommand()
		for _, st := range stmts {
			f.fix(st)
		}
		if !run(stmts) {
			break
		}
	}
	return Stop{}
}

// restart prepares f for a new parser, which counts lines from 1: it is
// given the lines already read as empty ones, so positions and $LINENO
// go on from where they were; or, after stopped said to retry, the
// command being read, rewritten.
func (f *Feed) restart() {
	f.pad = f.lines
	f.view.Reset()
	retries := f.retries
	f.endCommand()
	f.dropBytes, f.dropLines = 0, 0
	if f.retry != "" {
		f.pad = 0
		f.pending = f.retry
		f.view.WriteString(f.retry)
		f.retry, f.retries = "", retries+1
	}
}

// nextLine reads the next line from src and returns it as the parser is
// to read it; false at the end of the input or an error (f.err).
func (f *Feed) nextLine() (string, bool) {
	if f.err != nil {
		return "", false
	}
	line, err := f.src.ReadLine()
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
func (f *Feed) expand(line string) string {
	out := line
	var aliases map[string]string
	if f.aliases != nil {
		aliases = f.aliases()
	}
	if len(aliases) > 0 {
		f.chunk += line
		exp, end, clean := bashread.ExpandAliasesFrom(f.chunk, aliases, f.chunkState)
		if rest, ok := strings.CutPrefix(exp, f.chunkOut); ok {
			out = rest
		} else {
			out = bashread.ExpandAliases(line, aliases)
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

// endCommand is called when a complete command has been read (or an
// empty line).
func (f *Feed) endCommand() {
	f.chunk, f.chunkOut, f.chunkState = "", "", bashread.LineState{}
	f.dropBytes += f.view.Len()
	f.dropLines += strings.Count(f.view.String(), "\n")
	f.view.Reset()
	f.retries, f.unclosed = 0, 0
}

// fix makes a command the parser read what was written: what reading
// masked put back (bashread.RestoreBadSubst, wordexp.RestoreCR,
// wordexp.RestoreTildeText) and \cX in $'...' decoded as bash does.
// It is for the commands that are to run.
func (f *Feed) fix(st *syntax.Stmt) {
	if f.masked {
		bashread.RestoreBadSubst(st)
		wordexp.RestoreCR(st)
		wordexp.RestoreTildeText(st)
	}
	wordexp.DecodeControlEscapes(st)
}

// SyntaxReport is bash's report of err, a parse error in the command
// being read (bashread.SyntaxReport), after prefix.
func (f *Feed) SyntaxReport(err error, prefix string) string {
	return bashread.SyntaxReport(err, prefix, f.view.String(), f.dropBytes, f.dropLines)
}

// maxRetries bounds how often one command is rewritten and read again:
// each rewrite is of what a parser rejected on a line read since the last.
const maxRetries = 1000

// fixChunk prepares the command being read to be read again, rewritten
// as bash reads what the parser rejected ($(( )) that is not valid
// arithmetic, $(( that is a subshell in $( ), a ${...} that is an error
// only when expanded); false if there is nothing (more) to rewrite.
func (f *Feed) fixChunk() bool {
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

// Stop says why Run stopped: the zero Stop when the input ended or run
// said to stop, else what reading makes of the error the parser
// stopped at.
type Stop struct {
	// Retry: the command is to be read again, rewritten, on a new
	// parser (another Run)
	Retry bool
	// BadSubst is the ${...} of a malformed parameter expansion that
	// could not be kept for when it is expanded, where bash finds it:
	// that line fails with status 1 ("BadSubst: bad substitution", at
	// line Line) and reading goes on with the next (another Run)
	BadSubst string
	Line     uint
	// Err is the syntax error that stops the input otherwise, named by
	// the file name given to Run; Cond: it is inside [[ ]], where
	// bash stops reading but keeps the status of the last command run
	Err  error
	Cond bool
}

// stopped says what to do about err, the error a parser reading f
// stopped at; name is the file name the input's positions carry.
func (f *Feed) stopped(err error, name string) Stop {
	var pe syntax.ParseError
	if errors.As(err, &pe) && pe.Filename == "" {
		pe.Filename = name
		err = pe
	}
	if f.fixChunk() {
		return Stop{Retry: true}
	}
	if badSubstitution(err) {
		return Stop{BadSubst: expansionAt(f.last, int(pe.Pos.Col())), Line: pe.Pos.Line()}
	}
	if f.unclosed > 0 {
		// bash names the line the ${ is on
		err = syntax.ParseError{Filename: name, Pos: syntax.NewPos(0, uint(f.unclosed), 1),
			Incomplete: true, Text: "reached EOF without closing quote `}`"}
	}
	return Stop{Err: err, Cond: condSyntaxError(err)}
}

// badSubstitution reports whether a parse error is a malformed
// parameter expansion (${a&}, ${#x-y}).
func badSubstitution(err error) bool {
	var pe syntax.ParseError
	if !errors.As(err, &pe) {
		return false
	}
	return strings.Contains(pe.Text, "parameter expansion operator") || strings.Contains(pe.Text, "@ expansion operator")
}

// condSyntaxError reports whether a parse error is inside [[ ]]. bash
// reports those and stops reading as for any syntax error, but its exit
// status stays that of the last command run, not 2.
func condSyntaxError(err error) bool {
	var pe syntax.ParseError
	if !errors.As(err, &pe) {
		return false
	}
	return strings.Contains(pe.Text, "`[[`") || strings.Contains(pe.Text, "test operator")
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

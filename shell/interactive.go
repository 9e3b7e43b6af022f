package shell

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"slices"

	"mvdan.cc/sh/v3/expand"
	"mvdan.cc/sh/v3/syntax"

	"pipesh/errmsg"
	"pipesh/wordexp"
)

// What an interactive shell does besides reading lines: its startup
// file, PROMPT_COMMAND, the history builtin's view of the history, and
// exit's refusal while jobs are stopped.

// runStartupFile runs the startup file (~/.pipeshrc or --rcfile's) as
// bash runs ~/.bashrc: in the shell itself, after job control is set up
// and before the history is loaded (so that it may set HISTFILE,
// HISTSIZE, HISTCONTROL). It is read a command at a time, so the
// commands before a syntax error have run; errors are reported and the
// shell goes on. A missing file is skipped silently, as bash does.
// return leaves the file, as in a sourced one.
func (r *Runner) runStartupFile(ctx context.Context) {
	path := r.sh.rcfile
	if path == "" {
		return
	}
	data, err := os.ReadFile(r.abs(path))
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			r.warn(&errmsg.Error{What: path, Err: err})
		}
		return
	}
	r.runFileSeq(ctx, path, data)
}

// runFileSeq runs a startup file's text a command at a time, as bash
// reads its startup files: the commands before a syntax error have run,
// and the error sets $? to 2. return leaves the file, as in a sourced
// one.
func (r *Runner) runFileSeq(ctx context.Context, path string, data []byte) {
	r.funcDepth++
	defer func() { r.funcDepth-- }()
	p := syntax.NewParser(syntax.Variant(syntax.LangBash))
	for stmts, err := range p.InteractiveSeq(bytes.NewReader(data)) {
		if err != nil {
			var pe syntax.ParseError
			if errors.As(err, &pe) && pe.Filename == "" {
				pe.Filename = path
				err = pe
			}
			r.reportSyntax(err)
			r.status = 2
			return
		}
		if p.Incomplete() || len(stmts) == 0 {
			continue
		}
		for _, st := range stmts {
			wordexp.DecodeControlEscapes(st)
		}
		if r.sh.interactive {
			// Ctrl-C stops the command, not the shell
			r.guarded(ctx, func(ctx context.Context) { r.stmts(ctx, stmts) })
		} else {
			r.stmts(ctx, stmts)
		}
		switch r.flow.kind {
		case flowExit:
			return
		case flowReturn:
			r.flow = flow{}
			return
		case flowAbort, flowBreak, flowContinue:
			r.flow = flow{}
		}
	}
}

// promptCommand runs $PROMPT_COMMAND (each element, if it is an array,
// as bash 5.1 does) before a primary prompt. Like bash it leaves $? and
// PIPESTATUS as the last command line set them.
func (r *Runner) promptCommand(ctx context.Context) {
	vr := r.lookupVar("PROMPT_COMMAND")
	if !vr.IsSet() {
		return
	}
	cmds := []string{vr.String()}
	if vr.Kind == expand.Indexed {
		cmds = vr.List
	}
	status, pipeStatus := r.status, slices.Clone(r.pipeStatus)
	for _, src := range cmds {
		if src == "" {
			continue
		}
		f, err := Parse(bytes.NewReader([]byte(src)), "PROMPT_COMMAND")
		if err != nil {
			r.reportSyntax(err)
			continue
		}
		r.runCommand(ctx, f)
		if r.Exited() {
			return
		}
	}
	r.status, r.pipeStatus = status, pipeStatus
}

// HoldExit reports whether exit must refuse to end an interactive shell
// because jobs are stopped: the first exit is refused, one on the very
// next command line (or a Ctrl-D) goes through, as bash's exit does.
func (j jobAPI) HoldExit() bool {
	r := j.r
	if r.subshell || !r.sh.interactive || r.sh.exitHeld || !r.StoppedJobs() {
		return false
	}
	r.sh.exitHeld = true
	return true
}

// expandHistoryLine does history expansion on a line read at the prompt
// (after the lines of the same command in pending), as bash does with
// set -H: an expanded line is echoed on stderr; an error is reported,
// and the command is dropped; a :p modifier shows the line and records
// it in the history without running it (and gives it to save, the line
// editor's history, if there is one). run reports whether the command
// goes on.
func (r *Runner) expandHistoryLine(h *History, save func(string) error, pending, line string) (out string, run bool) {
	hc := r.lookupVar("histchars")
	chars := parseHistChars(hc.String())
	h.subst.quote = openQuote(pending)
	res, err := expandHistory(line, h.entries, h.base+1, chars, r.shopts["extglob"], &h.subst)
	if err != nil {
		r.warn(err)
		return "", false
	}
	if !res.changed {
		return line, true
	}
	r.writeErr(res.line + "\n")
	if res.printOnly {
		entry := pending + res.line
		if h.Add(entry) && save != nil {
			save(historyLine(entry))
		}
		return "", false
	}
	return res.line, true
}

package shell

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"runtime/debug"
	"slices"

	"mvdan.cc/sh/v3/expand"
	"mvdan.cc/sh/v3/syntax"

	"pipesh/builtins"
	"pipesh/cmdread"
	"pipesh/history"
)

// The interpreter's side of an interactive shell, for the REPL (package
// repl): startup files run a command at a time, PROMPT_COMMAND, a
// command line run so that Ctrl-C and panics stop only it, exit's
// refusal while jobs are stopped, and the history the builtins see.

// RunFileSeq runs a startup file's text a command at a time, as bash
// reads its startup files (~/.bashrc in the shell itself, after job
// control is set up): the commands before a syntax error have run, and
// the error (reported with path's name) sets $? to 2; other errors are
// reported and the shell goes on. return leaves the file, as in a
// sourced one.
func (r *Runner) RunFileSeq(ctx context.Context, path string, data []byte) {
	r.funcDepth++
	defer func() { r.funcDepth-- }()
	r.readRun(ctx, cmdread.NewText(string(data)), readHow{name: path, what: path + ": ", startup: true})
	if r.flow.kind != flowExit {
		r.flow = flow{}
	}
}

// PromptCommand runs $PROMPT_COMMAND (each element, if it is an array,
// as bash 5.1 does) before a primary prompt. Like bash it leaves $? and
// PIPESTATUS as the last command line set them.
func (r *Runner) PromptCommand(ctx context.Context) {
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

// refuseExit is bash's look at the jobs as an interactive shell is
// about to exit: with jobs stopped (or, with shopt checkjobs, running)
// the first exit is refused, saying why on w ("There are stopped
// jobs.", with checkjobs followed by the jobs as jobs lists them); one
// on the very next command line (or a Ctrl-D) goes through.
func (r *Runner) refuseExit(w io.Writer) bool {
	if r.subshell || !r.sh.interactive || r.sh.exitHeld {
		return false
	}
	if !r.jobs.HoldsExit(w, r.shopts["checkjobs"]) {
		return false
	}
	r.sh.exitHeld = true
	return true
}

// RefuseEOF reports whether Ctrl-D at the prompt must not end the shell
// because of its jobs, as exit's refusal (refuseExit), the reason
// written to w.
func (r *Runner) RefuseEOF(w io.Writer) bool { return r.refuseExit(w) }

// SyntaxError reports a syntax error in a command line read at the
// prompt, and sets $? to 2.
func (r *Runner) SyntaxError(err error) {
	r.reportSyntax(err)
	r.status = 2
}

// Interrupted sets $? as Ctrl-C at the prompt does: 130.
func (r *Runner) Interrupted() { r.status = 130 }

// SetLineEditor gives the shell the REPL's line editor for read -e
// (builtins.Fds.EditLine); nil for none. edit reads a line from the
// terminal, prompt shown and text ready to edit, and returns it without
// its newline.
func (r *Runner) SetLineEditor(edit func(prompt, text string) (string, error)) {
	r.sh.editLine = edit
}

// SetAfterProgram sets fn to run after each foreground program the
// interactive shell waits for while shopt checkwinsize is on, as bash
// checks the terminal's size then (the REPL updates COLUMNS and LINES
// there); nil for none.
func (r *Runner) SetAfterProgram(fn func()) { r.sh.afterProgram = fn }

// editLine is read -e's line editor: the REPL's, if it gave the shell
// one; ok is false otherwise.
func (r *Runner) editLine(prompt, text string) (line string, ok bool, err error) {
	if r.sh.editLine == nil {
		return "", false, nil
	}
	line, err = r.sh.editLine(prompt, text)
	return line, true, err
}

// SetHistory gives the shell the REPL's history, which the history and
// fc builtins (historyList), the prompt's \! and \# and child subshells see;
// nil for none.
func (r *Runner) SetHistory(h *history.History) { r.sh.hist = h }

// historyList returns the interactive shell's history for the history
// and fc builtins; a shell that keeps no history (not interactive) has an
// empty one that changes nothing, and a subshell changes a copy of its
// own, as in bash.
func (r *Runner) historyList() builtins.HistoryList {
	if r.sh.hist == nil || r.subshell {
		return r.sh.hist.Copy()
	}
	return r.sh.hist
}

// RunLine runs a command line read at the prompt, as runCommand does. An
// exit refused for stopped jobs (or Ctrl-D) lets the next command line's
// exit through, and only that one's.
func (r *Runner) RunLine(ctx context.Context, f *syntax.File) {
	held := r.sh.exitHeld
	r.runCommand(ctx, f)
	if held {
		r.sh.exitHeld = false
	}
}

// ForwardInterrupts makes Ctrl-C (SIGINT, which job control sends to
// the shell's own channel) cancel the command the shell is running
// itself, for as long as job control lasts.
func (r *Runner) ForwardInterrupts() {
	if intCh := r.sh.jobCtl().Interrupts(); intCh != nil {
		go func() {
			for range intCh {
				r.sh.interruptCommand()
			}
		}()
	}
}

// runCommand runs one command typed at the prompt. Ctrl-C (SIGINT to
// the shell while it runs something itself, or a foreground job killed
// by SIGINT) cancels it, as bash abandons the rest of the line; an
// internal error in one command is reported and the shell goes on.
func (r *Runner) runCommand(ctx context.Context, f *syntax.File) {
	r.guarded(ctx, func(ctx context.Context) { r.runFile(ctx, f) })
}

// guarded runs fn as runCommand runs a command line: Ctrl-C cancels it,
// a panic is reported, and the shell takes the terminal back.
func (r *Runner) guarded(ctx context.Context, fn func(ctx context.Context)) {
	cctx, cancel := context.WithCancel(ctx)
	jc := r.sh.jobCtl()
	jc.SetInterrupt(cancel)
	defer func() {
		jc.SetInterrupt(nil)
		if p := recover(); p != nil {
			r.warn(fmt.Errorf("internal error: %v\n%s", p, bytes.TrimSuffix(debug.Stack(), []byte("\n"))))
			r.status = 1
			r.flow = flow{}
		}
		if cctx.Err() != nil {
			if r.flow.kind == flowExit {
				r.flow = flow{}
			}
			r.status = 130
		}
		r.reclaimTerminal()
	}()
	fn(cctx)
}

// reclaimTerminal makes sure the shell owns the terminal after a
// command (a job may have ended without the shell seeing it hand the
// terminal back, as with exec failures).
func (r *Runner) reclaimTerminal() { r.sh.jobCtl().Reclaim() }

// Package repl is pipesh's interactive shell: the loop that reads
// command lines (from a terminal through a line editor, or plain lines
// from a file), the startup file, the history it keeps (package
// history) and expands, and Tab completion. It runs the lines with the
// interpreter, package shell, which knows nothing of it.
package repl

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"golang.org/x/sys/unix"
	"mvdan.cc/sh/v3/syntax"

	"pipesh/builtins"
	"pipesh/cmdread"
	"pipesh/errmsg"
	"pipesh/exec"
	"pipesh/history"
	"pipesh/shell"
)

// Options are what Run needs besides the shell.
type Options struct {
	// RCFile is the startup file run before the first prompt
	// (~/.pipeshrc, --rcfile's, or $ENV's in POSIX mode); "" for none.
	RCFile string
	// Profile, if set, runs a login shell's profiles in the shell, before
	// RCFile.
	Profile func(ctx context.Context)
}

// Run runs an interactive shell on r's stdio until exit or EOF and
// returns the exit status. On a terminal it edits lines with readline,
// keeps history and completes words, and runs jobs under job control;
// otherwise (pipesh -i < file) it reads plain lines, printing prompts.
func Run(ctx context.Context, r *shell.Runner, opts Options) int {
	s := &session{r: r, opts: opts}
	in, _ := r.State().Fd(0)
	if in == nil || !isTerminal(in) {
		return s.plain(ctx)
	}
	return s.tty(ctx, in)
}

func isTerminal(f *os.File) bool {
	_, err := unix.IoctlGetTermios(int(f.Fd()), unix.TCGETS)
	return err == nil
}

// session is one Run.
type session struct {
	r    *shell.Runner
	opts Options
	hist *history.History
	size *winsize // the terminal's, nil without one
}

// errWriter writes to the session's shell's stderr.
type errWriter struct{ s *session }

func (w errWriter) Write(p []byte) (int, error) {
	w.s.writeErr(string(p))
	return len(p), nil
}

// report writes err to the shell's stderr as pipesh's messages are
// worded (errmsg.Report).
func (s *session) report(err error) { errmsg.Report(errWriter{s}, err) }

// writeErr writes s to the shell's stderr.
func (s *session) writeErr(text string) {
	if f, _ := s.r.State().Fd(2); f != nil {
		f.WriteString(text)
	}
}

// start turns history and its expansion on, as bash does in interactive
// shells, runs the startup file (which may turn them off, and set
// HISTFILE, HISTSIZE, HISTCONTROL) and then loads the history. It
// reports false when the startup file exited.
func (s *session) start(ctx context.Context) bool {
	s.r.State().SetOption("histexpand", true)
	s.r.State().SetOption("history", true)
	if s.opts.Profile != nil {
		if s.opts.Profile(ctx); s.r.Exited() {
			return false
		}
	}
	if s.runStartupFile(ctx); s.r.Exited() {
		return false
	}
	s.hist = history.Open(histShell{s.r})
	s.r.SetHistory(s.hist)
	return true
}

// runStartupFile runs the startup file as bash runs ~/.bashrc: in the
// shell itself, after job control is set up and before the history is
// loaded, a command at a time (shell.Runner.RunFileSeq). A missing file
// is skipped silently, as bash does.
func (s *session) runStartupFile(ctx context.Context) {
	path := s.opts.RCFile
	if path == "" {
		return
	}
	abs := path
	if !filepath.IsAbs(abs) {
		abs = filepath.Join(s.r.State().Dir(), abs)
	}
	data, err := exec.ReadFile(abs)
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			s.report(&errmsg.Error{What: path, Err: err})
		}
		return
	}
	s.r.RunFileSeq(ctx, path, data)
}

// plain reads commands line by line from a non-terminal.
func (s *session) plain(ctx context.Context) int {
	r := s.r
	// never read past the line being run: the commands may read the
	// lines after it themselves (head -1), as with bash -i < file
	f, _ := r.State().Fd(0)
	in := cmdread.NewLineReader(f)
	if s.hist == nil { // not after tty's editor failed
		if !s.start(ctx) {
			return r.Finish(ctx)
		}
		defer r.SetHistory(nil)
	}
	var buf strings.Builder
	for {
		if buf.Len() == 0 {
			if r.PromptCommand(ctx); r.Exited() {
				break
			}
		}
		r.NotifyJobs()
		s.writeErr(r.Prompt(buf.Len() > 0))
		line, err := in.ReadLine()
		if text := strings.TrimSuffix(line, "\n"); r.State().Option("histexpand") && text != "" {
			expanded, run := s.expandLine(nil, buf.String(), text)
			if !run {
				buf.Reset()
				if err != nil {
					break
				}
				continue
			}
			line = expanded + line[len(text):]
		}
		buf.WriteString(line)
		if err != nil && buf.Len() == 0 {
			break
		}
		src := buf.String()
		if err == nil && continued(strings.TrimSuffix(line, "\n")) {
			continue
		}
		f, perr := r.ParseRead(src)
		if perr != nil && syntax.IsIncomplete(perr) && err == nil {
			continue
		}
		buf.Reset()
		s.record(nil, src)
		if perr != nil {
			r.SyntaxError(perr)
		} else {
			r.RunLine(ctx, f)
			s.hist.Ran()
		}
		if r.Exited() || err != nil {
			break
		}
	}
	s.hist.TrimFile()
	return r.Finish(ctx)
}

// continued reports whether line ends in an unquoted backslash, which
// asks for another line (the parser takes a final backslash-newline as
// complete).
func continued(line string) bool {
	n := len(line) - len(strings.TrimRight(line, `\`))
	return n%2 == 1
}

// tty is the interactive shell on a terminal.
func (s *session) tty(ctx context.Context, tty *os.File) int {
	r := s.r
	if !r.InitJobControl(tty) {
		s.report(errors.New("no job control in this shell"))
	}
	defer r.EndJobControl()
	r.ForwardInterrupts()
	if !s.start(ctx) {
		return r.Finish(ctx)
	}
	defer r.SetHistory(nil)
	errOut := io.Writer(os.Stderr)
	if f, _ := r.State().Fd(2); f != nil {
		errOut = f
	}
	s.size = &winsize{fd: int(tty.Fd())}
	_, entries, _ := s.hist.Entries()
	ed, err := newLineEditor(int(tty.Fd()), errOut, max(len(entries), 500))
	if err != nil {
		s.report(err)
		return s.plain(ctx)
	}
	return s.edit(ctx, ed)
}

// edit reads and runs command lines with ed until exit or EOF, then
// closes ed.
func (s *session) edit(ctx context.Context, ed Editor) int {
	r, hist := s.r, s.hist
	ed.SetCompleter(NewCompleter(ctx, r))
	r.SetLineEditor(readEditor(ed))
	defer r.SetLineEditor(nil)
	r.SetAfterProgram(func() { s.size.sync(r) })
	defer r.SetAfterProgram(nil)
	_, entries, _ := hist.Entries()
	ed.SetHistory(entries)
	hist.OnChange(ed.SetHistory)
	defer hist.OnChange(nil)
	var buf strings.Builder
	for {
		s.size.sync(r) // for PROMPT_COMMAND and the prompt too
		if buf.Len() == 0 {
			if r.PromptCommand(ctx); r.Exited() {
				break
			}
			r.NotifyJobs()
		}
		prompt := r.Prompt(buf.Len() > 0)
		if i := strings.LastIndexByte(prompt, '\n'); i >= 0 {
			// the editor measures the whole prompt as one line
			s.writeErr(prompt[:i+1])
			ed.SetPromptRows(prompt[:i+1])
			prompt = prompt[i+1:]
		}
		s.editModes(ed)
		line, err := ed.ReadLine(prompt, "")
		s.size.sync(r)
		if errors.Is(err, ErrInterrupt) {
			buf.Reset()
			r.Interrupted()
			continue
		}
		if err == io.EOF {
			if buf.Len() > 0 {
				buf.Reset()
				s.writeErr("\n")
				continue
			}
			if r.RefuseEOF(errWriter{s}) {
				continue
			}
			if login, _ := s.r.State().ShoptOption("login_shell"); login {
				s.writeErr("logout\n")
			} else {
				s.writeErr("exit\n")
			}
			break
		}
		if err != nil {
			break
		}
		if r.State().Option("histexpand") {
			var run bool
			if line, run = s.expandLine(ed, buf.String(), line); !run {
				buf.Reset()
				continue
			}
		}
		buf.WriteString(line)
		buf.WriteByte('\n')
		if continued(line) {
			continue
		}
		src := buf.String()
		f, perr := r.ParseRead(src)
		if perr != nil && syntax.IsIncomplete(perr) {
			continue
		}
		buf.Reset()
		s.record(ed, src)
		if perr != nil {
			r.SyntaxError(perr)
			continue
		}
		r.RunLine(ctx, f)
		hist.Ran() // HISTSIZE, HISTFILESIZE the command may have set
		if r.Exited() {
			break
		}
	}
	ed.Close()
	hist.TrimFile() // to HISTFILESIZE, as bash's is when it exits
	return r.Finish(ctx)
}

// editModes sets ed's keys from set -o vi (emacs otherwise, also when
// both are off) and its terminal from $TERM, for the next line read.
func (s *session) editModes(ed Editor) {
	ed.SetViMode(s.r.State().Option("vi"))
	ed.SetTerm(s.r.State().Var("TERM").String())
}

// readEditor is read -e's line editor: ed, one read at a time (a
// pipeline's stages may run read at once), Ctrl-C being
// builtins.ErrInterrupted.
func readEditor(ed Editor) func(prompt, text string) (string, error) {
	var mu sync.Mutex
	return func(prompt, text string) (string, error) {
		mu.Lock()
		defer mu.Unlock()
		line, err := ed.ReadLine(prompt, text)
		if errors.Is(err, ErrInterrupt) {
			err = builtins.ErrInterrupted
		}
		return line, err
	}
}

// record adds a command line to the history (and to ed's, if there is
// an editor), unless set +o history is in force: nothing is recorded
// then.
func (s *session) record(ed Editor, src string) {
	if !s.r.State().Option("history") {
		s.hist.Skip()
		return
	}
	entry := strings.TrimRight(src, "\n")
	if s.hist.Add(entry) && ed != nil {
		ed.AddHistory(history.OneLine(entry))
	}
}

// expandLine does history expansion on a line read at the prompt
// (after the lines of the same command in pending), as bash does with
// set -H: an expanded line is echoed on stderr; an error is reported,
// and the command is dropped; a :p modifier shows the line and records
// it in the history without running it (and in ed's, if there is an
// editor). run reports whether the command goes on.
func (s *session) expandLine(ed Editor, pending, line string) (out string, run bool) {
	res, err := s.hist.ExpandLine(pending, line)
	if err != nil {
		s.report(err)
		return "", false
	}
	if !res.Changed {
		return line, true
	}
	s.writeErr(res.Line + "\n")
	if res.PrintOnly {
		entry := pending + res.Line
		if s.hist.Add(entry) && ed != nil {
			ed.AddHistory(history.OneLine(entry))
		}
		return "", false
	}
	return res.Line, true
}

// histShell is the shell as the history sees it.
type histShell struct{ r *shell.Runner }

func (h histShell) Var(name string) (string, bool) {
	vr := h.r.State().Var(name)
	return vr.String(), vr.IsSet()
}

func (h histShell) SetVar(name, value string) { h.r.State().SetString(name, value) }

func (h histShell) Shopt(name string) bool {
	on, _ := h.r.State().ShoptOption(name)
	return on
}

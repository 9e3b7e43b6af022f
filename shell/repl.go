package shell

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"

	"github.com/chzyer/readline"
	"golang.org/x/sys/unix"
	"mvdan.cc/sh/v3/syntax"
)

// REPL runs an interactive shell on r's stdio until exit or EOF and
// returns the exit status. On a terminal it edits lines with readline,
// keeps history and completes words, and runs jobs under job control;
// otherwise (pipesh -i < file) it reads plain lines, printing prompts.
func REPL(ctx context.Context, r *Runner) int {
	in := r.fds.get(0)
	if in == nil || !isTerminal(in) {
		return plainREPL(ctx, r)
	}
	return ttyREPL(ctx, r, in)
}

func isTerminal(f *os.File) bool {
	_, err := unix.IoctlGetTermios(int(f.Fd()), unix.TCGETS)
	return err == nil
}

// plainREPL reads commands line by line from a non-terminal.
func plainREPL(ctx context.Context, r *Runner) int {
	// never read past the line being run: the commands may read the
	// lines after it themselves (head -1), as with bash -i < file
	in := newLineReader(r.fds.get(0))
	r.opts[optHistExpand], r.opts[optHistory] = true, true
	if r.runStartupFile(ctx); r.Exited() {
		return r.Finish(ctx)
	}
	hist := r.sh.hist
	if hist == nil {
		hist = r.OpenHistory()
		r.sh.hist = hist
		defer func() { r.sh.hist = nil }()
	}
	var buf strings.Builder
	for {
		if buf.Len() == 0 {
			if r.promptCommand(ctx); r.Exited() {
				break
			}
		}
		r.NotifyJobs()
		r.writeErr(r.Prompt(buf.Len() > 0))
		line, err := in.readLine()
		if text := strings.TrimSuffix(line, "\n"); r.opts[optHistExpand] && text != "" {
			expanded, run := r.expandHistoryLine(hist, nil, buf.String(), text)
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
		f, perr := Parse(strings.NewReader(src), "")
		if perr != nil && syntax.IsIncomplete(perr) && err == nil {
			continue
		}
		buf.Reset()
		if !r.opts[optHistory] {
			hist.current = false
		} else {
			hist.Add(strings.TrimRight(src, "\n"))
		}
		if perr != nil {
			r.reportSyntax(perr)
			r.status = 2
		} else {
			r.runCommand(ctx, f)
			hist.commands++
			hist.sync()
		}
		if r.Exited() || err != nil {
			break
		}
	}
	hist.trimFile()
	return r.Finish(ctx)
}

// continued reports whether line ends in an unquoted backslash, which
// asks for another line (the parser takes a final backslash-newline as
// complete).
func continued(line string) bool {
	n := len(line) - len(strings.TrimRight(line, `\`))
	return n%2 == 1
}

// ttyReader reads a terminal one byte at a time, so that readline never
// holds bytes typed for the next program (type-ahead stays in the
// terminal's queue).
type ttyReader struct{ fd int }

func (t ttyReader) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	for {
		n, err := unix.Read(t.fd, p[:1])
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return 0, err
		}
		if n == 0 {
			return 0, io.EOF
		}
		return n, nil
	}
}

func (ttyReader) Close() error { return nil }

// ttyREPL is the interactive shell on a terminal.
//
// chzyer/readline v1.5.1 is used with care: its Ctrl-Z (which signals the
// shell's parent) is turned into a bell through FuncFilterInputRune,
// which returns true, since returning false leaves a wake-up behind that
// makes readline read the next line typed to a program; it reads the
// terminal through ttyReader; and its history file is off (see History).
func ttyREPL(ctx context.Context, r *Runner, tty *os.File) int {
	fd := int(tty.Fd())
	if !r.InitJobControl(tty) {
		r.warn(errors.New("no job control in this shell"))
	}
	defer r.EndJobControl()
	if intCh := r.sh.jobCtl().Interrupts(); intCh != nil {
		go func() {
			for range intCh {
				r.sh.interruptCommand()
			}
		}()
	}
	// bash turns history and its expansion on in interactive shells;
	// the startup file may turn them off
	r.opts[optHistExpand], r.opts[optHistory] = true, true
	if r.runStartupFile(ctx); r.Exited() {
		return r.Finish(ctx)
	}
	hist := r.OpenHistory()
	r.sh.hist = hist
	defer func() { r.sh.hist = nil }()
	var raw *readline.State
	errOut := io.Writer(os.Stderr)
	if f := r.fds.get(2); f != nil {
		errOut = f
	}
	rl, err := readline.NewEx(&readline.Config{
		Prompt:                 r.Prompt(false),
		Stdin:                  ttyReader{fd},
		Stdout:                 errOut,
		Stderr:                 errOut,
		HistoryLimit:           max(len(hist.Entries()), 500),
		DisableAutoSaveHistory: true,
		AutoComplete:           NewCompleter(r),
		FuncFilterInputRune: func(c rune) (rune, bool) {
			if c == readline.CharCtrlZ {
				return readline.CharBell, true
			}
			return c, true
		},
		FuncIsTerminal: func() bool { return true },
		FuncMakeRaw: func() error {
			st, err := readline.MakeRaw(fd)
			raw = st
			return err
		},
		FuncExitRaw: func() error {
			if raw == nil {
				return nil
			}
			return readline.Restore(fd, raw)
		},
		FuncGetWidth: func() int {
			if w, _, err := readline.GetSize(fd); err == nil && w > 0 {
				return w
			}
			return 80
		},
	})
	if err != nil {
		r.warn(fmt.Errorf("readline: %w", err))
		return plainREPL(ctx, r)
	}
	for _, e := range hist.Entries() {
		rl.SaveHistory(historyLine(e))
	}
	hist.onReset = func(entries []string) {
		rl.ResetHistory()
		for _, e := range entries {
			rl.SaveHistory(historyLine(e))
		}
	}
	var buf strings.Builder
	for {
		if buf.Len() == 0 {
			if r.promptCommand(ctx); r.Exited() {
				break
			}
			r.NotifyJobs()
		}
		prompt := r.Prompt(buf.Len() > 0)
		if i := strings.LastIndexByte(prompt, '\n'); i >= 0 {
			// readline measures the whole prompt as one line
			r.writeErr(prompt[:i+1])
			prompt = prompt[i+1:]
		}
		rl.SetPrompt(prompt)
		line, err := rl.Readline()
		if errors.Is(err, readline.ErrInterrupt) {
			buf.Reset()
			r.status = 130
			continue
		}
		if err == io.EOF {
			if buf.Len() > 0 {
				buf.Reset()
				r.writeErr("\n")
				continue
			}
			if r.StoppedJobs() && !r.sh.exitHeld {
				r.writeErr("There are stopped jobs.\n")
				r.sh.exitHeld = true
				continue
			}
			r.writeErr("exit\n")
			break
		}
		if err != nil {
			break
		}
		if r.opts[optHistExpand] {
			var run bool
			if line, run = r.expandHistoryLine(hist, rl.SaveHistory, buf.String(), line); !run {
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
		f, perr := Parse(strings.NewReader(src), "")
		if perr != nil && syntax.IsIncomplete(perr) {
			continue
		}
		buf.Reset()
		entry := strings.TrimRight(src, "\n")
		if !r.opts[optHistory] { // set +o history: nothing is recorded
			hist.current = false
		} else if hist.Add(entry) {
			rl.SaveHistory(historyLine(entry))
		}
		if perr != nil {
			r.reportSyntax(perr)
			r.status = 2
			continue
		}
		// an exit refused for stopped jobs (or Ctrl-D) lets the next
		// command line's exit through, and only that one's
		held := r.sh.exitHeld
		r.runCommand(ctx, f)
		hist.commands++
		hist.sync() // HISTSIZE, HISTFILESIZE the command may have set
		if held {
			r.sh.exitHeld = false
		}
		if r.Exited() {
			break
		}
	}
	rl.Close()
	hist.trimFile() // to HISTFILESIZE, as bash's is when it exits
	return r.Finish(ctx)
}

// historyLine is how a command shows in readline's one-line history: a
// multi-line command is printed on one line when the printer can do so
// (not with here-documents), or kept as it is.
func historyLine(cmd string) string {
	if !strings.Contains(cmd, "\n") {
		return cmd
	}
	f, err := Parse(strings.NewReader(cmd), "")
	if err != nil {
		return cmd
	}
	hasHdoc := false
	syntax.Walk(f, func(n syntax.Node) bool {
		if rd, ok := n.(*syntax.Redirect); ok && rd.Hdoc != nil {
			hasHdoc = true
		}
		return !hasHdoc
	})
	if hasHdoc {
		return cmd
	}
	var sb strings.Builder
	if err := syntax.NewPrinter(syntax.SingleLine(true)).Print(&sb, f); err != nil {
		return cmd
	}
	return strings.TrimSpace(sb.String())
}

// runCommand runs one command typed at the prompt. Ctrl-C (SIGINT to
// the shell while it runs something itself, or a foreground job killed
// by SIGINT) cancels it, as bash abandons the rest of the line; an
// internal error in one command is reported and the shell goes on.
func (r *Runner) runCommand(ctx context.Context, f *syntax.File) {
	r.guarded(ctx, func(ctx context.Context) { r.RunFile(ctx, f) })
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

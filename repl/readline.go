package repl

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"sync/atomic"
	"time"

	"github.com/chzyer/readline"
	"golang.org/x/sys/unix"
)

// lineEditor is the Editor of a terminal: github.com/chzyer/readline
// v1.5.1, used with care. It reads the terminal through ttyReader and
// keyReader, which decodes the keys readline lacks or binds otherwise
// than bash (keys.go) and turns its Ctrl-Z (which would signal the
// shell's parent) into a bell; FuncFilterInputRune always returns true,
// since returning false leaves a wake-up behind that makes readline read
// the next line typed to a program; and its history file is off (the
// REPL keeps the history, package history).
type lineEditor struct {
	rl    *readline.Instance
	out   *frameWriter // the terminal
	keys  *lineKeys
	input *keyReader
	paste bool   // bracketed paste on (not on a dumb terminal)
	rows  string // the prompt's rows above the next line's (SetPromptRows)
}

// newLineEditor makes a readline editor on the terminal fd, writing to
// out; historyLimit is the length of its history list.
func newLineEditor(fd int, out io.Writer, historyLimit int) (*lineEditor, error) {
	var raw *readline.State
	width := func() int {
		if w, _, err := readline.GetSize(fd); err == nil && w > 0 {
			return w
		}
		return 80
	}
	// readline's redraws go through fw, which sends what changed
	fw := newFrameWriter(out, width)
	keys := &lineKeys{queue: &actionQueue{}, limit: historyLimit, asking: &atomic.Bool{}, out: fw, width: width}
	input := &keyReader{in: ttyReader{fd}, queue: keys.queue, asking: keys.asking}
	rl, err := readline.NewEx(&readline.Config{
		Stdin:                  input,
		Stdout:                 fw,
		Stderr:                 fw,
		HistoryLimit:           historyLimit,
		DisableAutoSaveHistory: true,
		FuncFilterInputRune:    keys.filter,
		Listener:               keys,
		FuncIsTerminal:         func() bool { return true },
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
		FuncGetWidth: width,
	})
	if err != nil {
		return nil, fmt.Errorf("readline: %w", err)
	}
	return &lineEditor{rl: rl, out: fw, keys: keys, input: input}, nil
}

func (e *lineEditor) ReadLine(prompt, text string) (string, error) {
	e.rl.SetPrompt(prompt)
	e.keys.setPrompt(prompt)
	rows := e.rows // for one line only
	e.rows = ""
	e.input.lineStart()
	e.input.preload(text)
	// what was written since the last line is not known to e.out
	e.out.reset()
	if cols := (readline.Runes{}).WidthAll((readline.Runes{}).ColorFilter([]rune(prompt))); cols > 0 && cols%e.keys.width() == 0 {
		// readline loops forever moving the cursor left after a prompt
		// whose width is a multiple of the screen's: the prompt goes
		// out here, the cursor to the row after it, and readline has
		// none (its redraws do not reach above the line's first row)
		io.WriteString(e.out, prompt+"\r\n")
		e.rl.SetPrompt("")
		e.keys.setPrompt("")
		rows += prompt + "\n"
	}
	e.keys.setPromptRows(rows)
	if e.paste {
		io.WriteString(e.out, pasteOn)
		defer io.WriteString(e.out, pasteOff)
	}
	line, err := e.rl.Readline()
	e.out.reset() // a clean with no print after it goes out now
	line = strings.ReplaceAll(line, string(pastedNewline), "\n")
	if errors.Is(err, readline.ErrInterrupt) {
		return line, ErrInterrupt
	}
	return line, err
}

func (e *lineEditor) SetPromptRows(rows string) { e.rows = rows }

func (e *lineEditor) SetCompleter(c Completer) {
	e.keys.mu.Lock()
	e.keys.comp = c
	e.keys.mu.Unlock()
}

func (e *lineEditor) SetViMode(on bool) {
	if on != e.rl.IsVimMode() {
		e.rl.SetVimMode(on)
	}
	e.input.setVi(on)
}

func (e *lineEditor) SetTerm(term string) {
	smart := term != "" && term != "dumb"
	e.paste = smart
	e.out.setDiffs(smart)
}

func (e *lineEditor) AddHistory(line string) {
	e.rl.SaveHistory(line)
	e.keys.addHistory(line)
}

func (e *lineEditor) SetHistory(lines []string) {
	e.keys.setHistory(lines)
	e.rl.ResetHistory()
	for _, l := range lines {
		e.rl.SaveHistory(l)
	}
}

func (e *lineEditor) Close() error { return e.rl.Close() }

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

// wait reports whether a byte can be read within d.
func (t ttyReader) wait(d time.Duration) bool {
	fds := []unix.PollFd{{Fd: int32(t.fd), Events: unix.POLLIN}}
	for {
		n, err := unix.Poll(fds, int(d.Milliseconds()))
		if err == unix.EINTR {
			continue
		}
		return err != nil || n > 0 // an error: let the read report it
	}
}

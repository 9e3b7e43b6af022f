package repl

import "errors"

// Editor is the line editor the REPL reads a terminal's command lines
// with. The REPL uses one through these methods only, so that another
// editor can take readline's place, and tests can fake one.
type Editor interface {
	// ReadLine shows prompt (one line: the REPL writes the rows of a
	// multi-line prompt before the last itself) with text ready to edit
	// after it, and returns the line typed, without its newline. Ctrl-C
	// gives ErrInterrupt, Ctrl-D on an empty line io.EOF.
	ReadLine(prompt, text string) (string, error)
	// SetPromptRows gives the rows of the prompt the REPL wrote above the
	// one it passes the next ReadLine (each with its newline), which the
	// editor writes again where it redraws the screen (Ctrl-L).
	SetPromptRows(rows string)
	// SetCompleter sets what Tab completes with; nil for nothing.
	SetCompleter(c Completer)
	// AddHistory appends a line to the editor's history (Up, Ctrl-R).
	AddHistory(line string)
	// SetHistory replaces the editor's history with lines, oldest first.
	SetHistory(lines []string)
	// SetViMode chooses the keys of the lines read from now on: vi's
	// (set -o vi) when on, emacs's otherwise.
	SetViMode(on bool)
	// SetTerm says what terminal the lines read from now on are edited
	// on: its type ($TERM). One that is dumb (or unnamed) gets neither
	// bracketed paste (the terminal asked to mark pasted text, which is
	// then inserted as text, newlines and tabs too) nor redraws of only
	// what changed, as GNU readline decides.
	SetTerm(term string)
	// Close gives the terminal back as it was.
	Close() error
}

// Completer completes the word before the cursor.
type Completer interface {
	// Complete returns the completions of the word that ends at pos
	// (an index in line, in runes); listing is set when they are asked
	// for to be listed (the second Tab), bash's COMP_TYPE 63.
	Complete(line []rune, pos int, listing bool) Completion
}

// Completion is what completing a word found: the candidates for the
// text from Start (in runes) to the cursor.
type Completion struct {
	Start int
	Cands []Candidate // in the order a listing shows them
}

// Candidate is one completion of a word.
type Candidate struct {
	Text    string // what replaces the word, quoted as the line needs
	Tail    string // added when it is the only one: " ", "/", a closing quote and " ", or ""
	Display string // what a listing shows ("" for Text)
}

// ErrInterrupt is what Editor.ReadLine returns for Ctrl-C.
var ErrInterrupt = errors.New("interrupt")

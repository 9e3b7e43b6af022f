package repl

import (
	"io"
	"slices"
	"sync"
	"sync/atomic"
	"unicode"

	"pipesh/history"
)

// lineKeys performs the actions keyReader queues, as readline's Listener
// (see keys.go), and keeps what they need: the undo list of the line
// being edited, where the last M-. insertion is, and the history lines
// M-. takes words from.
type lineKeys struct {
	queue *actionQueue
	limit int // how many history lines to keep

	mu      sync.Mutex
	history []string  // the editor's history, oldest first, limit at most
	current keyAction // the action of the bell readline is handling
	pasted  []rune    // the text of current, a paste
	vi      viCmd     // the command of current, a vi command
	// viRegister is what vi's d, c, x, y last took, for p and P
	viRegister []rune
	undo       []lineState
	last       lineState // the line as the last call left it
	inserts    int       // single characters typed in a row at the end of the last undo step
	yank       yankState

	// Tab completion (tabkeys.go)
	comp        Completer
	tabs        tabState
	asking      *atomic.Bool // shared with keyReader
	out         io.Writer    // the terminal, for bells and listings
	width       func() int   // the terminal's width
	promptWidth int          // the columns the prompt takes
	promptRows  string       // the prompt's rows above the line's, for C-l
}

// lineState is a line and its cursor.
type lineState struct {
	line []rune
	pos  int
}

// yankState is where the last M-. put its word, and from which history
// line (counted back from the newest, 1 for the previous line).
type yankState struct {
	active     bool
	start, end int
	back       int
}

// maxInsertGroup is how many characters typed in a row one undo takes
// back, as in GNU readline.
const maxInsertGroup = 20

// filter is readline's FuncFilterInputRune: a bell takes its action off
// the queue.
func (k *lineKeys) filter(r rune) (rune, bool) {
	if r == keyBell {
		a, text := k.queue.pop()
		var vi viCmd
		if a == actVi {
			vi = k.queue.popVi()
		}
		k.mu.Lock()
		k.current, k.pasted, k.vi = a, text, vi
		k.mu.Unlock()
	}
	return r, true
}

// setHistory replaces the lines M-. takes words from.
func (k *lineKeys) setHistory(lines []string) {
	k.mu.Lock()
	k.history = slices.Clone(lines)
	k.mu.Unlock()
}

func (k *lineKeys) addHistory(line string) {
	k.mu.Lock()
	k.history = append(k.history, line)
	if n := len(k.history) - k.limit; k.limit > 0 && n > 0 {
		k.history = slices.Delete(k.history, 0, n)
	}
	k.mu.Unlock()
}

// OnChange is readline's Listener: called with (nil, 0, 0) as a line
// starts, then after each key with the line and cursor as readline left
// them. It returns the line as the key's action leaves it when ok.
func (k *lineKeys) OnChange(line []rune, pos int, key rune) (newLine []rune, newPos int, ok bool) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if line == nil && pos == 0 && key == 0 {
		k.undo, k.last, k.inserts, k.yank, k.tabs = nil, lineState{}, 0, yankState{}, tabState{}
		return nil, 0, false
	}
	act := actNone
	if key == keyBell {
		act, k.current = k.current, actNone
	}
	if act != actYankLastArg {
		k.yank = yankState{}
	}
	switch act {
	case actComplete:
		next, redraw := k.tab(lineState{line, pos})
		if !redraw {
			return nil, 0, false
		}
		k.record(next)
		return slices.Clone(next.line), next.pos, true
	case actListYes, actListNo:
		k.answer(act, lineState{line, pos})
		return slices.Clone(line), pos, true
	case actListAgain:
		k.ring()
		return nil, 0, false
	case actClearScreen:
		k.clearScreen(lineState{line, pos})
		return slices.Clone(line), pos, true
	}
	if act != actNone || key != keyBell {
		k.tabs = tabState{}
	}
	cur := lineState{line, pos}
	if act == actNone {
		k.record(cur)
		return nil, 0, false
	}
	if act == actUndo {
		// a change of vi's command mode reaches no listener: noted now
		k.record(cur)
		if len(k.undo) == 0 {
			return nil, 0, false
		}
		prev := k.undo[len(k.undo)-1]
		k.undo = k.undo[:len(k.undo)-1]
		k.last, k.inserts = prev, 0
		return slices.Clone(prev.line), prev.pos, true
	}
	next := k.perform(act, cur)
	k.record(next)
	return slices.Clone(next.line), next.pos, true
}

// record notes the line as it now is: a change from the last state
// becomes an undo step, characters typed in a row (up to
// maxInsertGroup) one step together.
func (k *lineKeys) record(cur lineState) {
	prev := k.last
	k.last = lineState{slices.Clone(cur.line), cur.pos}
	if slices.Equal(prev.line, cur.line) {
		return
	}
	typed := len(cur.line) == len(prev.line)+1 && cur.pos == prev.pos+1 &&
		slices.Equal(cur.line[:prev.pos], prev.line[:prev.pos]) &&
		slices.Equal(cur.line[cur.pos:], prev.line[prev.pos:])
	if typed && k.inserts > 0 && k.inserts < maxInsertGroup {
		k.inserts++
		return
	}
	k.undo = append(k.undo, prev)
	k.inserts = 0
	if typed {
		k.inserts = 1
	}
}

// perform does an action other than undo.
func (k *lineKeys) perform(act keyAction, cur lineState) lineState {
	line, pos := cur.line, cur.pos
	switch act {
	case actForwardWord:
		return lineState{line, forwardWord(line, pos)}
	case actBackwardWord:
		return lineState{line, backwardWord(line, pos)}
	case actUpcaseWord, actDowncaseWord, actCapitalizeWord:
		return changeCase(act, line, pos)
	case actYankLastArg:
		return k.yankLastArg(line, pos)
	case actVi:
		return k.viDo(k.vi, cur)
	case actPaste:
		text := slices.Clone(k.pasted)
		k.pasted = nil
		for i, r := range text {
			if r == '\n' {
				text[i] = pastedNewline
			}
		}
		return lineState{slices.Concat(line[:pos], text, line[pos:]), pos + len(text)}
	}
	return cur
}

// isWordRune is readline's idea of a word character: a letter or digit.
func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// forwardWord is where M-f goes from pos: the end of the word at or
// after it.
func forwardWord(line []rune, pos int) int {
	for pos < len(line) && !isWordRune(line[pos]) {
		pos++
	}
	for pos < len(line) && isWordRune(line[pos]) {
		pos++
	}
	return pos
}

// backwardWord is where M-b goes from pos: the start of the word before
// it (or that it is in).
func backwardWord(line []rune, pos int) int {
	for pos > 0 && !isWordRune(line[pos-1]) {
		pos--
	}
	for pos > 0 && isWordRune(line[pos-1]) {
		pos--
	}
	return pos
}

// changeCase is M-u, M-l and M-c: the case of the text from the cursor
// to the end of the word changes, and the cursor goes to that end.
func changeCase(act keyAction, line []rune, pos int) lineState {
	end := forwardWord(line, pos)
	out := slices.Clone(line)
	inWord := false
	for i := pos; i < end; i++ {
		c := out[i]
		switch {
		case act == actUpcaseWord:
			out[i] = unicode.ToUpper(c)
		case act == actDowncaseWord:
			out[i] = unicode.ToLower(c)
		case !isWordRune(c):
			inWord = false
		case !inWord:
			out[i], inWord = unicode.ToUpper(c), true
		default:
			out[i] = unicode.ToLower(c)
		}
	}
	return lineState{out, end}
}

// yankLastArg is M-.: the last word of the previous history line is
// inserted at the cursor; typed again at once, it puts the last word of
// the line before that in its place, and so on back.
func (k *lineKeys) yankLastArg(line []rune, pos int) lineState {
	back := 1
	if k.yank.active {
		back = k.yank.back + 1
		line = slices.Concat(line[:k.yank.start], line[k.yank.end:])
		pos = k.yank.start
	}
	if back > len(k.history) {
		back = len(k.history) // the oldest again, as readline stays there
	}
	if back == 0 {
		return lineState{line, pos}
	}
	word := []rune(history.LastWord(k.history[len(k.history)-back]))
	out := slices.Concat(line[:pos], word, line[pos:])
	k.yank = yankState{active: true, start: pos, end: pos + len(word), back: back}
	return lineState{out, pos + len(word)}
}

package repl

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"
)

// Tab is decoded below readline (keys.go), as a bell carrying
// actComplete, so that completion works as GNU readline's does rather
// than as chzyer/readline's: the word is replaced (a completion may
// change what was typed, as COMPREPLY can), a sole match gets its space
// or slash, an ambiguous one the common prefix and a bell, and the Tab
// right after a Tab lists the candidates in columns, asking first when
// there are queryItems or more.

// queryItems is readline's completion-query-items default: from this
// many candidates on, a listing asks "Display all N possibilities?".
const queryItems = 100

// tabState is what the last key left for the next Tab.
type tabState struct {
	lastTab bool     // the last key was a Tab: the next one lists
	listing []string // what the question waits to list
}

// tab performs a Tab on cur. It returns the line as it becomes and
// whether the editor is to redraw it (false leaves the screen alone:
// nothing changed, or the question is waiting for its answer).
func (k *lineKeys) tab(cur lineState) (lineState, bool) {
	lastTab := k.tabs.lastTab
	k.tabs = tabState{}
	if k.comp == nil {
		k.ring()
		return cur, false
	}
	comp := k.comp.Complete(slices.Clone(cur.line), cur.pos, lastTab)
	if comp.Start < 0 || comp.Start > cur.pos {
		comp.Start = cur.pos
	}
	typed := string(cur.line[comp.Start:cur.pos])
	switch len(comp.Cands) {
	case 0:
		k.ring()
		return cur, false
	case 1:
		c := comp.Cands[0]
		return replaceWord(cur, comp.Start, c.Text+c.Tail), true
	}
	texts := make([]string, len(comp.Cands))
	for i, c := range comp.Cands {
		texts[i] = c.Text
	}
	if lcp := commonPrefix(texts); !lastTab && lcp != typed && len(lcp) >= len(typed) && lcp != "" {
		k.ring()
		k.tabs.lastTab = true // the next Tab lists, as in bash
		return replaceWord(cur, comp.Start, lcp), true
	}
	if !lastTab {
		k.ring()
		k.tabs.lastTab = true
		return cur, false
	}
	shown := make([]string, len(comp.Cands))
	for i, c := range comp.Cands {
		shown[i] = c.Display
		if shown[i] == "" {
			shown[i] = c.Text
		}
	}
	if len(shown) >= queryItems && k.asking != nil {
		k.tabs.listing = shown
		// asking before the question shows: the key that answers it
		// may be read as soon as it is seen
		k.asking.Store(true)
		fmt.Fprintf(k.out, "\r\nDisplay all %d possibilities? (y or n)", len(shown))
		return cur, false
	}
	k.list(shown, cur)
	k.tabs.lastTab = true
	return cur, true
}

// answer is the key answering "Display all N possibilities?".
func (k *lineKeys) answer(act keyAction, cur lineState) {
	shown := k.tabs.listing
	k.tabs = tabState{lastTab: true}
	if act == actListYes {
		k.list(shown, cur)
		return
	}
	io.WriteString(k.out, "\r\n")
	k.rowsBelow(cur)
}

// ring sounds the terminal's bell, as readline does when there is no
// completion or more than one.
func (k *lineKeys) ring() {
	if k.out != nil {
		io.WriteString(k.out, "\a")
	}
}

// list writes words below the line in columns, down each column first,
// as readline does; the editor then redraws the prompt and line below.
func (k *lineKeys) list(words []string, cur lineState) {
	if k.out == nil {
		return
	}
	width := 80
	if k.width != nil {
		width = k.width()
	}
	var b strings.Builder
	b.WriteString("\r\n")
	for _, row := range columns(words, width) {
		b.WriteString(row + "\r\n")
	}
	io.WriteString(k.out, b.String())
	k.rowsBelow(cur)
}

// rowsBelow writes the blank rows the editor's redraw climbs: it clears
// from the row the cursor was on up to the line's first, and the
// cursor is on a fresh row now.
func (k *lineKeys) rowsBelow(cur lineState) {
	width := 80
	if k.width != nil {
		width = k.width()
	}
	if width <= 0 {
		return
	}
	rows := (k.promptWidth + cur.pos) / width
	io.WriteString(k.out, strings.Repeat("\r\n", rows))
}

// columns lays words out as readline's listing does: each column as
// wide as the longest word and two spaces, as many columns as fit in
// width (at least one), filled top to bottom; every word but those of
// the last column is padded to the column's width.
func columns(words []string, width int) []string {
	longest := 0
	for _, w := range words {
		longest = max(longest, utf8.RuneCountInString(w))
	}
	colWidth := longest + 2
	cols := max(width/colWidth, 1)
	rows := (len(words) + cols - 1) / cols
	out := make([]string, rows)
	for r := range rows {
		var b strings.Builder
		for c := range cols {
			i := r + c*rows
			if i >= len(words) {
				break
			}
			w := words[i]
			b.WriteString(w)
			if c+1 < cols {
				b.WriteString(strings.Repeat(" ", colWidth-utf8.RuneCountInString(w)))
			}
		}
		out[r] = b.String()
	}
	return out
}

// replaceWord puts text in place of the line from start to the cursor.
func replaceWord(cur lineState, start int, text string) lineState {
	ins := []rune(text)
	line := slices.Concat(cur.line[:start], ins, cur.line[cur.pos:])
	return lineState{line, start + len(ins)}
}

// commonPrefix is the longest prefix all of words share, whole runes.
func commonPrefix(words []string) string {
	p := words[0]
	for _, w := range words[1:] {
		n := 0
		for n < len(p) && n < len(w) && p[n] == w[n] {
			n++
		}
		p = p[:n]
	}
	for !utf8.ValidString(p) {
		p = p[:len(p)-1]
	}
	return p
}

// setPromptRows notes the prompt's rows above the line's.
func (k *lineKeys) setPromptRows(rows string) {
	k.mu.Lock()
	k.promptRows = rows
	k.mu.Unlock()
}

// clearScreen is C-l: the screen cleared, the prompt's rows above the
// line written at its top, and the blank rows the editor's redraw of
// the line climbs (as GNU readline's clear-screen redraws the whole
// prompt, where readline v1.5.1's only its last row).
func (k *lineKeys) clearScreen(cur lineState) {
	if k.out == nil {
		return
	}
	io.WriteString(k.out, "\x1b[H\x1b[2J"+strings.ReplaceAll(k.promptRows, "\n", "\r\n"))
	k.rowsBelow(cur)
}

// setPrompt notes the width of the prompt a line starts after (escape
// sequences and readline's \001 \002 markers take no columns).
func (k *lineKeys) setPrompt(prompt string) {
	n, esc := 0, false
	for _, r := range prompt {
		switch {
		case esc:
			esc = !(r >= '@' && r <= '~' && r != '[')
		case r == 0x1b:
			esc = true
		case r < 0x20:
		default:
			n++
		}
	}
	k.mu.Lock()
	k.promptWidth = n
	k.mu.Unlock()
}

// Package bashread does what bash's reader does to shell code before it
// is parsed and what mvdan.cc/sh/v3/syntax does not: it expands aliases
// as a command is read (ExpandAliases), and words a parse error as bash
// reports it (SyntaxMessage). It imports none of pipesh's packages.
package bashread

import (
	"strings"

	"mvdan.cc/sh/v3/syntax"
)

// ExpandAliases returns src with every alias in command position
// replaced by its text, as bash's reader does before it parses a
// command: the first word of a simple command (after assignments and
// redirections, and after a reserved word that starts a list, like then
// or do), unquoted, is looked up; its text is read again in its place,
// where the alias itself is not expanded a second time, and an alias
// whose text ends in a blank makes the next word a candidate too. Words
// inside $(...), `...` and <(...) are read the same way; case patterns,
// for lists, [[ ]], (( )), here-document bodies and quoted text are
// left alone. src is one complete command (or the start of one): the
// text is rescanned as it grows, and the expansion of a prefix never
// depends on what follows it.
func ExpandAliases(src string, aliases map[string]string) string {
	out, _, _ := ExpandAliasesFrom(src, aliases, LineState{})
	return out
}

// LineState is where a line of a command being read starts, as far as
// aliases are concerned: at a command, or at a case pattern, and inside
// how many case commands. The zero LineState is a command's start.
type LineState struct {
	mode, cases int
}

// ExpandAliasesFrom is ExpandAliases of text that starts in state st.
// It also reports whether src ends at a line boundary with nothing open
// but case commands (no quote, substitution, here-document or alias),
// and then the state the next line starts in: that line expands the same
// alone from that state as after src, so a reader need not scan src
// again.
func ExpandAliasesFrom(src string, aliases map[string]string, st LineState) (out string, end LineState, clean bool) {
	if len(aliases) == 0 {
		return src, st, strings.HasSuffix(src, "\n")
	}
	sc := &aliasScan{s: src, aliases: aliases, nextAt: -1, topNewline: -1, start: st}
	sc.list(0)
	return sc.s, sc.end, sc.topNewline == len(sc.s)
}

// aliasScan is ExpandAliases' state: the text as rewritten so far and
// the position in it.
type aliasScan struct {
	s       string
	i       int
	aliases map[string]string
	// active holds the aliases whose text is being read, with where
	// their text ends: an alias is not expanded inside its own text
	active []activeAlias
	// nextAt is where a word that follows an alias ending in a blank
	// may start (-1: none)
	nextAt int
	hdocs  []hdocDelim // here-documents whose bodies start at the next newline
	// topNewline is where the last newline at the top level left the
	// scan with nothing open but case commands (-1: none), and end the
	// state there; start is the state the text starts in
	topNewline int
	start, end LineState
}

type activeAlias struct {
	name string
	end  int
}

type hdocDelim struct {
	word string
	tabs bool // <<-: leading tabs are stripped before comparing
}

// list modes: what the next word is
const (
	wordCmd     = iota // the start of a command
	wordArg            // an argument
	wordCaseIn         // after case WORD: in
	wordPattern        // a case pattern
	wordForList        // the name or words of for/select, up to ; or newline
	wordFuncNam        // the name after function
)

// list scans commands until the end of the text or, at depth > 0, the )
// that closes a $( or <(, which it consumes.
func (sc *aliasScan) list(depth int) {
	mode := wordCmd
	var cases int // case commands open (their patterns end in ))
	if depth == 0 {
		mode, cases = sc.start.mode, sc.start.cases
	}
	redirTarget := false
	for sc.i < len(sc.s) {
		sc.popActive()
		c := sc.s[sc.i]
		switch {
		case c == ' ' || c == '\t':
			sc.i++
		case c == '\\' && sc.i+1 < len(sc.s) && sc.s[sc.i+1] == '\n':
			sc.i += 2
		case c == '\n':
			sc.i++
			sc.skipHeredocs()
			if mode != wordCaseIn && mode != wordPattern {
				mode = wordCmd
			}
			sc.popActive()
			if depth == 0 && (mode == wordCmd || mode == wordPattern) && len(sc.active) == 0 && sc.nextAt < 0 && len(sc.hdocs) == 0 {
				sc.topNewline, sc.end = sc.i, LineState{mode: mode, cases: cases}
			}
		case c == '#':
			for sc.i < len(sc.s) && sc.s[sc.i] != '\n' {
				sc.i++
			}
		case c == ';' || c == '&' || c == '|':
			op := sc.operator()
			switch {
			case op == ";;" || op == ";&" || op == ";;&":
				mode = wordPattern
			case op == ">" || op == ">>" || op == "&>" || op == "&>>" || op == ">&" || op == ">|":
				redirTarget = true
			default:
				if mode == wordForList && op != ";" {
					break
				}
				mode = wordCmd
			}
		case c == '<' || c == '>':
			op := sc.operator()
			if (op == "<" || op == ">") && sc.i < len(sc.s) && sc.s[sc.i] == '(' {
				sc.i++
				sc.list(depth + 1) // process substitution
				if mode == wordCmd {
					mode = wordArg
				}
				continue
			}
			if op == "<<" || op == "<<-" {
				sc.heredocWord(op == "<<-")
				continue
			}
			redirTarget = true
		case c == '(':
			sc.i++
			if mode == wordPattern {
				continue // case (pattern)
			}
			if mode == wordForList && sc.i < len(sc.s) && sc.s[sc.i] == '(' {
				sc.i++
				sc.skipParens(2) // for (( ... ))
				continue
			}
			if sc.i < len(sc.s) && sc.s[sc.i] == '(' && mode == wordCmd {
				sc.i++
				sc.skipParens(2) // (( arithmetic ))
				mode = wordArg
				continue
			}
			if mode == wordArg {
				// name ( ): a function's body follows
				for sc.i < len(sc.s) && (sc.s[sc.i] == ' ' || sc.s[sc.i] == '\t') {
					sc.i++
				}
				if sc.i < len(sc.s) && sc.s[sc.i] == ')' {
					sc.i++
				}
			}
			mode = wordCmd
		case c == ')':
			sc.i++
			if mode == wordPattern {
				mode = wordCmd
				continue
			}
			if depth > 0 && cases == 0 {
				return
			}
			mode = wordArg
		default:
			start := sc.i
			word, plain := sc.word()
			if redirTarget {
				redirTarget = false
				continue
			}
			if plain && sc.i < len(sc.s) && (sc.s[sc.i] == '<' || sc.s[sc.i] == '>') && strings.Trim(word, "0123456789") == "" {
				continue // the fd of a redirection (2>f)
			}
			// the first word where an alias ending in a blank ends
			candidate := sc.nextAt >= 0 && start >= sc.nextAt
			if candidate {
				sc.nextAt = -1
			}
			switch mode {
			case wordPattern:
				if plain && word == "esac" {
					cases--
					mode = wordArg
				}
				continue
			case wordCaseIn:
				if plain && word == "in" {
					mode = wordPattern
				}
				continue
			case wordForList:
				if plain && word == "do" {
					mode = wordCmd
				}
				continue
			case wordFuncNam:
				mode = wordCmd
				continue
			case wordArg:
				if plain && candidate {
					sc.expand(start, word)
				}
				continue
			}
			if !plain {
				mode = wordArg
				if isAssignText(word) {
					mode = wordCmd
				}
				continue
			}
			switch word {
			case "if", "then", "else", "elif", "do", "while", "until", "!", "{", "time", "coproc":
				continue
			case "}", "fi", "done", "esac":
				if word == "esac" {
					cases--
				}
				mode = wordArg
				continue
			case "case":
				cases++
				sc.skipBlanks()
				sc.word() // its subject
				mode = wordCaseIn
				continue
			case "for", "select":
				mode = wordForList
				continue
			case "function":
				mode = wordFuncNam
				continue
			case "[[":
				sc.skipCond()
				mode = wordArg
				continue
			}
			if isAssignText(word) {
				if strings.HasSuffix(word, "=") && sc.i < len(sc.s) && sc.s[sc.i] == '(' {
					sc.i++
					sc.skipParens(1) // an array's words
				}
				continue
			}
			if sc.expand(start, word) {
				continue
			}
			mode = wordArg
		}
	}
}

// expand replaces the word at start, if it names an alias not being
// expanded already, by the alias's text, to be read from start again.
func (sc *aliasScan) expand(start int, word string) bool {
	val, ok := sc.aliases[word]
	if !ok {
		return false
	}
	for _, a := range sc.active {
		if a.name == word {
			return false
		}
	}
	delta := len(val) - len(word)
	for k := range sc.active {
		sc.active[k].end += delta
	}
	sc.s = sc.s[:start] + val + sc.s[sc.i:]
	sc.active = append(sc.active, activeAlias{name: word, end: start + len(val)})
	sc.nextAt = -1
	if strings.HasSuffix(val, " ") || strings.HasSuffix(val, "\t") {
		sc.nextAt = start + len(val)
	}
	sc.i = start
	return true
}

// popActive ends the aliases whose text has been read.
func (sc *aliasScan) popActive() {
	for len(sc.active) > 0 && sc.i >= sc.active[len(sc.active)-1].end {
		sc.active = sc.active[:len(sc.active)-1]
	}
}

// operator consumes a run of operator characters as the shell's lexer
// would take one operator.
func (sc *aliasScan) operator() string {
	for _, op := range []string{";;&", "&>>", "<<<", "<<-", ";;", ";&", "&&", "||", "|&", "&>", ">>", "<<", "<&", ">&", "<>", ">|", ";", "&", "|", "<", ">"} {
		if strings.HasPrefix(sc.s[sc.i:], op) {
			sc.i += len(op)
			return op
		}
	}
	sc.i++
	return sc.s[sc.i-1 : sc.i]
}

// word consumes one word and returns its text and whether it is plain:
// no quotes, no expansions, no escapes (only such a word can be an
// alias or a reserved word).
func (sc *aliasScan) word() (string, bool) {
	start := sc.i
	plain := true
	for sc.i < len(sc.s) {
		c := sc.s[sc.i]
		switch c {
		case ' ', '\t', '\n', ';', '&', '|', '<', '>', ')':
			return sc.s[start:sc.i], plain
		case '(':
			if sc.i > start && strings.IndexByte("@!?*+", sc.s[sc.i-1]) >= 0 {
				// an extglob group
				sc.i++
				sc.skipParens(1)
				plain = false
				continue
			}
			if sc.i > start && sc.s[sc.i-1] == '=' {
				// an array assignment's words: for the caller
				return sc.s[start:sc.i], plain
			}
			return sc.s[start:sc.i], plain
		case '\\':
			sc.i += 2
			plain = false
		case '\'':
			sc.i++
			sc.skipTo('\'')
			plain = false
		case '"':
			sc.i++
			sc.dquote()
			plain = false
		case '`':
			sc.i++
			sc.backquote()
			plain = false
		case '$':
			sc.dollar()
			plain = false
		default:
			sc.i++
		}
	}
	sc.i = min(sc.i, len(sc.s))
	return sc.s[start:sc.i], plain
}

// skipBlanks moves past spaces and tabs.
func (sc *aliasScan) skipBlanks() {
	for sc.i < len(sc.s) && (sc.s[sc.i] == ' ' || sc.s[sc.i] == '\t') {
		sc.i++
	}
}

// skipTo moves past the next c.
func (sc *aliasScan) skipTo(c byte) {
	if j := strings.IndexByte(sc.s[sc.i:], c); j >= 0 {
		sc.i += j + 1
	} else {
		sc.i = len(sc.s)
	}
}

// dquote reads the rest of a "..." string.
func (sc *aliasScan) dquote() {
	for sc.i < len(sc.s) {
		switch sc.s[sc.i] {
		case '\\':
			sc.i += 2
		case '"':
			sc.i++
			return
		case '`':
			sc.i++
			sc.backquote()
		case '$':
			sc.dollar()
		default:
			sc.i++
		}
	}
	sc.i = min(sc.i, len(sc.s))
}

// dollar reads an expansion starting at $: $(...) is read as commands,
// $((...)), ${...}, $'...' are skipped.
func (sc *aliasScan) dollar() {
	sc.i++
	if sc.i >= len(sc.s) {
		return
	}
	switch sc.s[sc.i] {
	case '(':
		sc.i++
		if sc.i < len(sc.s) && sc.s[sc.i] == '(' {
			sc.i++
			sc.skipParens(2)
			return
		}
		sc.list(1)
	case '{':
		sc.i++
		sc.skipBraces()
	case '\'':
		sc.i++
		for sc.i < len(sc.s) && sc.s[sc.i] != '\'' {
			if sc.s[sc.i] == '\\' {
				sc.i++
			}
			sc.i++
		}
		sc.i = min(sc.i+1, len(sc.s))
	case '"':
		sc.i++
		sc.dquote()
	}
}

// backquote reads the rest of a `...` substitution, whose text is read
// as commands of its own.
func (sc *aliasScan) backquote() {
	start := sc.i
	for sc.i < len(sc.s) && sc.s[sc.i] != '`' {
		if sc.s[sc.i] == '\\' {
			sc.i++
		}
		sc.i++
	}
	end := min(sc.i, len(sc.s))
	inner := ExpandAliases(sc.s[start:end], sc.aliases)
	if inner != sc.s[start:end] {
		delta := len(inner) - (end - start)
		for k := range sc.active {
			sc.active[k].end += delta
		}
		sc.s = sc.s[:start] + inner + sc.s[end:]
		end += delta
	}
	sc.i = min(end+1, len(sc.s))
}

// skipBraces skips to the } that closes a ${.
func (sc *aliasScan) skipBraces() {
	for sc.i < len(sc.s) {
		switch sc.s[sc.i] {
		case '\\':
			sc.i += 2
		case '\'':
			sc.i++
			sc.skipTo('\'')
		case '"':
			sc.i++
			sc.dquote()
		case '$':
			sc.dollar()
		case '}':
			sc.i++
			return
		default:
			sc.i++
		}
	}
	sc.i = min(sc.i, len(sc.s))
}

// skipParens skips to where open parentheses are closed, across quotes.
func (sc *aliasScan) skipParens(open int) {
	for sc.i < len(sc.s) && open > 0 {
		switch sc.s[sc.i] {
		case '\\':
			sc.i += 2
			continue
		case '\'':
			sc.i++
			sc.skipTo('\'')
			continue
		case '"':
			sc.i++
			sc.dquote()
			continue
		case '$':
			sc.dollar()
			continue
		case '(':
			open++
		case ')':
			open--
		}
		sc.i++
	}
	sc.i = min(sc.i, len(sc.s))
}

// skipCond skips the words of [[ ... ]].
func (sc *aliasScan) skipCond() {
	for sc.i < len(sc.s) {
		c := sc.s[sc.i]
		if c == ' ' || c == '\t' || c == '\n' {
			sc.i++
			continue
		}
		if strings.IndexByte(";&|<>()", c) >= 0 {
			sc.i++
			continue
		}
		if w, plain := sc.word(); plain && w == "]]" {
			return
		}
	}
}

// heredocWord reads a here-document's delimiter; its body is skipped at
// the end of the line.
func (sc *aliasScan) heredocWord(tabs bool) {
	sc.skipBlanks()
	w, _ := sc.word()
	w = strings.NewReplacer(`"`, "", `'`, "", `\`, "").Replace(w)
	sc.hdocs = append(sc.hdocs, hdocDelim{word: w, tabs: tabs})
}

// skipHeredocs skips the bodies of the here-documents of the line just
// ended.
func (sc *aliasScan) skipHeredocs() {
	for k, h := range sc.hdocs {
		found := false
		for sc.i < len(sc.s) && !found {
			end := strings.IndexByte(sc.s[sc.i:], '\n')
			line := sc.s[sc.i:]
			if end >= 0 {
				line = sc.s[sc.i : sc.i+end]
				sc.i += end + 1
			} else {
				sc.i = len(sc.s)
			}
			if h.tabs {
				line = strings.TrimLeft(line, "\t")
			}
			found = line == h.word
		}
		if !found {
			// the text ends inside this body: it stays open
			sc.hdocs = sc.hdocs[k:]
			return
		}
	}
	sc.hdocs = sc.hdocs[:0]
}

// isAssignText reports whether w is NAME=..., NAME+=... or NAME[...]=...
func isAssignText(w string) bool {
	eq := strings.IndexByte(w, '=')
	if eq <= 0 {
		return false
	}
	name := strings.TrimSuffix(w[:eq], "+")
	if i := strings.IndexByte(name, '['); i > 0 && strings.HasSuffix(name, "]") {
		name = name[:i]
	}
	return syntax.ValidName(name)
}

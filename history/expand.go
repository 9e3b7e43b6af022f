package history

import (
	"fmt"
	"strconv"
	"strings"
)

// History expansion as bash's history library does it on each line read
// at an interactive prompt (set -H): !-references to earlier commands
// (event designators), to some of their words (word designators), edited
// by modifiers, and the quick substitution ^old^new^.

// histChars are the three characters of $histchars: the history
// expansion character (!), the quick substitution character (^) and the
// comment character (#) after which a line is not expanded.
type histChars struct{ exp, sub, comment byte }

var defaultHistChars = histChars{'!', '^', '#'}

// parseHistChars reads $histchars as bash does: its first, second and
// third characters, as far as there are any, replace the defaults; an
// unset or empty value leaves them all.
func parseHistChars(v string) histChars {
	c := defaultHistChars
	if len(v) > 0 {
		c.exp = v[0]
	}
	if len(v) > 1 {
		c.sub = v[1]
	}
	if len(v) > 2 {
		c.comment = v[2]
	}
	return c
}

// histState is what expansion carries from line to line: the last :s
// substitution (for :& and an empty old string), the last !?string?
// searched for, and the quote that the line to expand starts inside (a
// continued command's earlier lines left it open): in single quotes, !
// is literal up to the closing one.
type histState struct {
	old, new string
	search   string
	quote    byte // 0, '\'' or '"'
}

// openQuote returns the quote that src leaves open at its end ('\”,
// '"' or 0), skipping backslash escapes and comments as the shell would.
func openQuote(src string) byte {
	var q byte
	for i := 0; i < len(src); i++ {
		c := src[i]
		switch {
		case q == '\'':
			if c == '\'' {
				q = 0
			}
		case c == '\\':
			i++
		case q == '"':
			if c == '"' {
				q = 0
			}
		case c == '\'' || c == '"':
			q = c
		case c == '#' && (i == 0 || isHistDelim(src[i-1])):
			for i < len(src) && src[i] != '\n' {
				i++
			}
		}
	}
	return q
}

// Expansion is the result of expanding one line.
type Expansion struct {
	Line      string // the line with its references expanded
	Changed   bool   // some reference was expanded (the line is echoed)
	PrintOnly bool   // a :p modifier: show and record, do not run
}

// ExpandLine does history expansion on a line read at the prompt, after
// the lines of the same command in pending (a quote they leave open
// goes on in line), with $histchars and shopt extglob as they are now.
// An error is the message bash prints, without the shell's name: the
// command must then be dropped.
func (h *History) ExpandLine(pending, line string) (Expansion, error) {
	h.subst.quote = openQuote(pending)
	return h.expand(line)
}

// expand expands line against the list.
func (h *History) expand(line string) (Expansion, error) {
	hc, _ := h.sh.Var("histchars")
	return expandHistory(line, h.entries, h.base+1, parseHistChars(hc), h.sh.Shopt("extglob"), &h.subst)
}

// histExpander expands references against a history list.
type histExpander struct {
	hist    []string // oldest first
	first   int      // the history number of hist[0]
	chars   histChars
	extglob bool // !( stays literal, as the start of an extglob pattern
	subst   *histState
}

// expandHistory expands the history references in line against hist
// (oldest first, hist[0] numbered first). st carries the previous
// substitution between calls; it may be nil. The error, when there is
// one, is the message bash prints (without the shell's name): the line
// must then not be run.
func expandHistory(line string, hist []string, first int, chars histChars, extglob bool, st *histState) (Expansion, error) {
	if st == nil {
		st = &histState{}
	}
	x := &histExpander{hist: hist, first: first, chars: chars, extglob: extglob, subst: st}
	return x.expand(line)
}

func (x *histExpander) expand(line string) (Expansion, error) {
	var res Expansion
	if x.chars.exp == 0 {
		res.Line = line
		return res, nil
	}
	if x.chars.sub != 0 && x.subst.quote == 0 && len(line) > 0 && line[0] == x.chars.sub {
		// ^old^new^ is !!:s^old^new^
		line = string([]byte{x.chars.exp, x.chars.exp}) + ":s" + line
	}
	var out strings.Builder
	dq := x.subst.quote == '"'
	i := 0
	if x.subst.quote == '\'' {
		// the rest of a single-quoted string begun on an earlier line
		end := strings.IndexByte(line, '\'')
		if end < 0 {
			end = len(line) - 1
		}
		out.WriteString(line[:end+1])
		i = end + 1
	}
	for i < len(line) {
		c := line[i]
		switch {
		case c == '\\' && i+1 < len(line):
			out.WriteString(line[i : i+2])
			i += 2
			continue
		case c == '\'' && !dq:
			end := strings.IndexByte(line[i+1:], '\'')
			if end < 0 {
				out.WriteString(line[i:])
				i = len(line)
			} else {
				out.WriteString(line[i : i+end+2])
				i += end + 2
			}
			continue
		case c == '"':
			dq = !dq
		case c == x.chars.comment && !dq && (i == 0 || isHistDelim(line[i-1])):
			out.WriteString(line[i:])
			i = len(line)
			continue
		case c == x.chars.exp && !x.literal(line, i, dq):
			text, j, p, err := x.reference(line, i, out.String(), dq)
			if err != nil {
				return Expansion{}, err
			}
			out.WriteString(text)
			res.Changed = true
			res.PrintOnly = res.PrintOnly || p
			i = j
			continue
		}
		out.WriteByte(c)
		i++
	}
	res.Line = out.String()
	return res, nil
}

// literal reports whether the expansion character at line[i] stands for
// itself: before a blank, =, the end of the line, a closing double quote,
// ( with extglob on, and where the shell uses ! itself: [!...], ${!name},
// $!.
func (x *histExpander) literal(line string, i int, dq bool) bool {
	if i+1 >= len(line) {
		return true
	}
	next := line[i+1]
	rest := line[i+1:]
	switch {
	case next == ' ', next == '\t', next == '\n', next == '\r', next == '=':
		return true
	case dq && next == '"':
		return true
	case x.extglob && next == '(' && strings.Contains(rest[1:], ")"):
		return true
	case i > 0 && line[i-1] == '[' && strings.Contains(rest, "]"):
		return true
	case i > 1 && line[i-1] == '{' && line[i-2] == '$' && strings.Contains(rest, "}"):
		return true
	case i > 0 && line[i-1] == '$':
		return true
	}
	return false
}

// isHistDelim reports whether c separates words for the comment
// character and history word splitting.
func isHistDelim(c byte) bool {
	return strings.IndexByte(" \t\n;&()|<>", c) >= 0
}

// reference expands the reference starting at line[i] (the expansion
// character) and returns its text, the index after it, and whether it
// had a :p modifier. sofar is the line expanded up to i (for !#).
func (x *histExpander) reference(line string, i int, sofar string, dq bool) (string, int, bool, error) {
	event, j, err := x.event(line, i, sofar, dq)
	if err != nil {
		return "", 0, false, err
	}
	text, j, err := x.words(event, line, j)
	if err != nil {
		return "", 0, false, err
	}
	return x.modify(text, line, j)
}

// event finds the command an event designator names.
func (x *histExpander) event(line string, i int, sofar string, dq bool) (string, int, error) {
	j := i + 1
	notFound := func(end int) error {
		return fmt.Errorf("%s: event not found", line[i:end])
	}
	c := line[j]
	switch {
	case c == x.chars.exp:
		if len(x.hist) == 0 {
			return "", 0, notFound(j + 1)
		}
		return x.hist[len(x.hist)-1], j + 1, nil
	case c == '#':
		return sofar, j + 1, nil
	case isDigit(c) || c == '-' && j+1 < len(line) && isDigit(line[j+1]):
		k := j + 1
		for k < len(line) && isDigit(line[k]) {
			k++
		}
		n, err := strconv.Atoi(line[j:k])
		if err != nil {
			return "", 0, notFound(k)
		}
		idx := n - x.first
		if n < 0 {
			idx = len(x.hist) + n
		}
		if idx < 0 || idx >= len(x.hist) {
			return "", 0, notFound(k)
		}
		return x.hist[idx], k, nil
	case c == ':' || strings.IndexByte("^$*%", c) >= 0:
		// !:1, !$ and the like refer to the previous command
		if len(x.hist) == 0 {
			return "", 0, notFound(j)
		}
		return x.hist[len(x.hist)-1], j, nil
	case c == '?':
		k := j + 1
		for k < len(line) && line[k] != '?' && line[k] != '\n' {
			k++
		}
		str := line[j+1 : k]
		end := k
		if k < len(line) && line[k] == '?' {
			end = k + 1
		}
		if str == "" {
			str = x.subst.search
		}
		for n := len(x.hist) - 1; n >= 0 && str != ""; n-- {
			if strings.Contains(x.hist[n], str) {
				x.subst.search = str
				return x.hist[n], end, nil
			}
		}
		return "", 0, notFound(end)
	}
	k := j
	for k < len(line) {
		c := line[k]
		if c == ' ' || c == '\t' || c == '\n' || c == ':' || k > j && c == '-' ||
			strings.IndexByte("^$*%;&()|<>", c) >= 0 || dq && c == '"' {
			break
		}
		k++
	}
	str := line[j:k]
	for n := len(x.hist) - 1; n >= 0 && str != ""; n-- {
		if strings.HasPrefix(x.hist[n], str) {
			return x.hist[n], k, nil
		}
	}
	return "", 0, notFound(k)
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// words applies the word designator at line[j], if there is one, to the
// event's text.
func (x *histExpander) words(event, line string, j int) (string, int, error) {
	if j >= len(line) {
		return event, j, nil
	}
	k := j
	if line[k] == ':' {
		if k+1 >= len(line) || !isDigit(line[k+1]) && strings.IndexByte("^$*-%", line[k+1]) < 0 {
			return event, j, nil // a modifier
		}
		k++
	} else if strings.IndexByte("^$*-%", line[k]) < 0 {
		return event, j, nil
	}
	words := histWords(event)
	last := len(words) - 1
	num := func() int {
		s := k
		for k < len(line) && isDigit(line[k]) {
			k++
		}
		n, _ := strconv.Atoi(line[s:k])
		return n
	}
	var from, to int
	switch c := line[k]; {
	case c == '*':
		k++
		if last < 1 {
			return "", k, nil
		}
		return strings.Join(words[1:], " "), k, nil
	case c == '$':
		k++
		if last < 0 {
			return "", 0, fmt.Errorf("%s: bad word specifier", line[j:k])
		}
		return words[last], k, nil
	case c == '%':
		k++
		for _, w := range words {
			if x.subst.search != "" && strings.Contains(w, x.subst.search) {
				return w, k, nil
			}
		}
		return "", 0, fmt.Errorf("%s: bad word specifier", line[j:k])
	case c == '^':
		k++
		from = 1
	case c == '-':
		from = 0
	default:
		from = num()
	}
	switch {
	case k < len(line) && line[k] == '-':
		k++
		switch {
		case k < len(line) && isDigit(line[k]):
			to = num()
		case k < len(line) && line[k] == '$':
			k++
			to = last
		default:
			to = last - 1
		}
	case k < len(line) && line[k] == '*':
		k++
		to = last
		if from == last+1 {
			return "", k, nil
		}
	default:
		to = from
	}
	if from > last || to > last || from > to {
		return "", 0, fmt.Errorf("%s: bad word specifier", line[j:k])
	}
	return strings.Join(words[from:to+1], " "), k, nil
}

// histWords splits a command as bash's history_tokenize does: at
// blanks, with quoted strings, backslash escapes and $(...) kept in
// their word, and the shell's operators words of their own.
func histWords(s string) []string {
	var words []string
	i := 0
	for {
		for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n') {
			i++
		}
		if i >= len(s) {
			return words
		}
		start := i
		if strings.IndexByte(";&|<>()", s[i]) >= 0 {
			i++
			for _, op := range []string{"<<<", ">>", "<<", "&&", "||", ";;", ">&", "<&", "&>", "|&", "<>", ">|"} {
				if strings.HasPrefix(s[start:], op) {
					i = start + len(op)
					break
				}
			}
			words = append(words, s[start:i])
			continue
		}
		depth := 0
		for i < len(s) {
			c := s[i]
			if depth == 0 && (c == ' ' || c == '\t' || c == '\n' || strings.IndexByte(";&|<>()", c) >= 0) {
				break
			}
			switch c {
			case '\\':
				i++
			case '\'', '"', '`':
				if end := strings.IndexByte(s[i+1:], c); end >= 0 {
					i += end + 1
				} else {
					i = len(s) - 1
				}
			case '(':
				depth++
			case ')':
				depth--
			case '$':
				if i+1 < len(s) && s[i+1] == '(' {
					depth++
					i++
				}
			}
			i++
		}
		if i > len(s) {
			i = len(s)
		}
		words = append(words, s[start:i])
	}
}

// LastWord is the last word of a command as !$ takes it (bash's
// history_tokenize), "" for an empty one: what readline's M-. inserts.
func LastWord(cmd string) string {
	words := histWords(cmd)
	if len(words) == 0 {
		return ""
	}
	return words[len(words)-1]
}

package history

import (
	"fmt"
	"strings"
)

// The modifiers of history expansion (:h :t :r :e :p :q :x :s :& and
// their g, a, G prefixes).

// modify applies the modifiers at line[j] (each after a colon) to text.
func (x *histExpander) modify(text, line string, j int) (string, int, bool, error) {
	printOnly := false
	for j < len(line) && line[j] == ':' {
		if j+1 == len(line) {
			return "", 0, false, fmt.Errorf(": unrecognized history modifier")
		}
		start := j
		k := j + 1
		global := false
		if c := line[k]; c == 'g' || c == 'a' || c == 'G' {
			global = true
			k++
			if k >= len(line) || line[k] != 's' && line[k] != '&' {
				// bash names no modifier here
				return "", 0, false, fmt.Errorf(": unrecognized history modifier")
			}
		}
		switch c := line[k]; c {
		case 'h':
			if s := strings.LastIndexByte(text, '/'); s >= 0 {
				text = text[:s]
			}
		case 't':
			if s := strings.LastIndexByte(text, '/'); s >= 0 {
				text = text[s+1:]
			}
		case 'r':
			if s := strings.LastIndexByte(text, '.'); s >= 0 {
				text = text[:s]
			}
		case 'e':
			if s := strings.LastIndexByte(text, '.'); s >= 0 {
				text = text[s:]
			}
		case 'p':
			printOnly = true
		case 'q':
			text = shellQuoteHist(text)
		case 'x':
			f := strings.Fields(text)
			for n := range f {
				f[n] = shellQuoteHist(f[n])
			}
			text = strings.Join(f, " ")
		case 's', '&':
			if c == 's' {
				old, repl, end := parseHistSubst(line, k+1)
				k = end - 1
				if old == "" {
					old = x.subst.old
					if old == "" {
						old = x.subst.search
					}
				}
				if old == "" {
					return "", 0, false, fmt.Errorf("%s: no previous substitution", line[start:end])
				}
				x.subst.old, x.subst.new = old, repl
			} else if x.subst.old == "" {
				return "", 0, false, fmt.Errorf("%s: no previous substitution", line[start:k+1])
			}
			next, ok := substHist(text, x.subst.old, x.subst.new, global)
			if !ok {
				return "", 0, false, fmt.Errorf("%s: substitution failed", line[start:k+1])
			}
			text = next
		default:
			return "", 0, false, fmt.Errorf("%c: unrecognized history modifier", c)
		}
		j = k + 1
	}
	return text, j, printOnly, nil
}

// parseHistSubst reads the /old/new/ of :s, whose delimiter is
// line[i]; a backslash quotes the delimiter, and the last delimiter may
// be left off at the end of the line. new keeps its backslashes before
// & for substHist. It returns the index after the substitution.
func parseHistSubst(line string, i int) (old, repl string, end int) {
	if i >= len(line) {
		return "", "", i
	}
	delim := line[i]
	part := func(k int, keepAmp bool) (string, int) {
		var b strings.Builder
		for k < len(line) && line[k] != delim {
			if line[k] == '\\' && k+1 < len(line) && line[k+1] == delim {
				b.WriteByte(delim)
				k += 2
				continue
			}
			if !keepAmp && line[k] == '\\' && k+1 < len(line) && line[k+1] == '&' {
				b.WriteByte('&')
				k += 2
				continue
			}
			b.WriteByte(line[k])
			k++
		}
		return b.String(), k
	}
	old, k := part(i+1, false)
	if k >= len(line) {
		return old, "", k
	}
	repl, k = part(k+1, true)
	if k < len(line) {
		k++ // the closing delimiter
	}
	return old, repl, k
}

// substHist replaces the first (or, global, every) old in text with
// repl, in which & stands for old and \& for a plain &. It reports
// whether old was found.
func substHist(text, old, repl string, global bool) (string, bool) {
	var r strings.Builder
	for k := 0; k < len(repl); k++ {
		switch {
		case repl[k] == '\\' && k+1 < len(repl) && repl[k+1] == '&':
			r.WriteByte('&')
			k++
		case repl[k] == '&':
			r.WriteString(old)
		default:
			r.WriteByte(repl[k])
		}
	}
	if !strings.Contains(text, old) {
		return text, false
	}
	if global {
		return strings.ReplaceAll(text, old, r.String()), true
	}
	return strings.Replace(text, old, r.String(), 1), true
}

// shellQuoteHist quotes s in single quotes as :q does.
func shellQuoteHist(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

package bashprint

import (
	"strings"

	"mvdan.cc/sh/v3/syntax"
)

// redir prints a redirection as bash does: a blank between a file
// operator and its word, none in a duplication, the fd shown where bash
// shows it, a here-document's body left for the end of the line.
func (p *printer) redir(rd *syntax.Redirect) {
	n := ""
	if rd.N != nil {
		n = rd.N.Value
	}
	word := p.word(rd.Word)
	switch rd.Op {
	case syntax.RdrOut, syntax.AppOut, syntax.RdrClob:
		if n == "1" {
			n = ""
		}
		p.s(n + rd.Op.String() + " " + word)
	case syntax.RdrIn, syntax.RdrInOut:
		if n == "0" {
			n = ""
		}
		p.s(n + rd.Op.String() + " " + word)
	case syntax.RdrAll, syntax.AppAll, syntax.WordHdoc:
		p.s(n + rd.Op.String() + " " + word)
	case syntax.DplOut, syntax.DplIn:
		if n == "" && (word == "-" || isNumber(strings.TrimSuffix(word, "-"))) {
			n = "1"
			if rd.Op == syntax.DplIn {
				n = "0"
			}
		}
		op := rd.Op.String()
		if word == "-" {
			op = ">&" // bash shows every close as N>&-
		}
		p.s(n + op + word)
	case syntax.Hdoc, syntax.DashHdoc:
		if delim := hdocDelim(rd.Word); delim != word {
			word = "'" + delim + "'" // bash shows a quoted delimiter in single quotes
		}
		p.s(n + rd.Op.String() + word)
		p.pending = append(p.pending, rd)
	default:
		p.s(n + rd.Op.String() + word)
	}
}

func isNumber(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// hdocBody is a here-document's body as bash keeps it: the text read,
// with the leading tabs of <<- removed, ending in a new line.
func hdocBody(rd *syntax.Redirect) string {
	if rd.Hdoc == nil {
		return ""
	}
	var sb strings.Builder
	for _, part := range rd.Hdoc.Parts {
		if l, ok := part.(*syntax.Lit); ok {
			sb.WriteString(l.Value) // as read: no quotes to keep
			continue
		}
		sb.WriteString((&printer{}).word(&syntax.Word{Parts: []syntax.WordPart{part}}))
	}
	text := sb.String()
	if rd.Op == syntax.DashHdoc {
		lines := strings.SplitAfter(text, "\n")
		for i, l := range lines {
			lines[i] = strings.TrimLeft(l, "\t")
		}
		text = strings.Join(lines, "")
	}
	if text != "" && !strings.HasSuffix(text, "\n") {
		text += "\n"
	}
	return text
}

// hdocDelim is the delimiter that ends a here-document's body: its word
// with the quotes removed.
func hdocDelim(w *syntax.Word) string {
	var sb strings.Builder
	for _, part := range w.Parts {
		switch q := part.(type) {
		case *syntax.Lit:
			sb.WriteString(unbackslash(q.Value))
		case *syntax.SglQuoted:
			sb.WriteString(q.Value)
		case *syntax.DblQuoted:
			for _, in := range q.Parts {
				if l, ok := in.(*syntax.Lit); ok {
					sb.WriteString(unbackslash(l.Value))
				} else {
					sb.WriteString((&printer{}).word(&syntax.Word{Parts: []syntax.WordPart{in}}))
				}
			}
		default:
			sb.WriteString((&printer{}).word(&syntax.Word{Parts: []syntax.WordPart{part}}))
		}
	}
	return sb.String()
}

func unbackslash(s string) string {
	var sb strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			i++
		}
		sb.WriteByte(s[i])
	}
	return sb.String()
}

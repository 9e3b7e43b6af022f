// Package sources keeps the texts a shell has parsed, so that a subshell
// started as a child process is handed its code as it was written.
package sources

import (
	"strings"
	"sync"

	"mvdan.cc/sh/v3/syntax"

	"pipesh/bashprint"
	"pipesh/parse"
	"pipesh/wordexp"
)

// Texts keeps the texts the shell has parsed (the script, eval strings,
// sourced files, alias text), so that a subshell started as a child is
// handed its code as it was written, with its lines where they were:
// printing the syntax tree would lay it out anew and move $LINENO and
// the lines of messages. The script itself is always kept; of the
// others, the newest few. The zero Texts is empty and ready for use,
// by several goroutines at once.
type Texts struct {
	mu    sync.Mutex
	texts []string
}

const maxSources = 64

// Add records a text the shell is about to parse.
func (s *Texts) Add(text string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.texts) >= maxSources {
		s.texts = append(s.texts[:1], s.texts[2:]...)
	}
	s.texts = append(s.texts, text)
}

// Code returns st as written, preceded by blanks that put it at its line
// and column; false when no text recorded is the one st came from.
func (s *Texts) Code(st *syntax.Stmt) (string, bool) {
	// the statement's own text: its command and redirections, not a
	// trailing & or ; (a job's body is run without its &)
	off, end := int(st.Pos().Offset()), 0
	if st.Cmd != nil {
		end = int(st.Cmd.End().Offset())
	}
	for _, rd := range st.Redirs {
		end = max(end, int(rd.End().Offset()))
	}
	pad := strings.Repeat("\n", int(st.Pos().Line())-1) + strings.Repeat(" ", int(st.Pos().Col())-1)
	want := source(st)
	s.mu.Lock()
	texts := append([]string(nil), s.texts...)
	s.mu.Unlock()
	for i := len(texts) - 1; i >= 0; i-- {
		t := texts[i]
		if end > len(t) || off >= end {
			continue
		}
		code := pad + t[off:end]
		f, err := parse.File(strings.NewReader(code), "")
		if err != nil || len(f.Stmts) != 1 {
			continue
		}
		if source(f.Stmts[0]) == want {
			return code, true
		}
	}
	return "", false
}

// source is a statement printed, to compare a statement parsed anew
// with the one wanted.
func source(st *syntax.Stmt) string {
	return wordexp.UnmaskTildeText(bashprint.Source(st))
}

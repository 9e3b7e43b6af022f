package shell

import (
	"strings"
	"sync"

	"mvdan.cc/sh/v3/syntax"
)

// sources keeps the texts the shell has parsed (the script, eval strings,
// sourced files, alias text), so that a subshell started as a child is
// handed its code as it was written, with its lines where they were:
// printing the syntax tree would lay it out anew and move $LINENO and
// the lines of messages. The script itself is always kept; of the
// others, the newest few.
type sources struct {
	mu    sync.Mutex
	texts []string
}

const maxSources = 64

// add records a text the shell is about to parse.
func (s *sources) add(text string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.texts) >= maxSources {
		s.texts = append(s.texts[:1], s.texts[2:]...)
	}
	s.texts = append(s.texts, text)
}

// code returns st as written, preceded by blanks that put it at its line
// and column; false when no text recorded is the one st came from.
func (s *sources) code(st *syntax.Stmt) (string, bool) {
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
	want := printNode(st)
	s.mu.Lock()
	texts := append([]string(nil), s.texts...)
	s.mu.Unlock()
	for i := len(texts) - 1; i >= 0; i-- {
		t := texts[i]
		if end > len(t) || off >= end {
			continue
		}
		code := pad + t[off:end]
		f, err := Parse(strings.NewReader(code), "")
		if err != nil || len(f.Stmts) != 1 {
			continue
		}
		if printNode(f.Stmts[0]) == want {
			return code, true
		}
	}
	return "", false
}

package wordexp

import (
	"io"
	"strings"

	"mvdan.cc/sh/v3/syntax"
)

// A parameter expansion bash does not know (zsh's ${(M)x}, ${a&},
// ${a[0][0]}) is an error only when bash expands it, and then it names
// the string being expanded: the word, the text inside the double quotes
// or the word of a ${x:-word} it stands in. The reader keeps such an
// expansion as a ParamExp whose name is the text as written
// (bashread.RestoreBadSubst). Before a word is expanded, each of them is
// replaced by a command substitution that fails with bash's message when
// it runs; package expand runs it only where the expansion is reached,
// so ${set:-${(M)x}} is no error, as in bash.

// BadSubstError is a parameter expansion bash does not know, found when
// it is expanded. It fails the command with status 1 (and ends a shell in
// POSIX mode).
type BadSubstError struct {
	Text string // the string being expanded when it was met
}

func (e *BadSubstError) Error() string { return e.Text + ": bad substitution" }

// badSubstMark starts the comment that makes a command substitution the
// stand-in for a bad substitution.
const badSubstMark = "\uFDD3"

// wrapCmdSubst makes the configuration's command substitution fail for
// the stand-ins.
func wrapCmdSubst(run func(io.Writer, *syntax.CmdSubst) error) func(io.Writer, *syntax.CmdSubst) error {
	return func(w io.Writer, cs *syntax.CmdSubst) error {
		if len(cs.Stmts) == 0 && len(cs.Last) == 1 && strings.HasPrefix(cs.Last[0].Text, badSubstMark) {
			return &BadSubstError{Text: cs.Last[0].Text[len(badSubstMark):]}
		}
		if run == nil {
			return nil
		}
		return run(w, cs)
	}
}

// goodParam reports whether pe names a parameter bash knows.
func goodParam(pe *syntax.ParamExp) bool {
	if pe.Param == nil {
		return true // zsh's nested forms: not read in bash's variant
	}
	name := pe.Param.Value
	if syntax.ValidName(name) {
		return true
	}
	if len(name) == 1 && strings.IndexByte("@*#?-$!0123456789", name[0]) >= 0 {
		return true
	}
	for i := 0; i < len(name); i++ {
		if name[i] < '0' || name[i] > '9' {
			return false
		}
	}
	return name != ""
}

// hasBadParam reports whether parts hold a bad substitution, also in the
// words of parameter expansions.
func hasBadParam(parts []syntax.WordPart) bool {
	for _, p := range parts {
		switch p := p.(type) {
		case *syntax.DblQuoted:
			if hasBadParam(p.Parts) {
				return true
			}
		case *syntax.ParamExp:
			if !goodParam(p) || badInWord(p.Exp != nil, func() *syntax.Word { return p.Exp.Word }) ||
				badInWord(p.Repl != nil, func() *syntax.Word { return p.Repl.Orig }) ||
				badInWord(p.Repl != nil, func() *syntax.Word { return p.Repl.With }) {
				return true
			}
		}
	}
	return false
}

func badInWord(has bool, w func() *syntax.Word) bool {
	if !has {
		return false
	}
	word := w()
	return word != nil && hasBadParam(word.Parts)
}

// FailBadSubst returns w with each bad substitution in it replaced by a
// command substitution that fails as bash's expansion of it does (w
// itself when it has none). The shell calls it for the words it
// expands with package expand directly (here-documents).
func (x *Expander) FailBadSubst(w *syntax.Word) *syntax.Word {
	if w == nil || !hasBadParam(w.Parts) {
		return w
	}
	return &syntax.Word{Parts: failParts(w.Parts, func() string { return printNode(w) })}
}

// failParts is parts with the bad substitutions replaced; text gives the
// string they are met in.
func failParts(parts []syntax.WordPart, text func() string) []syntax.WordPart {
	out := make([]syntax.WordPart, len(parts))
	for i, p := range parts {
		out[i] = p
		switch p := p.(type) {
		case *syntax.DblQuoted:
			if hasBadParam(p.Parts) {
				c := *p
				c.Parts = failParts(p.Parts, func() string { return dqText(p) })
				out[i] = &c
			}
		case *syntax.ParamExp:
			if !goodParam(p) {
				out[i] = &syntax.CmdSubst{Left: p.Dollar, Right: p.Rbrace,
					Last: []syntax.Comment{{Hash: p.Dollar, Text: badSubstMark + text()}}}
				continue
			}
			if !hasBadParam([]syntax.WordPart{p}) {
				continue
			}
			c := *p
			if p.Exp != nil && p.Exp.Word != nil {
				exp := *p.Exp
				exp.Word = failWord(p.Exp.Word)
				c.Exp = &exp
			}
			if p.Repl != nil {
				repl := *p.Repl
				repl.Orig, repl.With = failWord(p.Repl.Orig), failWord(p.Repl.With)
				c.Repl = &repl
			}
			out[i] = &c
		}
	}
	return out
}

func failWord(w *syntax.Word) *syntax.Word {
	if w == nil || !hasBadParam(w.Parts) {
		return w
	}
	return &syntax.Word{Parts: failParts(w.Parts, func() string { return printNode(w) })}
}

// dqText is the text inside a pair of double quotes, as written.
func dqText(dq *syntax.DblQuoted) string {
	s := printNode(dq)
	s = strings.TrimPrefix(s, "$")
	return strings.TrimSuffix(strings.TrimPrefix(s, `"`), `"`)
}

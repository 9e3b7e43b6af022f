// Package parse reads shell source as bash does, on top of mvdan's
// parser: it rejects what other shells' grammars allow and bash does not,
// reads a number too big for an fd as bash's lexer does, and keeps what
// mvdan's tree would lose (\r, ${x~}) through package wordexp.
package parse

import (
	"io"
	"strings"

	"mvdan.cc/sh/v3/syntax"

	"pipesh/bashread"
	"pipesh/wordexp"
)

// File parses a whole program named name as bash reads it: mvdan's
// parser in its bash variant, with what it would lose of \r and ${x~}
// kept (package wordexp's stand-ins), \cX decoded, a ${...} bash fails
// on only when it expands it kept for then (bashread.DeferBadSubst), and
// Check's rules.
// Syntax errors are syntax.ParseError, carrying FILE:LINE:COL; the tree
// parsed so far comes with them.
func File(src io.Reader, name string) (*syntax.File, error) {
	data, err := io.ReadAll(src)
	if err != nil {
		return nil, err
	}
	text := wordexp.MaskCR(string(data))
	tilde := wordexp.MaskTildeCase(text)
	p := syntax.NewParser(syntax.Variant(syntax.LangBash))
	f, err := p.Parse(strings.NewReader(tilde), name)
	deferred := false
	if err != nil {
		// a ${...} bash fails on only when it expands it
		if fixed, ok, _ := bashread.DeferBadSubst(tilde); ok {
			if f2, err2 := syntax.NewParser(syntax.Variant(syntax.LangBash)).Parse(strings.NewReader(fixed), name); err2 == nil {
				f, err, deferred = f2, nil, true
			}
		}
	}
	if err == nil {
		err = Check(name, f)
	}
	if f != nil {
		if deferred {
			bashread.RestoreBadSubst(f)
		}
		if len(text) != len(data) {
			wordexp.RestoreCR(f)
		}
		if tilde != text {
			wordexp.RestoreTildeText(f)
		}
		wordexp.DecodeControlEscapes(f)
	}
	return f, err
}

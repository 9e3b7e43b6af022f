package bashprint

import (
	"strings"

	"mvdan.cc/sh/v3/syntax"
)

// Source is n printed as shell source by mvdan's printer (four-blank
// indents, a function's brace on its line, a blank after a redirection
// operator): the text pipesh keeps of code it passes on or compares, not
// bash's layout (see Command for that).
func Source(n syntax.Node) string {
	var sb strings.Builder
	syntax.NewPrinter(syntax.Indent(4), syntax.FunctionNextLine(false), syntax.SpaceRedirects(true)).Print(&sb, n)
	return sb.String()
}

// Short is source text on one line, its runs of blanks and new lines
// made one blank, cut to 40 bytes with "..." when longer: a command in
// a trace line or a graph's label.
func Short(src string) string {
	s := strings.Join(strings.Fields(src), " ")
	if len(s) > 40 {
		s = s[:37] + "..."
	}
	return s
}

// Redir is a redirection as a trace line shows it: its fd, if written,
// and its operator, then word (the redirection's word as the caller
// shows it) with no blank between.
func Redir(rd *syntax.Redirect, word string) string {
	s := ""
	if rd.N != nil {
		s = rd.N.Value
	}
	return s + rd.Op.String() + word
}

package shell

import (
	"errors"
	"fmt"

	"mvdan.cc/sh/v3/syntax"

	"pipesh/bashread"
)

// syntaxError reports a parse error in bash's words, at bash's line:
// "syntax error near unexpected token `fi'" followed by the line it is
// on, or "syntax error: unexpected end of file" at the line after the
// last. feed holds the text of the command the parser was reading;
// prefix comes before "line N: " ("pipesh: ", "lib.sh: ", "pipesh: eval: ").
// mvdan's parser reports where the construct it could not finish
// starts; the token bash names is found in src from there. What has no
// bash wording is reported in the parser's.
func (r *Runner) syntaxError(err error, feed *cmdFeed, prefix string) {
	f := r.fds.get(2)
	if f == nil {
		return
	}
	var pe syntax.ParseError
	if !errors.As(err, &pe) {
		f.WriteString(prefix + err.Error() + "\n")
		return
	}
	// the position in the command's own text, whose lines are counted
	// on from the commands before it
	pos := pe.Pos
	off, line := int(pos.Offset())-feed.dropBytes, int(pos.Line())-feed.dropLines
	pe.Pos = syntax.NewPos(uint(max(off, 0)), uint(max(line, 1)), pos.Col())
	line, msg, show := bashread.SyntaxMessage(pe, feed.view.String())
	line += feed.dropLines
	out := fmt.Sprintf("%sline %d: %s\n", prefix, line, msg)
	if show != "" {
		out += fmt.Sprintf("%sline %d: `%s'\n", prefix, line, show)
	}
	f.WriteString(out)
}

// syntaxPrefix is what starts a syntax error's message in code run
// from the current one (eval's string, a trap's): the sourced file's
// name, or "pipesh: ".
func (r *Runner) syntaxPrefix() string {
	if file := r.otherSourceFile(); file != "" {
		return file + ": "
	}
	return "pipesh: "
}

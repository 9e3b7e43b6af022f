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
// last. src is the text the parser read (its offsets index it); prefix
// comes before "line N: " ("pipesh: ", "lib.sh: ", "pipesh: eval: ").
// mvdan's parser reports where the construct it could not finish
// starts; the token bash names is found in src from there. What has no
// bash wording is reported in the parser's.
func (r *Runner) syntaxError(err error, src, prefix string) {
	f := r.fds.get(2)
	if f == nil {
		return
	}
	var pe syntax.ParseError
	if !errors.As(err, &pe) {
		f.WriteString(prefix + err.Error() + "\n")
		return
	}
	line, msg, show := bashread.SyntaxMessage(pe, src)
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

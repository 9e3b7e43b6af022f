package shell

import "pipesh/bashread"

// syntaxError reports a parse error in bash's words, at bash's line
// (bashread.SyntaxReport): feed holds the text of the command the parser
// was reading; prefix comes before "line N: " ("pipesh: ", "lib.sh: ",
// "pipesh: eval: ").
func (r *Runner) syntaxError(err error, feed *cmdFeed, prefix string) {
	f := r.fds.Get(2)
	if f == nil {
		return
	}
	f.WriteString(bashread.SyntaxReport(err, prefix, feed.view.String(), feed.dropBytes, feed.dropLines))
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

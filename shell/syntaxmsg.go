package shell

import "pipesh/cmdread"

// syntaxError reports a parse error in bash's words, at bash's line
// (cmdread.Feed.SyntaxReport): feed holds the text of the command the parser
// was reading; prefix comes before "line N: " ("pipesh: ", "lib.sh: ",
// "pipesh: eval: ").
func (r *Runner) syntaxError(err error, feed *cmdread.Feed, prefix string) {
	f := r.fds.Get(2)
	if f == nil {
		return
	}
	f.WriteString(feed.SyntaxReport(err, prefix))
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

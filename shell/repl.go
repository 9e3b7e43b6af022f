package shell

import (
	"bufio"
	"context"
	"io"
	"strings"

	"mvdan.cc/sh/v3/syntax"
)

// REPL runs an interactive shell on r's stdio until exit or EOF and
// returns the exit status.
func REPL(ctx context.Context, r *Runner) int {
	in := bufio.NewReader(r.fds.get(0))
	var buf strings.Builder
	for {
		prompt := r.lookupVar("PS1").String()
		if buf.Len() > 0 {
			prompt = r.lookupVar("PS2").String()
		}
		io.WriteString(r.fds.get(2), prompt)
		line, err := in.ReadString('\n')
		buf.WriteString(line)
		if err != nil && buf.Len() == 0 {
			break
		}
		src := buf.String()
		f, perr := Parse(strings.NewReader(src), "")
		if perr != nil && syntax.IsIncomplete(perr) && err == nil {
			continue
		}
		buf.Reset()
		if perr != nil {
			r.reportSyntax(perr)
			r.status = 2
		} else {
			r.RunFile(ctx, f)
		}
		if r.Exited() || err != nil {
			break
		}
	}
	return r.Finish(ctx)
}

package shell

import (
	"context"
	"strings"
)

// RunScript parses a whole script and runs it. A syntax error anywhere
// is reported and gives status 2 with nothing run; with noExec (-n) the
// script is only parsed. The EXIT trap runs at the end.
func (r *Runner) RunScript(ctx context.Context, src, name string, noExec bool) int {
	r.sh.sources.add(src)
	f, err := Parse(strings.NewReader(src), name)
	if err != nil {
		r.reportSyntax(err)
		return 2
	}
	if noExec || r.opts[optNoExec] {
		return 0
	}
	r.syncSignals()
	r.frames = callStack{{name: "main", file: name, args: r.params}}
	r.RunFile(ctx, f)
	return r.Finish(ctx)
}

// SetFlag sets an option by its set flag letter; false if there is none.
func (r *Runner) SetFlag(c byte, on bool) bool { return r.setFlag(c, on) }

package shell

import (
	"context"
	"pipesh/cmdread"
)

// RunScript runs a script (or a -c string, name "-c") as bash does: a
// complete command at a time, each parsed once the one before it has
// run (reader.go). A syntax error stops the script there with status 2;
// with noExec (-n) the whole script is parsed and nothing runs. The
// EXIT trap runs at the end.
func (r *Runner) RunScript(ctx context.Context, src, name string, noExec bool) int {
	r.sh.sources.Add(src)
	how := readHow{name: name, what: "pipesh: ", noExec: noExec || r.opts[optNoExec], top: true}
	if name == "-c" {
		how.what = "pipesh: -c: "
	}
	r.syncSignals()
	r.frames = callStack{{Name: "main", File: name, Args: r.params}}
	r.readRun(ctx, cmdread.NewText(src), how)
	return r.Finish(ctx)
}

// SetFlag sets an option by its set flag letter; false if there is none.
func (r *Runner) SetFlag(c byte, on bool) bool { return r.setFlag(c, on) }

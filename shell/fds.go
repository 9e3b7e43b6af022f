package shell

import (
	"os"

	"pipesh/fds"
)

// setFd puts f at n in r's table, as a new open file.
func (r *Runner) setFd(n int, f *os.File, ipc bool) {
	r.fds.Set(r.tracer(), n, fds.NewDesc(f, ipc), false)
}

// closeFd closes n in r's table.
func (r *Runner) closeFd(n int) { r.fds.Set(r.tracer(), n, nil, false) }

// releaseFds drops every entry of r's table: the end of a subshell, or
// of a pipeline stage whose program now holds its fds.
func (r *Runner) releaseFds() { r.fds.CloseAll(r.tracer()) }

// endSub ends the subshell r: its fds are released and its variables
// no longer hold its parent's scopes. r must not run again.
func (r *Runner) endSub() {
	r.releaseFds()
	r.vars.Release()
}

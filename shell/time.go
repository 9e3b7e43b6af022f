package shell

import (
	"context"
	"time"

	"mvdan.cc/sh/v3/syntax"

	"pipesh/parse"
	"pipesh/timefmt"
	"pipesh/trace"
)

// timeClause runs time PIPELINE and reports real, user and sys time of the
// shell and its waited-for children, formatted by TIMEFORMAT as in bash
// (timefmt.Times).
//
// time -v PIPELINE (pipesh's own) then prints a row per stage (see
// package trace).
func (r *Runner) timeClause(ctx context.Context, c *syntax.TimeClause) {
	stmt := c.Stmt
	var w *trace.Watch
	if stmt != nil {
		var verbose bool
		if stmt, verbose = timefmt.StripVerbose(stmt); verbose {
			w = trace.NewWatch(time.Now())
			old := r.trc
			r.trc = r.trc.Time(w)
			if !parse.IsPipeline(stmt.Cmd) {
				r.trc = r.trc.Stage(0, stmtText(stmt)) // one row, the whole command's
			}
			defer func() { r.trc = old }()
		}
	}
	clock := timefmt.StartClock()
	if stmt != nil {
		r.stmt(ctx, stmt)
	}
	real, user, sys := clock.Stop()
	if w != nil {
		r.trc.Done(r.status)
	}
	format := timefmt.DefaultFormat
	if vr := r.lookupVar("TIMEFORMAT"); vr.IsSet() {
		format = vr.String()
	}
	if c.PosixFormat {
		format = timefmt.PosixFormat
	}
	if f := r.fds.Get(2); f != nil {
		out := timefmt.Times(format, real, user, sys) + "\n"
		if w != nil {
			out += w.Table()
		}
		f.WriteString(out)
	}
}

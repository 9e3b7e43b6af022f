package shell

import (
	"context"
	"syscall"
	"time"

	"mvdan.cc/sh/v3/syntax"

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
		if stmt, verbose = stripTimeV(stmt); verbose {
			w = trace.NewWatch(time.Now())
			old := r.trc
			r.trc = r.trc.Time(w)
			if !isPipeline(stmt.Cmd) {
				r.trc = r.trc.Stage(0, stmtText(stmt)) // one row, the whole command's
			}
			defer func() { r.trc = old }()
		}
	}
	var before, beforeKids syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &before)
	syscall.Getrusage(syscall.RUSAGE_CHILDREN, &beforeKids)
	start := time.Now()
	if stmt != nil {
		r.stmt(ctx, stmt)
	}
	real := time.Since(start)
	if w != nil {
		r.trc.Done(r.status)
	}
	var after, afterKids syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &after)
	syscall.Getrusage(syscall.RUSAGE_CHILDREN, &afterKids)
	tv := trace.Duration
	user := tv(after.Utime) - tv(before.Utime) + tv(afterKids.Utime) - tv(beforeKids.Utime)
	sys := tv(after.Stime) - tv(before.Stime) + tv(afterKids.Stime) - tv(beforeKids.Stime)
	format := "\nreal\t%3lR\nuser\t%3lU\nsys\t%3lS"
	if vr := r.lookupVar("TIMEFORMAT"); vr.IsSet() {
		format = vr.String()
	}
	if c.PosixFormat {
		format = "real %2R\nuser %2U\nsys %2S"
	}
	if f := r.fds.Get(2); f != nil {
		out := timefmt.Times(format, real, user, sys) + "\n"
		if w != nil {
			out += w.Table()
		}
		f.WriteString(out)
	}
}

// stripTimeV finds time's -v, which the parser leaves as the first word
// of the pipeline's first command, and returns the statement without it
// (a copy: the syntax tree may run again).
func stripTimeV(st *syntax.Stmt) (*syntax.Stmt, bool) {
	switch c := st.Cmd.(type) {
	case *syntax.CallExpr:
		if len(c.Args) > 0 && c.Args[0].Lit() == "-v" {
			nc := *c
			nc.Args = c.Args[1:]
			ns := *st
			ns.Cmd = &nc
			if len(nc.Args) == 0 && len(nc.Assigns) == 0 {
				ns.Cmd = nil
			}
			return &ns, true
		}
	case *syntax.BinaryCmd:
		if c.Op == syntax.Pipe || c.Op == syntax.PipeAll {
			if x, ok := stripTimeV(c.X); ok {
				nc := *c
				nc.X = x
				ns := *st
				ns.Cmd = &nc
				return &ns, true
			}
		}
	}
	return st, false
}

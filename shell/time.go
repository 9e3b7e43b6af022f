package shell

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"text/tabwriter"
	"time"

	"mvdan.cc/sh/v3/syntax"

	"pipesh/exec"
)

// timeClause runs time PIPELINE and reports real, user and sys time of the
// shell and its waited-for children, formatted by TIMEFORMAT as in bash.
//
// time -v PIPELINE (pipesh's own) then prints a row per stage: pid (or
// in-process), status, real, user, sys, max RSS and the bytes it read and
// wrote, from /proc/PID/io read just before the child is reaped.
func (r *Runner) timeClause(ctx context.Context, c *syntax.TimeClause) {
	stmt := c.Stmt
	var w *timeWatch
	if stmt != nil {
		var verbose bool
		if stmt, verbose = stripTimeV(stmt); verbose {
			w = &timeWatch{start: time.Now()}
			old := r.trc
			r.trc = &traceScope{sub: r.subID(), tv: w}
			if !isPipeline(stmt.Cmd) {
				r.trc.row = w.add(0, stmtText(stmt))
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
	if w != nil && r.trc.row != nil {
		r.trc.row.done(r.status, time.Now())
	}
	var after, afterKids syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &after)
	syscall.Getrusage(syscall.RUSAGE_CHILDREN, &afterKids)
	user := tv(after.Utime) - tv(before.Utime) + tv(afterKids.Utime) - tv(beforeKids.Utime)
	sys := tv(after.Stime) - tv(before.Stime) + tv(afterKids.Stime) - tv(beforeKids.Stime)
	format := "\nreal\t%3lR\nuser\t%3lU\nsys\t%3lS"
	if vr := r.lookupVar("TIMEFORMAT"); vr.IsSet() {
		format = vr.String()
	}
	if c.PosixFormat {
		format = "real %2R\nuser %2U\nsys %2S"
	}
	if f := r.fds.get(2); f != nil {
		out := timeFormat(format, real, user, sys) + "\n"
		if w != nil {
			out += w.table()
		}
		f.WriteString(out)
	}
}

func tv(t syscall.Timeval) time.Duration {
	return time.Duration(t.Sec)*time.Second + time.Duration(t.Usec)*time.Microsecond
}

// timeFormat expands bash's TIMEFORMAT escapes: %[p][l]R, U, S, P, %%.
func timeFormat(format string, real, user, sys time.Duration) string {
	var sb strings.Builder
	for i := 0; i < len(format); i++ {
		c := format[i]
		if c != '%' || i+1 >= len(format) {
			sb.WriteByte(c)
			continue
		}
		i++
		if format[i] == '%' {
			sb.WriteByte('%')
			continue
		}
		prec, long := 3, false
		if format[i] >= '0' && format[i] <= '9' {
			prec = int(format[i] - '0')
			if prec > 3 {
				prec = 3
			}
			i++
		}
		if i < len(format) && format[i] == 'l' {
			long = true
			i++
		}
		if i >= len(format) {
			break
		}
		var d time.Duration
		switch format[i] {
		case 'R':
			d = real
		case 'U':
			d = user
		case 'S':
			d = sys
		case 'P':
			if real > 0 {
				fmt.Fprintf(&sb, "%.*f", prec, float64(user+sys)*100/float64(real))
			}
			continue
		default:
			sb.WriteByte('%')
			sb.WriteByte(format[i])
			continue
		}
		secs := d.Seconds()
		if long {
			m := int(secs) / 60
			fmt.Fprintf(&sb, "%dm%.*fs", m, prec, secs-float64(m*60))
		} else {
			fmt.Fprintf(&sb, "%.*f", prec, secs)
		}
	}
	return sb.String()
}

// timeWatch collects time -v's rows: one per stage of the timed pipeline.
type timeWatch struct {
	mu    sync.Mutex
	rows  []*stageRow
	start time.Time
}

// stageRow is one stage's accounting. A stage that is one program is
// that program's; an in-process stage sums the programs it ran.
type stageRow struct {
	w               *timeWatch
	idx             int
	cmd             string
	pid             int
	inproc          bool
	kids            int
	status          int
	real, user, sys time.Duration
	maxrss          int64 // KiB
	read, wrote     int64
	ioValid         bool
}

func (w *timeWatch) add(i int, cmd string) *stageRow {
	w.mu.Lock()
	defer w.mu.Unlock()
	row := &stageRow{w: w, idx: i, cmd: cmd}
	w.rows = append(w.rows, row)
	return row
}

func (row *stageRow) inProcess() {
	row.w.mu.Lock()
	row.inproc = true
	row.w.mu.Unlock()
}

// record accounts an event caused by the stage.
func (row *stageRow) record(ev exec.Event) {
	row.w.mu.Lock()
	defer row.w.mu.Unlock()
	switch ev.Kind {
	case exec.EvSpawn:
		row.kids++
		if row.pid == 0 {
			row.pid = ev.Pid
		}
	case exec.EvWait:
		st := ev.Status
		if st.Stopped {
			return
		}
		row.user += tv(st.Rusage.Utime)
		row.sys += tv(st.Rusage.Stime)
		row.maxrss = max(row.maxrss, st.Rusage.Maxrss)
		if st.IO.Valid {
			row.ioValid = true
			row.read += st.IO.Read
			row.wrote += st.IO.Wrote
		}
	}
}

// done records the stage's status and its real time.
func (row *stageRow) done(status int, end time.Time) {
	row.w.mu.Lock()
	row.status = status
	row.real = end.Sub(row.w.start)
	row.w.mu.Unlock()
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

// table is time -v's report: a row per stage.
func (w *timeWatch) table() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	var sb strings.Builder
	tw := tabwriter.NewWriter(&sb, 0, 8, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "stage\tpid\tstatus\treal\tuser\tsys\tmaxrss KiB\tread B\twritten B\t  command\n")
	for _, row := range w.rows {
		pid := strconv.Itoa(row.pid)
		if row.inproc || row.pid == 0 {
			pid = "in-process"
		}
		rss, rd, wr := "-", "-", "-"
		if row.kids > 0 {
			rss = strconv.FormatInt(row.maxrss, 10)
		}
		if row.ioValid {
			rd, wr = strconv.FormatInt(row.read, 10), strconv.FormatInt(row.wrote, 10)
		}
		fmt.Fprintf(tw, "%d\t%s\t%d\t%.3f\t%.3f\t%.3f\t%s\t%s\t%s\t  %s\n", row.idx+1, pid, row.status,
			row.real.Seconds(), row.user.Seconds(), row.sys.Seconds(), rss, rd, wr, row.cmd)
	}
	tw.Flush()
	return sb.String()
}

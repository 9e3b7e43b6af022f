package trace

// time -v PIPELINE (pipesh's own) prints, after bash's real/user/sys
// lines, a row per stage: pid (or in-process), status, real, user, sys,
// max RSS and the bytes it read and wrote, from /proc/PID/io read just
// before the child is reaped.

import (
	"fmt"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"text/tabwriter"
	"time"

	"pipesh/exec"
)

// Watch collects time -v's rows: one per stage of the timed pipeline.
// Stages run at once, so its rows are guarded by one lock.
type Watch struct {
	mu    sync.Mutex
	rows  []*Row
	start time.Time
}

// NewWatch returns a watch for a pipeline started at start (each stage's
// real time is counted from it).
func NewWatch(start time.Time) *Watch {
	return &Watch{start: start}
}

// Row is one stage's accounting. A stage that is one program is that
// program's; an in-process stage sums the programs it ran.
type Row struct {
	w               *Watch
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

func (w *Watch) add(i int, cmd string) *Row {
	w.mu.Lock()
	defer w.mu.Unlock()
	row := &Row{w: w, idx: i, cmd: cmd}
	w.rows = append(w.rows, row)
	return row
}

func (row *Row) inProcess() {
	row.w.mu.Lock()
	row.inproc = true
	row.w.mu.Unlock()
}

// record accounts an event caused by the stage.
func (row *Row) record(ev exec.Event) {
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
		row.user += Duration(st.Rusage.Utime)
		row.sys += Duration(st.Rusage.Stime)
		row.maxrss = max(row.maxrss, st.Rusage.Maxrss)
		if st.IO.Valid {
			row.ioValid = true
			row.read += st.IO.Read
			row.wrote += st.IO.Wrote
		}
	}
}

// done records the stage's status and its real time.
func (row *Row) done(status int, end time.Time) {
	row.w.mu.Lock()
	row.status = status
	row.real = end.Sub(row.w.start)
	row.w.mu.Unlock()
}

// Duration is a rusage time as a time.Duration.
func Duration(t syscall.Timeval) time.Duration {
	return time.Duration(t.Sec)*time.Second + time.Duration(t.Usec)*time.Microsecond
}

// Table is time -v's report: a header and a row per stage, aligned, each
// line ending in a newline.
func (w *Watch) Table() string {
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

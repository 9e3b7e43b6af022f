package jobs

import (
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"pipesh/exec"
)

// state is how jobs shows a job: Running, Stopped, Done, Exit N or the
// signal that killed it.
func (j *Job) state() string {
	select {
	case <-j.done:
		if g := j.g; g != nil {
			last := g.lastStatus()
			if !last.Exited && last.Signal != 0 && j.status == last.ExitCode() {
				return exec.SignalText(last.Signal)
			}
		}
		if j.status != 0 {
			return "Exit " + strconv.Itoa(j.status)
		}
		return "Done"
	default:
	}
	if j.g != nil && j.g.isStopped() {
		return "Stopped"
	}
	return "Running"
}

// line formats a job as jobs prints it.
func (j *Job) line(t *Table, state string, long bool) string {
	mark := " "
	t.mu.Lock()
	cur, prev := t.marks()
	t.mu.Unlock()
	switch j {
	case cur:
		mark = "+"
	case prev:
		mark = "-"
	}
	cmd := j.cmd
	if state == "Running" {
		cmd += " &"
	}
	if long {
		return fmt.Sprintf("[%d]%s %d %-24s%s", j.id, mark, j.pid, state, cmd)
	}
	return fmt.Sprintf("[%d]%s  %-24s%s", j.id, mark, state, cmd)
}

// List writes the job table as the jobs builtin does: flags l (with
// pids), p (pids only), r (running only), s (stopped only); specs narrow
// it to the jobs they name. Finished jobs listed leave the table.
func (t *Table) List(w io.Writer, flags string, specs []string) error {
	var list []*Job
	var err error
	if len(specs) == 0 {
		t.mu.Lock()
		list = append(list, t.inherited...)
		list = append(list, t.jobs...)
		t.mu.Unlock()
	} else {
		for _, s := range specs {
			j, e := t.Find(s)
			if e != nil {
				err = e
				continue
			}
			list = append(list, j)
		}
	}
	sort.SliceStable(list, func(a, b int) bool { return list[a].id < list[b].id })
	for _, j := range list {
		st := j.state()
		switch {
		case strings.Contains(flags, "r") && st != "Running",
			strings.Contains(flags, "s") && st != "Stopped":
			continue
		}
		if strings.Contains(flags, "p") {
			pid := j.pid
			if j.g != nil && j.g.pgid != 0 {
				pid = j.g.pgid
			}
			fmt.Fprintln(w, pid)
		} else {
			fmt.Fprintln(w, j.line(t, st, strings.Contains(flags, "l")))
		}
		if st != "Running" && st != "Stopped" {
			t.Remove(j)
		} else {
			j.reported = st
		}
	}
	return err
}

// Notify tells sh what happened to background jobs since it last asked
// (Done, Exit N, Stopped) and forgets finished ones, as bash does before
// each prompt. A coproc's end is not announced.
func (t *Table) Notify(sh Shell) {
	t.mu.Lock()
	list := append([]*Job(nil), t.jobs...)
	t.mu.Unlock()
	for _, j := range list {
		st := j.state()
		if st == j.reported || st == "Running" {
			continue
		}
		if st == "Stopped" {
			j.reported = st
			sh.Notice(j.line(t, st, false) + "\n")
			continue
		}
		if strings.HasPrefix(j.cmd, "coproc ") {
			continue
		}
		sh.Notice(j.line(t, st, false) + "\n")
		t.Remove(j)
	}
}

// Stopped reports whether any job is stopped.
func (t *Table) Stopped() bool {
	t.mu.Lock()
	list := append([]*Job(nil), t.jobs...)
	t.mu.Unlock()
	for _, j := range list {
		if j.state() == "Stopped" {
			return true
		}
	}
	return false
}

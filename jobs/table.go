package jobs

import (
	"context"
	"sync"
)

// VirtualPidBase is above the kernel's largest pid (2^22), so the ids
// given to in-process jobs and subshells, from VirtualPidBase+1 up, can
// never name a real process.
const VirtualPidBase = 1 << 22

// Job is an entry of the job table: a background job (a subshell running
// any command, whose programs are tracked), a coproc, or a foreground job
// that stopped.
type Job struct {
	id     int
	pid    int // $!: the real pid of its last program, or a virtual one
	cmd    string
	done   chan struct{}
	status int
	cancel context.CancelFunc

	mu       sync.Mutex
	children map[int]bool // live programs started by the job

	g        *Group        // its process group, with job control
	seq      int           // when it last became current (%+)
	ready    chan struct{} // closed when realPid is known
	realPid  int
	once     sync.Once
	reported string // the state last announced at a prompt
}

// ID is j's job number, as %N names it.
func (j *Job) ID() int { return j.id }

// Pid is the job's pid as $! and jobs -l show it.
func (j *Job) Pid() int { return j.pid }

// Done is closed when the job has ended.
func (j *Job) Done() <-chan struct{} { return j.done }

// Status is the job's exit status, once Done is closed.
func (j *Job) Status() int { return j.status }

// Finish ends the job with status: its context is cancelled and Done
// closed. The one who started the job calls it, once.
func (j *Job) Finish(status int) {
	j.status = status
	j.cancel()
	close(j.done)
}

// AddProgram records a program the job started, which kill then reaches
// by the job's spec. The first one with tail set is the job's last
// command, whose pid becomes $! (see [Table.AwaitPid]).
func (j *Job) AddProgram(pid int, tail bool) {
	j.mu.Lock()
	j.children[pid] = true
	j.mu.Unlock()
	if tail {
		j.once.Do(func() {
			j.realPid = pid
			close(j.ready)
		})
	}
}

// RemoveProgram forgets a program of the job that has been waited for.
func (j *Job) RemoveProgram(pid int) {
	j.mu.Lock()
	delete(j.children, pid)
	j.mu.Unlock()
}

// isDone reports whether j has finished.
func (j *Job) isDone() bool {
	select {
	case <-j.done:
		return true
	default:
		return false
	}
}

// Table is one shell's jobs; each subshell has its own ([Table.Sub]).
type Table struct {
	ctl    *Control
	mu     sync.Mutex
	jobs   []*Job
	nextID int
	seq    int
	// parent's jobs, which a subshell lists (jobs | wc -l) as bash's
	// does, but does not wait for: they are not its children
	inherited []*Job
	disowned  []*Job // in-process jobs disowned while running (disowned.go)
	// saved: the statuses of finished background jobs that left the
	// table, by $! pid, for wait PID (bash's bgpids), oldest first
	saved []savedStatus
}

// savedStatus is a finished job's pid and status.
type savedStatus struct{ pid, status int }

// maxSaved bounds the statuses kept for wait PID, as bash bounds its list
// by the child limit.
const maxSaved = 4096

// NewTable returns an empty job table of the shell process whose job
// control is ctl.
func NewTable(ctl *Control) *Table { return &Table{ctl: ctl} }

// Sub returns the table of a subshell of t's shell, which numbers its own
// jobs from 1 and lists none of t's, as bash clears a subshell's table.
func (t *Table) Sub() *Table { return NewTable(t.ctl) }

// SubKeeping returns the table of a subshell that keeps t's jobs in view,
// as bash's command substitutions and a plain jobs command in a pipeline
// do: it lists them with their marks and numbers its own after them, but
// its own are the only ones it can wait for.
func (t *Table) SubKeeping() *Table {
	c := NewTable(t.ctl)
	t.mu.Lock()
	defer t.mu.Unlock()
	if len(t.jobs)+len(t.inherited) > 0 {
		c.inherited = append(append([]*Job(nil), t.inherited...), t.jobs...)
		c.nextID = t.nextID
		c.seq = t.seq
	}
	return c
}

// Len is the number of jobs in the table (\j in a prompt).
func (t *Table) Len() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return len(t.jobs)
}

// newID returns the next job number: one more than the largest in use,
// as bash numbers them. t.mu must be held.
func (t *Table) newID() int {
	id := 0
	for _, list := range [2][]*Job{t.inherited, t.jobs} {
		for _, j := range list {
			id = max(id, j.id)
		}
	}
	t.nextID = id + 1
	return t.nextID
}

// touch makes j the current job (%+). t.mu must be held.
func (t *Table) touch(j *Job) {
	t.seq++
	j.seq = t.seq
}

// AddBackground enters a background job, current from now on, whose $!
// is pid until its last program is known; cancel ends it (kill). g is
// its process group under job control, or nil. The caller runs the job
// and calls [Job.Finish] when it is over.
func (t *Table) AddBackground(pid int, cancel context.CancelFunc, g *Group) *Job {
	t.mu.Lock()
	defer t.mu.Unlock()
	j := &Job{id: t.newID(), pid: pid, done: make(chan struct{}), cancel: cancel, children: map[int]bool{}, ready: make(chan struct{}), g: g}
	if g != nil {
		g.job = j
	}
	t.jobs = append(t.jobs, j)
	t.touch(j)
	return j
}

// AddProcess enters a started program (a coproc's) as a job of its own;
// the caller waits for it and calls [Job.Finish].
func (t *Table) AddProcess(pid int) *Job {
	_, cancel := context.WithCancel(context.Background())
	t.mu.Lock()
	defer t.mu.Unlock()
	t.nextID++
	j := &Job{id: t.nextID, pid: pid, done: make(chan struct{}), cancel: cancel, children: map[int]bool{pid: true}}
	t.jobs = append(t.jobs, j)
	return j
}

// addStopped enters a stopped foreground job, which ends when done is
// closed.
func (t *Table) addStopped(g *Group, done chan struct{}) *Job {
	t.mu.Lock()
	defer t.mu.Unlock()
	j := &Job{
		id:       t.newID(),
		pid:      g.lastPid,
		cmd:      g.cmd,
		done:     make(chan struct{}),
		cancel:   func() {},
		children: map[int]bool{},
		g:        g,
		ready:    make(chan struct{}),
	}
	g.job = j
	go func() {
		<-done
		j.Finish(g.status)
	}()
	t.jobs = append(t.jobs, j)
	t.touch(j)
	return j
}

// ByPid returns the job whose $! is pid, nil if none.
func (t *Table) ByPid(pid int) *Job {
	t.mu.Lock()
	defer t.mu.Unlock()
	var j *Job
	for _, x := range t.jobs {
		if x.pid == pid {
			j = x
		}
	}
	return j
}

// AwaitPid waits until the pid of j's last program is known (or j has
// ended without starting it), makes it j's pid and returns j's pid.
func (t *Table) AwaitPid(j *Job) int {
	select {
	case <-j.ready:
		t.mu.Lock()
		j.pid = j.realPid
		t.mu.Unlock()
	case <-j.done:
	}
	return j.pid
}

// SetCommand sets the text by which jobs shows j.
func (t *Table) SetCommand(j *Job, cmd string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	j.cmd = cmd
	if j.g != nil {
		j.g.mu.Lock()
		j.g.cmd = cmd
		j.g.mu.Unlock()
	}
}

// Remove takes j out of the table.
func (t *Table) Remove(j *Job) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.remove(j)
}

// remove is Remove with t.mu held. A finished job's status is kept for
// wait PID.
func (t *Table) remove(j *Job) {
	for i, x := range t.jobs {
		if x == j {
			t.jobs = append(t.jobs[:i], t.jobs[i+1:]...)
			if j.finished() {
				if len(t.saved) == maxSaved {
					t.saved = t.saved[1:]
				}
				t.saved = append(t.saved, savedStatus{j.pid, j.status})
			}
			return
		}
	}
}

// finished reports whether the job has ended.
func (j *Job) finished() bool {
	select {
	case <-j.done:
		return true
	default:
		return false
	}
}

// Saved returns the status of the finished background job whose $! was
// pid after it left the table (listed, waited for, cleaned up), as bash
// keeps it for wait PID; ok is false for a pid it does not know.
func (t *Table) Saved(pid int) (status int, ok bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	for i := len(t.saved) - 1; i >= 0; i-- {
		if t.saved[i].pid == pid {
			return t.saved[i].status, true
		}
	}
	return 0, false
}

// Disown takes the jobs specs name (the current one if none) out of the
// table, or every job with all; their programs go on.
func (t *Table) Disown(specs []string, all bool) error {
	if all || len(specs) == 0 {
		if !all {
			specs = []string{"%+"}
		} else {
			t.mu.Lock()
			t.jobs = nil
			t.mu.Unlock()
			return nil
		}
	}
	for _, s := range specs {
		job, err := t.Find(s)
		if err != nil {
			return err
		}
		t.Remove(job)
		t.keepDisowned(job)
	}
	return nil
}

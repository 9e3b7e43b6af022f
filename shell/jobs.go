package shell

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
	"syscall"

	"pipesh/exec"
)

// virtualPidBase is above the kernel's largest pid (2^22), so the ids of
// in-process background jobs can never name a real process.
const virtualPidBase = 1 << 22

// job is a background job: a program, or an in-process subshell running
// any command (then pid is virtual and children are tracked).
type job struct {
	id     int
	pid    int // real pid, or virtualPidBase+n for an in-process job
	cmd    string
	done   chan struct{}
	status int
	cancel context.CancelFunc

	mu       sync.Mutex
	children map[int]bool // live programs started by the job
	notified bool
}

// group collects the programs of one foreground pipeline.
type group struct {
	mu   sync.Mutex
	pids []int
}

// jobTable is one shell's jobs.
type jobTable struct {
	sh     *process
	mu     sync.Mutex
	jobs   []*job
	nextID int
}

func newJobTable(sh *process) *jobTable { return &jobTable{sh: sh} }

func (t *jobTable) newGroup() *group      { return &group{} }
func (t *jobTable) endGroup(g *group)     {}
func (t *jobTable) prepare(p *exec.Proc)  {}
func (t *jobTable) started(c *exec.Child) {}

// wait waits for a foreground child.
func (t *jobTable) wait(ctx context.Context, c *exec.Child) (exec.Status, error) {
	return c.Wait(false)
}

// startBackground runs fn in sub as a background job and returns its
// pid for $!.
func (r *Runner) startBackground(ctx context.Context, sub *Runner, fn func(ctx context.Context)) int {
	jctx, cancel := context.WithCancel(context.Background())
	t := r.jobs
	t.mu.Lock()
	t.nextID++
	j := &job{id: t.nextID, done: make(chan struct{}), cancel: cancel, children: map[int]bool{}}
	j.pid = virtualPidBase + r.sh.nextVirtual()
	t.jobs = append(t.jobs, j)
	t.mu.Unlock()
	sub.bgJob = j
	go func() {
		defer close(j.done)
		defer cancel()
		fn(jctx)
		sub.runExitTrap(jctx)
		sub.closeOwned()
		j.status = sub.status
	}()
	return j.pid
}

func (p *process) nextVirtual() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.virtual++
	return p.virtual
}

// findJob resolves a pid or %spec.
func (t *jobTable) findJob(id string) (*job, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if strings.HasPrefix(id, "%") {
		spec := id[1:]
		if len(t.jobs) == 0 {
			return nil, fmt.Errorf("%s: no such job", id)
		}
		switch spec {
		case "", "%", "+":
			return t.jobs[len(t.jobs)-1], nil
		case "-":
			if len(t.jobs) > 1 {
				return t.jobs[len(t.jobs)-2], nil
			}
			return t.jobs[len(t.jobs)-1], nil
		}
		if n, err := strconv.Atoi(spec); err == nil {
			for _, j := range t.jobs {
				if j.id == n {
					return j, nil
				}
			}
			return nil, fmt.Errorf("%s: no such job", id)
		}
		for i := len(t.jobs) - 1; i >= 0; i-- {
			if strings.HasPrefix(t.jobs[i].cmd, spec) {
				return t.jobs[i], nil
			}
		}
		return nil, fmt.Errorf("%s: no such job", id)
	}
	pid, err := strconv.Atoi(id)
	if err != nil {
		return nil, fmt.Errorf("`%s': not a pid or valid job spec", id)
	}
	for _, j := range t.jobs {
		if j.pid == pid {
			return j, nil
		}
	}
	return nil, fmt.Errorf("pid %d is not a child of this shell", pid)
}

func (t *jobTable) remove(j *job) {
	t.mu.Lock()
	defer t.mu.Unlock()
	for i, x := range t.jobs {
		if x == j {
			t.jobs = append(t.jobs[:i], t.jobs[i+1:]...)
			return
		}
	}
}

// waitJobs implements wait: for the given ids, or all jobs.
func (r *Runner) waitJobs(ctx context.Context, ids []string, anyJob bool) int {
	t := r.jobs
	if len(ids) == 0 {
		t.mu.Lock()
		list := append([]*job(nil), t.jobs...)
		t.mu.Unlock()
		if anyJob {
			if len(list) == 0 {
				return 127
			}
			cases := make(chan *job, len(list))
			for _, j := range list {
				go func(j *job) { <-j.done; cases <- j }(j)
			}
			select {
			case j := <-cases:
				t.remove(j)
				return j.status
			case <-ctx.Done():
				return 130
			}
		}
		for _, j := range list {
			select {
			case <-j.done:
			case <-ctx.Done():
				return 130
			}
			t.remove(j)
		}
		return 0
	}
	status := 0
	for _, id := range ids {
		j, err := t.findJob(id)
		if err != nil {
			r.errorf("wait: %s", err)
			status = 127
			continue
		}
		select {
		case <-j.done:
		case <-ctx.Done():
			return 130
		}
		status = j.status
		t.remove(j)
	}
	return status
}

// killJob sends sig to a job: its process group or, for an in-process job,
// every program it started (and the job itself ends).
func (r *Runner) killJob(id string, sig syscall.Signal) error {
	j, err := r.jobs.findJob(id)
	if err != nil {
		return err
	}
	j.mu.Lock()
	kids := make([]int, 0, len(j.children))
	for pid := range j.children {
		kids = append(kids, pid)
	}
	j.mu.Unlock()
	for _, pid := range kids {
		syscall.Kill(pid, sig)
	}
	if sig != 0 && sig != syscall.SIGCONT && sig != syscall.SIGSTOP && sig != syscall.SIGTSTP {
		j.cancel()
	}
	return nil
}

// listJobs prints the job table.
func (r *Runner) listJobs(w io.Writer) {
	r.jobs.mu.Lock()
	defer r.jobs.mu.Unlock()
	for i, j := range r.jobs.jobs {
		mark := " "
		switch i {
		case len(r.jobs.jobs) - 1:
			mark = "+"
		case len(r.jobs.jobs) - 2:
			mark = "-"
		}
		state := "Running"
		select {
		case <-j.done:
			state = "Done"
		default:
		}
		fmt.Fprintf(w, "[%d]%s  %-24s%s\n", j.id, mark, state, j.cmd)
	}
}

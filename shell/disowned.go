package shell

import (
	"errors"
	"strconv"
	"syscall"
)

// A disowned job leaves the job table (jobs and wait no longer see it),
// but its programs go on, and bash's kill still reaches them by pid. An
// in-process job has only a virtual pid, which nothing else knows, so the
// table keeps the disowned in-process jobs that still run, for kill.

// keepDisowned remembers j, just disowned, if kill could not find it
// otherwise. t.mu must not be held.
func (t *jobTable) keepDisowned(j *job) {
	if j.pid < virtualPidBase {
		return // a real pid: kill signals the process itself
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	live := t.disowned[:0]
	for _, d := range t.disowned {
		if !jobDone(d) {
			live = append(live, d)
		}
	}
	t.disowned = append(live, j)
}

// signalDisowned signals the disowned in-process job whose virtual pid is
// id. ok is false when there is none; a finished one fails as a process
// that has exited does.
func (r *Runner) signalDisowned(id string, sig syscall.Signal) (ok bool, err error) {
	pid, err := strconv.Atoi(id)
	if err != nil {
		return false, nil
	}
	t := r.jobs
	t.mu.Lock()
	var j *job
	for _, d := range t.disowned {
		if d.pid == pid {
			j = d
		}
	}
	t.mu.Unlock()
	if j == nil {
		return false, nil
	}
	if jobDone(j) {
		return true, errors.New("(" + id + ") - No such process") // kill's text for ESRCH
	}
	if sig == 0 {
		return true, nil
	}
	j.mu.Lock()
	for kid := range j.children {
		syscall.Kill(kid, sig)
	}
	j.mu.Unlock()
	if terminates(sig) {
		j.cancel()
	}
	return true, nil
}

// jobDone reports whether j has finished.
func jobDone(j *job) bool {
	select {
	case <-j.done:
		return true
	default:
		return false
	}
}

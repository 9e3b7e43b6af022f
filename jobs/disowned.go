package jobs

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
func (t *Table) keepDisowned(j *Job) {
	if j.pid < VirtualPidBase {
		return // a real pid: kill signals the process itself
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	live := t.disowned[:0]
	for _, d := range t.disowned {
		if !d.isDone() {
			live = append(live, d)
		}
	}
	t.disowned = append(live, j)
}

// SignalDisowned signals the disowned in-process job whose virtual pid is
// id. ok is false when there is none; a finished one fails as a process
// that has exited does.
func (t *Table) SignalDisowned(id string, sig syscall.Signal) (ok bool, err error) {
	pid, err := strconv.Atoi(id)
	if err != nil {
		return false, nil
	}
	t.mu.Lock()
	var j *Job
	for _, d := range t.disowned {
		if d.pid == pid {
			j = d
		}
	}
	t.mu.Unlock()
	if j == nil {
		return false, nil
	}
	if j.isDone() {
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
	if Terminates(sig) {
		j.cancel()
	}
	return true, nil
}

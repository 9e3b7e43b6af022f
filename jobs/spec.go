package jobs

import (
	"fmt"
	"strconv"
	"strings"
)

// marks returns the current (%+) and previous (%-) jobs. t.mu must be
// held.
func (t *Table) marks() (cur, prev *Job) {
	for _, list := range [2][]*Job{t.inherited, t.jobs} {
		for _, j := range list {
			if cur == nil || j.seq > cur.seq {
				cur, prev = j, cur
			} else if prev == nil || j.seq > prev.seq {
				prev = j
			}
		}
	}
	return cur, prev
}

// Find resolves a job spec (%N, %+, %%, %-, %name, %?text) or a pid to
// a job, with bash's messages for one that names none.
func (t *Table) Find(id string) (*Job, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if strings.HasPrefix(id, "%") {
		spec := id[1:]
		cur, prev := t.marks()
		switch spec {
		case "", "%", "+":
			if cur == nil {
				return nil, fmt.Errorf("%s: no such job", orName(spec, "current"))
			}
			return cur, nil
		case "-":
			if prev == nil {
				if cur != nil {
					return cur, nil
				}
				return nil, fmt.Errorf("%s: no such job", id)
			}
			return prev, nil
		}
		if n, err := strconv.Atoi(spec); err == nil {
			for _, j := range t.jobs {
				if j.id == n {
					return j, nil
				}
			}
			return nil, fmt.Errorf("%s: no such job", id)
		}
		var found *Job
		for _, j := range t.jobs {
			match := strings.HasPrefix(j.cmd, spec)
			if strings.HasPrefix(spec, "?") {
				match = strings.Contains(j.cmd, spec[1:])
			}
			if match {
				if found != nil {
					return nil, fmt.Errorf("%s: ambiguous job spec", spec)
				}
				found = j
			}
		}
		if found == nil {
			return nil, fmt.Errorf("%s: no such job", spec)
		}
		return found, nil
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

func orName(spec, name string) string {
	if spec == "" || spec == "%" || spec == "+" {
		return name
	}
	return spec
}

// orCurrent is spec, or the current job's when there is none (fg, bg).
func orCurrent(spec string) string {
	if spec == "" {
		return "%+"
	}
	return spec
}

// Resolve turns a job spec into the process group kill signals, or the
// job's pid when it has no group.
func (t *Table) Resolve(spec string) (int, error) {
	job, err := t.Find(spec)
	if err != nil {
		return 0, err
	}
	if g := job.g; g != nil {
		g.mu.Lock()
		defer g.mu.Unlock()
		if g.pgid != 0 {
			return g.pgid, nil
		}
	}
	return job.pid, nil
}

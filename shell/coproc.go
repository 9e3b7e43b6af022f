package shell

import (
	"context"
	"os"
	"strconv"
	"sync"

	"mvdan.cc/sh/v3/expand"
	"mvdan.cc/sh/v3/syntax"

	"pipesh/exec"
)

// coprocTable tracks live coprocesses of the process by name.
type coprocTable struct {
	mu     sync.Mutex
	byName map[string]*coprocEntry
}

type coprocEntry struct {
	name  string
	sock  *os.File // the shell's end
	wfile *os.File // the fd table entry for NAME[1] (a dup of sock)
	job   *job
}

func (t *coprocTable) isWriteEnd(f *os.File) bool {
	if f == nil {
		return false
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	for _, c := range t.byName {
		if c.wfile == f {
			return true
		}
	}
	return false
}

// coproc starts a coprocess: a socketpair, the child's end as its fds 0
// and 1, the shell's end in NAME[0] (read) and NAME[1] (write).
func (r *Runner) coproc(ctx context.Context, c *syntax.CoprocClause) {
	name := "COPROC"
	if c.Name != nil {
		n, err := r.literal(c.Name)
		if err != nil {
			r.reportErr(err)
			r.status = 1
			return
		}
		name = n
	}
	t := &r.sh.coprocs
	t.mu.Lock()
	if t.byName == nil {
		t.byName = map[string]*coprocEntry{}
	}
	if old, ok := t.byName[name]; ok {
		select {
		case <-old.job.done:
		default:
			t.mu.Unlock()
			r.errorf("coproc: %s: coprocess still running (pid %d); close it or wait for it first", name, old.job.pid)
			r.status = 1
			return
		}
	}
	t.mu.Unlock()
	mine, theirs, err := exec.Socketpair(r.sh.tracer)
	if err != nil {
		r.errorf("coproc: socketpair: %s", errText(err))
		r.status = 1
		return
	}
	wdup, err := dupFile(mine)
	if err != nil {
		exec.Close(r.sh.tracer, mine)
		exec.Close(r.sh.tracer, theirs)
		r.errorf("coproc: %s", errText(err))
		r.status = 1
		return
	}
	sub := r.subAsync()
	// the coproc must not hold the shell's end, or it never sees EOF
	sub.fds.put(0, fdEntry{f: theirs, owned: true, ipc: true})
	tdup, err := dupFile(theirs)
	if err == nil {
		sub.fds.put(1, fdEntry{f: tdup, owned: true, ipc: true})
	}
	sub.execTail = true
	rfd := r.fds.free(60)
	r.fds.put(rfd, fdEntry{f: mine, owned: true, private: true, ipc: true})
	wfd := r.fds.free(60)
	r.fds.put(wfd, fdEntry{f: wdup, owned: true, private: true, ipc: true})
	st := c.Stmt
	pid := r.startBackground(ctx, sub, func(ctx context.Context) {
		sub.stmt(ctx, st)
	})
	j, _ := r.jobs.findJob(strconv.Itoa(pid))
	entry := &coprocEntry{name: name, sock: mine, wfile: wdup, job: j}
	t.mu.Lock()
	t.byName[name] = entry
	t.mu.Unlock()
	r.setVar(name, expand.Variable{Set: true, Kind: expand.Indexed, List: []string{strconv.Itoa(rfd), strconv.Itoa(wfd)}})
	r.setString(name+"_PID", strconv.Itoa(pid))
	r.lastBg = pid
	r.status = 0
}

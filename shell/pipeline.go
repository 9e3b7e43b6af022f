package shell

import (
	"context"
	"runtime"
	"strconv"
	"sync"

	"mvdan.cc/sh/v3/expand"
	"mvdan.cc/sh/v3/syntax"

	"pipesh/errmsg"
	"pipesh/exec"
	"pipesh/fds"
	"pipesh/parse"
)

// pipeline runs a | b | c: N-1 pipes, every stage started before any is
// waited on. Each stage is an in-process subshell; one that runs a program
// hands it its pipe ends and closes them at once, so the shell is never in
// the data path between two programs.
func (r *Runner) pipeline(ctx context.Context, c *syntax.BinaryCmd) {
	stages := parse.Pipeline(c)
	n := len(stages)
	statuses := make([]int, n)
	var wg sync.WaitGroup
	// prev is the read end of the pipe into the next stage, held by the
	// pipeline until that stage's table takes it
	var prev *fds.Desc
	var prevBegan chan struct{} // closed once the previous stage began
	group := r.newGroup(c)
	lastpipe := r.shopts["lastpipe"] && !r.opts[optMonitor]
	for i, sg := range stages {
		if i == n-1 && lastpipe {
			// the last stage runs in the shell itself, so its
			// assignments stay (shopt -s lastpipe)
			saved := fds.Undo{r.fds.Swap(fds.Slot{N: 0, D: prev})}
			r.ownIn = prev // its input is its own (readloop.go)
			prev = nil
			r.stmt(ctx, sg.Stmt)
			r.restore(saved)
			statuses[i] = r.status
			break
		}
		sub := r.sub()
		sub.group = group
		if parse.CallName(sg.Stmt) == "jobs" {
			sub.jobs = r.jobs.SubKeeping() // jobs | cat lists the shell's jobs, as bash's
		}
		if prev != nil {
			sub.fds.Set(r.tracer(), 0, prev, false)
			sub.ownIn = prev // the stage's input is its own (readloop.go)
			prev.Drop(r.tracer())
			prev = nil
		}
		if i < n-1 {
			pr, pw, err := exec.Pipe(r.tracer())
			if err != nil {
				r.errorf("pipe: %s", errmsg.Text(err))
				sub.endSub()
				statuses[i] = 1
				for j := i + 1; j < n; j++ {
					statuses[j] = 1
				}
				break
			}
			w := fds.NewDesc(pw, true)
			sub.fds.Set(r.tracer(), 1, w, false)
			if sg.All {
				sub.fds.Set(r.tracer(), 2, w, false)
			}
			prev = fds.NewDesc(pr, true).Hold()
		}
		sub.execTail = parse.IsSimple(sg.Stmt)
		sub.bgTail = r.bgTail && i == n-1
		r.traceStage(sub, i, sg.Stmt)
		wg.Add(1)
		// a stage the shell would run itself is a process of its own
		// under job control (Ctrl-Z stops it with the job), with set -o
		// forksubshells, or when it may change what a process owns; a
		// program's stage is one when its words ask for its pid
		// ($BASHPID), which only the process running it can give
		child := r.stageNeedsChild(sg.Stmt)
		began := make(chan struct{})
		after := prevBegan
		prevBegan = began
		r.goShell(sub, func() {
			// a stage begins after the one writing to it, as forked
			// stages do: a reader that ends at once (true) must not
			// close the pipe before its writer (echo x) had its turn
			if after != nil {
				<-after
				runtime.Gosched()
			}
			close(began)
			if child {
				sub.status = sub.runChildAs(ctx, sg.Stmt, childHow{history: true})
				return
			}
			sub.stmt(ctx, sg.Stmt)
			sub.runExitTrap(ctx)
		}, func() {
			sub.endSub()
			statuses[i] = sub.status
			sub.traceStageDone()
			wg.Done()
		})
	}
	if !r.endGroup(ctx, group, func() int { wg.Wait(); return statuses[n-1] }) {
		return // stopped (Ctrl-Z): now a job in the table
	}
	r.setPipeStatus(statuses)
	r.status = statuses[n-1]
	if r.opts[optPipeFail] {
		for i := n - 1; i >= 0; i-- {
			if statuses[i] != 0 {
				r.status = statuses[i]
				break
			}
		}
	}
}

// setPipeStatus records the statuses PIPESTATUS reports; the variable
// is built only when read, since every command sets it.
func (r *Runner) setPipeStatus(statuses []int) {
	r.pipeStatus = append(r.pipeStatus[:0], statuses...)
}

func (r *Runner) pipeStatusVar() expand.Variable {
	if r.pipeStatus == nil {
		return expand.Variable{}
	}
	list := make([]string, len(r.pipeStatus))
	for i, s := range r.pipeStatus {
		list[i] = strconv.Itoa(s)
	}
	return expand.Variable{Set: true, Kind: expand.Indexed, List: list}
}

// stageNeedsChild reports whether a pipeline stage runs as a child
// subshell (childsub.go) rather than in-process.
func (r *Runner) stageNeedsChild(st *syntax.Stmt) bool {
	if isProgram(r, st) {
		return r.touchesProcess(st)
	}
	return r.monitor() || r.needsChild(st)
}

// isProgram reports whether a stage is a simple command that runs an
// external program (named literally, not a function, builtin or alias),
// which is a process of its own anyway.
func isProgram(r *Runner, st *syntax.Stmt) bool {
	lit := parse.CallName(st)
	if lit == "" || st.Negated || isBuiltin(lit) || syntax.IsKeyword(lit) {
		return false
	}
	if _, ok := r.funcs[lit]; ok {
		return false
	}
	if _, ok := r.aliases[lit]; ok {
		return false
	}
	return true
}

package shell

import (
	"fmt"
	"runtime/debug"
	"strings"
	"sync"
)

// tasks tracks the goroutines that run shell code for a process:
// pipeline stages, background jobs, coproc bodies and process
// substitutions. Every one is started through [Runner.goShell], so a
// panic in any of them is caught the same way and the shell can wait for
// all of them before it exits.
type tasks struct {
	wg sync.WaitGroup
}

// goShell runs body, shell code of the subshell sub, on a goroutine of its
// own, then end (which releases what sub owns) whatever happened. A panic
// in body is an internal error of pipesh, not of the script: it is
// reported on sub's stderr and ends sub with status 1, while the rest of
// the shell goes on.
func (r *Runner) goShell(sub *Runner, body, end func()) {
	r.sh.tasks.wg.Add(1)
	go func() {
		defer r.sh.tasks.wg.Done()
		defer end()
		defer sub.recoverInternal()
		body()
	}()
}

// recoverInternal turns a panic of the running goroutine into the message
// "pipesh: internal error: ..." and status 1, and unwinds the command as
// an exit from a subshell or an abort of the command line in the shell
// itself. It must be deferred directly.
func (r *Runner) recoverInternal() {
	v := recover()
	if v == nil {
		return
	}
	msg := strings.TrimSpace(fmt.Sprint(v))
	r.errorf("internal error: %s", msg)
	if debugPanics {
		r.writeErr(string(debug.Stack()))
	}
	r.status = 1
	if r.subshell {
		r.flow = flow{kind: flowExit}
	} else {
		r.flow = flow{kind: flowAbort}
	}
}

// debugPanics adds the Go stack to internal-error reports; flip it when
// hunting one down.
const debugPanics = false

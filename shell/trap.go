package shell

import (
	"context"
	"os"
	"syscall"

	"pipesh/exec"
	"pipesh/signals"
)

// runExitTrap runs the EXIT trap once, when a shell or subshell ends.
func (r *Runner) runExitTrap(ctx context.Context) {
	act, ok := r.traps["EXIT"]
	if !ok || act == "" {
		return
	}
	delete(r.traps, "EXIT")
	st := r.status
	fl := r.flow
	r.flow = flow{}
	r.trapDepth++
	r.evalString(ctx, act, "trap")
	r.trapDepth--
	if r.flow.kind != flowExit {
		r.status = st
	}
	r.flow = fl
}

// syncSignals makes the process's signal dispositions follow the traps
// (signals.Dispositions.Sync). An in-process subshell's traps are its
// own and never touch the process.
func (r *Runner) syncSignals() {
	if r.subshell && !r.sh.child {
		return
	}
	var interrupts chan os.Signal
	if r.sh.jc != nil {
		interrupts = r.sh.jc.Interrupts() // REPL: Ctrl-C stops the command
	}
	r.sh.signals.Sync(r.traps, interrupts)
}

// ignoreEntrySignals records the signals ignored when a non-interactive
// shell starts: POSIX and bash keep them ignored, trap lists them with
// an empty action and cannot change them (see keepsIgnored).
func (r *Runner) ignoreEntrySignals() {
	for _, name := range r.sh.signals.Start(r.sh.interactive) {
		r.traps[name] = ""
	}
}

// keepsIgnored reports whether trap must leave the named signal alone:
// it was ignored when a non-interactive shell started.
func (r *Runner) keepsIgnored(name string) bool { return r.sh.signals.KeepsIgnored(name) }

// KilledBy is the signal that ended the shell (SIGINT), or 0. The caller
// should end the process by that signal after Finish, so that its parent
// sees how it ended.
func (r *Runner) KilledBy() syscall.Signal { return r.sh.killedBy }

// runPendingTraps runs the actions of signals that arrived.
func (r *Runner) runPendingTraps(ctx context.Context) {
	r.handleSignals(ctx, false)
}

// afterForeground handles the signals that arrived while the shell waited
// for a foreground program. Go hands a signal to the channel from another
// goroutine, so the shell yields a little first: a signal sent before the
// program ended is then seen before the next command, as in bash. A
// SIGINT that the program survived (it caught it, or never got it) is
// dropped, as bash does.
func (r *Runner) afterForeground(ctx context.Context, st exec.Status) {
	if r.sh.signals.Chan() == nil || r.subshell && !r.sh.child || r.sh.interactive {
		return
	}
	r.sh.signals.Settle()
	r.handleSignals(ctx, !st.Exited && st.Signal == syscall.SIGINT)
}

// handleSignals runs trap actions for the signals received. A SIGINT
// without a trap ends a non-interactive shell (after its EXIT trap, by
// SIGINT again, see KilledBy) unless dropInt says the foreground program
// survived it.
func (r *Runner) handleSignals(ctx context.Context, childInt bool) {
	sigCh := r.sh.signals.Chan()
	if sigCh == nil || r.subshell && !r.sh.child {
		return
	}
	for {
		select {
		case sig := <-sigCh:
			r.handleSignal(ctx, sig.(syscall.Signal), childInt)
		default:
			return
		}
	}
}

// handleSignal acts on one signal that arrived: runs its trap, or ends a
// script on an untrapped SIGINT. It reports whether a trap action ran.
func (r *Runner) handleSignal(ctx context.Context, s syscall.Signal, childInt bool) bool {
	act, ok := signals.Action(r.traps, s)
	if !ok {
		if s == syscall.SIGINT && !r.sh.interactive && (childInt || !r.sh.inForeground) {
			r.status = 130
			r.flow = flow{kind: flowExit}
			r.sh.killedBy = syscall.SIGINT
		}
		return false
	}
	if act == "" {
		return false
	}
	st := r.status
	r.trapDepth++
	r.evalString(ctx, act, "trap")
	r.trapDepth--
	if r.flow.kind != flowExit {
		r.status = st
	}
	return true
}

// waitSignals is the channel on which the signals the shell handles
// arrive, for wait to be interrupted by a trapped one as in bash; nil
// (never ready) where no traps run (an in-process subshell).
func (r *Runner) waitSignals() chan os.Signal {
	if r.subshell && !r.sh.child {
		return nil
	}
	return r.sh.signals.Chan()
}

package shell

import (
	"context"
	"maps"
	"os"
	"os/signal"
	"runtime"
	"strconv"
	"syscall"
	"time"
	"unsafe"

	"golang.org/x/sys/unix"

	"pipesh/exec"
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

// syncSignals makes the process's signal dispositions follow the traps:
// a signal with an action is caught (Notify), one trapped with "" is
// really ignored (signal.Ignore), so that programs the shell starts
// inherit the ignored disposition across exec as in bash, and the rest
// are back to their defaults. An in-process subshell's traps are its own
// and never touch the process.
func (r *Runner) syncSignals() {
	if r.subshell && !r.sh.child {
		return
	}
	want := map[syscall.Signal]bool{}   // caught: sigCh gets them
	ignore := map[syscall.Signal]bool{} // trap '' SIG
	for name, act := range r.traps {
		sig, ok := signalNumber(name)
		if !ok || sig == 0 {
			continue
		}
		if act == "" && r.canIgnore(sig) {
			ignore[sig] = true
		} else {
			want[sig] = true // an action, or caught and dropped
		}
	}
	r.sh.mu.Lock()
	defer r.sh.mu.Unlock()
	if r.sh.sigCh == nil {
		r.sh.sigCh = make(chan os.Signal, 16)
	}
	if !r.sh.interactive && !r.sh.intIgnored && !ignore[syscall.SIGINT] {
		// a script is interrupted between commands, not in the middle
		// of one (see handleSignals)
		want[syscall.SIGINT] = true
	}
	r.sh.caught = maps.Clone(want)
	if r.sh.interactive {
		// as bash: an interactive shell is not stopped or ended by these
		// (SIGTERM too), its jobs are
		for _, s := range []syscall.Signal{syscall.SIGINT, syscall.SIGQUIT, syscall.SIGTERM, syscall.SIGTSTP, syscall.SIGTTIN, syscall.SIGTTOU} {
			if !ignore[s] {
				want[s] = true
			}
		}
	}
	if r.sh.notified == nil {
		r.sh.notified = map[syscall.Signal]bool{}
	}
	if r.sh.ignored == nil {
		r.sh.ignored = map[syscall.Signal]bool{}
	}
	var newIgnore []os.Signal
	for s := range ignore {
		if !r.sh.ignored[s] {
			newIgnore = append(newIgnore, s)
		}
	}
	if len(newIgnore) > 0 {
		// Ignore also takes the signals off every channel
		signal.Ignore(newIgnore...)
		for _, s := range newIgnore {
			r.sh.ignored[s.(syscall.Signal)] = true
			delete(r.sh.notified, s.(syscall.Signal))
		}
	}
	for s := range r.sh.ignored {
		if ignore[s] {
			continue
		}
		// signal.Reset does not undo signal.Ignore (golang/go#46321),
		// but Notify does; a signal no longer wanted is then Reset below
		// to the disposition it had when the shell started
		signal.Notify(r.sh.sigCh, s)
		r.sh.notified[s] = true
		delete(r.sh.ignored, s)
	}
	// change only what changed: signal.Reset of every signal waits for
	// the runtime's signal loop and costs milliseconds, and would also
	// drop what other parts of the program (a line editor's SIGWINCH)
	// asked for
	var drop, add []os.Signal
	for s := range r.sh.notified {
		if !want[s] {
			drop = append(drop, s)
		}
	}
	for s := range want {
		if !r.sh.notified[s] {
			add = append(add, s)
		}
	}
	if len(drop) > 0 {
		signal.Reset(drop...)
	}
	if len(add) > 0 {
		signal.Notify(r.sh.sigCh, add...)
	}
	r.sh.notified = want
	if r.sh.interactive && r.sh.jc != nil && r.sh.jc.Interrupts() != nil && !ignore[syscall.SIGINT] {
		signal.Notify(r.sh.jc.Interrupts(), syscall.SIGINT) // REPL: Ctrl-C stops the command
	}
}

// canIgnore reports whether a trap with an empty action may set sig's
// disposition to ignored. Not SIGCHLD: the kernel would then reap the
// shell's children itself and wait would find none; not SIGURG, which
// Go's scheduler preempts goroutines with; not SIGWINCH in an
// interactive shell, whose line editor follows the terminal's size.
// Those are caught and dropped instead (so, unlike bash's, the shell's
// children do not inherit them ignored).
func (r *Runner) canIgnore(sig syscall.Signal) bool {
	switch sig {
	case syscall.SIGCHLD, syscall.SIGURG:
		return false
	case syscall.SIGWINCH:
		return !r.sh.interactive
	}
	return true
}

// ignoreEntrySignals records the signals ignored when a non-interactive
// shell starts: POSIX and bash keep them ignored, trap lists them with
// an empty action and cannot change them (see keepsIgnored). Go's
// runtime keeps an inherited ignored disposition only for SIGHUP and
// SIGINT (it installs its own handlers for the others before main
// runs), so only those two are seen.
func (r *Runner) ignoreEntrySignals() {
	if r.sh.interactive {
		return
	}
	for s := syscall.Signal(1); s < 32; s++ {
		if signal.Ignored(s) {
			if r.sh.entryIgnored == nil {
				r.sh.entryIgnored = map[syscall.Signal]bool{}
			}
			r.sh.entryIgnored[s] = true
			r.traps[unix.SignalName(s)[3:]] = ""
		}
	}
}

// keepsIgnored reports whether trap must leave the named signal alone:
// it was ignored when a non-interactive shell started.
func (r *Runner) keepsIgnored(name string) bool {
	sig, ok := signalNumber(name)
	return ok && sig != 0 && r.sh.entryIgnored[sig]
}

// ignores reports whether sig is ignored by the process: by a trap with
// an empty action, or since a non-interactive shell started. kill $$ of
// it does nothing.
func (p *process) ignores(sig syscall.Signal) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.ignored[sig] || p.entryIgnored[sig]
}

// catches reports whether the process has a handler for sig: a trap, or
// SIGINT in a script.
func (p *process) catches(sig syscall.Signal) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.sigCh != nil && p.caught[sig]
}

// KilledBy is the signal that ended the shell (SIGINT), or 0. The caller
// should end the process by that signal after Finish, so that its parent
// sees how it ended.
func (r *Runner) KilledBy() syscall.Signal { return r.sh.killedBy }

// signalNumber parses a signal name (with or without SIG) or number;
// EXIT is 0.
func signalNumber(name string) (syscall.Signal, bool) {
	switch name {
	case "EXIT", "0":
		return 0, true
	case "ERR", "DEBUG", "RETURN":
		return 0, false
	}
	if n, err := strconv.Atoi(name); err == nil {
		return syscall.Signal(n), n > 0 && n < 65
	}
	if len(name) < 3 || name[:3] != "SIG" {
		name = "SIG" + name
	}
	sig := unix.SignalNum(name)
	return sig, sig != 0
}

// dieBy ends the process by sig, now: its default action is restored and
// it is sent to the calling thread, so it is delivered before the call
// returns.
func dieBy(sig syscall.Signal) {
	signal.Reset(sig)
	// the Go runtime keeps a handler of its own for most signals even
	// after Reset; the kernel's default action needs SIG_DFL itself
	var act [4]uint64 // struct kernel_sigaction: handler, flags, restorer, mask
	unix.RawSyscall6(unix.SYS_RT_SIGACTION, uintptr(sig), uintptr(unsafe.Pointer(&act)), 0, 8, 0, 0)
	runtime.LockOSThread()
	unix.Tgkill(os.Getpid(), unix.Gettid(), sig)
	// not reached unless the signal is blocked in this thread: the
	// process goes all the same, with the status a signal death gives
	os.Exit(128 + int(sig))
}

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
	if r.sh.sigCh == nil || r.subshell && !r.sh.child || r.sh.interactive {
		return
	}
	// with traps set, allow the forwarding goroutine a moment on a busy
	// machine; without, a few yields (for SIGINT) cost nothing
	limit := time.Duration(0)
	if len(r.sh.caught) > 1 || !r.sh.caught[syscall.SIGINT] && len(r.sh.caught) > 0 {
		limit = 200 * time.Microsecond
	}
	t0 := time.Now()
	for i := 0; len(r.sh.sigCh) == 0 && (i < 20 || time.Since(t0) < limit); i++ {
		runtime.Gosched()
	}
	r.handleSignals(ctx, !st.Exited && st.Signal == syscall.SIGINT)
}

// handleSignals runs trap actions for the signals received. A SIGINT
// without a trap ends a non-interactive shell (after its EXIT trap, by
// SIGINT again, see KilledBy) unless dropInt says the foreground program
// survived it.
func (r *Runner) handleSignals(ctx context.Context, childInt bool) {
	if r.sh.sigCh == nil || r.subshell && !r.sh.child {
		return
	}
	for {
		select {
		case sig := <-r.sh.sigCh:
			r.handleSignal(ctx, sig.(syscall.Signal), childInt)
		default:
			return
		}
	}
}

// handleSignal acts on one signal that arrived: runs its trap, or ends a
// script on an untrapped SIGINT. It reports whether a trap action ran.
func (r *Runner) handleSignal(ctx context.Context, s syscall.Signal, childInt bool) bool {
	name := unix.SignalName(s)
	act, ok := r.traps[name[3:]]
	if !ok {
		act, ok = r.traps[name]
	}
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
	if r.sh.sigCh == nil || r.subshell && !r.sh.child {
		return nil
	}
	return r.sh.sigCh
}

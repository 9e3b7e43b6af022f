package shell

import (
	"context"
	"os"
	"os/signal"
	"strconv"
	"syscall"

	"golang.org/x/sys/unix"
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
	r.evalString(ctx, act, "trap")
	if r.flow.kind != flowExit {
		r.status = st
	}
	r.flow = fl
}

// syncSignals makes the process catch exactly the signals that have
// traps (an ignored signal is caught too and dropped, since exec would
// otherwise pass an ignored disposition on to every child).
func (r *Runner) syncSignals() {
	if r.subshell {
		return
	}
	var sigs []os.Signal
	for name := range r.traps {
		if sig, ok := signalNumber(name); ok && sig != 0 {
			sigs = append(sigs, sig)
		}
	}
	r.sh.mu.Lock()
	defer r.sh.mu.Unlock()
	if r.sh.sigCh == nil {
		r.sh.sigCh = make(chan os.Signal, 16)
	}
	signal.Reset()
	if r.sh.interactive {
		signal.Notify(r.sh.sigCh, syscall.SIGINT, syscall.SIGQUIT, syscall.SIGTSTP, syscall.SIGTTIN, syscall.SIGTTOU)
		if r.sh.jc != nil && r.sh.jc.intCh != nil {
			signal.Notify(r.sh.jc.intCh, syscall.SIGINT) // REPL: Ctrl-C stops the command
		}
	}
	if len(sigs) > 0 {
		signal.Notify(r.sh.sigCh, sigs...)
	}
}

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

// runPendingTraps runs the actions of signals that arrived.
func (r *Runner) runPendingTraps(ctx context.Context) {
	if r.sh.sigCh == nil || r.subshell {
		return
	}
	for {
		select {
		case sig := <-r.sh.sigCh:
			s := sig.(syscall.Signal)
			name := unix.SignalName(s)
			act, ok := r.traps[name[3:]]
			if !ok {
				act, ok = r.traps[name]
			}
			if !ok {
				continue
			}
			if act == "" {
				continue
			}
			st := r.status
			r.evalString(ctx, act, "trap")
			if r.flow.kind != flowExit {
				r.status = st
			}
		default:
			return
		}
	}
}

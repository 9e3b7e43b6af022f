package signals

import (
	"runtime"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
)

// Settle yields until a caught signal is on the channel or a moment has
// passed, for the shell to look at the signals after a foreground program
// ends: a signal a child sent the shell before it ended is with the
// runtime by the time the child is reaped, but Go hands it to the channel
// from another goroutine. With traps other than SIGINT's set, the moment
// allows for a busy machine; without, a few yields (for SIGINT) cost
// nothing. With no channel it returns at once.
func (d *Dispositions) Settle() {
	ch := d.Chan()
	if ch == nil {
		return
	}
	limit := time.Duration(0)
	if d.CatchesOther(syscall.SIGINT) {
		limit = 200 * time.Microsecond
	}
	t0 := time.Now()
	for i := 0; len(ch) == 0 && (i < 20 || time.Since(t0) < limit); i++ {
		runtime.Gosched()
	}
}

// Action returns the action the trap table traps has for sig, under its
// name without SIG (as trap stores it) or with it, and whether there is
// one; an empty action means sig is ignored.
func Action(traps map[string]string, sig syscall.Signal) (string, bool) {
	name := unix.SignalName(sig)
	if len(name) > 3 {
		if act, ok := traps[name[3:]]; ok {
			return act, true
		}
	}
	act, ok := traps[name]
	return act, ok
}

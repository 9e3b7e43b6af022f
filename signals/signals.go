// Package signals keeps the signal dispositions of a shell's process:
// the signals it catches, which arrive on one channel for the shell to
// run their traps between commands; those a trap with an empty action
// has set ignored, so that the programs it starts inherit them ignored
// as from bash; and those that were ignored when a non-interactive
// shell started, which stay so. Dispositions follows the shell's trap
// table (Sync) and knows nothing else of the shell; Inherit says which
// traps a function and a subshell keep. Running a trap's action is the
// shell's.
package signals

import (
	"maps"
	"os"
	"os/signal"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"syscall"
	"unsafe"

	"golang.org/x/sys/unix"
)

// Dispositions is what a process does with each signal. There is one
// per process: the shell and its in-process subshells share it. Its
// zero value catches nothing and has no channel; Start records the
// dispositions the process began with.
type Dispositions struct {
	interactive bool // an interactive shell's: Start
	intIgnored  bool // SIGINT was ignored at start: it stays so

	// ch is the channel of the caught signals, made by the first Sync;
	// atomic, as the shell looks at it between every two commands, in
	// in-process subshells too, without taking mu
	ch atomic.Pointer[chan os.Signal]

	mu           sync.Mutex
	caught       map[syscall.Signal]bool // what has a trap, or SIGINT in a script
	notified     map[syscall.Signal]bool // what ch is registered for
	ignored      map[syscall.Signal]bool // what signal.Ignore was called for (trap '' SIG)
	entryIgnored map[syscall.Signal]bool // ignored at start of a non-interactive shell
}

// Start records the dispositions the process started with. A
// non-interactive shell keeps the signals ignored at its start ignored,
// as POSIX and bash have it: their names, without SIG, are returned,
// for trap to list with an empty action (KeepsIgnored then holds for
// them). Go's runtime keeps an inherited ignored disposition only for
// SIGHUP and SIGINT (it installs its own handlers for the others before
// main runs), so only those two are seen.
func (d *Dispositions) Start(interactive bool) []string {
	d.interactive = interactive
	d.intIgnored = signal.Ignored(syscall.SIGINT)
	if interactive {
		return nil
	}
	var names []string
	for s := syscall.Signal(1); s < 32; s++ {
		if signal.Ignored(s) {
			if d.entryIgnored == nil {
				d.entryIgnored = map[syscall.Signal]bool{}
			}
			d.entryIgnored[s] = true
			names = append(names, unix.SignalName(s)[3:])
		}
	}
	return names
}

// Sync makes the process's dispositions follow traps, a trap table by
// signal name (with or without SIG, or a number; EXIT, ERR, DEBUG and
// RETURN are no signals and are passed over): a signal with an action
// is caught (delivered on Chan), one trapped with "" is really ignored
// (signal.Ignore), so that programs the shell starts inherit the
// ignored disposition across exec as in bash, and the rest are back to
// their defaults. A script catches SIGINT too, to be interrupted
// between commands; an interactive shell also catches what would stop
// or end it (its jobs are stopped or ended instead), and, when
// interrupts is not nil, SIGINT is notified there as well (the REPL's
// Ctrl-C stops the command). Only what changed since the last Sync is
// changed, so that what other parts of the program asked for (a line
// editor's SIGWINCH) stays.
func (d *Dispositions) Sync(traps map[string]string, interrupts chan<- os.Signal) {
	want := map[syscall.Signal]bool{}   // caught: ch gets them
	ignore := map[syscall.Signal]bool{} // trap '' SIG
	for name, act := range traps {
		sig, ok := number(name)
		if !ok || sig == 0 {
			continue
		}
		if act == "" && d.canIgnore(sig) {
			ignore[sig] = true
		} else {
			want[sig] = true // an action, or caught and dropped
		}
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	ch := d.Chan()
	if ch == nil {
		ch = make(chan os.Signal, 16)
		d.ch.Store(&ch)
	}
	if !d.interactive && !d.intIgnored && !ignore[syscall.SIGINT] {
		// a script is interrupted between commands, not in the middle
		// of one
		want[syscall.SIGINT] = true
	}
	d.caught = maps.Clone(want)
	if d.interactive {
		// as bash: an interactive shell is not stopped or ended by these
		// (SIGTERM too), its jobs are
		for _, s := range []syscall.Signal{syscall.SIGINT, syscall.SIGQUIT, syscall.SIGTERM, syscall.SIGTSTP, syscall.SIGTTIN, syscall.SIGTTOU} {
			if !ignore[s] {
				want[s] = true
			}
		}
	}
	if d.notified == nil {
		d.notified = map[syscall.Signal]bool{}
	}
	if d.ignored == nil {
		d.ignored = map[syscall.Signal]bool{}
	}
	var newIgnore []os.Signal
	for s := range ignore {
		if !d.ignored[s] {
			newIgnore = append(newIgnore, s)
		}
	}
	if len(newIgnore) > 0 {
		// Ignore also takes the signals off every channel
		signal.Ignore(newIgnore...)
		for _, s := range newIgnore {
			d.ignored[s.(syscall.Signal)] = true
			delete(d.notified, s.(syscall.Signal))
		}
	}
	for s := range d.ignored {
		if ignore[s] {
			continue
		}
		// signal.Reset does not undo signal.Ignore (golang/go#46321),
		// but Notify does; a signal no longer wanted is then Reset below
		// to the disposition it had when the shell started
		signal.Notify(ch, s)
		d.notified[s] = true
		delete(d.ignored, s)
	}
	// change only what changed: signal.Reset of every signal waits for
	// the runtime's signal loop and costs milliseconds
	var drop, add []os.Signal
	for s := range d.notified {
		if !want[s] {
			drop = append(drop, s)
		}
	}
	for s := range want {
		if !d.notified[s] {
			add = append(add, s)
		}
	}
	if len(drop) > 0 {
		signal.Reset(drop...)
	}
	if len(add) > 0 {
		signal.Notify(ch, add...)
	}
	d.notified = want
	if d.interactive && interrupts != nil && !ignore[syscall.SIGINT] {
		signal.Notify(interrupts, syscall.SIGINT)
	}
}

// canIgnore reports whether a trap with an empty action may set sig's
// disposition to ignored. Not SIGCHLD: the kernel would then reap the
// shell's children itself and wait would find none; not SIGURG, which
// Go's scheduler preempts goroutines with; not SIGWINCH in an
// interactive shell, whose line editor follows the terminal's size.
// Those are caught and dropped instead (so, unlike bash's, the shell's
// children do not inherit them ignored).
func (d *Dispositions) canIgnore(sig syscall.Signal) bool {
	switch sig {
	case syscall.SIGCHLD, syscall.SIGURG:
		return false
	case syscall.SIGWINCH:
		return !d.interactive
	}
	return true
}

// Chan is the channel the caught signals arrive on, nil until the first
// Sync; it never changes after. Nil means no signal is handled yet: the
// shell need not look for arrivals.
func (d *Dispositions) Chan() chan os.Signal {
	if p := d.ch.Load(); p != nil {
		return *p
	}
	return nil
}

// Catches reports whether the process has a handler for sig: a trap, or
// SIGINT in a script.
func (d *Dispositions) Catches(sig syscall.Signal) bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.ch.Load() != nil && d.caught[sig]
}

// CatchesOther reports whether the process catches a signal other than
// sig (a script's SIGINT is caught without any trap).
func (d *Dispositions) CatchesOther(sig syscall.Signal) bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	return len(d.caught) > 1 || !d.caught[sig] && len(d.caught) > 0
}

// Deliver hands sig over on Chan as if it had arrived, when the process
// catches it (kill $$ of a trapped signal, whose trap then runs before
// the next command as in bash), and reports whether it does. A signal
// that finds the channel full is dropped, as the kernel merges a
// pending signal with one sent again.
func (d *Dispositions) Deliver(sig syscall.Signal) bool {
	if !d.Catches(sig) {
		return false
	}
	select {
	case d.Chan() <- sig:
	default:
	}
	return true
}

// Ignores reports whether sig is ignored by the process: by a trap with
// an empty action, or since a non-interactive shell started.
func (d *Dispositions) Ignores(sig syscall.Signal) bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.ignored[sig] || d.entryIgnored[sig]
}

// KeepsIgnored reports whether trap must leave the named signal alone:
// it was ignored when a non-interactive shell started.
func (d *Dispositions) KeepsIgnored(name string) bool {
	sig, ok := number(name)
	if !ok || sig == 0 {
		return false
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.entryIgnored[sig]
}

// number parses a signal name (with or without SIG) or number, as the
// trap table has them; EXIT is 0, and ERR, DEBUG and RETURN are no
// signal.
func number(name string) (syscall.Signal, bool) {
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

// DieBy ends the process by sig, now, so that its parent sees it killed
// by sig: the default action is restored and sig is sent to the calling
// thread, so it is delivered before the call returns. Should sig be
// blocked in this thread, the process exits all the same, with the
// status 128+sig that a shell reports for a signal death.
func DieBy(sig syscall.Signal) {
	signal.Reset(sig)
	// the Go runtime keeps a handler of its own for most signals even
	// after Reset; the kernel's default action needs SIG_DFL itself
	var act [4]uint64 // struct kernel_sigaction: handler, flags, restorer, mask
	unix.RawSyscall6(unix.SYS_RT_SIGACTION, uintptr(sig), uintptr(unsafe.Pointer(&act)), 0, 8, 0, 0)
	runtime.LockOSThread()
	unix.Tgkill(os.Getpid(), unix.Gettid(), sig)
	os.Exit(128 + int(sig))
}

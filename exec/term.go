package exec

import (
	"fmt"
	"runtime"

	"golang.org/x/sys/unix"
)

// A job-control shell moves its terminal's foreground between process
// groups: its own while it reads commands, a job's while the job runs.
// These are the calls it needs, on the terminal's descriptor fd.

// TermModes are a terminal's settings (its termios), saved and restored
// whole: a job stopped by Ctrl-Z gets back the modes it had set.
type TermModes struct{ t unix.Termios }

// GetTermModes returns the settings of the terminal on fd.
func GetTermModes(fd int) (*TermModes, error) {
	t, err := unix.IoctlGetTermios(fd, unix.TCGETS)
	if err != nil {
		return nil, fmt.Errorf("tcgetattr: %w", err)
	}
	return &TermModes{t: *t}, nil
}

// SetTermModes restores m on the terminal on fd, once its pending output
// is written (TCSETSW).
func SetTermModes(fd int, m *TermModes) error {
	t := m.t
	if err := unix.IoctlSetTermios(fd, unix.TCSETSW, &t); err != nil {
		return fmt.Errorf("tcsetattr: %w", err)
	}
	return nil
}

// Tcgetpgrp returns the foreground process group of the terminal on fd.
func Tcgetpgrp(fd int) (int, error) {
	pg, err := unix.IoctlGetInt(fd, unix.TIOCGPGRP)
	if err != nil {
		return 0, fmt.Errorf("tcgetpgrp: %w", err)
	}
	return pg, nil
}

// Tcsetpgrp makes pgid the foreground group of the terminal on fd.
// SIGTTOU is blocked on the calling thread meanwhile: a caught SIGTTOU
// would make the kernel restart the call forever when the caller is in
// the background.
func Tcsetpgrp(fd, pgid int) error {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	var set, old unix.Sigset_t
	n := uint(unix.SIGTTOU) - 1
	set.Val[n/64] |= 1 << (n % 64)
	unix.PthreadSigmask(unix.SIG_BLOCK, &set, &old)
	err := unix.IoctlSetPointerInt(fd, unix.TIOCSPGRP, pgid)
	unix.PthreadSigmask(unix.SIG_SETMASK, &old, nil)
	if err != nil {
		return fmt.Errorf("tcsetpgrp: %w", err)
	}
	return nil
}

// Getpgrp returns the calling process's process group.
func Getpgrp() int { return unix.Getpgrp() }

// Setpgid puts process pid (0: the caller) in group pgid (0: a new group
// led by pid).
func Setpgid(pid, pgid int) error {
	if err := unix.Setpgid(pid, pgid); err != nil {
		return fmt.Errorf("setpgid: %w", err)
	}
	return nil
}

package main

import (
	"fmt"
	"os"

	"golang.org/x/sys/unix"
)

func isTerminal(f *os.File) bool {
	if f == nil {
		return false
	}
	_, err := unix.IoctlGetTermios(int(f.Fd()), unix.TCGETS)
	return err == nil
}

// inheritedFds finds the descriptors above 2 that pipesh's parent passed
// it (those without close-on-exec), marks them close-on-exec, and returns
// them: they become entries of the shell's fd table, so that scripts can
// use them and children get them only through the table.
func inheritedFds() map[int]*os.File {
	entries, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		return nil
	}
	fds := map[int]*os.File{}
	for _, e := range entries {
		var n int
		if _, err := fmt.Sscan(e.Name(), &n); err != nil || n < 3 {
			continue
		}
		flags, err := unix.FcntlInt(uintptr(n), unix.F_GETFD, 0)
		if err != nil || flags&unix.FD_CLOEXEC != 0 {
			continue
		}
		unix.FcntlInt(uintptr(n), unix.F_SETFD, flags|unix.FD_CLOEXEC)
		fds[n] = os.NewFile(uintptr(n), fmt.Sprintf("fd%d", n))
	}
	return fds
}

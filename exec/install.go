package exec

import (
	"os"

	"golang.org/x/sys/unix"
)

// InstallFds makes the process's fds equal files (entry i at fd i, nil
// closed for 0 to 2), for an exec in place of the process, in two
// passes as a forked child's are set (syscall/exec_linux.go): first every
// file whose number is needed by another moves above them all, then each
// is dup'ed onto its number. Only descriptors files uses are touched:
// everything else the process holds is close-on-exec, the Go runtime's
// own (epoll, eventfd, cgroup files) included, and must keep working
// until execve. It reports false, changing nothing, when a number the
// map needs is held by such a descriptor. Nothing else may run in the
// process while it works.
func InstallFds(files []*os.File) bool {
	n := len(files)
	mine := map[int]bool{}
	for _, f := range files {
		if f != nil {
			mine[int(f.Fd())] = true
		}
	}
	for i, f := range files {
		// 0 to 2 are the shell's stdio, never the runtime's
		if i > 2 && f != nil && !mine[i] && fdOpen(i) {
			return false
		}
	}
	fds := make([]int, n)
	for i, f := range files {
		fds[i] = -1
		if f == nil {
			continue
		}
		fd := int(f.Fd())
		if fd < n && fd != i {
			nfd, err := unix.FcntlInt(uintptr(fd), unix.F_DUPFD_CLOEXEC, n)
			if err != nil {
				return false
			}
			fd = nfd
		}
		fds[i] = fd
	}
	for i, fd := range fds {
		switch {
		case fd < 0 && i < 3:
			unix.Close(i)
		case fd == i:
			unix.FcntlInt(uintptr(i), unix.F_SETFD, 0)
		case fd >= 0:
			if err := unix.Dup3(fd, i, 0); err != nil {
				return false
			}
		}
	}
	for i := n; i < 3; i++ {
		unix.Close(i) // files has no stdio there
	}
	return true
}

// fdOpen reports whether the process has fd open.
func fdOpen(fd int) bool {
	_, err := unix.FcntlInt(uintptr(fd), unix.F_GETFD, 0)
	return err == nil
}

package main

import (
	"os"
	"strconv"

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
	// read with getdents, not os.ReadDir: this runs at every start of the
	// shell and of each child subshell, and os.ReadDir's sorting, Lstat
	// and fmt.Sscan cost more than the scan itself
	dir, err := unix.Open("/proc/self/fd", unix.O_RDONLY|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
	if err != nil {
		return nil
	}
	var nums []int
	var buf [2048]byte
	for {
		n, err := unix.ReadDirent(dir, buf[:])
		if err != nil || n <= 0 {
			break
		}
		_, _, names := unix.ParseDirent(buf[:n], -1, nil)
		for _, name := range names {
			if fd, err := strconv.Atoi(name); err == nil && fd > 2 && fd != dir {
				nums = append(nums, fd)
			}
		}
	}
	unix.Close(dir)
	return adoptFds(nums)
}

// fdsThrough is inheritedFds for a subshell child, whose parent passed
// it fds only up to max (its state's fd, above the subshell's table):
// those are looked at one by one, with no scan of /proc.
func fdsThrough(max int) map[int]*os.File {
	nums := make([]int, 0, max-2)
	for n := 3; n <= max; n++ {
		nums = append(nums, n)
	}
	return adoptFds(nums)
}

// adoptFds marks close-on-exec those of the descriptors nums that are
// open without it, and returns them as files.
func adoptFds(nums []int) map[int]*os.File {
	fds := map[int]*os.File{}
	for _, n := range nums {
		flags, err := unix.FcntlInt(uintptr(n), unix.F_GETFD, 0)
		if err != nil || flags&unix.FD_CLOEXEC != 0 {
			continue
		}
		unix.FcntlInt(uintptr(n), unix.F_SETFD, flags|unix.FD_CLOEXEC)
		fds[n] = os.NewFile(uintptr(n), "fd"+strconv.Itoa(n))
	}
	return fds
}

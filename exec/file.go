package exec

import (
	"bytes"
	"io"
	"os"

	"golang.org/x/sys/unix"
)

// OpenFile opens a file as os.OpenFile does, but always close-on-exec and
// outside Go's network poller. os.OpenFile offers every file it opens to
// the poller, and the poller's first use opens two descriptors of the
// runtime's own (an epoll and an eventfd) that then sit among the
// shell's low numbers, where `ls /proc/$$/fd`, a child subshell and any
// program checking what it inherited see them. A shell reads and writes
// its files blocking anyway (taking the fd for a child makes a polled
// file blocking), so nothing is lost. The caller closes the file.
func OpenFile(name string, flag int, perm os.FileMode) (*os.File, error) {
	mode := uint32(perm.Perm())
	if perm&os.ModeSetuid != 0 {
		mode |= unix.S_ISUID
	}
	if perm&os.ModeSetgid != 0 {
		mode |= unix.S_ISGID
	}
	if perm&os.ModeSticky != 0 {
		mode |= unix.S_ISVTX
	}
	for {
		fd, err := unix.Open(name, flag|unix.O_CLOEXEC, mode)
		if err == unix.EINTR {
			continue // a signal arrived while a FIFO's open waited
		}
		if err != nil {
			return nil, &os.PathError{Op: "open", Path: name, Err: err}
		}
		return os.NewFile(uintptr(fd), name), nil
	}
}

// Open opens a file for reading, as [OpenFile] does.
func Open(name string) (*os.File, error) { return OpenFile(name, os.O_RDONLY, 0) }

// ReadFile reads a whole file, as os.ReadFile does, opening it with
// [Open].
func ReadFile(name string) ([]byte, error) {
	f, err := Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var buf bytes.Buffer
	if st, err := f.Stat(); err == nil && st.Mode().IsRegular() {
		buf.Grow(int(st.Size()) + 1)
	}
	if _, err := io.Copy(&buf, f); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// WriteFile writes data to a file, creating it with perm or truncating it,
// as os.WriteFile does, opening it with [OpenFile].
func WriteFile(name string, data []byte, perm os.FileMode) error {
	f, err := OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, perm)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if err1 := f.Close(); err == nil {
		err = err1
	}
	return err
}

// MoveHigh moves a file the shell keeps open for its own use (a script
// being read) to the highest free descriptor at or below 255, as bash
// moves its script, so it stays out of the low numbers that scripts and
// the programs they start use and see. The old descriptor is closed;
// when no number is free up there (a low RLIMIT_NOFILE), f is returned
// as it was.
func MoveHigh(f *os.File) *os.File {
	old := int(f.Fd())
	if old >= 10 {
		return f
	}
	for n := 255; n >= 10; n-- {
		if _, err := unix.FcntlInt(uintptr(n), unix.F_GETFD, 0); err != unix.EBADF {
			continue // taken
		}
		if err := unix.Dup3(old, n, unix.O_CLOEXEC); err != nil {
			return f
		}
		moved := os.NewFile(uintptr(n), f.Name())
		f.Close()
		return moved
	}
	return f
}

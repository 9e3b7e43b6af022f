package shell

import (
	"fmt"
	"os"
	"strconv"
	"testing"

	"golang.org/x/sys/unix"
)

// TestMain lets the test binary stand in for pipesh when a test's shell
// starts a subshell child: os.Executable is then this binary, run as
// `--subshell N` (see childsub.go), as cmd/pipesh's subshellMain runs it.
func TestMain(m *testing.M) {
	if len(os.Args) >= 3 && os.Args[1] == SubshellFlag {
		os.Exit(testSubshellMain(os.Args[2]))
	}
	os.Exit(m.Run())
}

func testSubshellMain(arg string) int {
	n, err := strconv.Atoi(arg)
	if err != nil {
		return 2
	}
	fds := map[int]*os.File{}
	ents, _ := os.ReadDir("/proc/self/fd")
	for _, e := range ents {
		fd, err := strconv.Atoi(e.Name())
		if err != nil || fd < 3 {
			continue
		}
		flags, err := unix.FcntlInt(uintptr(fd), unix.F_GETFD, 0)
		if err != nil || flags&unix.FD_CLOEXEC != 0 {
			continue
		}
		unix.FcntlInt(uintptr(fd), unix.F_SETFD, flags|unix.FD_CLOEXEC)
		fds[fd] = os.NewFile(uintptr(fd), fmt.Sprintf("fd%d", fd))
	}
	state, ok := fds[n]
	if !ok {
		return 2
	}
	delete(fds, n)
	return RunChild(Config{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Env: os.Environ(), Fds: fds}, state)
}

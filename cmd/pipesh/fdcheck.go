package main

import (
	"pipesh/exec"
	"pipesh/pipetest"
	"pipesh/shell"

	"fmt"
	"os"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// fdCheckEnv names the file to which pipesh reports its own open
// descriptors at start and at exit, for the "check: fds" of pipesh test:
// a line "start fd=target ..." and a line "exit fd=target ...". The
// variable is removed from the environment, so a nested pipesh does not
// report into the same file. The Go runtime's own descriptors (its
// epoll, eventfd and pidfds) are left out.
const fdCheckEnv = "PIPESH_FDCHECK"

// fdCheck records the open descriptors at start and at exit when
// $PIPESH_FDCHECK asks for it; the zero value does nothing.
type fdCheck struct {
	path string
	once sync.Once
	r    *shell.Runner
}

// startFdCheck records the descriptors open now, if $PIPESH_FDCHECK is set.
func startFdCheck() *fdCheck {
	fc := &fdCheck{path: os.Getenv(fdCheckEnv)}
	if fc.path == "" {
		return fc
	}
	os.Unsetenv(fdCheckEnv)
	if err := exec.WriteFile(fc.path, []byte("start "+openFds(nil)+"\n"), 0o644); err != nil {
		fc.path = ""
	}
	return fc
}

// watch names the shell whose fd table holds the script's own
// descriptors: those are the script's at exit, not leaks of the shell.
func (fc *fdCheck) watch(r *shell.Runner) { fc.r = r }

// done records the descriptors open at exit; only the first call counts.
func (fc *fdCheck) done() {
	if fc.path == "" {
		return
	}
	fc.once.Do(func() {
		exit := openFds(fc.scriptFds())
		f, err := exec.OpenFile(fc.path, os.O_WRONLY|os.O_APPEND, 0)
		if err != nil {
			return
		}
		fmt.Fprintf(f, "exit %s\n", exit)
		f.Close()
	})
}

// scriptFds are the OS descriptors behind the script's fds (after
// exec 2>file, fd 2 is the script's file). The table is searched up to fd
// 65535 whatever the open-file limit, since a script may lower the limit
// below fds it already has.
func (fc *fdCheck) scriptFds() map[int]bool {
	held := map[int]bool{}
	if fc.r == nil {
		return held
	}
	for n := 0; n < 1<<16; n++ {
		if f, ok := fc.r.State().Fd(n); ok && f != nil {
			held[int(f.Fd())] = true
		}
	}
	return held
}

// openFds lists this process's descriptors but those in skip as
// fd=target, in fd order.
func openFds(skip map[int]bool) string {
	d, err := exec.Open("/proc/self/fd")
	if err != nil {
		return ""
	}
	defer d.Close()
	names, _ := d.Readdirnames(-1)
	self := int(d.Fd())
	var fds []int
	for _, n := range names {
		if fd, err := strconv.Atoi(n); err == nil && fd != self && !skip[fd] {
			fds = append(fds, fd)
		}
	}
	sort.Ints(fds)
	var out []string
	for _, fd := range fds {
		target, err := os.Readlink("/proc/self/fd/" + strconv.Itoa(fd))
		if err != nil || runtimeFd(target) {
			continue
		}
		out = append(out, strconv.Itoa(fd)+"="+strings.ReplaceAll(target, " ", "_"))
	}
	return strings.Join(out, " ")
}

// runtimeFd reports whether target is one the Go runtime opens for
// itself: the netpoller's epoll and eventfd, and the pidfds os.Process
// holds.
func runtimeFd(target string) bool {
	switch target {
	case "anon_inode:[eventpoll]", "anon_inode:[eventfd]", "anon_inode:[pidfd]":
		return true
	}
	return false
}

// testMain is "pipesh test" (see package pipetest): pipesh is both the
// shell under test and the supervisor of each run.
func testMain(args []string, stdin, stdout, stderr *os.File) int {
	self, err := os.Executable()
	if err != nil {
		fmt.Fprintf(stderr, "pipesh test: %v\n", err)
		return 2
	}
	return pipetest.Main(args, stdin, stdout, stderr, self)
}

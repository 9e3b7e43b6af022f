package main

import (
	"pipesh/pipetest"

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

// startFdCheck records the open descriptors if $PIPESH_FDCHECK asks for
// it and returns the function that records them again at exit (safe to
// call more than once; it does nothing without the variable).
func startFdCheck() func() {
	path := os.Getenv(fdCheckEnv)
	if path == "" {
		return func() {}
	}
	os.Unsetenv(fdCheckEnv)
	start := openFds()
	if err := os.WriteFile(path, []byte("start "+start+"\n"), 0o644); err != nil {
		return func() {}
	}
	var once sync.Once
	return func() {
		once.Do(func() {
			exit := openFds()
			f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
			if err != nil {
				return
			}
			fmt.Fprintf(f, "exit %s\n", exit)
			f.Close()
		})
	}
}

// openFds lists this process's descriptors as fd=target, in fd order.
func openFds() string {
	d, err := os.Open("/proc/self/fd")
	if err != nil {
		return ""
	}
	defer d.Close()
	names, _ := d.Readdirnames(-1)
	self := int(d.Fd())
	var fds []int
	for _, n := range names {
		if fd, err := strconv.Atoi(n); err == nil && fd != self {
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

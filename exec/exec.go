// Package exec owns pipesh's processes and descriptors: pipes,
// socketpairs, spawning a child with an exact fd map, process groups,
// waiting with resource usage, and decoding exit statuses.
//
// It knows nothing of shell semantics. Every pipe, socketpair, spawn,
// close of an IPC end and wait the shell performs goes through this
// package, so one place can trace them all (see [Tracer]).
//
// Unlike os/exec, it never starts a goroutine to copy bytes: a child's fds
// are the files it is given, and nothing else is inherited.
package exec

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
)

// Tracer receives one call per IPC event. A nil Tracer costs one nil check
// per event.
type Tracer interface {
	Trace(ev Event)
}

// EventKind names what happened.
type EventKind int

// The kinds of event a Tracer sees. The first six are made by this
// package; the others are made by the shell, which knows what a subshell
// or a redirection is, and are sent to the same Tracer so one stream
// tells the whole story.
const (
	EvPipe       EventKind = iota // Fds: [read, write]
	EvSocketpair                  // Fds: [shell end, child end]
	EvSpawn                       // Pid, Argv, Files
	EvClose                       // Fds: [fd]
	EvShutdown                    // Fds: [fd]
	EvWait                        // Pid, Status (with IO when traced)
	EvDup                         // Fds: [old, new]: a shell copy of an IPC end
	EvSubshell                    // Note: its command; Files: its fd table
	EvRedir                       // Note: the redirection; Fds: [fd]; Files: [what fd now is]
)

// Event is one traced IPC operation.
type Event struct {
	Kind   EventKind
	Fds    []int
	Pid    int
	Argv   []string
	Files  []*os.File // the child's fd map, index = child fd
	Status Status
	// Pos is the statement that caused the event (FILE:LINE), and Note
	// more words about it; both are filled in by the shell.
	Pos  string
	Note string
	// Sub is the in-process subshell that caused the event (an id the
	// shell hands out, 0 for the shell itself); for EvSubshell, Pid is
	// the new subshell's id.
	Sub int
}

// Pipe returns a new pipe; both ends are close-on-exec, so no child
// inherits them unless handed them in its fd map.
func Pipe(t Tracer) (r, w *os.File, err error) {
	var p [2]int
	if err := unix.Pipe2(p[:], unix.O_CLOEXEC); err != nil {
		return nil, nil, os.NewSyscallError("pipe2", err)
	}
	if t != nil {
		t.Trace(Event{Kind: EvPipe, Fds: []int{p[0], p[1]}})
	}
	return os.NewFile(uintptr(p[0]), "|0"), os.NewFile(uintptr(p[1]), "|1"), nil
}

// Socketpair returns a connected pair of Unix stream sockets, both
// close-on-exec: one for the shell, one for a coprocess.
func Socketpair(t Tracer) (shell, child *os.File, err error) {
	fds, err := unix.Socketpair(unix.AF_UNIX, unix.SOCK_STREAM|unix.SOCK_CLOEXEC, 0)
	if err != nil {
		return nil, nil, os.NewSyscallError("socketpair", err)
	}
	if t != nil {
		t.Trace(Event{Kind: EvSocketpair, Fds: []int{fds[0], fds[1]}})
	}
	return os.NewFile(uintptr(fds[0]), "socket"), os.NewFile(uintptr(fds[1]), "socket"), nil
}

// Dup returns a close-on-exec duplicate of f numbered 3 or above: a
// second shell copy of a pipe end or socket, which must be closed too
// before the other side sees EOF, hence traced.
func Dup(t Tracer, f *os.File) (*os.File, error) {
	fd := int(f.Fd())
	nfd, err := unix.FcntlInt(uintptr(fd), unix.F_DUPFD_CLOEXEC, 3)
	if err != nil {
		return nil, os.NewSyscallError("fcntl", err)
	}
	if t != nil {
		t.Trace(Event{Kind: EvDup, Fds: []int{fd, nfd}})
	}
	return os.NewFile(uintptr(nfd), f.Name()), nil
}

// Shutdown shuts the write side of a socket, so its peer reads EOF while
// replies can still be read from it.
func Shutdown(t Tracer, f *os.File) error {
	fd := int(f.Fd())
	if t != nil {
		t.Trace(Event{Kind: EvShutdown, Fds: []int{fd}})
	}
	if err := unix.Shutdown(fd, unix.SHUT_WR); err != nil {
		return os.NewSyscallError("shutdown", err)
	}
	return nil
}

// Close closes an IPC end the shell holds (a pipe end or socket).
func Close(t Tracer, f *os.File) error {
	if f == nil {
		return nil
	}
	if t != nil {
		t.Trace(Event{Kind: EvClose, Fds: []int{int(f.Fd())}})
	}
	return f.Close()
}

// Status is how a child ended or stopped.
type Status struct {
	Exited   bool
	Code     int
	Signal   syscall.Signal
	Stopped  bool
	CoreDump bool
	Rusage   syscall.Rusage
	Real     time.Duration
	// IO is what the child read and wrote, from /proc/PID/io read just
	// before it was reaped; only when traced (IO.Valid).
	IO IO
}

// IO is a child's byte counts: every read(2) and write(2), pipes and
// terminals included (rchar, wchar), not only storage.
type IO struct {
	Valid       bool
	Read, Wrote int64
}

// ExitCode is the status as the shell reports it: the exit code, or
// 128+N for a child killed (or stopped) by signal N.
func (s Status) ExitCode() int {
	if s.Exited {
		return s.Code
	}
	return 128 + int(s.Signal)
}

func (s Status) String() string {
	switch {
	case s.Exited:
		return fmt.Sprintf("exit %d", s.Code)
	case s.Stopped:
		return "stopped by " + unix.SignalName(s.Signal)
	default:
		return "killed by " + unix.SignalName(s.Signal)
	}
}

// Wait waits for the child to exit (or, with untraced, to stop) and
// returns its status. EINTR is retried.
func (c *Child) Wait(untraced bool) (Status, error) {
	st, err := WaitPid(c.t, c.Pid, untraced)
	st.Real = time.Since(c.Start)
	return st, err
}

// WaitPid waits for pid (a child, or -pgid for any member of a group).
func WaitPid(t Tracer, pid int, untraced bool) (Status, error) {
	var ws syscall.WaitStatus
	var ru syscall.Rusage
	opts := 0
	if untraced {
		opts |= syscall.WUNTRACED
	}
	var io IO
	if t != nil && pid > 0 {
		io = peekIO(pid, untraced)
	}
	var got int
	var err error
	for {
		got, err = syscall.Wait4(pid, &ws, opts, &ru)
		if err != syscall.EINTR {
			break
		}
	}
	if err != nil {
		return Status{}, os.NewSyscallError("wait4", err)
	}
	st := decode(ws)
	st.Rusage = ru
	st.IO = io
	if t != nil {
		t.Trace(Event{Kind: EvWait, Pid: got, Status: st})
	}
	return st, nil
}

func decode(ws syscall.WaitStatus) Status {
	switch {
	case ws.Exited():
		return Status{Exited: true, Code: ws.ExitStatus()}
	case ws.Stopped():
		return Status{Stopped: true, Signal: ws.StopSignal()}
	default:
		return Status{Signal: ws.Signal(), CoreDump: ws.CoreDump()}
	}
}

// peekIO waits for pid to end without reaping it (waitid WNOWAIT), so its
// /proc/PID/io can still be read, and returns its byte counts. Errors
// leave IO invalid: the reaping wait4 that follows reports them.
func peekIO(pid int, untraced bool) IO {
	opts := unix.WEXITED | unix.WNOWAIT
	if untraced {
		opts |= unix.WSTOPPED
	}
	var info unix.Siginfo
	for {
		err := unix.Waitid(unix.P_PID, pid, &info, opts, nil)
		if err == nil {
			break
		}
		if err != unix.EINTR {
			return IO{}
		}
	}
	data, err := ReadFile("/proc/" + strconv.Itoa(pid) + "/io")
	if err != nil {
		return IO{}
	}
	io := IO{Valid: true}
	for _, line := range strings.Split(string(data), "\n") {
		k, v, ok := strings.Cut(line, ": ")
		if !ok {
			continue
		}
		n, _ := strconv.ParseInt(v, 10, 64)
		switch k {
		case "rchar":
			io.Read = n
		case "wchar":
			io.Wrote = n
		}
	}
	return io
}

// NoFork runs fn while no child can be started: for code that opens a
// descriptor without close-on-exec, which a child started meanwhile
// would inherit. Go's time package is such code: it reads zoneinfo files
// (TZ, /etc/localtime) with a plain open(2).
func NoFork(fn func()) {
	syscall.ForkLock.RLock()
	defer syscall.ForkLock.RUnlock()
	fn()
}

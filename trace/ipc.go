// Package trace turns the events of package exec into what a person
// reads: the IPC trace (set -o ipctrace, pipesh --ipctrace), the DOT
// picture of what ran (set -o ipcgraph=FILE, pipesh --ipcgraph FILE) and
// time -v's row per pipeline stage.
//
// It knows nothing of shell syntax: the shell says where a statement
// starts (an event's Pos), which in-process subshell caused an event
// (a [Scope]) and what a command looks like as text.
package trace

// The IPC trace: one line per pipe, socketpair, spawn, dup, close,
// shutdown, redirection, in-process subshell and wait, as it happens. The
// format is documented in README.md ("IPC trace") and is stable:
//
//	ipc FILE:LINE: EVENT
//
// Numbers in pipe(), socketpair(), dup, close and shutdown are the shell
// process's OS fds; in spawn, subshell and redir lines they are the fd
// numbers the child (or the subshell's fd table) sees, each followed by
// "<" and what it is: pipe#N.r / pipe#N.w (the Nth pipe the trace saw),
// sock#N.0 / sock#N.1 (the shell's and the child's end of the Nth
// socketpair), tty, shell:N (the shell's own inherited fd N, a pipe or
// socket it did not make), or a file's path.

import (
	"os"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"unsafe"

	"pipesh/exec"
)

// IPC is the tracer that ipctrace and ipcgraph install: it names every
// IPC end it sees, writes trace lines and records the graph. Its methods
// may be called from several goroutines at once.
type IPC struct {
	mu        sync.Mutex
	out       *os.File // trace lines, one write(2) per line; nil: none
	graph     *ipcGraph
	graphPath string
	quote     func(string) string

	names     map[fileKey]string
	pipes     int
	socks     int
	inherited [3]fileKey
	cwd       string
}

// fileKey identifies an open file description's object: both ends of a
// pipe share one (their inode in pipefs), each socket has its own.
type fileKey struct{ dev, ino uint64 }

// NewIPC returns a tracer that writes no lines and draws no graph until
// told to (SetOutput, StartGraph). stdio are the shell's own fds 0, 1 and
// 2 (nil if closed): a pipe or socket among them is named shell:N. Paths
// under cwd are shown relative to it, and quote quotes a command line
// for a trace line (as set -x quotes a word).
func NewIPC(stdio [3]*os.File, cwd string, quote func(string) string) *IPC {
	t := &IPC{names: map[fileKey]string{}, cwd: cwd, quote: quote}
	for i, f := range stdio {
		if f == nil {
			continue
		}
		if k, ok := keyOf(int(f.Fd())); ok {
			t.inherited[i] = k
		}
	}
	return t
}

// SetOutput sends the trace lines to f from now on (nil: no lines). The
// tracer owns f: it closes the previous output when replaced, so f
// should be a copy made for the trace, close-on-exec so no child
// inherits it.
func (t *IPC) SetOutput(f *os.File) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.out != nil && t.out != f {
		t.out.Close()
	}
	t.out = f
}

// Tracing reports whether trace lines are being written.
func (t *IPC) Tracing() bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.out != nil
}

// StartGraph starts recording the picture (if it is not being recorded
// already) and sets the file WriteGraph writes it to.
func (t *IPC) StartGraph(path string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.graph == nil {
		t.graph = newIPCGraph()
	}
	t.graphPath = path
}

// Graphing reports whether the picture is being recorded.
func (t *IPC) Graphing() bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.graph != nil
}

// GraphPath is the file WriteGraph writes ("" if none).
func (t *IPC) GraphPath() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.graphPath
}

// WriteGraph writes the picture so far, in Graphviz's DOT language, to
// the file StartGraph named; without a picture it does nothing.
func (t *IPC) WriteGraph() error {
	t.mu.Lock()
	g, path := t.graph, t.graphPath
	var dot string
	if g != nil {
		dot = g.dot()
	}
	t.mu.Unlock()
	if g == nil || path == "" {
		return nil
	}
	return exec.WriteFile(path, []byte(dot), 0o644)
}

// Trace writes ev's line (one write) and adds it to the graph.
func (t *IPC) Trace(ev exec.Event) {
	t.mu.Lock()
	defer t.mu.Unlock()
	var files []string
	switch ev.Kind {
	case exec.EvSpawn, exec.EvSubshell, exec.EvRedir:
		files = make([]string, len(ev.Files))
		for i, f := range ev.Files {
			if f != nil {
				files[i] = t.describe(int(f.Fd()))
			}
		}
	}
	var b strings.Builder
	b.WriteString("ipc ")
	b.WriteString(ev.Pos)
	b.WriteString(": ")
	switch ev.Kind {
	case exec.EvPipe:
		t.pipes++
		name := "pipe#" + strconv.Itoa(t.pipes)
		if k, ok := keyOf(ev.Fds[0]); ok {
			t.names[k] = name
		}
		b.WriteString("pipe() = [" + strconv.Itoa(ev.Fds[0]) + ", " + strconv.Itoa(ev.Fds[1]) + "] " + name)
	case exec.EvSocketpair:
		t.socks++
		name := "sock#" + strconv.Itoa(t.socks)
		for i, fd := range ev.Fds {
			if k, ok := keyOf(fd); ok {
				t.names[k] = name + "." + strconv.Itoa(i)
			}
		}
		b.WriteString("socketpair() = [" + strconv.Itoa(ev.Fds[0]) + ", " + strconv.Itoa(ev.Fds[1]) + "] " + name)
	case exec.EvSpawn:
		b.WriteString("spawn pid " + strconv.Itoa(ev.Pid) + " " + t.quote(strings.Join(ev.Argv, " ")) + ":")
		writeFds(&b, files)
	case exec.EvSubshell:
		b.WriteString("subshell " + t.quote(ev.Note) + " (in-process):")
		writeFds(&b, files)
	case exec.EvRedir:
		b.WriteString("redir " + t.quote(ev.Note) + ":")
		if len(files) == 0 || files[0] == "" {
			b.WriteString(" " + strconv.Itoa(ev.Fds[0]) + " closed")
		} else {
			b.WriteString(" " + strconv.Itoa(ev.Fds[0]) + "<" + files[0])
		}
	case exec.EvDup:
		b.WriteString("dup " + strconv.Itoa(ev.Fds[0]) + " = " + strconv.Itoa(ev.Fds[1]) + " (" + t.describe(ev.Fds[1]) + ") in shell")
	case exec.EvClose:
		b.WriteString("close " + strconv.Itoa(ev.Fds[0]) + " (" + t.describe(ev.Fds[0]) + ") in shell")
	case exec.EvShutdown:
		b.WriteString("shutdown(" + strconv.Itoa(ev.Fds[0]) + ", SHUT_WR) (" + t.describe(ev.Fds[0]) + ")")
	case exec.EvWait:
		b.WriteString("wait pid " + strconv.Itoa(ev.Pid) + " = " + ev.Status.String())
		if ev.Status.IO.Valid {
			b.WriteString(" (read " + strconv.FormatInt(ev.Status.IO.Read, 10) + " B, wrote " + strconv.FormatInt(ev.Status.IO.Wrote, 10) + " B)")
		}
	default:
		b.WriteString("event " + strconv.Itoa(int(ev.Kind)))
	}
	b.WriteByte('\n')
	if t.graph != nil {
		t.graph.add(ev, files)
	}
	if t.out != nil {
		t.out.WriteString(b.String())
	}
}

func writeFds(b *strings.Builder, files []string) {
	for i, d := range files {
		if d != "" {
			b.WriteString(" " + strconv.Itoa(i) + "<" + d)
		}
	}
}

func keyOf(fd int) (fileKey, bool) {
	var st syscall.Stat_t
	if syscall.Fstat(fd, &st) != nil {
		return fileKey{}, false
	}
	return fileKey{uint64(st.Dev), st.Ino}, true
}

// describe names what fd (an fd of this process) is; see the comment on
// the trace's format at the top of this file.
func (t *IPC) describe(fd int) string {
	var st syscall.Stat_t
	if syscall.Fstat(fd, &st) != nil {
		return "closed"
	}
	k := fileKey{uint64(st.Dev), st.Ino}
	typ := st.Mode & syscall.S_IFMT
	if name, ok := t.names[k]; ok {
		if typ == syscall.S_IFIFO {
			switch accessMode(fd) {
			case syscall.O_WRONLY:
				return name + ".w"
			case syscall.O_RDONLY:
				return name + ".r"
			}
		}
		return name
	}
	if typ == syscall.S_IFCHR && isTerminal(fd) {
		return "tty"
	}
	if typ == syscall.S_IFIFO || typ == syscall.S_IFSOCK {
		for i, ik := range t.inherited {
			if ik == k {
				return "shell:" + strconv.Itoa(i)
			}
		}
		if typ == syscall.S_IFIFO {
			return "pipe"
		}
		return "socket"
	}
	path, err := os.Readlink("/proc/self/fd/" + strconv.Itoa(fd))
	if err != nil {
		return "fd"
	}
	if t.cwd != "" && strings.HasPrefix(path, t.cwd+"/") {
		path = path[len(t.cwd)+1:]
	}
	return path
}

// accessMode is fd's O_RDONLY, O_WRONLY or O_RDWR (-1 if it cannot be
// read).
func accessMode(fd int) int {
	fl, _, errno := syscall.Syscall(syscall.SYS_FCNTL, uintptr(fd), syscall.F_GETFL, 0)
	if errno != 0 {
		return -1
	}
	return int(fl) & syscall.O_ACCMODE
}

// isTerminal reports whether fd is a terminal (it has termios).
func isTerminal(fd int) bool {
	var tio syscall.Termios
	_, _, errno := syscall.Syscall(syscall.SYS_IOCTL, uintptr(fd), syscall.TCGETS, uintptr(unsafe.Pointer(&tio)))
	return errno == 0
}

package shell

// The IPC trace (set -o ipctrace, pipesh --ipctrace): one line per pipe,
// socketpair, spawn, dup, close, shutdown, redirection, in-process
// subshell and wait, as it happens. The format is documented in README.md
// ("IPC trace") and is stable:
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
	"time"

	"golang.org/x/sys/unix"
	"mvdan.cc/sh/v3/syntax"

	"pipesh/exec"
)

// ipcTracer is the tracer that ipctrace and ipcgraph install: it names
// every IPC end it sees, writes trace lines and records the graph.
type ipcTracer struct {
	mu        sync.Mutex
	out       *os.File // trace lines, one write(2) per line; nil: none
	ownOut    bool     // out was opened (or dup'd) for the trace: close it
	graph     *ipcGraph
	graphPath string

	names     map[fileKey]string
	pipes     int
	socks     int
	inherited [3]fileKey
	cwd       string
}

// fileKey identifies an open file description's object: both ends of a
// pipe share one (their inode in pipefs), each socket has its own.
type fileKey struct{ dev, ino uint64 }

func newIPCTracer(stdio [3]*os.File, cwd string) *ipcTracer {
	t := &ipcTracer{names: map[fileKey]string{}, cwd: cwd}
	for i, f := range stdio {
		if f == nil {
			continue
		}
		var st unix.Stat_t
		if unix.Fstat(int(f.Fd()), &st) == nil {
			t.inherited[i] = fileKey{uint64(st.Dev), st.Ino}
		}
	}
	return t
}

// traceScope is what a runner adds to the events it causes: which
// in-process subshell it is, and the time -v row it accounts to.
type traceScope struct {
	sub int
	row *stageRow  // the time -v row events account to
	tv  *timeWatch // time -v wants a row per stage of the next pipeline
}

// boundTracer is the process's tracer seen from one runner at one
// statement: it stamps each event with the statement's position and the
// subshell, and feeds time -v's row.
type boundTracer struct {
	t   exec.Tracer
	pos string
	sc  *traceScope
}

func (b *boundTracer) Trace(ev exec.Event) {
	ev.Pos = b.pos
	if b.sc != nil {
		ev.Sub = b.sc.sub
		if b.sc.row != nil {
			b.sc.row.record(ev)
		}
	}
	if b.t != nil {
		b.t.Trace(ev)
	}
}

// tracer is the tracer for the exec calls r makes now: nil (the common
// case, one check) unless tracing, graphing or time -v is on.
func (r *Runner) tracer() exec.Tracer {
	if r.sh.tracer == nil && r.trc == nil {
		return nil
	}
	return &boundTracer{t: r.sh.tracer, pos: r.pos(), sc: r.trc}
}

// pos is the current statement as FILE:LINE.
func (r *Runner) pos() string {
	name := r.sh.name
	if name == "" {
		name = "pipesh"
	}
	return name + ":" + strconv.Itoa(int(r.line))
}

// ipc returns the process's own tracer if it is pipesh's, else nil.
func (r *Runner) ipc() *ipcTracer {
	t, _ := r.sh.tracer.(*ipcTracer)
	return t
}

// setIPCTrace turns the trace lines on or off. They go to the file named
// by $PIPESH_TRACE (appended, close-on-exec) or to a close-on-exec copy
// of the shell's stderr, so no child inherits the trace.
func (r *Runner) setIPCTrace(on bool) error {
	t := r.ipc()
	if !on {
		if t != nil {
			t.mu.Lock()
			if t.ownOut && t.out != nil {
				t.out.Close()
			}
			t.out = nil
			t.mu.Unlock()
			if t.graph == nil {
				r.sh.tracer = nil
			}
		}
		return nil
	}
	if t != nil && t.out != nil {
		return nil
	}
	var out *os.File
	if path := r.lookupVar("PIPESH_TRACE").String(); path != "" {
		f, err := os.OpenFile(r.abs(path), os.O_WRONLY|os.O_CREATE|os.O_APPEND|unix.O_CLOEXEC, 0o644)
		if err != nil {
			return &redirError{"PIPESH_TRACE: " + path + ": " + errText(err)}
		}
		out = f
	} else if f := r.fds.get(2); f != nil {
		d, err := dupFile(f)
		if err != nil {
			return err
		}
		out = d
	}
	if t == nil {
		t = newIPCTracer([3]*os.File{r.fds.get(0), r.fds.get(1), r.fds.get(2)}, r.dir)
		r.sh.tracer = t
	}
	t.mu.Lock()
	t.out, t.ownOut = out, out != nil
	t.mu.Unlock()
	return nil
}

// setIPCGraph starts (or, off, stops and writes) the DOT picture of what
// runs, written to path when the shell finishes.
func (r *Runner) setIPCGraph(path string, on bool) error {
	t := r.ipc()
	if !on {
		if t != nil {
			r.writeGraph()
		}
		return nil
	}
	if t == nil {
		t = newIPCTracer([3]*os.File{r.fds.get(0), r.fds.get(1), r.fds.get(2)}, r.dir)
		r.sh.tracer = t
	}
	t.mu.Lock()
	if t.graph == nil {
		t.graph = newIPCGraph()
	}
	t.graphPath = r.abs(path)
	t.mu.Unlock()
	return nil
}

// writeGraph writes the picture, if one is being drawn.
func (r *Runner) writeGraph() {
	t := r.ipc()
	if t == nil {
		return
	}
	t.mu.Lock()
	g, path := t.graph, t.graphPath
	t.mu.Unlock()
	if g == nil || path == "" {
		return
	}
	if err := os.WriteFile(path, []byte(g.dot()), 0o644); err != nil {
		r.errorf("ipcgraph: %s: %s", path, errText(err))
	}
}

// endTrace is called once when the shell finishes: the picture is written
// and the trace file closed.
func (r *Runner) endTrace() {
	if r.ipc() == nil {
		return
	}
	r.writeGraph()
	r.setIPCTrace(false)
}

// Trace writes ev's line (one write) and adds it to the graph.
func (t *ipcTracer) Trace(ev exec.Event) {
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
		b.WriteString("spawn pid " + strconv.Itoa(ev.Pid) + " " + quoteTrace(strings.Join(ev.Argv, " ")) + ":")
		writeFds(&b, files)
	case exec.EvSubshell:
		b.WriteString("subshell " + quoteTrace(ev.Note) + " (in-process):")
		writeFds(&b, files)
	case exec.EvRedir:
		b.WriteString("redir " + quoteTrace(ev.Note) + ":")
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
	var st unix.Stat_t
	if unix.Fstat(fd, &st) != nil {
		return fileKey{}, false
	}
	return fileKey{uint64(st.Dev), st.Ino}, true
}

// describe names what fd (an fd of this process) is; see the package
// comment at the top of this file.
func (t *ipcTracer) describe(fd int) string {
	var st unix.Stat_t
	if unix.Fstat(fd, &st) != nil {
		return "closed"
	}
	k := fileKey{uint64(st.Dev), st.Ino}
	typ := st.Mode & unix.S_IFMT
	if name, ok := t.names[k]; ok {
		if typ == unix.S_IFIFO {
			fl, err := unix.FcntlInt(uintptr(fd), unix.F_GETFL, 0)
			switch {
			case err != nil:
			case fl&unix.O_ACCMODE == unix.O_WRONLY:
				return name + ".w"
			case fl&unix.O_ACCMODE == unix.O_RDONLY:
				return name + ".r"
			}
		}
		return name
	}
	if typ == unix.S_IFCHR {
		if _, err := unix.IoctlGetTermios(fd, unix.TCGETS); err == nil {
			return "tty"
		}
	}
	if typ == unix.S_IFIFO || typ == unix.S_IFSOCK {
		for i, ik := range t.inherited {
			if ik == k {
				return "shell:" + strconv.Itoa(i)
			}
		}
		if typ == unix.S_IFIFO {
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

// stmtText is a statement's source on one line, shortened, for trace
// lines and graph labels.
func stmtText(n syntax.Node) string {
	s := strings.Join(strings.Fields(printNode(n)), " ")
	if len(s) > 40 {
		s = s[:37] + "..."
	}
	return s
}

// traceSubshell records that r is an in-process subshell running what;
// its fd table is what it starts with. From here on r's events say which
// subshell caused them.
func (r *Runner) traceSubshell(what string) {
	if r.sh.tracer == nil && r.trc == nil {
		return
	}
	id := int(r.sh.subshellIDs.Add(1))
	parent := 0
	var row *stageRow
	if r.trc != nil {
		parent, row = r.trc.sub, r.trc.row
	}
	if row != nil {
		row.inProcess()
	}
	if r.sh.tracer != nil {
		r.sh.tracer.Trace(exec.Event{Kind: exec.EvSubshell, Pid: id, Sub: parent, Note: what, Files: r.fds.childFiles(), Pos: r.pos()})
	}
	r.trc = &traceScope{sub: id, row: row}
}

// stageInProcess is called when a pipeline stage's simple command turns
// out to be a builtin or function: it runs in-process, keeping its pipe
// ends until it is done, and the trace says so.
func (r *Runner) stageInProcess(args []string) {
	if r.sh.tracer == nil && r.trc == nil {
		return
	}
	r.traceSubshell(strings.Join(args, " "))
}

// traceRedir records what a redirection made of an fd.
func (r *Runner) traceRedir(rd *syntax.Redirect) {
	if r.sh.tracer == nil {
		return
	}
	fd := 1
	switch rd.Op {
	case syntax.RdrIn, syntax.RdrInOut, syntax.DplIn, syntax.Hdoc, syntax.DashHdoc, syntax.WordHdoc:
		fd = 0
	}
	if rd.N != nil {
		n, err := strconv.Atoi(rd.N.Value)
		if err != nil {
			return // {var}: the number is in the variable
		}
		fd = n
	}
	fds := []int{fd}
	if rd.Op == syntax.RdrAll || rd.Op == syntax.AppAll {
		fds = append(fds, 2)
	}
	for _, n := range fds {
		r.sh.tracer.Trace(exec.Event{Kind: exec.EvRedir, Fds: []int{n}, Files: []*os.File{r.fds.get(n)}, Note: redirText(rd), Pos: r.pos(), Sub: r.subID()})
	}
}

// redirText is a redirection as written.
func redirText(rd *syntax.Redirect) string {
	s := ""
	if rd.N != nil {
		s = rd.N.Value
	}
	return s + rd.Op.String() + stmtText(rd.Word)
}

func (r *Runner) subID() int {
	if r.trc == nil {
		return 0
	}
	return r.trc.sub
}

// traceStage sets up the accounting of pipeline stage i before it starts:
// under time -v, each top-level stage gets its row; a stage that is not a
// simple command is an in-process subshell from the start.
func (r *Runner) traceStage(sub *Runner, i int, st *syntax.Stmt) {
	if r.sh.tracer == nil && r.trc == nil {
		return
	}
	if r.trc != nil && r.trc.row == nil && r.trc.tv != nil {
		row := r.trc.tv.add(i, stmtText(st))
		sub.trc = &traceScope{sub: r.trc.sub, row: row}
	}
	if _, ok := st.Cmd.(*syntax.CallExpr); !ok {
		sub.traceSubshell(stmtText(st))
	}
}

// traceStageDone closes a stage's row: its status and real time.
func (r *Runner) traceStageDone() {
	if r.trc != nil && r.trc.row != nil {
		r.trc.row.done(r.status, time.Now())
	}
}

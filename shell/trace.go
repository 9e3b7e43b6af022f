package shell

// The glue between the runner and package trace: where a trace scope
// starts and ends (in-process subshells, pipeline stages, time -v) and
// what the shell adds to exec's events (the statement, redirections).

import (
	"os"
	"strconv"
	"strings"

	"mvdan.cc/sh/v3/syntax"

	"pipesh/bashprint"
	"pipesh/errmsg"
	"pipesh/exec"
	"pipesh/fds"
	"pipesh/quote"
	"pipesh/redir"
	"pipesh/trace"
)

// tracer is the tracer for the exec calls r makes now: nil (the common
// case, one check) unless tracing, graphing or time -v is on.
func (r *Runner) tracer() exec.Tracer {
	if r.sh.tracer == nil && r.trc == nil {
		return nil
	}
	return trace.Bind(r.sh.tracer, r.pos(), r.trc)
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
func (r *Runner) ipc() *trace.IPC {
	t, _ := r.sh.tracer.(*trace.IPC)
	return t
}

// newIPC installs pipesh's tracer, seeing the shell's fds as they are now.
func (r *Runner) newIPC() *trace.IPC {
	t := trace.NewIPC([3]*os.File{r.fds.Get(0), r.fds.Get(1), r.fds.Get(2)}, r.dir, quote.Trace)
	r.sh.tracer = t
	return t
}

// setIPCTrace turns the trace lines on or off. They go to the file named
// by $PIPESH_TRACE (appended, close-on-exec) or to a close-on-exec copy
// of the shell's stderr, so no child inherits the trace.
func (r *Runner) setIPCTrace(on bool) error {
	t := r.ipc()
	if !on {
		if t != nil {
			t.SetOutput(nil)
			if !t.Graphing() {
				r.sh.tracer = nil
			}
		}
		return nil
	}
	if t != nil && t.Tracing() {
		return nil
	}
	var out *os.File
	if path := r.lookupVar("PIPESH_TRACE").String(); path != "" {
		f, err := exec.OpenFile(r.abs(path), os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o644)
		if err != nil {
			return &redir.Error{Msg: "PIPESH_TRACE: " + path, Err: err}
		}
		out = f
	} else if f := r.fds.Get(2); f != nil {
		d, err := fds.Dup(f)
		if err != nil {
			return err
		}
		out = d
	}
	if t == nil {
		t = r.newIPC()
	}
	t.SetOutput(out)
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
		t = r.newIPC()
	}
	t.StartGraph(r.abs(path))
	return nil
}

// writeGraph writes the picture, if one is being drawn.
func (r *Runner) writeGraph() {
	t := r.ipc()
	if t == nil {
		return
	}
	if err := t.WriteGraph(); err != nil {
		r.errorf("ipcgraph: %s: %s", t.GraphPath(), errmsg.Text(err))
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

// stmtText is a statement's source on one line, shortened, for trace
// lines and graph labels.
func stmtText(n syntax.Node) string { return bashprint.Short(printNode(n)) }

// traceSubshell records that r is an in-process subshell running what;
// its fd table is what it starts with. From here on r's events say which
// subshell caused them.
func (r *Runner) traceSubshell(what string) {
	if r.sh.tracer == nil && r.trc == nil {
		return
	}
	id := int(r.sh.subshellIDs.Add(1))
	if r.sh.tracer != nil {
		r.sh.tracer.Trace(exec.Event{Kind: exec.EvSubshell, Pid: id, Sub: r.trc.Sub(), Note: what, Files: r.fds.ChildFiles(), Pos: r.pos()})
	}
	r.trc = r.trc.Subshell(id)
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
	for _, n := range redir.Targets(rd) {
		r.sh.tracer.Trace(exec.Event{Kind: exec.EvRedir, Fds: []int{n}, Files: []*os.File{r.fds.Get(n)}, Note: bashprint.Redir(rd, stmtText(rd.Word)), Pos: r.pos(), Sub: r.trc.Sub()})
	}
}

// traceStage sets up the accounting of pipeline stage i before it starts:
// under time -v, each top-level stage gets its row; a stage that is not a
// simple command is an in-process subshell from the start.
func (r *Runner) traceStage(sub *Runner, i int, st *syntax.Stmt) {
	if r.sh.tracer == nil && r.trc == nil {
		return
	}
	if r.trc.Stages() {
		sub.trc = r.trc.Stage(i, stmtText(st))
	}
	if _, ok := st.Cmd.(*syntax.CallExpr); !ok {
		sub.traceSubshell(stmtText(st))
	}
}

// traceStageDone closes a stage's row: its status and real time.
func (r *Runner) traceStageDone() { r.trc.Done(r.status) }

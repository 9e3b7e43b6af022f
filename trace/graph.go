package trace

// The IPC graph (pipesh --ipcgraph FILE, set -o ipcgraph=FILE): a
// Graphviz DOT picture of what ran. Programs and in-process subshells are
// nodes; pipes and socketpairs are edges from writer to reader, labelled
// with the pipe's name, the fd numbers each side has it as, and the bytes
// the writer wrote (from /proc/PID/io). A pipe end nobody else holds is
// the shell's own (the reading side of $(...), a coproc's shell end).

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"pipesh/exec"
)

// ipcGraph is what the picture is drawn from; its methods are called
// with the tracer's lock held.
type ipcGraph struct {
	nodes []*gnode
	byPid map[int]*gnode
	bySub map[int]*gnode
	ends  map[string][]endUse // "pipe#1.w" -> who holds it, as which fd
}

// gnode is a program or an in-process subshell.
type gnode struct {
	id     string
	label  string
	parent string // the node that started it ("shell" for the shell)
	status string
	io     exec.IO
	inproc bool
}

type endUse struct {
	node *gnode
	fd   int
}

func newIPCGraph() *ipcGraph {
	return &ipcGraph{byPid: map[int]*gnode{}, bySub: map[int]*gnode{}, ends: map[string][]endUse{}}
}

func (g *ipcGraph) parentID(sub int) string {
	if n := g.bySub[sub]; n != nil {
		return n.id
	}
	return "shell"
}

// add records one event; files are the descriptions of ev.Files.
func (g *ipcGraph) add(ev exec.Event, files []string) {
	var n *gnode
	switch ev.Kind {
	case exec.EvSpawn:
		n = &gnode{id: "p" + strconv.Itoa(ev.Pid), label: "pid " + strconv.Itoa(ev.Pid) + "\n" + strings.Join(ev.Argv, " "), parent: g.parentID(ev.Sub)}
		g.byPid[ev.Pid] = n
	case exec.EvSubshell:
		n = &gnode{id: "s" + strconv.Itoa(ev.Pid), label: "in-process\n" + ev.Note, parent: g.parentID(ev.Sub), inproc: true}
		g.bySub[ev.Pid] = n
	case exec.EvWait:
		if c := g.byPid[ev.Pid]; c != nil && !ev.Status.Stopped {
			c.status = ev.Status.String()
			c.io = ev.Status.IO
		}
		return
	default:
		return
	}
	g.nodes = append(g.nodes, n)
	for fd, d := range files {
		if strings.HasPrefix(d, "pipe#") || strings.HasPrefix(d, "sock#") {
			g.ends[d] = append(g.ends[d], endUse{n, fd})
		}
	}
}

// dot renders the graph in Graphviz's DOT language.
func (g *ipcGraph) dot() string {
	var b strings.Builder
	b.WriteString("digraph pipesh {\n")
	b.WriteString("\trankdir=LR;\n")
	b.WriteString("\tnode [shape=box, fontname=\"monospace\", fontsize=10];\n")
	b.WriteString("\tedge [fontname=\"monospace\", fontsize=9];\n")
	b.WriteString("\tshell [label=\"pipesh\\n(the shell)\", shape=doubleoctagon];\n")
	for _, n := range g.nodes {
		label := n.label
		if n.status != "" {
			label += "\n" + n.status
		}
		style := ""
		if n.inproc {
			style = ", style=\"rounded,dashed\""
		}
		fmt.Fprintf(&b, "\t%s [label=%s%s];\n", n.id, dotQuote(label), style)
	}
	for _, n := range g.nodes {
		fmt.Fprintf(&b, "\t%s -> %s [style=dotted, arrowhead=empty, color=gray50, label=\"starts\", fontcolor=gray50];\n", n.parent, n.id)
	}
	// pipes and socketpairs, in the order they were made
	names := map[string]bool{}
	for end := range g.ends {
		names[end[:strings.LastIndexByte(end, '.')]] = true
	}
	list := make([]string, 0, len(names))
	for name := range names {
		list = append(list, name)
	}
	sort.Slice(list, func(i, j int) bool {
		ki, ni := splitName(list[i])
		kj, nj := splitName(list[j])
		if ki != kj {
			return ki < kj
		}
		return ni < nj
	})
	for _, name := range list {
		if strings.HasPrefix(name, "pipe#") {
			g.pipeEdges(&b, name)
		} else {
			g.sockEdges(&b, name)
		}
	}
	b.WriteString("}\n")
	return b.String()
}

func splitName(s string) (string, int) {
	k, num, _ := strings.Cut(s, "#")
	n, _ := strconv.Atoi(num)
	return k, n
}

// holders groups the holders of an end by node: node id -> its fds.
func (g *ipcGraph) holders(end string) ([]*gnode, map[*gnode][]int) {
	fds := map[*gnode][]int{}
	var order []*gnode
	for _, u := range g.ends[end] {
		if _, ok := fds[u.node]; !ok {
			order = append(order, u.node)
		}
		fds[u.node] = append(fds[u.node], u.fd)
	}
	return order, fds
}

func fdList(fds []int) string {
	if fds == nil {
		return "shell"
	}
	s := make([]string, len(fds))
	for i, fd := range fds {
		s[i] = strconv.Itoa(fd)
	}
	return "fd " + strings.Join(s, ",")
}

func nodeID(n *gnode) string {
	if n == nil {
		return "shell"
	}
	return n.id
}

func (g *ipcGraph) pipeEdges(b *strings.Builder, name string) {
	ws, wfds := g.holders(name + ".w")
	rs, rfds := g.holders(name + ".r")
	if len(ws) == 0 {
		ws = []*gnode{nil}
	}
	if len(rs) == 0 {
		rs = []*gnode{nil}
	}
	for _, w := range ws {
		for _, r := range rs {
			label := name + "\n" + fdList(wfds[w]) + " → " + fdList(rfds[r])
			switch {
			case w != nil && w.io.Valid:
				label += "\n" + strconv.FormatInt(w.io.Wrote, 10) + " B written"
			case r != nil && r.io.Valid:
				label += "\nreader read " + strconv.FormatInt(r.io.Read, 10) + " B (all fds)"
			}
			fmt.Fprintf(b, "\t%s -> %s [label=%s, penwidth=2];\n", nodeID(w), nodeID(r), dotQuote(label))
		}
	}
}

func (g *ipcGraph) sockEdges(b *strings.Builder, name string) {
	as, afds := g.holders(name + ".0")
	cs, cfds := g.holders(name + ".1")
	if len(as) == 0 {
		as = []*gnode{nil}
	}
	if len(cs) == 0 {
		cs = []*gnode{nil}
	}
	for _, a := range as {
		for _, c := range cs {
			label := name + "\n" + fdList(afds[a]) + " ↔ " + fdList(cfds[c])
			if c != nil && c.io.Valid {
				label += "\n" + strconv.FormatInt(c.io.Read, 10) + " B in, " + strconv.FormatInt(c.io.Wrote, 10) + " B out"
			}
			fmt.Fprintf(b, "\t%s -> %s [label=%s, dir=both, penwidth=2, color=blue];\n", nodeID(a), nodeID(c), dotQuote(label))
		}
	}
}

// dotQuote makes s a DOT string; newlines become centred line breaks.
func dotQuote(s string) string {
	s = strings.ReplaceAll(s, `\`, `\\`)
	s = strings.ReplaceAll(s, `"`, `\"`)
	s = strings.ReplaceAll(s, "\n", `\n`)
	return `"` + s + `"`
}

package trace

import (
	"errors"
	"fmt"
	"os"
	osexec "os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"pipesh/exec"
)

// quote is a stand-in for the shell's xtrace quoting.
func quote(s string) string {
	if strings.ContainsAny(s, " '") {
		return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
	}
	return s
}

// pipeline runs `head -c 1000 /dev/zero | wc -c` through package exec
// as the shell does, with the events of each stage going to tracer(i),
// and returns the two pids.
func pipeline(t *testing.T, dir string, tracer func(stage int) exec.Tracer) [2]int {
	t.Helper()
	var paths [2]string
	for i, name := range []string{"head", "wc"} {
		p, err := osexec.LookPath(name)
		if err != nil {
			t.Skipf("%s: %v", name, err)
		}
		paths[i] = p
	}
	null, err := os.Open(os.DevNull)
	if err != nil {
		t.Fatal(err)
	}
	defer null.Close()
	out, err := os.Create(filepath.Join(dir, "out"))
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	r, w, err := exec.Pipe(tracer(0))
	if err != nil {
		t.Fatal(err)
	}
	head, err := exec.Spawn(tracer(0), &exec.Proc{Path: paths[0], Argv: []string{"head", "-c", "1000", "/dev/zero"}, Files: []*os.File{null, w, out}})
	if err != nil {
		t.Fatal(err)
	}
	exec.Close(tracer(0), w)
	wc, err := exec.Spawn(tracer(1), &exec.Proc{Path: paths[1], Argv: []string{"wc", "-c"}, Files: []*os.File{r, out, out}})
	if err != nil {
		t.Fatal(err)
	}
	exec.Close(tracer(1), r)
	for _, c := range []*exec.Child{head, wc} {
		if _, err := c.Wait(false); err != nil {
			t.Fatal(err)
		}
	}
	data, _ := os.ReadFile(out.Name())
	if strings.TrimSpace(string(data)) != "1000" {
		t.Fatalf("wc -c printed %q, want 1000", data)
	}
	return [2]int{head.Pid, wc.Pid}
}

func TestIPCLines(t *testing.T) {
	dir := t.TempDir()
	tr := NewIPC([3]*os.File{}, dir, quote)
	tracePath := filepath.Join(dir, "trace")
	f, err := os.Create(tracePath)
	if err != nil {
		t.Fatal(err)
	}
	tr.SetOutput(f)
	if !tr.Tracing() || tr.Graphing() {
		t.Fatalf("Tracing %v, Graphing %v: want true, false", tr.Tracing(), tr.Graphing())
	}
	pids := pipeline(t, dir, func(int) exec.Tracer { return Bind(tr, "t.sh:1", nil) })
	tr.SetOutput(nil)
	if tr.Tracing() {
		t.Error("Tracing after SetOutput(nil)")
	}
	data, err := os.ReadFile(tracePath)
	if err != nil {
		t.Fatal(err)
	}
	head, wc := strconv.Itoa(pids[0]), strconv.Itoa(pids[1])
	want := []string{
		`ipc t\.sh:1: pipe\(\) = \[\d+, \d+\] pipe#1`,
		`ipc t\.sh:1: spawn pid ` + head + ` 'head -c 1000 /dev/zero': 0</dev/null 1<pipe#1\.w 2<out`,
		`ipc t\.sh:1: close \d+ \(pipe#1\.w\) in shell`,
		`ipc t\.sh:1: spawn pid ` + wc + ` 'wc -c': 0<pipe#1\.r 1<out 2<out`,
		`ipc t\.sh:1: close \d+ \(pipe#1\.r\) in shell`,
		`ipc t\.sh:1: wait pid ` + head + ` = exit 0 \(read \d+ B, wrote 1000 B\)`,
		`ipc t\.sh:1: wait pid ` + wc + ` = exit 0 \(read \d{4,} B, wrote \d+ B\)`, // the pipe's 1000 B and more (its libraries)
	}
	lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	if len(lines) != len(want) {
		t.Fatalf("%d lines, want %d:\n%s", len(lines), len(want), data)
	}
	for i, re := range want {
		if !regexp.MustCompile("^" + re + "$").MatchString(lines[i]) {
			t.Errorf("line %d: %q does not match %s", i+1, lines[i], re)
		}
	}
}

func TestTimeRows(t *testing.T) {
	dir := t.TempDir()
	w := NewWatch(time.Now())
	timed := (*Scope)(nil).Time(w)
	if !timed.Stages() {
		t.Fatal("a time -v scope wants a row per stage")
	}
	stages := []*Scope{timed.Stage(0, "head -c 1000 /dev/zero"), timed.Stage(1, "wc -c")}
	pids := pipeline(t, dir, func(i int) exec.Tracer { return Bind(nil, "t.sh:1", stages[i]) })
	stages[0].Done(0)
	stages[1].Done(0)
	lines := strings.Split(strings.TrimSuffix(w.Table(), "\n"), "\n")
	if len(lines) != 3 {
		t.Fatalf("want a header and 2 rows:\n%s", strings.Join(lines, "\n"))
	}
	if f := strings.Fields(lines[0]); f[0] != "stage" || f[len(f)-1] != "command" {
		t.Errorf("header %q", lines[0])
	}
	for i, l := range lines[1:] {
		f := strings.Fields(l)
		if len(f) < 10 || f[0] != strconv.Itoa(i+1) || f[1] != strconv.Itoa(pids[i]) || f[2] != "0" {
			t.Errorf("row %d: %q: want stage %d, pid %d, status 0", i+1, l, i+1, pids[i])
			continue
		}
		// head wrote 1000 B, wc read them (and its libraries)
		if n, err := strconv.Atoi(f[8-i]); err != nil || n < 1000 || i == 0 && n != 1000 {
			t.Errorf("row %d: %q: want 1000 B moved", i+1, l)
		}
	}
}

func TestInProcessRow(t *testing.T) {
	w := NewWatch(time.Now())
	stage := (*Scope)(nil).Time(w).Stage(0, "{ cat; }")
	sub := stage.Subshell(7)
	if sub.Sub() != 7 || sub.Stages() {
		t.Errorf("subshell scope: Sub %d, Stages %v; want 7, false", sub.Sub(), sub.Stages())
	}
	stage.Done(3)
	f := strings.Fields(strings.Split(w.Table(), "\n")[1])
	if f[1] != "in-process" || f[2] != "3" || f[6] != "-" {
		t.Errorf("row %q: want in-process, status 3, no maxrss", f)
	}
}

func TestNilScope(t *testing.T) {
	var sc *Scope
	if sc.Sub() != 0 || sc.Stages() {
		t.Errorf("nil scope: Sub %d, Stages %v; want 0, false", sc.Sub(), sc.Stages())
	}
	sc.Done(1) // no row: nothing to do, no panic
	if sc.Stage(0, "x") != sc {
		t.Error("a stage outside time -v has a scope of its own")
	}
	if s := sc.Subshell(1); s.Sub() != 1 || s.Stages() {
		t.Errorf("subshell of the shell: Sub %d, Stages %v", s.Sub(), s.Stages())
	}
}

func TestGraph(t *testing.T) {
	dir := t.TempDir()
	tr := NewIPC([3]*os.File{}, dir, quote)
	dotPath := filepath.Join(dir, "g.dot")
	if err := tr.WriteGraph(); err != nil {
		t.Fatalf("WriteGraph without a graph: %v", err)
	}
	tr.StartGraph(dotPath)
	if !tr.Graphing() || tr.GraphPath() != dotPath {
		t.Fatalf("Graphing %v, GraphPath %q", tr.Graphing(), tr.GraphPath())
	}
	tr.Trace(exec.Event{Kind: exec.EvSubshell, Pid: 1, Note: "f"})
	sub := (*Scope)(nil).Subshell(1)
	pids := pipeline(t, dir, func(int) exec.Tracer { return Bind(tr, "t.sh:1", sub) })
	if err := tr.WriteGraph(); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(dotPath)
	if err != nil {
		t.Fatal(err)
	}
	dot := string(data)
	if err := checkDOT(dot); err != nil {
		t.Fatalf("%v\n%s", err, dot)
	}
	head, wc := "p"+strconv.Itoa(pids[0]), "p"+strconv.Itoa(pids[1])
	for _, want := range []string{
		"\ts1 [label=\"in-process\\nf\", style=\"rounded,dashed\"];\n",
		"\tshell -> s1 [style=dotted",
		"\ts1 -> " + head + " [style=dotted",
		"\t" + head + " [label=\"pid " + strconv.Itoa(pids[0]) + "\\nhead -c 1000 /dev/zero\\nexit 0\"];\n",
		"\t" + head + " -> " + wc + " [label=\"pipe#1\\nfd 1 → fd 0\\n1000 B written\", penwidth=2];\n",
	} {
		if !strings.Contains(dot, want) {
			t.Errorf("graph lacks %q:\n%s", want, dot)
		}
	}
	if err := os.Mkdir(filepath.Join(dir, "d"), 0o755); err != nil {
		t.Fatal(err)
	}
	tr.StartGraph(filepath.Join(dir, "d"))
	if err := tr.WriteGraph(); err == nil {
		t.Error("WriteGraph to a directory: no error")
	}
}

// checkDOT is a small validator for the DOT the graph writes: a digraph
// of node and edge statements with quoted attribute values.
func checkDOT(s string) error {
	lines := strings.Split(strings.TrimSuffix(s, "\n"), "\n")
	if len(lines) < 2 || lines[0] != "digraph pipesh {" || lines[len(lines)-1] != "}" {
		return errors.New("not a digraph block")
	}
	stmt := regexp.MustCompile(`^\t(?:[a-z]+ \[|\w+ \[|\w+ -> \w+ \[)(?:\w+=(?:"(?:[^"\\]|\\.)*"|[\w.]+)(?:, )?)+\];$`)
	for i, l := range lines[1 : len(lines)-1] {
		if l != "\trankdir=LR;" && !stmt.MatchString(l) {
			return fmt.Errorf("line %d is not a DOT statement: %q", i+2, l)
		}
	}
	return nil
}

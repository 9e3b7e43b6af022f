package shell

import (
	"context"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// runTraced runs src in a new shell with the IPC trace on (written to a
// file through $PIPESH_TRACE) and returns the trace lines and stdout.
func runTraced(t *testing.T, src string, opts ...string) (trace []string, stdout string) {
	t.Helper()
	dir := t.TempDir()
	tracePath := filepath.Join(dir, "trace")
	out, err := os.Create(filepath.Join(dir, "out"))
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	errf, err := os.Create(filepath.Join(dir, "err"))
	if err != nil {
		t.Fatal(err)
	}
	defer errf.Close()
	in, err := os.Open(os.DevNull)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	r, err := New(Config{
		Name:    "t.sh",
		Stdin:   in,
		Stdout:  out,
		Stderr:  errf,
		Env:     []string{"PATH=" + os.Getenv("PATH"), "PIPESH_TRACE=" + tracePath, "LC_ALL=C"},
		Dir:     dir,
		Options: append([]string{"ipctrace"}, opts...),
	})
	if err != nil {
		t.Fatal(err)
	}
	r.RunScript(context.Background(), src, "t.sh", false)
	data, _ := os.ReadFile(tracePath)
	o, _ := os.ReadFile(out.Name())
	e, _ := os.ReadFile(errf.Name())
	if len(e) > 0 {
		t.Logf("stderr: %s", e)
	}
	return strings.Split(strings.TrimSuffix(string(data), "\n"), "\n"), string(o)
}

var (
	reLine  = regexp.MustCompile(`^ipc [^ ]+:\d+: (.*)$`)
	rePipe  = regexp.MustCompile(`^pipe\(\) = \[\d+, \d+\] (pipe#\d+)$`)
	reSock  = regexp.MustCompile(`^socketpair\(\) = \[\d+, \d+\] (sock#\d+)$`)
	reDup   = regexp.MustCompile(`^dup \d+ = \d+ \(([^)]+)\) in shell$`)
	reClose = regexp.MustCompile(`^close \d+ \(([^)]+)\) in shell$`)
	reSpawn = regexp.MustCompile(`^spawn pid (\d+) .*?:((?: \d+<\S+)*)$`)
	reSub   = regexp.MustCompile(`^subshell .* \(in-process\):((?: \d+<\S+)*)$`)
	reWait  = regexp.MustCompile(`^wait pid (\d+) = `)
	reFd    = regexp.MustCompile(` (\d+)<(\S+)`)
)

// checkEOFInvariant checks the rule of the notes on a trace, in the order
// its lines were written: when a program the shell started is reaped,
//
//   - the shell holds no copy of a pipe write end it handed that program
//     (unless an in-process subshell also writes to it): the stage closed
//     its copies as soon as the program started, as a forked C parent does;
//   - the shell holds no write end of the pipe the program read (it read
//     to EOF, so every writer, in-process ones too, was gone);
//
// and when the shell is done, it holds no pipe end at all.
func checkEOFInvariant(t *testing.T, script string, lines []string) {
	t.Helper()
	held := map[string]int{}
	given := map[string][][2]string{} // pid -> (fd, end)
	inproc := map[string]bool{}       // ends an in-process subshell holds
	fail := func(i int, format string, args ...any) {
		t.Errorf("%q: trace line %d: %s\n%s", script, i+1, fmt.Sprintf(format, args...), strings.Join(lines, "\n"))
	}
	for i, l := range lines {
		m := reLine.FindStringSubmatch(l)
		if m == nil {
			fail(i, "not a trace line: %q", l)
			return
		}
		ev := m[1]
		if m := rePipe.FindStringSubmatch(ev); m != nil {
			held[m[1]+".r"]++
			held[m[1]+".w"]++
		} else if m := reSock.FindStringSubmatch(ev); m != nil {
			held[m[1]+".0"]++
			held[m[1]+".1"]++
		} else if m := reDup.FindStringSubmatch(ev); m != nil {
			held[m[1]]++
		} else if m := reClose.FindStringSubmatch(ev); m != nil {
			held[m[1]]--
			if held[m[1]] < 0 {
				fail(i, "%s closed more often than opened", m[1])
			}
		} else if m := reSpawn.FindStringSubmatch(ev); m != nil {
			for _, f := range reFd.FindAllStringSubmatch(m[2], -1) {
				given[m[1]] = append(given[m[1]], [2]string{f[1], f[2]})
			}
		} else if m := reSub.FindStringSubmatch(ev); m != nil {
			for _, f := range reFd.FindAllStringSubmatch(m[1], -1) {
				inproc[f[2]] = true
			}
		} else if m := reWait.FindStringSubmatch(ev); m != nil {
			for _, fe := range given[m[1]] {
				fd, end := fe[0], fe[1]
				if !strings.HasPrefix(end, "pipe#") {
					continue
				}
				if strings.HasSuffix(end, ".w") && !inproc[end] && held[end] > 0 {
					fail(i, "pid %s reaped while the shell still holds %d copies of its write end %s", m[1], held[end], end)
				}
				if fd == "0" && strings.HasSuffix(end, ".r") {
					w := strings.TrimSuffix(end, ".r") + ".w"
					if held[w] > 0 {
						fail(i, "pid %s read %s to EOF, yet the shell holds %s", m[1], end, w)
					}
				}
			}
		}
	}
	for end, n := range held {
		if n != 0 {
			t.Errorf("%q: the shell still holds %d copies of %s at the end\n%s", script, n, end, strings.Join(lines, "\n"))
		}
	}
}

// TestTraceEOFInvariant runs random pipelines with the trace on and checks
// the rule of the notes on each trace (see checkEOFInvariant).
func TestTraceEOFInvariant(t *testing.T) {
	// process substitutions, command substitutions, here-documents and
	// coprocs too: their ends must reach no stage they do not belong to
	first := []string{"seq 50", "printf 'b\\na\\nc\\n'", "head -c 20000 /dev/zero", "echo hello", "f", "{ echo x; seq 3; }", "ls /nonexistent-dir",
		"cat <(seq 5)", "echo $(echo sub)", "cat <<EOF",
		"{ coproc C { cat; }; echo co >&${C[1]}; exec {C[1]}>&-; cat <&${C[0]}; }"}
	middle := []string{"cat", "tr a b", "sort", "while read -r l; do echo \"$l\"; done", "{ cat; echo end; }", "f", "cat 2>&1", "(cat)",
		"cat - <(echo ps)", "tee >(cat >/dev/null)", "cat < <(cat)"}
	last := []string{"wc -c", "cat", "sort", "tr -d x", "while read -r l; do :; done", "cat >/dev/null", "cat < <(cat)", "x=$(cat); echo \"$x\""}
	seps := []string{" | ", " | ", " |& "}
	rng := rand.New(rand.NewSource(6))
	n := 40
	if testing.Short() {
		n = 10
	}
	for k := 0; k < n; k++ {
		stages := []string{first[rng.Intn(len(first))]}
		for j := rng.Intn(3); j > 0; j-- {
			stages = append(stages, middle[rng.Intn(len(middle))])
		}
		stages = append(stages, last[rng.Intn(len(last))])
		var sb strings.Builder
		for i, s := range stages {
			if i > 0 {
				sb.WriteString(seps[rng.Intn(len(seps))])
			}
			sb.WriteString(s)
		}
		script := "f() { cat; }\n" + sb.String() + "\n"
		if strings.Contains(stages[0], "<<EOF") {
			script += "here\nEOF\n" // the body follows the pipeline's line
		}
		lines, _ := runTraced(t, script)
		checkEOFInvariant(t, sb.String(), lines)
	}
}

// TestTraceLines checks the lines the issue names, on one pipeline with an
// in-process stage.
func TestTraceLines(t *testing.T) {
	lines, out := runTraced(t, "printf 'a\\nb\\n' | while read -r l; do echo \"$l\"; done | wc -l\n")
	if strings.TrimSpace(out) != "2" {
		t.Errorf("stdout %q, want 2", out)
	}
	all := strings.Join(lines, "\n")
	for _, re := range []string{
		`(?m)^ipc t\.sh:1: pipe\(\) = \[\d+, \d+\] pipe#1$`,
		`(?m)^ipc t\.sh:1: pipe\(\) = \[\d+, \d+\] pipe#2$`,
		`(?m)^ipc t\.sh:1: subshell 'printf .*' \(in-process\): 0</dev/null 1<pipe#1\.w 2<err$`,
		`(?m)^ipc t\.sh:1: subshell 'while read -r l; do echo .*' \(in-process\): 0<pipe#1\.r 1<pipe#2\.w 2<err$`,
		`(?m)^ipc t\.sh:1: spawn pid \d+ 'wc -l': 0<pipe#2\.r 1<out 2<err$`,
		`(?m)^ipc t\.sh:1: close \d+ \(pipe#2\.r\) in shell$`,
		`(?m)^ipc t\.sh:1: wait pid \d+ = exit 0 \(read \d+ B, wrote \d+ B\)$`,
	} {
		if !regexp.MustCompile(re).MatchString(all) {
			t.Errorf("no line matches %s in\n%s", re, all)
		}
	}
}

// TestTimeV checks time -v's rows on head | wc: the bytes each stage
// read and wrote are those of /proc/PID/io, so both near 1,000,000.
func TestTimeV(t *testing.T) {
	dir := t.TempDir()
	out, _ := os.Create(filepath.Join(dir, "out"))
	defer out.Close()
	errf, _ := os.Create(filepath.Join(dir, "err"))
	defer errf.Close()
	in, _ := os.Open(os.DevNull)
	defer in.Close()
	r, err := New(Config{Name: "t.sh", Stdin: in, Stdout: out, Stderr: errf, Env: []string{"PATH=" + os.Getenv("PATH"), "LC_ALL=C"}, Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	r.RunScript(context.Background(), "time -v head -c 1000000 /dev/zero | wc -c\n", "t.sh", false)
	o, _ := os.ReadFile(out.Name())
	e, _ := os.ReadFile(errf.Name())
	if strings.TrimSpace(string(o)) != "1000000" {
		t.Fatalf("stdout %q", o)
	}
	rows := map[string][]string{}
	for _, l := range strings.Split(string(e), "\n") {
		f := strings.Fields(l)
		if len(f) >= 10 && (f[0] == "1" || f[0] == "2") {
			rows[f[0]] = f
		}
	}
	if len(rows) != 2 {
		t.Fatalf("want 2 stage rows in\n%s", e)
	}
	near := func(s string) bool {
		n, err := strconv.ParseInt(s, 10, 64)
		return err == nil && n >= 1000000 && n <= 1010000
	}
	if f := rows["1"]; !near(f[8]) || f[2] != "0" || f[9] != "head" {
		t.Errorf("stage 1 should have written ~1000000 bytes: %q\n%s", f, e)
	}
	if f := rows["2"]; !near(f[7]) || f[2] != "0" || f[9] != "wc" {
		t.Errorf("stage 2 should have read ~1000000 bytes: %q\n%s", f, e)
	}
	if _, err := strconv.Atoi(rows["1"][1]); err != nil {
		t.Errorf("stage 1 should show its pid: %q", rows["1"])
	}
	if !strings.Contains(string(e), "\nreal\t") {
		t.Errorf("no bash-style real/user/sys lines:\n%s", e)
	}
}

// TestTimeVInProcess checks an in-process stage's row.
func TestTimeVInProcess(t *testing.T) {
	lines, out := runTraced(t, "time -v echo hi | { cat; }\n")
	if out != "hi\n" {
		t.Errorf("stdout %q, want hi", out)
	}
	// both stages ran in the shell, and the cat of the second read the
	// pipe the first wrote
	all := strings.Join(lines, "\n")
	for _, re := range []string{
		`(?m)^ipc t\.sh:1: subshell 'echo hi' \(in-process\): 0</dev/null 1<pipe#1\.w 2<err$`,
		`(?m)^ipc t\.sh:1: subshell '\{ cat; \}' \(in-process\): 0<pipe#1\.r 1<out 2<err$`,
		`(?m)^ipc t\.sh:1: spawn pid \d+ cat: 0<pipe#1\.r 1<out 2<err$`,
	} {
		if !regexp.MustCompile(re).MatchString(all) {
			t.Errorf("no line matches %s in\n%s", re, all)
		}
	}
}

// TestGraphDOT draws the picture of a few pipelines and checks it is
// well-formed DOT, and renders it with dot when dot is installed.
func TestGraphDOT(t *testing.T) {
	dir := t.TempDir()
	dotPath := filepath.Join(dir, "g.dot")
	runTraced(t, "seq 3 | while read l; do echo $l; done | wc -l\ncoproc cat\necho hi >&${COPROC[1]}\nread -r x <&${COPROC[0]}\nexec {COPROC[1]}>&-\nwait\nx=$(echo a | cat)\n", "ipcgraph="+dotPath)
	data, err := os.ReadFile(dotPath)
	if err != nil {
		t.Fatal(err)
	}
	if err := checkDOT(string(data)); err != nil {
		t.Fatalf("%v\n%s", err, data)
	}
	for _, want := range []string{"pipe#1", "pipe#2", "sock#1", "in-process", "wc -l"} {
		if !strings.Contains(string(data), want) {
			t.Errorf("graph lacks %q:\n%s", want, data)
		}
	}
	if dot, err := exec.LookPath("dot"); err == nil {
		cmd := exec.Command(dot, "-Tsvg", dotPath)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("dot -Tsvg: %v\n%s", err, out)
		}
	} else {
		t.Log("dot not installed: syntax checked, not rendered")
	}
}

// checkDOT is a small validator for the DOT the graph writes: a digraph
// of node and edge statements with quoted attribute values.
func checkDOT(s string) error {
	lines := strings.Split(strings.TrimSuffix(s, "\n"), "\n")
	if len(lines) < 2 || lines[0] != "digraph pipesh {" || lines[len(lines)-1] != "}" {
		return fmt.Errorf("not a digraph block")
	}
	stmt := regexp.MustCompile(`^\t(?:[a-z]+ \[|\w+ \[|\w+ -> \w+ \[)(?:\w+=(?:"(?:[^"\\]|\\.)*"|[\w.]+)(?:, )?)+\];$`)
	for i, l := range lines[1 : len(lines)-1] {
		if l != "\trankdir=LR;" && !stmt.MatchString(l) {
			return fmt.Errorf("line %d is not a DOT statement: %q", i+2, l)
		}
	}
	return nil
}

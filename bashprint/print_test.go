package bashprint

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"mvdan.cc/sh/v3/syntax"
)

// parseFunc parses src and returns the function f it defines.
func parseFunc(t *testing.T, src string) *syntax.FuncDecl {
	t.Helper()
	f, err := syntax.NewParser().Parse(strings.NewReader(src), "")
	if err != nil {
		t.Errorf("parse %q: %v", src, err)
		return nil
	}
	for _, st := range f.Stmts {
		if fd, ok := st.Cmd.(*syntax.FuncDecl); ok && fd.Name.Value == "f" {
			return fd
		}
	}
	t.Errorf("no function f in %q", src)
	return nil
}

func TestFunction(t *testing.T) {
	for _, c := range functions {
		fd := parseFunc(t, c.src)
		if fd == nil {
			continue
		}
		if got := Function(fd.Name.Value, fd.Body) + "\n"; got != c.want {
			t.Errorf("declare -f of %q:\ngot:\n%s\nwant:\n%s", c.src, got, c.want)
		}
		if got := ExportedFunction(fd.Body); got != c.env {
			t.Errorf("export -f of %q:\ngot:  %q\nwant: %q", c.src, got, c.env)
		}
	}
}

// runBash runs script with bash (extglob on) and returns its output.
func runBash(t *testing.T, script string) string {
	t.Helper()
	out, err := exec.Command("bash", "-O", "extglob", "-c", script).Output()
	if err != nil {
		t.Fatalf("bash -c %q: %v", script, err)
	}
	return string(out)
}

// TestFunctionsAsBash checks the table against bash itself, so that it
// cannot drift from what bash shows.
func TestFunctionsAsBash(t *testing.T) {
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("no bash")
	}
	for _, c := range functions {
		if got := runBash(t, c.src+"\ndeclare -f f"); got != c.want {
			t.Errorf("bash's declare -f of %q:\n%s\nthe table's:\n%s", c.src, got, c.want)
		}
		env := runBash(t, c.src+"\nexport -f f; env -0")
		var val string
		for _, kv := range strings.Split(env, "\x00") {
			if v, ok := strings.CutPrefix(kv, "BASH_FUNC_f%%="); ok {
				val = v
			}
		}
		if val != c.env {
			t.Errorf("bash's export -f of %q:\n%q\nthe table's:\n%q", c.src, val, c.env)
		}
	}
}

func TestJob(t *testing.T) {
	for _, c := range jobs {
		f, err := syntax.NewParser().Parse(strings.NewReader(c.src), "")
		if err != nil || len(f.Stmts) != 1 {
			t.Errorf("parse %q: %v", c.src, err)
			continue
		}
		if got := Job(f.Stmts[0]); got != c.want {
			t.Errorf("job text of %q:\ngot:  %q\nwant: %q", c.src, got, c.want)
		}
	}
}

// TestJobsAsBash checks the jobs table against bash itself. Each job
// calls functions that read a line from a FIFO only written to after
// jobs has listed it, so the job is running when it is listed.
func TestJobsAsBash(t *testing.T) {
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("no bash")
	}
	const pre = "mkfifo p; exec 3<>p; rm p\nfor n in a b c d; do eval \"$n() { read -r -u3; }\"; done\n"
	const post = "\njobs\nfor i in 1 2 3 4 5 6 7 8; do echo; done >&3\nwait\n"
	const prefix = "[1]+  Running                 "
	for _, c := range jobs {
		cmd := exec.Command("bash", "-c", pre+c.src+post)
		cmd.Dir = t.TempDir()
		out, err := cmd.Output()
		if err != nil {
			t.Errorf("bash: %q: %v", c.src, err)
			continue
		}
		got, ok := strings.CutPrefix(strings.TrimSuffix(string(out), "\n"), prefix)
		got, ok2 := strings.CutSuffix(got, " &")
		if !ok || !ok2 {
			t.Errorf("bash's jobs for %q: %q", c.src, out)
			continue
		}
		if got != c.want {
			t.Errorf("bash's job text for %q:\n%q\nthe table's:\n%q", c.src, got, c.want)
		}
	}
}

// TestCorpusRoundTrip prints every function and command of the repository's
// transcript cases: nothing panics, and what Function prints reads back
// as the same function (printing it again gives the same text), but for
// a coproc of a simple command, whose name bash shows where it would
// not read one.
func TestCorpusRoundTrip(t *testing.T) {
	files, _ := filepath.Glob("../testdata/cases/*.txtar")
	if len(files) == 0 {
		t.Skip("no cases")
	}
	n := 0
	for _, path := range files {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		_, script, ok := strings.Cut(string(data), "-- script --\n")
		if !ok {
			continue
		}
		if i := strings.Index(script, "\n-- "); i >= 0 {
			script = script[:i+1]
		}
		f, err := syntax.NewParser().Parse(strings.NewReader(script), "")
		if err != nil {
			continue
		}
		for _, st := range f.Stmts {
			Command(st)
			Job(st)
		}
		syntax.Walk(f, func(node syntax.Node) bool {
			fd, ok := node.(*syntax.FuncDecl)
			if !ok || fd.Name == nil {
				return true
			}
			n++
			text := Function(fd.Name.Value, fd.Body)
			simpleCoproc := false
			syntax.Walk(fd, func(node syntax.Node) bool {
				if c, ok := node.(*syntax.CoprocClause); ok {
					if _, call := c.Stmt.Cmd.(*syntax.CallExpr); call {
						simpleCoproc = true
					}
				}
				return true
			})
			if simpleCoproc {
				return true
			}
			ExportedFunction(fd.Body)
			g, err := syntax.NewParser().Parse(strings.NewReader(text), "")
			if err != nil || len(g.Stmts) != 1 {
				t.Errorf("%s: %s's text does not read back (%v):\n%s", path, fd.Name.Value, err, text)
				return true
			}
			fd2, ok := g.Stmts[0].Cmd.(*syntax.FuncDecl)
			if !ok {
				t.Errorf("%s: %s's text is not a function:\n%s", path, fd.Name.Value, text)
				return true
			}
			if again := Function(fd2.Name.Value, fd2.Body); again != text {
				t.Errorf("%s: %s printed again differs:\n%s\nthen:\n%s", path, fd.Name.Value, text, again)
			}
			return true
		})
	}
	t.Logf("%d functions", n)
}

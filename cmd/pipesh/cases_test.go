package main

// This file runs the transcript cases in testdata/cases: each *.txtar file
// holds a script, its inputs and the stdout, stderr and exit status pipesh
// must give. The format is described in testdata/cases/README.md.
//
// The cases run the real binary, built once by TestMain, so they exercise
// main's flag handling, exit statuses and process plumbing exactly as a
// user would. Cases marked "compat: bash" are also run under bash, which is
// the reference: when bash disagrees with a case's expectations it is the
// case that is wrong.

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	osexec "os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/tools/txtar"
)

var (
	update     = flag.Bool("update", false, "rewrite the stdout, stderr and status sections of testdata/cases from pipesh's output")
	bashUpdate = flag.Bool("update-from-bash", false, "rewrite the stdout and status sections of compat: bash cases from bash's output (stderr is left alone: it is pipesh's format)")
	caseRe     = flag.String("cases", "", "run only the case files whose name contains this string")
)

// caseTimeout bounds one run of one case, so that a hang (a pipe nobody
// closes, a child nobody reaps) fails that case instead of stalling CI.
const caseTimeout = 20 * time.Second

// casesDir is relative to this package's directory, the cwd of go test.
const casesDir = "../../testdata/cases"

// pipeshBin is the binary built by TestMain; buildErr says why it is
// missing, so every test can report the build failure itself.
var (
	binDir    string
	pipeshBin string
	buildErr  error
)

func TestMain(m *testing.M) {
	flag.Parse()
	closeInheritedFds()
	dir, err := os.MkdirTemp("", "pipesh-bin-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	binDir = dir
	pipeshBin = filepath.Join(dir, "pipesh")
	args := []string{"build", "-o", pipeshBin}
	if os.Getenv("PIPESH_TEST_RACE") != "" {
		// the cases then run a binary built with the race detector, which
		// reports a data race on stderr and exits 66: the case fails
		args = append(args, "-race")
	}
	build := osexec.Command("go", append(args, ".")...)
	if out, err := build.CombinedOutput(); err != nil {
		buildErr = fmt.Errorf("go build ./cmd/pipesh: %v\n%s", err, out)
		pipeshBin = ""
	}
	code := m.Run()
	os.RemoveAll(binDir)
	os.Exit(code)
}

// closeInheritedFds marks every fd above 2 close-on-exec. Whatever started
// go test may have leaked descriptors into it; without this they would be
// inherited by every shell the tests start, and the fd-hygiene cases
// (ls /proc/self/fd) would see them. The Go runtime's own fds are already
// close-on-exec.
func closeInheritedFds() {
	ents, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		return
	}
	for _, e := range ents {
		if fd, err := strconv.Atoi(e.Name()); err == nil && fd > 2 {
			syscall.CloseOnExec(fd)
		}
	}
}

// needPipesh returns the built binary or fails the test with the reason
// the build failed.
func needPipesh(t *testing.T) string {
	t.Helper()
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return pipeshBin
}

// testCase is one parsed txtar file.
type testCase struct {
	path    string
	arch    *txtar.Archive
	compat  string // "bash", "bash-differs ...", or ""
	skip    string
	trace   bool   // "trace: sorted": compare the IPC trace (see normaliseTrace)
	traceW  []byte // the expected trace section
	script  []byte
	args    []string
	flags   []string
	stdin   []byte
	stdout  []byte
	stderr  []byte
	hasErr  bool // a stderr section is present and so must match
	status  int
	fixture []txtar.File
}

func parseCase(path string) (*testCase, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	a := txtar.Parse(data)
	c := &testCase{path: path, arch: a}
	for _, line := range strings.Split(string(a.Comment), "\n") {
		line = strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(line, "compat:"):
			c.compat = strings.TrimSpace(strings.TrimPrefix(line, "compat:"))
		case strings.HasPrefix(line, "skip:"):
			c.skip = strings.TrimSpace(strings.TrimPrefix(line, "skip:"))
		case line == "trace: sorted":
			c.trace = true
		}
	}
	seen := map[string]bool{}
	haveScript := false
	for _, f := range a.Files {
		if seen[f.Name] {
			return nil, fmt.Errorf("%s: section %q appears twice", path, f.Name)
		}
		seen[f.Name] = true
		switch f.Name {
		case "script":
			c.script, haveScript = f.Data, true
		case "args":
			c.args = lines(f.Data)
		case "flags":
			c.flags = lines(f.Data)
		case "stdin":
			c.stdin = f.Data
		case "stdout":
			c.stdout = f.Data
		case "stderr":
			c.stderr, c.hasErr = f.Data, true
		case "trace":
			c.traceW = f.Data
		case "status":
			n, err := strconv.Atoi(strings.TrimSpace(string(f.Data)))
			if err != nil {
				return nil, fmt.Errorf("%s: bad status section: %v", path, err)
			}
			c.status = n
		default:
			if f.Name == "script.sh" || filepath.IsAbs(f.Name) || strings.HasPrefix(filepath.Clean(f.Name), "..") {
				return nil, fmt.Errorf("%s: bad fixture name %q", path, f.Name)
			}
			c.fixture = append(c.fixture, f)
		}
	}
	if !haveScript {
		return nil, fmt.Errorf("%s: no -- script -- section", path)
	}
	return c, nil
}

// lines splits a section into its lines, one argument or flag per line.
func lines(b []byte) []string {
	if len(b) == 0 {
		return nil
	}
	return strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
}

// result is what one shell did with one case.
type result struct {
	stdout, stderr []byte
	status         int
	trace          []byte // normalised and sorted, for trace: cases
}

// runShell runs the case under shell (pipesh or bash) in a fresh temp dir
// holding the script and the fixtures.
func runShell(t *testing.T, c *testCase, shell string) result {
	t.Helper()
	dir := t.TempDir()
	// Resolve symlinks so that pwd prints the same path in both shells.
	if d, err := filepath.EvalSymlinks(dir); err == nil {
		dir = d
	}
	if err := os.WriteFile(filepath.Join(dir, "script.sh"), c.script, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, f := range c.fixture {
		p := filepath.Join(dir, f.Name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), caseTimeout)
	defer cancel()
	argv := append(append(append([]string{}, c.flags...), "script.sh"), c.args...)
	cmd := osexec.CommandContext(ctx, shell, argv...)
	cmd.Dir = dir
	cmd.Env = []string{
		"PATH=" + binDir + ":/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
		"HOME=" + dir,
		"LC_ALL=C",
		"TERM=dumb",
		// TESTSHELL lets a case start the shell under test again, for
		// -c, stdin mode, -n, --version and the like.
		"TESTSHELL=" + shell,
	}
	traceFile := ""
	if c.trace {
		traceFile = filepath.Join(t.TempDir(), "ipctrace")
		cmd.Env = append(cmd.Env, "PIPESH_TRACE="+traceFile)
	}
	cmd.Stdin = bytes.NewReader(c.stdin)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	// Own process group, so a timeout kills the shell and everything it
	// started, and leftover children cannot keep our pipes open forever.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	cmd.WaitDelay = 2 * time.Second
	err := cmd.Run()
	if ctx.Err() != nil {
		t.Fatalf("%s: timed out after %v\nstdout so far:\n%s\nstderr so far:\n%s", filepath.Base(shell), caseTimeout, stdout.Bytes(), stderr.Bytes())
	}
	r := result{stdout: stdout.Bytes(), stderr: stderr.Bytes()}
	if traceFile != "" {
		data, _ := os.ReadFile(traceFile)
		r.trace = normaliseTrace(data)
	}
	var ee *osexec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &ee):
		ws := ee.Sys().(syscall.WaitStatus)
		if ws.Signaled() {
			r.status = 128 + int(ws.Signal())
		} else {
			r.status = ws.ExitStatus()
		}
	case errors.Is(err, osexec.ErrWaitDelay):
		t.Errorf("%s: a child left behind kept stdout or stderr open after the shell exited", filepath.Base(shell))
		r.status = cmd.ProcessState.ExitCode()
	default:
		t.Fatalf("running %s: %v", shell, err)
	}
	return r
}

func caseFiles(t *testing.T) []string {
	files, err := filepath.Glob(filepath.Join(casesDir, "*.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatalf("no cases in %s", casesDir)
	}
	sort.Strings(files)
	return files
}

// TestCases runs every case under pipesh and, for compat cases, under
// bash: pipesh must match the case, and bash must too.
func TestCases(t *testing.T) {
	bash, bashErr := osexec.LookPath("bash")
	for _, path := range caseFiles(t) {
		name := strings.TrimSuffix(filepath.Base(path), ".txtar")
		if *caseRe != "" && !strings.Contains(name, *caseRe) {
			continue
		}
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c, err := parseCase(path)
			if err != nil {
				t.Fatal(err)
			}
			if c.skip != "" {
				t.Skip(c.skip)
			}
			if *bashUpdate {
				if c.compat != "bash" || bashErr != nil {
					t.Skip("not a compat: bash case, or no bash")
				}
				got := runShell(t, c, bash)
				got.stderr = nil
				if err := c.rewrite(got); err != nil {
					t.Fatal(err)
				}
				return
			}
			t.Run("pipesh", func(t *testing.T) {
				got := runShell(t, c, needPipesh(t))
				if *update {
					if err := c.rewrite(got); err != nil {
						t.Fatal(err)
					}
					return
				}
				c.check(t, "pipesh", got, true)
			})
			if c.compat == "bash" {
				t.Run("bash", func(t *testing.T) {
					if bashErr != nil {
						t.Skip("bash not installed")
					}
					got := runShell(t, c, bash)
					// bash names the script in its messages where pipesh
					// says "pipesh", so only stdout and status are compared.
					c.check(t, "bash", got, false)
				})
			}
		})
	}
}

// check compares a run with the case's expectations.
func (c *testCase) check(t *testing.T, shell string, got result, withStderr bool) {
	t.Helper()
	var msgs []string
	if !bytes.Equal(got.stdout, c.stdout) {
		msgs = append(msgs, "stdout differs (-want +got):\n"+diff(string(c.stdout), string(got.stdout)))
	}
	if withStderr && c.hasErr && !bytes.Equal(got.stderr, c.stderr) {
		msgs = append(msgs, "stderr differs (-want +got):\n"+diff(string(c.stderr), string(got.stderr)))
	}
	if got.status != c.status {
		msgs = append(msgs, fmt.Sprintf("status: want %d, got %d", c.status, got.status))
	}
	if c.trace && withStderr && !bytes.Equal(got.trace, c.traceW) {
		msgs = append(msgs, "IPC trace differs (-want +got):\n"+diff(string(c.traceW), string(got.trace)))
	}
	if len(msgs) == 0 {
		return
	}
	if !withStderr || !c.hasErr {
		msgs = append(msgs, "stderr was:\n"+indent(string(got.stderr)))
	}
	if shell == "bash" {
		msgs = append([]string{"bash, the reference, disagrees with the case: fix the case"}, msgs...)
	}
	t.Errorf("%s: %s\n%s", c.path, shell, strings.Join(msgs, "\n"))
}

// rewrite stores got as the case's expectations (the -update flags). A
// stderr section is written when the case had one or stderr is not empty
// (and left alone when got.stderr is nil); a status section when the case
// had one or the status is not 0.
func (c *testCase) rewrite(got result) error {
	set := func(name string, data []byte, keep bool) {
		for i := range c.arch.Files {
			if c.arch.Files[i].Name == name {
				c.arch.Files[i].Data = data
				return
			}
		}
		if keep {
			c.arch.Files = append(c.arch.Files, txtar.File{Name: name, Data: data})
		}
	}
	set("stdout", got.stdout, true)
	if got.stderr != nil {
		set("stderr", got.stderr, len(got.stderr) > 0)
	}
	set("status", []byte(strconv.Itoa(got.status)+"\n"), got.status != 0)
	if c.trace && got.trace != nil {
		set("trace", got.trace, true)
	}
	return os.WriteFile(c.path, txtar.Format(c.arch), 0o644)
}

// traceNumbers are the parts of an IPC trace line that change from run to
// run: pids, the shell's OS fd numbers, byte counts.
var traceNumbers = []struct {
	re   *regexp.Regexp
	with string
}{
	{regexp.MustCompile(`pid \d+`), "pid N"},
	{regexp.MustCompile(`\[\d+, \d+\]`), "[N, N]"},
	{regexp.MustCompile(`(close |shutdown\()\d+`), "${1}N"},
	{regexp.MustCompile(`dup \d+ = \d+`), "dup N = N"},
	{regexp.MustCompile(` \(read \d+ B, wrote \d+ B\)`), ""},
}

// normaliseTrace makes an IPC trace comparable across runs: pids, the
// shell's own fd numbers and byte counts become N, and the lines are
// sorted, since pipeline stages run at once and their lines interleave
// in any order. (Order is checked by the trace invariant test instead.)
func normaliseTrace(data []byte) []byte {
	if len(data) == 0 {
		return []byte{}
	}
	lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	for i, l := range lines {
		for _, n := range traceNumbers {
			l = n.re.ReplaceAllString(l, n.with)
		}
		lines[i] = l
	}
	sort.Strings(lines)
	return []byte(strings.Join(lines, "\n") + "\n")
}

func indent(s string) string {
	if s == "" {
		return "\t(empty)"
	}
	return "\t" + strings.ReplaceAll(strings.TrimSuffix(s, "\n"), "\n", "\n\t")
}

// diff is a small line diff (longest common subsequence), enough for the
// few lines a case prints.
func diff(want, got string) string {
	a := strings.SplitAfter(want, "\n")
	b := strings.SplitAfter(got, "\n")
	n, m := len(a), len(b)
	lcs := make([][]int, n+1)
	for i := range lcs {
		lcs[i] = make([]int, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var sb strings.Builder
	line := func(prefix, s string) {
		if s == "" {
			return
		}
		if !strings.HasSuffix(s, "\n") {
			s += "\\ no newline at end\n"
		}
		sb.WriteString(prefix + s)
	}
	i, j := 0, 0
	for i < n && j < m {
		switch {
		case a[i] == b[j]:
			line("  ", a[i])
			i, j = i+1, j+1
		case lcs[i+1][j] >= lcs[i][j+1]:
			line("- ", a[i])
			i++
		default:
			line("+ ", b[j])
			j++
		}
	}
	for ; i < n; i++ {
		line("- ", a[i])
	}
	for ; j < m; j++ {
		line("+ ", b[j])
	}
	return sb.String()
}

// TestCaseFiles checks that every case is well formed, so a typo in a
// header does not silently turn a bash check off. It needs no binary.
func TestCaseFiles(t *testing.T) {
	for _, path := range caseFiles(t) {
		c, err := parseCase(path)
		if err != nil {
			t.Error(err)
			continue
		}
		described := false
		for _, line := range strings.Split(string(c.arch.Comment), "\n") {
			line = strings.TrimSpace(line)
			switch {
			case line == "":
			case strings.HasPrefix(line, "#"):
				described = true
			case strings.HasPrefix(line, "compat:"), strings.HasPrefix(line, "skip:"), line == "trace: sorted":
			default:
				t.Errorf("%s: unknown header line %q (want # comment, compat:, skip: or trace: sorted)", path, line)
			}
		}
		if !described {
			t.Errorf("%s: no # comment saying what the case checks", path)
		}
		if c.compat != "" && c.compat != "bash" && !strings.HasPrefix(c.compat, "bash-differs ") {
			t.Errorf("%s: compat: %q, want bash or bash-differs <reason>", path, c.compat)
		}
		if c.skip == "" && strings.Contains(string(c.arch.Comment), "skip:") {
			t.Errorf("%s: skip: needs a reason", path)
		}
	}
}

package pipetest

import (
	"bytes"
	"context"
	"encoding/xml"
	"os"
	osexec "os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// The test binary doubles as the supervisor: started with the argument
// "pipetest-supervise" it runs Supervise instead of the tests.
const superviseArg = "pipetest-supervise"

func TestMain(m *testing.M) {
	if len(os.Args) > 1 && os.Args[1] == superviseArg {
		os.Exit(Supervise(os.Args[2:], os.Stderr))
	}
	CloseInheritedFds()
	os.Exit(m.Run())
}

// testRunner runs cases under bash, with ref as the reference shell.
func testRunner(t *testing.T, ref string, mod func(*Config)) *Runner {
	t.Helper()
	bash, err := osexec.LookPath("bash")
	if err != nil {
		t.Skip("bash not installed")
	}
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cfg := Config{
		Shell:      bash,
		Ref:        ref,
		Supervisor: []string{self, superviseArg},
		Path:       "/usr/local/bin:/usr/bin:/bin",
		KeepDir:    t.TempDir(),
	}
	if mod != nil {
		mod(&cfg)
	}
	rn, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return rn
}

// writeCases writes name -> content files into a fresh directory.
func writeCases(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// runDir runs every case of dir and returns the results by case name.
func runDir(t *testing.T, rn *Runner, dir string) map[string]*Result {
	t.Helper()
	plan, err := Plan([]string{dir}, Suite{})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]*Result{}
	for _, r := range rn.RunAll(context.Background(), plan, Suite{Jobs: 2}) {
		got[filepath.Base(r.Name)] = r
	}
	return got
}

func wantOutcome(t *testing.T, res map[string]*Result, name string, want Outcome, msg string) {
	t.Helper()
	r := res[name]
	if r == nil {
		t.Fatalf("%s: no result", name)
	}
	if r.Outcome != want {
		t.Errorf("%s: outcome %d, want %d; failures:\n%s", name, r.Outcome, want, strings.Join(r.Failures, "\n"))
	}
	if msg != "" && !strings.Contains(strings.Join(r.Failures, "\n"), msg) {
		t.Errorf("%s: failures do not mention %q:\n%s", name, msg, strings.Join(r.Failures, "\n"))
	}
}

func TestParse(t *testing.T) {
	c, err := Parse("x/steps.txtar", []byte(`# two steps share stdin and a fixture
check: reaped, -stderr
timeout: 3s
-- stdin --
in
-- script --
cat
-- stdout --
in
-- script second --
cat f.txt
-- args second --
a
b
-- status second --
3
-- f.txt --
data
`), Defaults{Checks: map[string]bool{CheckStderr: true, CheckFds: true}})
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Steps) != 2 || c.Steps[1].Name != "second" {
		t.Fatalf("steps: %+v", c.Steps)
	}
	s0, s1 := c.Steps[0], c.Steps[1]
	if string(s0.Stdin) != "in\n" || string(s1.Stdin) != "in\n" {
		t.Errorf("shared stdin: %q %q", s0.Stdin, s1.Stdin)
	}
	if string(s0.Stdout) != "in\n" || s1.Stdout != nil || s1.Status != 3 || strings.Join(s1.Args, ",") != "a,b" {
		t.Errorf("step sections: %+v %+v", s0, s1)
	}
	if !c.Checks[CheckReaped] || c.Checks[CheckStderr] || !c.Checks[CheckFds] || !c.RefChecks[CheckReaped] || c.RefChecks[CheckFds] {
		t.Errorf("checks %v, ref checks %v", c.Checks, c.RefChecks)
	}
	if c.Timeout != 3*time.Second || len(c.Fixture) != 1 || s1.Label(c) != "steps/second" {
		t.Errorf("timeout %v, fixtures %v, label %q", c.Timeout, c.Fixture, s1.Label(c))
	}

	for _, bad := range []string{
		"compat: bsh\n-- script --\n",
		"chek: reaped\n-- script --\n",
		"check: reapd\n-- script --\n",
		"skip:\n-- script --\n",
		"timeout: soon\n-- script --\n",
		"# no script\n-- stdout --\n",
		"# unknown step\n-- script --\n-- stdout two --\n",
		"# twice\n-- script --\n-- script --\n",
		"# escape\n-- script --\n-- ../x --\n",
		"# bad env\n-- script --\n-- env --\nNOEQUALS\n",
	} {
		if _, err := Parse("bad.txtar", []byte(bad), Defaults{}); err == nil {
			t.Errorf("Parse accepted %q", bad)
		}
	}
}

func TestLineMatchAndDiff(t *testing.T) {
	want := []byte("pid \\d+ (re)\nfixed\n")
	if !matches(want, []byte("pid 42\nfixed\n")) {
		t.Error("pattern line did not match")
	}
	if matches(want, []byte("pid x\nfixed\n")) || matches(want, []byte("pid 42\n")) {
		t.Error("matched what it should not")
	}
	if got := string(mergePatterns(want, []byte("pid 7\nchanged\n"))); got != "pid \\d+ (re)\nchanged\n" {
		t.Errorf("mergePatterns kept %q", got)
	}
	d := unifiedDiff("want", "got", []byte("a\nb\nc\nd\ne\nf\ng\nh\n"), []byte("a\nb\nc\nd\nX\nf\ng\nh\n"))
	wantDiff := "--- want\n+++ got\n@@ -2,7 +2,7 @@\n b\n c\n d\n-e\n+X\n f\n g\n h\n"
	if d != wantDiff {
		t.Errorf("diff:\n%s\nwant:\n%s", d, wantDiff)
	}
	if d := Diff([]byte("x"), []byte("x\n")); !strings.Contains(d, `\ No newline at end of file`) {
		t.Errorf("missing newline not shown:\n%s", d)
	}
	if Diff([]byte("same\n"), []byte("same\n")) != "" {
		t.Error("Diff of equal texts is not empty")
	}
}

func TestRunOutcomes(t *testing.T) {
	rn := testRunner(t, "", nil)
	dir := writeCases(t, map[string]string{
		"pass.txtar":   "# passes\n-- script --\nprintf 'b\\na\\n' | sort; cat in.txt >&2; exit 3\n-- in.txt --\nerr\n-- stdout --\na\nb\n-- stderr --\nerr\n-- status --\n3\n",
		"stdout.txtar": "# wrong stdout\n-- script --\necho got\n-- stdout --\nwant\n",
		"status.txtar": "# wrong status\n-- script --\nfalse\n",
		"stderr.txtar": "# stray stderr\ncheck: stderr\n-- script --\necho oops >&2\n",
		"skip.txtar":   "# skipped\nskip: not today\n-- script --\nfalse\n",
		"steps.txtar":  "# steps share the directory\n-- script --\necho kept > f\n-- script two --\ncat f \"$1\"\n-- args two --\nx\n-- stdout two --\nkept\n-- stderr two --\ncat: x: No such file or directory\n-- status two --\n1\n",
		"env.txtar":    "# env section, fixed HOME and TESTSHELL\n-- env --\nGREETING=hi there\n-- script --\necho \"$GREETING\"; [ \"$HOME\" = \"$PWD\" ] && echo home; basename \"$TESTSHELL\"\n-- stdout --\nhi there\nhome\nbash\n",
	})
	res := runDir(t, rn, dir)
	wantOutcome(t, res, "pass", Pass, "")
	wantOutcome(t, res, "stdout", Fail, "-want\n+got")
	wantOutcome(t, res, "status", Fail, "status: want 0, got 1")
	wantOutcome(t, res, "stderr", Fail, "check stderr")
	wantOutcome(t, res, "skip", Skip, "")
	wantOutcome(t, res, "steps", Pass, "")
	wantOutcome(t, res, "env", Pass, "")
	if p, f, s := Counts(slicesOf(res)); p != 3 || f != 3 || s != 1 {
		t.Errorf("counts %d %d %d", p, f, s)
	}
}

func slicesOf(m map[string]*Result) []*Result {
	var out []*Result
	for _, r := range m {
		out = append(out, r)
	}
	return out
}

// leftPid finds the leftovers in a failure (a leftover caught between
// fork and exec still has its parent's command line).
var leftPid = regexp.MustCompile(`pid (\d+): `)

// TestReaped: a process the script leaves running fails check: reaped,
// even when it was orphaned by a subshell, and is killed; one that is
// waited for passes.
func TestReaped(t *testing.T) {
	rn := testRunner(t, "", nil)
	dir := writeCases(t, map[string]string{
		"leak.txtar":   "# leaves sleep running\ncheck: reaped\n-- script --\nsleep 30 &\necho started\n-- stdout --\nstarted\n",
		"orphan.txtar": "# an orphan of a subshell\ncheck: reaped\n-- script --\n( sleep 30 & ) </dev/null >/dev/null 2>&1\n",
		"waited.txtar": "# waits for its job\ncheck: reaped\n-- script --\nsleep 0 &\nwait\n",
		"off.txtar":    "# leaves it running, unchecked, and still is cleaned up\n-- script --\nsleep 30 </dev/null >/dev/null 2>&1 &\n",
	})
	res := runDir(t, rn, dir)
	wantOutcome(t, res, "leak", Fail, "check reaped")
	wantOutcome(t, res, "orphan", Fail, "check reaped")
	wantOutcome(t, res, "waited", Pass, "")
	wantOutcome(t, res, "off", Pass, "")
	for _, name := range []string{"leak", "orphan"} {
		ms := leftPid.FindAllStringSubmatch(strings.Join(res[name].Failures, "\n"), -1)
		if ms == nil {
			t.Errorf("%s: no leftover pid in the failure", name)
		}
		for _, m := range ms {
			pid, _ := strconv.Atoi(m[1])
			if err := syscall.Kill(pid, 0); err == nil {
				t.Errorf("%s: leftover pid %d is still running", name, pid)
			}
		}
	}
}

// TestTimeout: a run that does not end is killed, tree and all.
func TestTimeout(t *testing.T) {
	rn := testRunner(t, "", nil)
	dir := writeCases(t, map[string]string{
		"hang.txtar": "# never ends\ntimeout: 300ms\n-- script --\nsleep 30 | cat\n",
	})
	start := time.Now()
	res := runDir(t, rn, dir)
	wantOutcome(t, res, "hang", Fail, "timed out after 300ms")
	if el := time.Since(start); el > 10*time.Second {
		t.Errorf("took %v", el)
	}
}

// TestCompatRef: the reference shell must agree with a compat case.
func TestCompatRef(t *testing.T) {
	sh, err := osexec.LookPath("sh")
	if err != nil {
		t.Skip("no sh")
	}
	rn := testRunner(t, sh, nil)
	dir := writeCases(t, map[string]string{
		"agree.txtar":    "# both shells agree\ncompat: bash\n-- script --\necho $((1+2))\n-- stdout --\n3\n",
		"disagree.txtar": "# only the shell under test is bash\ncompat: bash\n-- script --\nbasename \"$TESTSHELL\"\n-- stdout --\nbash\n",
		"differs.txtar":  "# a deliberate difference is not run under the reference\ncompat: bash-differs only bash is bash\n-- script --\nbasename \"$TESTSHELL\"\n-- stdout --\nbash\n",
	})
	res := runDir(t, rn, dir)
	wantOutcome(t, res, "agree", Pass, "")
	wantOutcome(t, res, "disagree", Fail, "the reference, disagrees with the case")
	wantOutcome(t, res, "differs", Pass, "")
}

// TestUpdate: an update rewrites the expected sections, keeps patterns,
// reports success, and a rerun passes.
func TestUpdate(t *testing.T) {
	dir := writeCases(t, map[string]string{
		"u.txtar": "# to update\n-- script --\necho \"run $$\"; echo new; echo err >&2; exit 2\n-- stdout --\nrun \\d+ (re)\nold\n",
	})
	res := runDir(t, testRunner(t, "", func(c *Config) { c.Update = true }), dir)
	wantOutcome(t, res, "u", Pass, "")
	if !res["u"].Updated {
		t.Error("not reported as updated")
	}
	data, _ := os.ReadFile(filepath.Join(dir, "u.txtar"))
	want := "-- stdout --\nrun \\d+ (re)\nnew\n-- stderr --\nerr\n-- status --\n2\n"
	if !bytes.Contains(data, []byte(want)) {
		t.Errorf("rewritten case:\n%s\nwant it to hold:\n%s", data, want)
	}
	res = runDir(t, testRunner(t, "", nil), dir)
	wantOutcome(t, res, "u", Pass, "")
}

// TestSetupTeardown: setup.sh prepares $SHAREDDIR for the cases;
// teardown.sh runs after them, and its failure is reported.
func TestSetupTeardown(t *testing.T) {
	marker := filepath.Join(t.TempDir(), "torn-down")
	dir := writeCases(t, map[string]string{
		SetupName:    "echo ready > shared.txt\n",
		TeardownName: "cat shared.txt > " + marker + "\nexit 4\n",
		"a.txtar":    "# sees setup's file\n-- script --\ncat \"$SHAREDDIR/shared.txt\"\n-- stdout --\nready\n",
	})
	results := testRunner(t, "", nil).RunAll(context.Background(), mustPlan(t, dir), Suite{Jobs: 1})
	if len(results) != 2 || results[0].Outcome != Pass || results[1].Outcome != Fail || !strings.HasSuffix(results[1].Name, TeardownName) {
		for _, r := range results {
			t.Logf("%s: %d %v", r.Name, r.Outcome, r.Failures)
		}
		t.Fatal("want the case passed and the teardown failed")
	}
	if data, err := os.ReadFile(marker); err != nil || string(data) != "ready\n" {
		t.Errorf("teardown did not run in the shared dir: %q %v", data, err)
	}
}

func mustPlan(t *testing.T, dir string) []Planned {
	t.Helper()
	plan, err := Plan([]string{dir}, Suite{})
	if err != nil {
		t.Fatal(err)
	}
	return plan
}

// TestFdReport: descriptors open at exit and not at start fail check: fds.
func TestFdReport(t *testing.T) {
	r := &Run{Fds: parseFdReport([]byte("start 0=/dev/null 1=pipe:[1] 2=pipe:[2]\nexit 0=/dev/null 1=pipe:[1] 2=pipe:[2] 7=pipe:[9]\n"))}
	if f := fdFailures("c", "pipesh", r, false); len(f) != 1 || !strings.Contains(f[0], "fd 7 -> pipe:[9]") {
		t.Errorf("failures %q", f)
	}
	r.Fds = parseFdReport([]byte("start 0=/dev/null\nexit 0=/dev/null\n"))
	if f := fdFailures("c", "pipesh", r, false); len(f) != 0 {
		t.Errorf("failures %q", f)
	}
	r.Fds = parseFdReport([]byte("start 0=/dev/null\n")) // replaced by exec: not checked
	if f := fdFailures("c", "pipesh", r, false); len(f) != 0 {
		t.Errorf("failures %q", f)
	}
	if f := fdFailures("c", "bash", &Run{}, true); len(f) != 0 {
		t.Errorf("a reference without a report failed: %q", f)
	}
}

func TestTAPAndJUnit(t *testing.T) {
	results := []*Result{
		{Name: "a", Outcome: Pass},
		{Name: "b", Outcome: Fail, Failures: []string{"b: stdout differs:\n-x\n+y"}},
		{Name: "c", Outcome: Skip, SkipWhy: "later"},
	}
	var tap bytes.Buffer
	writeTAP(&tap, results)
	want := "TAP version 13\n1..3\nok 1 - a\nnot ok 2 - b\n  ---\n  message: |\n    b: stdout differs:\n    -x\n    +y\n  ...\nok 3 - c # SKIP later\n# 1 passed, 1 failed, 1 skipped\n"
	if tap.String() != want {
		t.Errorf("TAP:\n%s\nwant:\n%s", tap.String(), want)
	}
	path := filepath.Join(t.TempDir(), "j.xml")
	if err := writeJUnit(path, results, time.Second); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(path)
	var doc junitSuites
	if err := xml.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Tests != 3 || doc.Failures != 1 || doc.Skipped != 1 || len(doc.Suites[0].Cases) != 3 || doc.Suites[0].Cases[1].Failure == nil {
		t.Errorf("JUnit:\n%s", data)
	}
}

// TestMainUsage: usage errors exit 2 before running anything.
func TestMainUsage(t *testing.T) {
	empty := t.TempDir()
	for _, args := range [][]string{{"-nosuchflag"}, {"-j", "0"}, {"-run", "("}, {empty}, {"/no/such/dir"}, {"-check", "bogus"}, {"--ref", "/no/such/shell"}} {
		var out, errb bytes.Buffer
		if st := Main(args, nil, &out, &errb, "/bin/false"); st != 2 {
			t.Errorf("Main(%q) = %d, want 2 (stderr %q)", args, st, errb.String())
		}
		if errb.Len() == 0 {
			t.Errorf("Main(%q) said nothing on stderr", args)
		}
	}
}

// TestExecWatch: with check: fds, a descriptor that reaches a program the
// script starts fails the case, unless the program names it or it copies
// the program's stdin.
func TestExecWatch(t *testing.T) {
	if _, ok := auditArch(); !ok {
		t.Skip("exec watch not supported here")
	}
	rn := testRunner(t, "", nil)
	dir := writeCases(t, map[string]string{
		"leak.txtar":     "# fd 12 reaches cat\ncheck: fds\n-- script --\nexec 12</dev/null\n/bin/cat /dev/null\n",
		"closed.txtar":   "# closed for the child\ncheck: fds\n-- script --\nexec 12</dev/null\ncat /dev/null 12<&-\n",
		"procsub.txtar":  "# process substitutions are named or are stdin\ncheck: fds\n-- script --\ndiff <(echo a) <(echo a) && tr a b < <(echo a)\n-- stdout --\nb\n",
		"numbered.txtar": "# fds 3 to 9 are the script's to pass\ncheck: fds\n-- script --\nexec 3</dev/null\ncat /dev/null\n",
	})
	res := runDir(t, rn, dir)
	wantOutcome(t, res, "leak", Fail, "fd 12 -> /dev/null into /bin/cat")
	wantOutcome(t, res, "closed", Pass, "")
	wantOutcome(t, res, "procsub", Pass, "")
	wantOutcome(t, res, "numbered", Pass, "")
}

// TestInterrupt: cancelling the runs (pipesh test's ^C) ends a
// supervised run and kills what it started.
func TestInterrupt(t *testing.T) {
	rn := testRunner(t, "", nil)
	fifo := filepath.Join(t.TempDir(), "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	dir := writeCases(t, map[string]string{
		"wait.txtar": "# waits for a long job\ncheck: reaped\n-- env --\nFIFO=" + fifo + "\n-- script --\nsleep 30 &\necho $! > \"$FIFO\"\nwait\n",
	})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pidc := make(chan int, 1)
	go func() {
		data, _ := os.ReadFile(fifo) // the job has started
		pid, _ := strconv.Atoi(strings.TrimSpace(string(data)))
		pidc <- pid
		cancel()
	}()
	results := rn.RunAll(ctx, mustPlan(t, dir), Suite{Jobs: 1})
	if len(results) != 1 || results[0].Outcome != Fail || !strings.Contains(strings.Join(results[0].Failures, "\n"), "interrupted") {
		t.Fatalf("results: %+v", results[0])
	}
	pid := <-pidc
	if pid <= 0 {
		t.Fatalf("no pid from the case (%d)", pid)
	}
	// killed, the job is gone or a zombie until init reaps it (its shell
	// was killed too); one still running after 5 s was not killed, since
	// it would run for 30
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		if syscall.Kill(pid, 0) != nil || procState(pid) == "Z" {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("sleep 30 (pid %d) still runs (state %s)", pid, procState(pid))
		}
	}
}

// procState is the state letter of a process in /proc/PID/stat ("" when
// it cannot be read).
func procState(pid int) string {
	data, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return ""
	}
	s := string(data)
	if i := strings.LastIndexByte(s, ')'); i >= 0 && i+2 < len(s) {
		return s[i+2 : i+3]
	}
	return ""
}

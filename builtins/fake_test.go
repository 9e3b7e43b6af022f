package builtins

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	osexec "os/exec"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"mvdan.cc/sh/v3/expand"
)

// The fakes are parts of a shell for unit tests, one per capability a
// tested builtin uses; each test puts together the parts its builtin
// asks for (uses fails a builtin whose fake lacks one).

// fakeCore reports errors as bash -c does, so that its messages compare
// with bash's ("bash: line 1: NAME: ...").
type fakeCore struct{}

func (fakeCore) Errorf(c *Call, format string, args ...any) {
	fmt.Fprintf(c.Stderr, "bash: line 1: %s: %s\n", c.Name, fmt.Sprintf(format, args...))
}
func (fakeCore) BrokenPipe() {}

// fakeVars keeps variables in a map; subscripts are not expanded.
type fakeVars struct{ vars map[string]expand.Variable }

// newFakeVars starts with the locale's variables: the locale decides how
// bash counts characters, and bash under test inherits it from the
// environment, so the fake does too.
func newFakeVars() *fakeVars {
	v := &fakeVars{vars: map[string]expand.Variable{}}
	for _, name := range []string{"LC_ALL", "LC_CTYPE", "LANG"} {
		if s, ok := os.LookupEnv(name); ok {
			v.vars[name] = varStr(s)
		}
	}
	return v
}

func (f *fakeVars) Var(name string) expand.Variable { return f.vars[name] }
func (f *fakeVars) SetVar(name string, vr expand.Variable) error {
	if f.vars[name].ReadOnly {
		return fmt.Errorf("%s: readonly variable", name)
	}
	f.vars[name] = vr
	return nil
}
func (f *fakeVars) SetString(name, value string) error {
	vr := f.vars[name]
	if vr.ReadOnly {
		return fmt.Errorf("%s: readonly variable", name)
	}
	vr.Set, vr.Kind, vr.Str = true, expand.String, value
	f.vars[name] = vr
	return nil
}
func (f *fakeVars) UnsetVar(name string) error {
	if f.vars[name].ReadOnly {
		return fmt.Errorf("%s: cannot unset: readonly variable", name)
	}
	delete(f.vars, name)
	return nil
}
func (f *fakeVars) EachVar(fn func(string, expand.Variable) bool) {
	for k, v := range f.vars {
		if !fn(k, v) {
			return
		}
	}
}
func (f *fakeVars) ExpandKey(s string) (string, error) { return s, nil }

// fakeDirs is a current directory that Chdir checks, and a stack.
type fakeDirs struct {
	dir   string
	stack []string
}

func newFakeDirs() *fakeDirs {
	wd, _ := os.Getwd()
	return &fakeDirs{dir: wd}
}

func (f *fakeDirs) Dir() string { return f.dir }
func (f *fakeDirs) Chdir(dir string) error {
	st, err := os.Stat(dir)
	if err != nil {
		return err
	}
	if !st.IsDir() {
		return syscall.ENOTDIR
	}
	f.dir = dir
	return nil
}
func (f *fakeDirs) DirStack() []string        { return slices.Clone(f.stack) }
func (f *fakeDirs) SetDirStack(dirs []string) { f.stack = slices.Clone(dirs) }

// fakeOptions knows a few set -o options and two shopt ones.
type fakeOptions struct{ opts, shopts map[string]bool }

func newFakeOptions() *fakeOptions {
	return &fakeOptions{opts: map[string]bool{}, shopts: map[string]bool{}}
}

func (f *fakeOptions) Option(name string) bool { return f.opts[name] }
func (f *fakeOptions) SetOption(name string, on bool) error {
	if !slices.Contains(f.OptionNames(), name) {
		return fmt.Errorf("%s: invalid option name", name)
	}
	f.opts[name] = on
	return nil
}
func (f *fakeOptions) OptionNames() []string {
	return []string{"allexport", "errexit", "noglob", "nounset", "pipefail", "xtrace"}
}
func (f *fakeOptions) ShoptOption(name string) (bool, bool) {
	on, ok := f.shopts[name]
	return on, ok || slices.Contains(f.ShoptNames(), name)
}
func (f *fakeOptions) SetShopt(name string, on bool) error {
	if !slices.Contains(f.ShoptNames(), name) {
		return fmt.Errorf("%s: invalid shell option name", name)
	}
	f.shopts[name] = on
	return nil
}
func (f *fakeOptions) ShoptNames() []string { return []string{"extglob", "xpg_echo"} }

// fakeFds has no descriptors beyond the call's, no read loop's buffer
// and no line editor.
type fakeFds struct{}

func (fakeFds) Fd(int) (*os.File, bool)                       { return nil, false }
func (fakeFds) ReadBuffer(*os.File) *bufio.Reader             { return nil }
func (fakeFds) EditLine(string, string) (string, bool, error) { return "", false, nil }

// fakeFlow records the control flow a builtin asks for.
type fakeFlow struct {
	flow   string // "exit", "return", "break", "continue" or "abort"
	flowN  int
	status int // $?
	inFunc bool
	loops  int
}

func (f *fakeFlow) Exit(code int)                          { f.flow, f.flowN = "exit", code }
func (f *fakeFlow) Return(code int)                        { f.flow, f.flowN = "return", code }
func (f *fakeFlow) Break(n int)                            { f.flow, f.flowN = "break", n }
func (f *fakeFlow) Continue(n int)                         { f.flow, f.flowN = "continue", n }
func (f *fakeFlow) Abort()                                 { f.flow = "abort" }
func (f *fakeFlow) InFunc() bool                           { return f.inFunc }
func (f *fakeFlow) LoopDepth() int                         { return f.loops }
func (f *fakeFlow) Caller(int) (int, string, string, bool) { return 0, "", "", false }
func (f *fakeFlow) LastStatus() int                        { return f.status }
func (f *fakeFlow) Interactive() bool                      { return false }

// fakeEval records the code and commands it is asked to run, and runs
// none.
type fakeEval struct {
	evals []string
	runs  [][]string
}

func (f *fakeEval) Eval(ctx context.Context, src string) int {
	f.evals = append(f.evals, src)
	return 0
}
func (f *fakeEval) Source(ctx context.Context, path string, args []string) int {
	f.evals = append(f.evals, "source "+path)
	return 0
}
func (f *fakeEval) Declare(context.Context, string, []string) int { return 0 }
func (f *fakeEval) Run(ctx context.Context, args []string, noFuncs bool) int {
	f.runs = append(f.runs, args)
	return 0
}
func (f *fakeEval) Exec(ctx context.Context, args []string) int {
	f.runs = append(f.runs, args)
	return 0
}

// runBuiltin runs name with args on sh and returns stdout, stderr, status.
func runBuiltin(t *testing.T, sh Core, stdin *os.File, name string, args ...string) (string, string, int) {
	t.Helper()
	b, ok := Lookup(name)
	if !ok {
		t.Fatalf("no builtin %q", name)
	}
	var stdout, stderr bytes.Buffer
	c := &Call{Name: name, Args: args, Stdin: stdin, Stdout: &stdout, Stderr: &stderr, Sh: sh}
	status := b.Run(context.Background(), c)
	return stdout.String(), stderr.String(), status
}

// bashRun runs script under bash -c and returns stdout, stderr, status;
// the test is skipped when bash is missing.
func bashRun(t *testing.T, script string, stdin io.Reader) (string, string, int) {
	t.Helper()
	if _, err := osexec.LookPath("bash"); err != nil {
		t.Skip("bash not installed")
	}
	cmd := osexec.Command("bash", "-c", script)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr, cmd.Stdin = &stdout, &stderr, stdin
	err := cmd.Run()
	status := 0
	if ee, ok := err.(*osexec.ExitError); ok {
		status = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return stdout.String(), stderr.String(), status
}

// shq quotes args for a bash command line.
func shq(args []string) string {
	q := make([]string, len(args))
	for i, a := range args {
		q[i] = "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
	}
	return strings.Join(q, " ")
}

func varStr(s string) expand.Variable {
	return expand.Variable{Set: true, Kind: expand.String, Str: s}
}

// fakeHistory is a history list: its entries, the last one the running
// command.
type fakeHistory struct{ history []string }

func (h *fakeHistory) History() HistoryList { return fakeHistoryList{h} }

// fakeHistoryList is fakeHistory as history and fc see it.
type fakeHistoryList struct{ h *fakeHistory }

func (l fakeHistoryList) Entries() (int, []string, []time.Time) {
	times := make([]time.Time, len(l.h.history))
	for i := range times {
		times[i] = time.Unix(int64(i)*86400, 0)
	}
	return 1, l.h.history, times
}
func (l fakeHistoryList) Current() bool { return len(l.h.history) > 0 }
func (l fakeHistoryList) Clear()        { l.h.history = nil }
func (l fakeHistoryList) Delete(from, to int) error {
	l.h.history = append(l.h.history[:from-1], l.h.history[to:]...)
	return nil
}
func (l fakeHistoryList) ReplaceCurrent(cmds []string) {
	if len(l.h.history) > 0 {
		l.h.history = l.h.history[:len(l.h.history)-1]
	}
	l.h.history = append(l.h.history, cmds...)
}
func (l fakeHistoryList) AppendFile(string) error { return nil }
func (l fakeHistoryList) ReadFile(string) error   { return nil }
func (l fakeHistoryList) ReadNew(string) error    { return nil }
func (l fakeHistoryList) WriteFile(string) error  { return nil }
func (l fakeHistoryList) Expand(line string) (string, error) {
	return strings.ReplaceAll(line, "!!", l.h.history[len(l.h.history)-1]), nil
}

package builtins

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	osexec "os/exec"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"mvdan.cc/sh/v3/expand"
)

// fakeShell is a minimal Shell for unit tests: variables, params, cwd and
// options in maps, control flow recorded in fields.
type fakeShell struct {
	goptind, gopos int
	goptOK         bool
	vars           map[string]expand.Variable
	funcs          map[string]string
	params         []string
	dir            string
	opts           map[string]bool
	shopts         map[string]bool
	traps          map[string]string
	inFunc         bool
	loops          int
	exit           int
	flow           string
	flowN          int
	evals          []string
	runs           [][]string
	status         int
	errbuf         *bytes.Buffer
	fds            map[int]*os.File
	history        []string
}

func newFake() *fakeShell {
	wd, _ := os.Getwd()
	sh := &fakeShell{
		vars:   map[string]expand.Variable{},
		funcs:  map[string]string{},
		dir:    wd,
		opts:   map[string]bool{},
		shopts: map[string]bool{},
		traps:  map[string]string{},
		exit:   -1,
		errbuf: &bytes.Buffer{},
		fds:    map[int]*os.File{},
	}
	// The locale decides how bash counts characters; bash under test
	// inherits it from the environment, so the fake does too.
	for _, name := range []string{"LC_ALL", "LC_CTYPE", "LANG"} {
		if v, ok := os.LookupEnv(name); ok {
			sh.vars[name] = varStr(v)
		}
	}
	return sh
}

func (f *fakeShell) ReadBuffer(*os.File) *bufio.Reader { return nil }
func (f *fakeShell) Var(name string) expand.Variable   { return f.vars[name] }
func (f *fakeShell) SetVar(name string, vr expand.Variable) error {
	if f.vars[name].ReadOnly {
		return fmt.Errorf("%s: readonly variable", name)
	}
	f.vars[name] = vr
	return nil
}
func (f *fakeShell) SetString(name, value string) error {
	vr := f.vars[name]
	if vr.ReadOnly {
		return fmt.Errorf("%s: readonly variable", name)
	}
	vr.Set, vr.Kind, vr.Str = true, expand.String, value
	f.vars[name] = vr
	return nil
}
func (f *fakeShell) UnsetVar(name string) error {
	if f.vars[name].ReadOnly {
		return fmt.Errorf("%s: cannot unset: readonly variable", name)
	}
	delete(f.vars, name)
	return nil
}
func (f *fakeShell) EachVar(fn func(string, expand.Variable) bool) {
	for k, v := range f.vars {
		if !fn(k, v) {
			return
		}
	}
}
func (f *fakeShell) Funcs() []string {
	var n []string
	for k := range f.funcs {
		n = append(n, k)
	}
	sort.Strings(n)
	return n
}
func (f *fakeShell) FuncSource(name string) (string, bool) { s, ok := f.funcs[name]; return s, ok }
func (f *fakeShell) UnsetFunc(name string)                 { delete(f.funcs, name) }
func (f *fakeShell) Params() []string                      { return f.params }
func (f *fakeShell) SetParams(a []string)                  { f.params = a }
func (f *fakeShell) Dir() string                           { return f.dir }
func (f *fakeShell) Chdir(dir string) error {
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
func (f *fakeShell) Fd(n int) (*os.File, bool) { fd, ok := f.fds[n]; return fd, ok }
func (f *fakeShell) Option(name string) bool   { return f.opts[name] }
func (f *fakeShell) SetOption(name string, on bool) error {
	for _, n := range f.OptionNames() {
		if n == name {
			f.opts[name] = on
			return nil
		}
	}
	return fmt.Errorf("%s: invalid option name", name)
}
func (f *fakeShell) OptionNames() []string {
	return []string{"allexport", "errexit", "noglob", "nounset", "pipefail", "xtrace"}
}
func (f *fakeShell) ShoptOption(name string) (bool, bool) {
	on, ok := f.shopts[name]
	return on, ok || name == "xpg_echo" || name == "extglob"
}
func (f *fakeShell) SetShopt(name string, on bool) error {
	if _, ok := f.ShoptOption(name); !ok {
		return fmt.Errorf("%s: invalid shell option name", name)
	}
	f.shopts[name] = on
	return nil
}
func (f *fakeShell) ShoptNames() []string { return []string{"extglob", "xpg_echo"} }
func (f *fakeShell) Eval(ctx context.Context, src string) int {
	f.evals = append(f.evals, src)
	return 0
}
func (f *fakeShell) Source(ctx context.Context, path string, args []string) int {
	f.evals = append(f.evals, "source "+path)
	return 0
}
func (f *fakeShell) Run(ctx context.Context, args []string, noFuncs bool) int {
	f.runs = append(f.runs, args)
	return 0
}
func (f *fakeShell) Exec(ctx context.Context, args []string) int {
	f.runs = append(f.runs, args)
	return 0
}
func (f *fakeShell) LookPath(name string) (string, error)          { return osexec.LookPath(name) }
func (f *fakeShell) IsFunc(name string) bool                       { _, ok := f.funcs[name]; return ok }
func (f *fakeShell) Exit(code int)                                 { f.flow, f.flowN = "exit", code }
func (f *fakeShell) Return(code int)                               { f.flow, f.flowN = "return", code }
func (f *fakeShell) Break(n int)                                   { f.flow, f.flowN = "break", n }
func (f *fakeShell) Continue(n int)                                { f.flow, f.flowN = "continue", n }
func (f *fakeShell) Declare(context.Context, string, []string) int { return 0 }
func (f *fakeShell) CompSpecs() map[string]*CompSpec               { return map[string]*CompSpec{} }
func (f *fakeShell) CurrentCompletion() *CompSpec                  { return nil }
func (f *fakeShell) DirStack() []string                            { return nil }
func (f *fakeShell) SetDirStack([]string)                          {}
func (f *fakeShell) Caller(int) (int, string, string, bool)        { return 0, "", "", false }
func (f *fakeShell) InFunc() bool                                  { return f.inFunc }
func (f *fakeShell) Abort()                                        {}
func (f *fakeShell) Aliases() map[string]string                    { return nil }
func (f *fakeShell) SetAlias(name, value string)                   {}
func (f *fakeShell) UnsetAlias(name string) bool                   { return false }
func (f *fakeShell) LoopDepth() int                                { return f.loops }
func (f *fakeShell) Interactive() bool                             { return false }
func (f *fakeShell) LastStatus() int                               { return f.status }
func (f *fakeShell) Traps() map[string]string                      { return f.traps }
func (f *fakeShell) SetTrap(sig, action string) error {
	if action == "-" {
		delete(f.traps, sig)
	} else {
		f.traps[sig] = action
	}
	return nil
}
func (f *fakeShell) Wait(ctx context.Context, ids []string, any bool) int { return 0 }
func (f *fakeShell) Jobs() JobControl                                     { return nil }
func (f *fakeShell) History() HistoryList                                 { return fakeHistory{f} }
func (f *fakeShell) BrokenPipe()                                          {}
func (f *fakeShell) Errorf(c *Call, format string, args ...any) {
	fmt.Fprintf(c.Stderr, "bash: line 1: %s: %s\n", c.Name, fmt.Sprintf(format, args...))
}

// runBuiltin runs name with args on sh and returns stdout, stderr, status.
func runBuiltin(t *testing.T, sh *fakeShell, stdin *os.File, name string, args ...string) (string, string, int) {
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

func (f *fakeShell) GetoptsPlace() (int, int, bool) { return f.goptind, f.gopos, f.goptOK }
func (f *fakeShell) SetGetoptsPlace(optind, pos int) {
	f.goptind, f.gopos, f.goptOK = optind, pos, true
}

// fakeHistory is the fake shell's history list: its entries, the last
// one the running command.
type fakeHistory struct{ f *fakeShell }

func (h fakeHistory) Entries() (int, []string, []time.Time) {
	times := make([]time.Time, len(h.f.history))
	for i := range times {
		times[i] = time.Unix(int64(i)*86400, 0)
	}
	return 1, h.f.history, times
}
func (h fakeHistory) Current() bool { return len(h.f.history) > 0 }
func (h fakeHistory) Clear()        { h.f.history = nil }
func (h fakeHistory) Delete(from, to int) error {
	h.f.history = append(h.f.history[:from-1], h.f.history[to:]...)
	return nil
}
func (h fakeHistory) ReplaceCurrent(cmds []string) {
	if len(h.f.history) > 0 {
		h.f.history = h.f.history[:len(h.f.history)-1]
	}
	h.f.history = append(h.f.history, cmds...)
}
func (h fakeHistory) AppendFile(string) error { return nil }
func (h fakeHistory) ReadFile(string) error   { return nil }
func (h fakeHistory) ReadNew(string) error    { return nil }
func (h fakeHistory) WriteFile(string) error  { return nil }
func (h fakeHistory) Expand(line string) (string, error) {
	return strings.ReplaceAll(line, "!!", h.f.history[len(h.f.history)-1]), nil
}

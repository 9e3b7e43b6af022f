package pipetest

import (
	"bytes"
	"context"
	"fmt"
	"os"
	osexec "os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"syscall"
	"time"
)

// Setup and teardown scripts of a directory: setup.sh runs, under the
// shell under test, before the first case of its directory and
// teardown.sh after the last, both in a directory of their own that every
// case of the directory finds in $SHAREDDIR. Processes setup.sh leaves
// running (a server, say) are teardown.sh's to stop.
const (
	SetupName    = "setup.sh"
	TeardownName = "teardown.sh"
)

// Suite options for RunAll.
type Suite struct {
	Jobs int            // cases run at once; at least 1
	Run  *regexp.Regexp // only cases whose name matches; nil for all
	// Started and Done, when set, are called as each case starts and
	// ends, from the goroutine that runs it.
	Started func(i int, name string)
	Done    func(i int, res *Result)
}

// Planned is a case file RunAll will run, under the name reports give it.
type Planned struct {
	Path, Name string
}

// Plan lists the case files of paths that opts.Run selects.
func Plan(paths []string, opts Suite) ([]Planned, error) {
	files, err := Find(paths)
	if err != nil {
		return nil, err
	}
	var out []Planned
	for _, f := range files {
		name := strings.TrimSuffix(f, ".txtar")
		if opts.Run != nil && !opts.Run.MatchString(name) {
			continue
		}
		out = append(out, Planned{Path: f, Name: name})
	}
	return out, nil
}

// RunAll runs the planned cases, directory by directory (setup.sh, the
// cases at once, teardown.sh), and returns their results in plan order.
// A failing teardown adds a failed result of its own.
func (rn *Runner) RunAll(ctx context.Context, plan []Planned, opts Suite) []*Result {
	results := make([]*Result, len(plan))
	byDir := map[string][]int{}
	var dirs []string
	for i, p := range plan {
		d := filepath.Dir(p.Path)
		if byDir[d] == nil {
			dirs = append(dirs, d)
		}
		byDir[d] = append(byDir[d], i)
	}
	sort.Strings(dirs)
	jobs := max(opts.Jobs, 1)
	var extra []*Result
	for _, d := range dirs {
		env, teardown, setupErr := rn.Setup(ctx, d)
		idx := byDir[d]
		work := make(chan int)
		var wg sync.WaitGroup
		for w := 0; w < min(jobs, len(idx)); w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range work {
					if opts.Started != nil {
						opts.Started(i, plan[i].Name)
					}
					var res *Result
					if setupErr != nil {
						res = &Result{Name: plan[i].Name, Path: plan[i].Path, Outcome: Fail, Failures: []string{setupErr.Error()}}
					} else {
						res = rn.RunCase(ctx, plan[i], env)
					}
					results[i] = res
					if opts.Done != nil {
						opts.Done(i, res)
					}
				}
			}()
		}
		for _, i := range idx {
			work <- i
		}
		close(work)
		wg.Wait()
		if teardown != nil {
			if err := teardown(); err != nil {
				extra = append(extra, &Result{Name: filepath.Join(d, TeardownName), Path: filepath.Join(d, TeardownName), Outcome: Fail, Failures: []string{err.Error()}})
			}
		}
	}
	return append(results, extra...)
}

// RunCase loads and runs one case under the shell under test and, for a
// compat: bash case, under the reference shell.
func (rn *Runner) RunCase(ctx context.Context, p Planned, env []string) *Result {
	start := time.Now()
	res := &Result{Name: p.Name, Path: p.Path}
	defer func() { res.Elapsed = time.Since(start) }()
	c, err := rn.Load(p.Path)
	if err != nil {
		res.Outcome, res.Failures = Fail, []string{err.Error()}
		return res
	}
	if c.Skip != "" {
		res.Outcome, res.SkipWhy = Skip, c.Skip
		return res
	}
	var runs []*Run
	if !rn.cfg.UpdateFromRef {
		fails, updated, r, err := rn.check(ctx, c, false, env)
		if err != nil {
			fails = append(fails, err.Error())
		}
		res.Failures, res.Updated, runs = append(res.Failures, fails...), updated, r
	}
	if c.Compat == "bash" {
		if rn.cfg.Ref == "" {
			res.Notes = append(res.Notes, "compat: bash not checked: no reference shell")
		} else {
			fails, updated, refRuns, err := rn.check(ctx, c, true, env)
			if err != nil {
				fails = append(fails, err.Error())
			}
			if len(fails) > 0 && len(res.Failures) > 0 && sameOutput(runs, refRuns) {
				// one diff says it all
				if refRuns[0].Kept != "" {
					os.RemoveAll(refRuns[0].Kept)
				}
				fails = []string{fmt.Sprintf("%s, the reference, gives the same stdout and status as pipesh: if both are right, the case is out of date (-update rewrites it)", filepath.Base(rn.cfg.Ref))}
			}
			res.Failures, res.Updated = append(res.Failures, fails...), res.Updated || updated
		}
	}
	if len(res.Failures) > 0 {
		res.Outcome = Fail
	}
	return res
}

// sameOutput reports whether two shells' runs of a case gave the same
// stdout and status at every step.
func sameOutput(a, b []*Run) bool {
	if len(a) != len(b) || len(a) == 0 {
		return false
	}
	for i := range a {
		if !bytes.Equal(a[i].Stdout, b[i].Stdout) || a[i].Status != b[i].Status {
			return false
		}
	}
	return true
}

// Setup runs dir's setup.sh, if there is one, and returns the environment
// its cases get and the teardown to call after them (nil when dir has
// neither script).
func (rn *Runner) Setup(ctx context.Context, dir string) (env []string, teardown func() error, err error) {
	setup := filepath.Join(dir, SetupName)
	down := filepath.Join(dir, TeardownName)
	_, serr := os.Stat(setup)
	_, terr := os.Stat(down)
	if serr != nil && terr != nil {
		return nil, nil, nil
	}
	shared, err := os.MkdirTemp("", "pipetest-shared-")
	if err != nil {
		return nil, nil, err
	}
	if d, err := filepath.EvalSymlinks(shared); err == nil {
		shared = d
	}
	env = []string{"SHAREDDIR=" + shared}
	teardown = func() error {
		defer os.RemoveAll(shared)
		if terr != nil {
			return nil
		}
		return rn.runSuiteScript(ctx, down, shared, env)
	}
	if serr == nil {
		if err := rn.runSuiteScript(ctx, setup, shared, env); err != nil {
			return env, teardown, err
		}
	}
	return env, teardown, nil
}

// runSuiteScript runs a setup or teardown script under the shell under
// test in shared. Its output goes to files, not pipes, so that a server
// it starts cannot hold the runner up.
func (rn *Runner) runSuiteScript(ctx context.Context, script, shared string, env []string) error {
	abs, err := filepath.Abs(script)
	if err != nil {
		return err
	}
	out, err := os.CreateTemp("", "pipetest-suite-out-")
	if err != nil {
		return err
	}
	defer os.Remove(out.Name())
	defer out.Close()
	ctx, cancel := context.WithTimeout(ctx, rn.timeout(&Case{}))
	defer cancel()
	cmd := osexec.CommandContext(ctx, rn.cfg.Shell, abs)
	cmd.Dir = shared
	cmd.Env = append(rn.baseEnv(shared, rn.cfg.Shell), env...)
	cmd.Stdout, cmd.Stderr = out, out
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	err = cmd.Run()
	if err == nil {
		return nil
	}
	data, _ := os.ReadFile(out.Name())
	if ctx.Err() != nil {
		err = fmt.Errorf("timed out: %w", ctx.Err())
	}
	return fmt.Errorf("%s failed: %w\n%s", script, err, indent(string(bytes.TrimSpace(data))))
}

// Counts tallies results.
func Counts(results []*Result) (passed, failed, skipped int) {
	for _, r := range results {
		switch r.Outcome {
		case Pass:
			passed++
		case Fail:
			failed++
		case Skip:
			skipped++
		}
	}
	return
}

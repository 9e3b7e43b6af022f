package pipetest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/tools/txtar"
)

// Config says how a Runner runs cases.
type Config struct {
	// Shell is the shell under test, an absolute path.
	Shell string
	// Ref is the reference shell for "compat: bash" cases; "" turns the
	// reference runs off.
	Ref string
	// Supervisor is the command that runs Supervise: the runner appends
	// REPORT TIMEOUT SHELL ARGS.... For pipesh: PIPESH test --supervise.
	Supervisor []string
	// TraceFlag is the shell-under-test flag that turns its IPC trace on,
	// written to $PIPESH_TRACE ("--ipctrace" for pipesh): a failing case
	// is rerun with it and the trace kept. "" keeps no trace.
	TraceFlag string
	// FdReport says the shell under test reports its own descriptors at
	// start and exit to the file $PIPESH_FDCHECK names, as pipesh does;
	// check: fds then fails a run that made no report.
	FdReport bool
	// Path is $PATH in every run.
	Path string
	// Timeout bounds one run of one step unless the case or its
	// directory's pipetest.conf says otherwise; 0 means DefaultTimeout.
	Timeout time.Duration
	// Checks are hygiene checks turned on (true) or off (false) for every
	// case, over its directory's pipetest.conf and under its own header.
	Checks map[string]bool
	// Update rewrites each case's expected sections from the shell under
	// test; UpdateFromRef the stdout and status of compat cases from the
	// reference shell.
	Update, UpdateFromRef bool
	// KeepDir is where the evidence of a failing run is kept (its work
	// directory, output, IPC trace and resource use); "" is os.TempDir.
	KeepDir string
}

// Runner runs cases. Its methods may be called from several goroutines.
type Runner struct {
	cfg    Config
	fileMu sync.Mutex // serialises rewrites of case files
	defMu  sync.Mutex
	defs   map[string]Defaults
}

// New returns a Runner for cfg.
func New(cfg Config) (*Runner, error) {
	if cfg.Shell == "" || len(cfg.Supervisor) == 0 {
		return nil, errors.New("pipetest: Config needs a Shell and a Supervisor")
	}
	return &Runner{cfg: cfg, defs: map[string]Defaults{}}, nil
}

// Load parses the case file at path with its directory's defaults and
// the runner's checks.
func (rn *Runner) Load(path string) (*Case, error) {
	dir := filepath.Dir(path)
	rn.defMu.Lock()
	def, ok := rn.defs[dir]
	if !ok {
		var err error
		def, err = ReadDefaults(dir)
		if err != nil {
			rn.defMu.Unlock()
			return nil, err
		}
		for k, v := range rn.cfg.Checks {
			def.Checks[k] = v
		}
		rn.defs[dir] = def
	}
	rn.defMu.Unlock()
	return ParseFile(path, def)
}

// Outcome is how a case ended.
type Outcome int

// The outcomes of a case.
const (
	Pass Outcome = iota
	Fail
	Skip
)

// Result is the outcome of one case.
type Result struct {
	Name     string // what reports call the case
	Path     string
	Outcome  Outcome
	Updated  bool     // an update rewrote the file
	Failures []string // each a message, diffs included
	Notes    []string // what -v shows: skipped reference runs and the like
	SkipWhy  string
	Elapsed  time.Duration
}

// Check runs every step of c under the shell under test or, with ref,
// under the reference shell, in a fresh directory, and compares each run
// with the case. env is added to every run's environment. It returns the
// failures, each a message; none means the case passed under that shell.
func (rn *Runner) Check(ctx context.Context, c *Case, ref bool, env []string) (failures []string, updated bool, err error) {
	failures, updated, _, err = rn.check(ctx, c, ref, env)
	return failures, updated, err
}

// check is Check that also returns the runs.
func (rn *Runner) check(ctx context.Context, c *Case, ref bool, env []string) (failures []string, updated bool, runs []*Run, err error) {
	shell := rn.cfg.Shell
	if ref {
		shell = rn.cfg.Ref
	}
	runs, dir, err := rn.runSteps(ctx, c, shell, nil, env, !rn.updating(ref))
	if dir != "" {
		defer func() {
			if dir != "" {
				os.RemoveAll(dir)
			}
		}()
	}
	if err != nil {
		return nil, false, nil, err
	}
	if rn.updating(ref) {
		if updated, err = rn.rewrite(c, runs, ref); err != nil {
			return nil, false, nil, err
		}
	}
	for i, r := range runs {
		failures = append(failures, rn.compare(c, c.Steps[i], r, ref, rn.updating(ref))...)
	}
	if len(failures) > 0 {
		kept, kerr := rn.keep(ctx, c, shell, ref, runs, dir, env)
		if kerr != nil {
			failures = append(failures, "keeping the evidence: "+kerr.Error())
		} else {
			dir = ""
			if len(runs) > 0 {
				runs[0].Kept = kept
			}
			failures = append(failures, "kept in "+kept+": work/ (the directory), and per step stdout, stderr, time-v"+rn.keptTrace(ref))
		}
	}
	return failures, updated, runs, nil
}

func (rn *Runner) keptTrace(ref bool) string {
	if ref || rn.cfg.TraceFlag == "" {
		return ""
	}
	return ", ipctrace (from a rerun with " + rn.cfg.TraceFlag + ")"
}

func (rn *Runner) updating(ref bool) bool {
	return (!ref && rn.cfg.Update) || (ref && rn.cfg.UpdateFromRef)
}

// runSteps runs c's steps in order in one fresh directory, stopping after
// the first that fails when stopEarly.
func (rn *Runner) runSteps(ctx context.Context, c *Case, shell string, extra, env []string, stopEarly bool) ([]*Run, string, error) {
	dir, err := newWorkDir(c)
	if err != nil {
		return nil, "", err
	}
	var runs []*Run
	for _, s := range c.Steps {
		r, err := rn.exec(ctx, c, s, shell, dir, extra, env)
		if err == nil && ctx.Err() != nil {
			err = fmt.Errorf("interrupted: %w", ctx.Err())
		}
		if err != nil {
			return nil, dir, fmt.Errorf("%s: %w", s.Label(c), err)
		}
		runs = append(runs, r)
		if stopEarly && len(rn.compare(c, s, r, shell != rn.cfg.Shell, false)) > 0 {
			break
		}
	}
	return runs, dir, nil
}

// compare checks one run against its step. With updated, the expected
// output was just rewritten from this run, so only hygiene is checked.
func (rn *Runner) compare(c *Case, s *Step, r *Run, ref, updated bool) []string {
	var msgs []string
	checks := c.Checks
	if ref {
		checks = c.RefChecks
	}
	who := filepath.Base(r.Shell)
	label := s.Label(c)
	if r.TimedOut {
		msgs = append(msgs, fmt.Sprintf("%s: %s: timed out after %v (the whole process tree was killed)", label, who, rn.timeout(c)))
	}
	if !updated {
		if err := badPatterns(s.Stdout); err != nil {
			msgs = append(msgs, fmt.Sprintf("%s: stdout section: %v", label, err))
		} else if !matches(s.Stdout, r.Stdout) {
			msgs = append(msgs, fmt.Sprintf("%s: %s: stdout differs:\n%s", label, who, unifiedDiff("want stdout", "got stdout", s.Stdout, r.Stdout)))
		}
		if !ref && s.HasStderr && !matches(s.Stderr, r.Stderr) {
			msgs = append(msgs, fmt.Sprintf("%s: %s: stderr differs:\n%s", label, who, unifiedDiff("want stderr", "got stderr", s.Stderr, r.Stderr)))
		}
		if r.Status != s.Status {
			msgs = append(msgs, fmt.Sprintf("%s: %s: status: want %d, got %d", label, who, s.Status, r.Status))
		}
		if !ref && c.Trace && !matches(s.TraceWant, r.Trace) {
			msgs = append(msgs, fmt.Sprintf("%s: %s: IPC trace differs:\n%s", label, who, unifiedDiff("want trace", "got trace", s.TraceWant, r.Trace)))
		}
	}
	if !ref && !s.HasStderr && checks[CheckStderr] && len(r.Stderr) > 0 {
		msgs = append(msgs, fmt.Sprintf("%s: %s: check stderr: stderr must be empty without a stderr section, got:\n%s", label, who, indent(string(r.Stderr))))
	}
	if r.StdioHeld {
		msgs = append(msgs, fmt.Sprintf("%s: %s: a process left behind kept stdout or stderr open after the shell exited", label, who))
	}
	if checks[CheckReaped] && len(r.Leftover) > 0 && !r.TimedOut {
		var ps []string
		for _, p := range r.Leftover {
			ps = append(ps, fmt.Sprintf("\tpid %d: %s", p.Pid, p.Cmd))
		}
		msgs = append(msgs, fmt.Sprintf("%s: %s: check reaped: still running when the shell exited (killed):\n%s", label, who, strings.Join(ps, "\n")))
	}
	if checks[CheckFds] {
		msgs = append(msgs, fdFailures(label, who, r, ref || !rn.cfg.FdReport)...)
	}
	if len(msgs) > 0 {
		if ref {
			msgs = append([]string{fmt.Sprintf("%s: %s, the reference, disagrees with the case: fix the case", label, who)}, msgs...)
		} else if !s.HasStderr && len(r.Stderr) > 0 && !checks[CheckStderr] {
			msgs = append(msgs, fmt.Sprintf("%s: stderr was:\n%s", label, indent(string(r.Stderr))))
		}
	}
	return msgs
}

// fdFailures reports the descriptors that leaked into programs and
// compares those the shell reported at its start and exit. A shell that
// made no report fails only if it should have (!noReportOK); one that
// reported a start but no exit replaced itself (exec) or was killed, and
// is not compared.
func fdFailures(label, who string, r *Run, noReportOK bool) []string {
	var msgs []string
	if len(r.ExecLeaks) > 0 {
		msgs = append(msgs, fmt.Sprintf("%s: %s: check fds: descriptors leaked into programs the script started:\n\t%s", label, who, strings.Join(r.ExecLeaks, "\n\t")))
	}
	if r.WatchErr != "" {
		msgs = append(msgs, fmt.Sprintf("%s: %s: check fds: cannot watch the programs started: %s", label, who, r.WatchErr))
	}
	return append(msgs, shellFdFailures(label, who, r, noReportOK)...)
}

// shellFdFailures compares the shell's own report.
func shellFdFailures(label, who string, r *Run, noReportOK bool) []string {
	if r.Fds == nil {
		if noReportOK {
			return nil
		}
		return []string{fmt.Sprintf("%s: %s: check fds: the shell made no descriptor report ($PIPESH_FDCHECK)", label, who)}
	}
	if !r.Fds.HasExit {
		return nil
	}
	var extra []string
	for fd, target := range r.Fds.Exit {
		if t, ok := r.Fds.Start[fd]; !ok || t != target {
			extra = append(extra, fmt.Sprintf("\tfd %d -> %s", fd, target))
		}
	}
	if len(extra) == 0 {
		return nil
	}
	sort.Strings(extra)
	return []string{fmt.Sprintf("%s: %s: check fds: open at exit but not at start:\n%s", label, who, strings.Join(extra, "\n"))}
}

func indent(s string) string {
	if s == "" {
		return "\t(empty)"
	}
	return "\t" + strings.ReplaceAll(strings.TrimSuffix(s, "\n"), "\n", "\n\t")
}

// rewrite stores the runs as the case's expectations. From the shell
// under test: stdout, stderr (when the case had a section or the run
// wrote to stderr), status (when the case had a section or it is not 0)
// and, for trace cases, the trace. From the reference: stdout and status.
// Lines that matched a pattern keep the pattern.
func (rn *Runner) rewrite(c *Case, runs []*Run, ref bool) (bool, error) {
	rn.fileMu.Lock()
	defer rn.fileMu.Unlock()
	old := txtar.Format(c.Archive)
	for i, r := range runs {
		s := c.Steps[i]
		c.setSection(s, "stdout", mergePatterns(s.Stdout, r.Stdout), len(r.Stdout) > 0)
		s.Stdout = r.Stdout
		if !ref && (s.HasStderr || len(r.Stderr) > 0) {
			c.setSection(s, "stderr", mergePatterns(s.Stderr, r.Stderr), true)
			s.Stderr, s.HasStderr = r.Stderr, true
		}
		c.setSection(s, "status", []byte(strconv.Itoa(r.Status)+"\n"), r.Status != 0)
		s.Status = r.Status
		if !ref && c.Trace {
			c.setSection(s, "trace", r.Trace, true)
			s.TraceWant = r.Trace
		}
	}
	data := txtar.Format(c.Archive)
	if bytes.Equal(old, data) {
		return false, nil
	}
	return true, os.WriteFile(c.Path, data, 0o644)
}

// setSection replaces step s's section of kind, or adds it (when add)
// after the step's other sections.
func (c *Case) setSection(s *Step, kind string, data []byte, add bool) {
	name := s.section(kind)
	last := -1
	for i := range c.Archive.Files {
		f := &c.Archive.Files[i]
		if f.Name == name {
			f.Data = data
			return
		}
		k, st, _ := strings.Cut(f.Name, " ")
		if stepSections[k] && st == s.Name {
			last = i
		}
	}
	if !add {
		return
	}
	f := txtar.File{Name: name, Data: data}
	files := append([]txtar.File{}, c.Archive.Files[:last+1]...)
	files = append(files, f)
	c.Archive.Files = append(files, c.Archive.Files[last+1:]...)
}

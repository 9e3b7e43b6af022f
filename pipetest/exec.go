package pipetest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	osexec "os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
)

// DefaultTimeout bounds one run of one step when neither the case, its
// directory nor the runner says otherwise.
const DefaultTimeout = 20 * time.Second

// Run is what one shell did with one step.
type Run struct {
	Shell          string // the shell's path
	Stdout, Stderr []byte
	Status         int
	Trace          []byte    // normalised and sorted, for trace: cases
	RawTrace       []byte    // as written, when one was asked for
	Leftover       []process // processes alive when the shell had exited
	StdioHeld      bool      // a leftover kept stdout or stderr open
	TimedOut       bool
	Fds            *fdReport // the shell's own fds report, if it made one
	ExecLeaks      []string  // descriptors programs inherited (check: fds)
	WatchErr       string    // why execs were not watched
	Rusage         rusage
	Argv           []string
	Kept           string // of a case's first run: where its failure's evidence is
}

// fdReport is what pipesh writes to $PIPESH_FDCHECK: its open
// descriptors at start and at exit, one "start" or "exit" line each,
// then fd=target pairs.
type fdReport struct {
	Start, Exit map[int]string
	HasExit     bool
}

func parseFdReport(data []byte) *fdReport {
	r := &fdReport{Start: map[int]string{}, Exit: map[int]string{}}
	for _, line := range strings.Split(string(data), "\n") {
		f := strings.Fields(line)
		if len(f) == 0 {
			continue
		}
		m := r.Start
		if f[0] == "exit" {
			m, r.HasExit = r.Exit, true
		} else if f[0] != "start" {
			continue
		}
		for _, p := range f[1:] {
			n, target, _ := strings.Cut(p, "=")
			if fd, err := strconv.Atoi(n); err == nil {
				m[fd] = target
			}
		}
	}
	return r
}

// exec runs step s of case c under shell in dir (which already holds the
// fixtures and the files earlier steps left), as
// SHELL [FLAGS] script.sh [ARGS].
func (rn *Runner) exec(ctx context.Context, c *Case, s *Step, shell string, dir string, extraArgs []string, env []string) (*Run, error) {
	if err := os.WriteFile(filepath.Join(dir, "script.sh"), s.Script, 0o644); err != nil {
		return nil, err
	}
	priv, err := os.MkdirTemp("", "pipetest-run-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(priv)
	timeout := rn.timeout(c)
	reportPath := filepath.Join(priv, "report")
	traceFile := ""
	argv := append(append(append(append([]string{}, extraArgs...), s.Flags...), "script.sh"), s.Args...)
	checks := c.Checks
	if shell != rn.cfg.Shell {
		checks = c.RefChecks
	}
	mode := "-"
	if checks[CheckFds] {
		mode = "exec"
	}
	// A run without hygiene checks needs no supervisor: the shell is
	// started directly, and what it leaves in its process group is killed.
	supervised := checks[CheckReaped] || checks[CheckFds]
	full := append([]string{shell}, argv...)
	backstop := time.Duration(0)
	if supervised {
		full = append(append(append([]string{}, rn.cfg.Supervisor...), reportPath, timeout.String(), mode), full...)
		// the runner's own timer is a backstop for a supervisor that hangs
		backstop = 10 * time.Second
	}
	ctx, cancel := context.WithTimeout(ctx, timeout+backstop)
	defer cancel()
	cmd := osexec.CommandContext(ctx, full[0], full[1:]...)
	cmd.Dir = dir
	cmd.Env = append(append([]string{}, rn.baseEnv(dir, shell)...), env...)
	cmd.Env = append(cmd.Env, s.Env...)
	if c.Trace || len(extraArgs) > 0 {
		traceFile = filepath.Join(priv, "ipctrace")
		cmd.Env = append(cmd.Env, "PIPESH_TRACE="+traceFile)
	}
	fdFile := ""
	if checks[CheckFds] {
		fdFile = filepath.Join(priv, "fds")
		cmd.Env = append(cmd.Env, "PIPESH_FDCHECK="+fdFile)
	}
	cmd.Stdin = bytes.NewReader(s.Stdin)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error {
		if supervised {
			// it kills the shell's tree, which is out of its group
			return cmd.Process.Signal(syscall.SIGTERM)
		}
		return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	}
	// The supervisor kills what the script left behind, so the pipes end
	// soon after the shell; a leftover that escaped it holds them open.
	cmd.WaitDelay = 2 * time.Second
	start := time.Now()
	if supervised {
		err = cmd.Run()
	} else if err = cmd.Start(); err == nil {
		// At the shell's end (seen without reaping it, so its pid and
		// group cannot be reused), kill what it left in its group.
		var info unix.Siginfo
		for {
			if werr := unix.Waitid(unix.P_PID, cmd.Process.Pid, &info, unix.WEXITED|unix.WNOWAIT, nil); werr != unix.EINTR {
				break
			}
		}
		syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		err = cmd.Wait()
	}
	r := &Run{Shell: shell, Stdout: stdout.Bytes(), Stderr: stderr.Bytes(), Argv: append([]string{shell}, argv...)}
	if !supervised {
		return rn.directRun(r, cmd, err, ctx, start, traceFile)
	}
	switch {
	case err == nil:
	case errors.Is(err, osexec.ErrWaitDelay):
		r.StdioHeld = true
	default:
		if ctx.Err() != nil {
			r.TimedOut = true
			return r, nil
		}
		return nil, fmt.Errorf("running the supervisor %s: %w (stderr: %s)", full[0], err, bytes.TrimSpace(stderr.Bytes()))
	}
	data, err := os.ReadFile(reportPath)
	if err != nil {
		return nil, fmt.Errorf("the supervisor wrote no report: %w", err)
	}
	var rep report
	if err := json.Unmarshal(data, &rep); err != nil {
		return nil, fmt.Errorf("the supervisor's report: %w", err)
	}
	if rep.Err != "" {
		return nil, errors.New(rep.Err)
	}
	r.Status, r.TimedOut, r.Leftover, r.Rusage = rep.Status, rep.TimedOut, rep.Leftover, rep.Rusage
	r.ExecLeaks, r.WatchErr = rep.ExecLeaks, rep.WatchErr
	if traceFile != "" {
		r.RawTrace, _ = os.ReadFile(traceFile)
		r.Trace = normaliseTrace(r.RawTrace)
	}
	if fdFile != "" {
		if data, err := os.ReadFile(fdFile); err == nil {
			r.Fds = parseFdReport(data)
		}
	}
	return r, nil
}

// directRun completes r from a shell run without a supervisor.
func (rn *Runner) directRun(r *Run, cmd *osexec.Cmd, err error, ctx context.Context, start time.Time, traceFile string) (*Run, error) {
	r.Rusage.Elapsed = time.Since(start)
	if ctx.Err() != nil {
		r.TimedOut = true
	}
	ps := cmd.ProcessState
	if ps == nil {
		return nil, fmt.Errorf("running %s: %w", r.Shell, err)
	}
	r.StdioHeld = errors.Is(err, osexec.ErrWaitDelay)
	if ws, ok := ps.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
		r.Status = 128 + int(ws.Signal())
	} else {
		r.Status = ps.ExitCode()
	}
	if ru, ok := ps.SysUsage().(*syscall.Rusage); ok {
		r.Rusage.User = time.Duration(ru.Utime.Nano())
		r.Rusage.Sys = time.Duration(ru.Stime.Nano())
		r.Rusage.MaxRSSKiB = ru.Maxrss
	}
	if traceFile != "" {
		r.RawTrace, _ = os.ReadFile(traceFile)
		r.Trace = normaliseTrace(r.RawTrace)
	}
	return r, nil
}

// baseEnv is the fixed environment of every run.
func (rn *Runner) baseEnv(dir, shell string) []string {
	return []string{
		"PATH=" + rn.cfg.Path,
		"HOME=" + dir,
		"LC_ALL=C",
		"TERM=dumb",
		// TESTSHELL lets a case start the shell under test again, for
		// -c, stdin mode, -n, --version and the like.
		"TESTSHELL=" + shell,
	}
}

func (rn *Runner) timeout(c *Case) time.Duration {
	if c.Timeout > 0 {
		return c.Timeout
	}
	if rn.cfg.Timeout > 0 {
		return rn.cfg.Timeout
	}
	return DefaultTimeout
}

// writeFixtures fills dir with the case's fixture files.
func writeFixtures(c *Case, dir string) error {
	for _, f := range c.Fixture {
		p := filepath.Join(dir, f.Name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// newWorkDir makes a fresh directory for one case under one shell, with
// symlinks resolved so that pwd prints the same path in every shell.
func newWorkDir(c *Case) (string, error) {
	dir, err := os.MkdirTemp("", "pipetest-"+c.Name+"-")
	if err != nil {
		return "", err
	}
	if d, err := filepath.EvalSymlinks(dir); err == nil {
		dir = d
	}
	if err := writeFixtures(c, dir); err != nil {
		os.RemoveAll(dir)
		return "", err
	}
	return dir, nil
}

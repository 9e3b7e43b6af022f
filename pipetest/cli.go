package pipetest

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	osexec "os/exec"
	"os/signal"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
)

const cliUsage = `Usage: pipesh test [flags] [DIR | FILE.txtar ...]
       pipesh test [flags] -new FILE.txtar 'commands'

Runs the transcript cases in each DIR (its *.txtar files, subdirectories
included; default ./testdata) or the FILEs, under pipesh and, for cases
marked "compat: bash", under the reference shell too. Exits 0 when all
passed, 1 when some failed, 2 on a usage error.

Flags:
`

// Main is "pipesh test": args are the arguments after "test"; self is
// the pipesh binary (the shell under test and the supervisor).
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer, self string) int {
	if len(args) > 0 && args[0] == "--supervise" {
		return Supervise(args[1:], stderr)
	}
	fs := flag.NewFlagSet("pipesh test", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		io.WriteString(stderr, cliUsage)
		fs.PrintDefaults()
	}
	var (
		verbose = fs.Bool("v", false, "print every case, passed or skipped, and notes")
		runRe   = fs.String("run", "", "run only the cases whose name (path without .txtar) matches `REGEX`")
		jobs    = fs.Int("j", runtime.NumCPU(), "run `N` cases at once")
		tap     = fs.Bool("tap", false, "print TAP version 13 instead of the usual report")
		junit   = fs.String("junit", "", "also write a JUnit XML report to `FILE`")
		update  = fs.Bool("update", false, "rewrite each case's stdout, stderr, status and trace sections from pipesh's output")
		ref     = fs.String("ref", "", "the reference `SHELL` for compat: bash cases (default: bash from $PATH; none: no reference runs)")
		newCase = fs.String("new", "", "write a new case `FILE.txtar` from a real run of the commands given as the argument")
		timeout = fs.Duration("timeout", DefaultTimeout, "kill a step's run, and fail it, after `D`")
		checks  = fs.String("check", "", "hygiene checks for every case, comma-separated: reaped, fds, stderr (-NAME turns one off)")
	)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	// Descriptors our caller leaked into us must not reach the runs.
	CloseInheritedFds()
	cfg := Config{
		Shell:      self,
		Supervisor: []string{self, "test", "--supervise"},
		TraceFlag:  "--ipctrace",
		FdReport:   true,
		Path:       filepath.Dir(self) + ":" + os.Getenv("PATH"),
		Timeout:    *timeout,
		Update:     *update,
	}
	var err error
	if cfg.Checks, err = ParseChecks(*checks); err != nil {
		fmt.Fprintf(stderr, "pipesh test: -check: %v\n", err)
		return 2
	}
	switch {
	case *ref == "none":
	case *ref != "":
		p, err := osexec.LookPath(*ref)
		if err != nil {
			fmt.Fprintf(stderr, "pipesh test: --ref: %v\n", err)
			return 2
		}
		cfg.Ref, _ = filepath.Abs(p)
	default:
		if p, err := osexec.LookPath("bash"); err == nil {
			cfg.Ref, _ = filepath.Abs(p)
		}
	}
	if *jobs < 1 {
		fmt.Fprintln(stderr, "pipesh test: -j: want at least 1")
		return 2
	}
	rn, err := New(cfg)
	if err != nil {
		fmt.Fprintf(stderr, "pipesh test: %v\n", err)
		return 2
	}
	// ^C or a TERM ends every run, tree and all, before pipesh test exits.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if *newCase != "" {
		return rn.newCaseMain(ctx, *newCase, fs.Args(), stdin, stdout, stderr)
	}
	opts := Suite{Jobs: *jobs}
	if *runRe != "" {
		re, err := regexp.Compile(*runRe)
		if err != nil {
			fmt.Fprintf(stderr, "pipesh test: -run: %v\n", err)
			return 2
		}
		opts.Run = re
	}
	paths := fs.Args()
	if len(paths) == 0 {
		paths = []string{"testdata"}
	}
	plan, err := Plan(paths, opts)
	if err != nil {
		fmt.Fprintf(stderr, "pipesh test: %v\n", err)
		return 2
	}
	if len(plan) == 0 {
		fmt.Fprintf(stderr, "pipesh test: no cases (*.txtar) in %s\n", strings.Join(paths, " "))
		return 2
	}
	start := time.Now()
	var tr *textReport
	if !*tap {
		tr = newTextReport(stdout, isTerminal(stdout), *verbose, len(plan))
		opts.Started, opts.Done = tr.started, tr.finish
	}
	results := rn.RunAll(ctx, plan, opts)
	if *tap {
		writeTAP(stdout, results)
	} else {
		tr.end(results)
	}
	if ctx.Err() != nil {
		fmt.Fprintln(stderr, "pipesh test: interrupted")
		return 130
	}
	if *junit != "" {
		if err := writeJUnit(*junit, results, time.Since(start)); err != nil {
			fmt.Fprintf(stderr, "pipesh test: --junit: %v\n", err)
			return 2
		}
	}
	if _, failed, _ := Counts(results); failed > 0 {
		return 1
	}
	return 0
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	_, err := unix.IoctlGetTermios(int(f.Fd()), unix.TCGETS)
	return err == nil
}

// CloseInheritedFds marks every descriptor above 2 close-on-exec, so
// that none that the caller leaked reaches a run (the fd hygiene a case
// checks would see it). The Go runtime's own are close-on-exec already.
func CloseInheritedFds() {
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

package pipetest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// keep saves the evidence of a failing case: its work directory, each
// step's stdout, stderr and resource use (in the words of GNU time -v)
// and, for the shell under test, the IPC trace of a rerun with
// --ipctrace. It returns the directory holding them.
func (rn *Runner) keep(ctx context.Context, c *Case, shell string, ref bool, runs []*Run, work string, env []string) (string, error) {
	root := rn.cfg.KeepDir
	if root == "" {
		root = os.TempDir()
	}
	who := filepath.Base(shell)
	kept, err := os.MkdirTemp(root, "pipetest-failed-"+c.Name+"-"+who+"-")
	if err != nil {
		return "", err
	}
	if err := os.Rename(work, filepath.Join(kept, "work")); err != nil {
		return "", err
	}
	for i, r := range runs {
		prefix := stepFile(c.Steps[i])
		files := map[string][]byte{
			prefix + "stdout": r.Stdout,
			prefix + "stderr": r.Stderr,
			prefix + "time-v": []byte(timeV(r)),
		}
		for name, data := range files {
			if err := os.WriteFile(filepath.Join(kept, name), data, 0o644); err != nil {
				return "", err
			}
		}
	}
	if ref || rn.cfg.TraceFlag == "" {
		return kept, nil
	}
	again, dir, err := rn.runSteps(ctx, c, shell, []string{rn.cfg.TraceFlag}, env, false)
	if dir != "" {
		os.RemoveAll(dir)
	}
	if err != nil {
		return kept, nil // the first run's evidence is still there
	}
	for i, r := range again {
		if err := os.WriteFile(filepath.Join(kept, stepFile(c.Steps[i])+"ipctrace"), r.RawTrace, 0o644); err != nil {
			return "", err
		}
	}
	return kept, nil
}

// stepFile prefixes the files kept for a step that has a name.
func stepFile(s *Step) string {
	if s.Name == "" {
		return ""
	}
	return strings.ReplaceAll(s.Name, "/", "_") + "."
}

// timeV describes a run's resource use as GNU time -v does.
func timeV(r *Run) string {
	secs := func(d time.Duration) string { return fmt.Sprintf("%.2f", d.Seconds()) }
	el := r.Rusage.Elapsed
	return fmt.Sprintf("\tCommand being timed: %q\n"+
		"\tUser time (seconds): %s\n"+
		"\tSystem time (seconds): %s\n"+
		"\tElapsed (wall clock) time (h:mm:ss or m:ss): %d:%05.2f\n"+
		"\tMaximum resident set size (kbytes): %d\n"+
		"\tExit status: %d\n",
		strings.Join(r.Argv, " "), secs(r.Rusage.User), secs(r.Rusage.Sys),
		int(el.Minutes()), el.Seconds()-60*float64(int(el.Minutes())),
		r.Rusage.MaxRSSKiB, r.Status)
}

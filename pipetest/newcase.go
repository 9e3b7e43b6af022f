package pipetest

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/tools/txtar"
)

// newCaseMain is "pipesh test -new FILE.txtar 'commands'": it runs the
// commands under pipesh (with this process's stdin as theirs, unless it
// is a terminal) and writes a case expecting exactly what they did. When
// the reference shell agrees on stdout and status, the case is marked
// "compat: bash".
func (rn *Runner) newCaseMain(ctx context.Context, path string, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) != 1 {
		fmt.Fprintln(stderr, "pipesh test: -new FILE.txtar wants one argument, the commands (quote them)")
		return 2
	}
	if !strings.HasSuffix(path, ".txtar") {
		path += ".txtar"
	}
	if _, err := os.Stat(path); err == nil {
		fmt.Fprintf(stderr, "pipesh test: -new: %s exists; remove it or choose another name\n", path)
		return 2
	}
	script := args[0]
	if !strings.HasSuffix(script, "\n") {
		script += "\n"
	}
	var in []byte
	if f, ok := stdin.(*os.File); ok && !isTerminal(f) {
		data, err := io.ReadAll(f)
		if err != nil {
			fmt.Fprintf(stderr, "pipesh test: -new: reading stdin: %v\n", err)
			return 2
		}
		in = data
	}
	a := &txtar.Archive{Files: []txtar.File{{Name: "script", Data: []byte(script)}}}
	if len(in) > 0 {
		a.Files = append(a.Files, txtar.File{Name: "stdin", Data: in})
	}
	c := &Case{Path: path, Name: strings.TrimSuffix(filepath.Base(path), ".txtar"), Archive: a, Checks: map[string]bool{}}
	s := &Step{Script: []byte(script), Stdin: in}
	c.Steps = []*Step{s}
	runs, dir, err := rn.runSteps(ctx, c, rn.cfg.Shell, nil, nil, false)
	if dir != "" {
		os.RemoveAll(dir)
	}
	if err != nil {
		fmt.Fprintf(stderr, "pipesh test: -new: %v\n", err)
		return 2
	}
	got := runs[0]
	if got.TimedOut {
		fmt.Fprintf(stderr, "pipesh test: -new: the commands did not end within %v\n", rn.timeout(c))
		return 1
	}
	first, _, _ := strings.Cut(script, "\n")
	comment := "# " + first + "\n"
	note := "not checked against a reference shell"
	if rn.cfg.Ref != "" {
		refRuns, dir, err := rn.runSteps(ctx, c, rn.cfg.Ref, nil, nil, false)
		if dir != "" {
			os.RemoveAll(dir)
		}
		switch {
		case err != nil:
			note = "the reference shell failed to run: " + err.Error()
		case bytes.Equal(refRuns[0].Stdout, got.Stdout) && refRuns[0].Status == got.Status:
			comment += "compat: bash\n"
			note = "compat: bash (" + filepath.Base(rn.cfg.Ref) + " agrees)"
		default:
			note = filepath.Base(rn.cfg.Ref) + " gives another stdout or status, so the case is not marked compat: bash; check which shell is right"
		}
	}
	a.Comment = []byte(comment)
	if _, err := rn.rewrite(c, runs, false); err != nil {
		fmt.Fprintf(stderr, "pipesh test: -new: %v\n", err)
		return 2
	}
	fmt.Fprintf(stdout, "wrote %s: status %d, %d lines of stdout, %d of stderr; %s\n", path, got.Status, bytes.Count(got.Stdout, []byte("\n")), bytes.Count(got.Stderr, []byte("\n")), note)
	return 0
}

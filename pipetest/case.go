// Package pipetest runs transcript cases: txtar files that each hold a
// shell script, what it is given (arguments, flags, environment, stdin,
// fixture files) and what it must give back (stdout, stderr, exit status,
// an IPC trace, process and descriptor hygiene). It loads the cases, runs
// them under the shell under test and, for "compat:" cases, under a
// reference shell, compares and reports. `pipesh test` and pipesh's own
// `go test ./cmd/pipesh` both use it. The format is described for users in
// pipesh's README ("Testing your pipelines").
package pipetest

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"golang.org/x/tools/txtar"
)

// Check names a hygiene check a case may ask for with "check:".
const (
	// CheckReaped: no process started by the script is still running when
	// the shell exits.
	CheckReaped = "reaped"
	// CheckFds: the shell's open descriptors when it exits are those it had
	// when it started (reported by pipesh through $PIPESH_FDCHECK; a shell
	// that does not report is not checked), and no descriptor outlives the
	// script in a leftover process.
	CheckFds = "fds"
	// CheckStderr: stderr must be empty unless the case has a stderr section.
	CheckStderr = "stderr"
)

var knownChecks = map[string]bool{CheckReaped: true, CheckFds: true, CheckStderr: true}

// stepSections are the sections that belong to one step; "NAME STEP"
// gives the section for the step called STEP.
var stepSections = map[string]bool{
	"script": true, "stdin": true, "args": true, "flags": true, "env": true,
	"stdout": true, "stderr": true, "status": true, "trace": true,
}

// Case is one parsed case file.
type Case struct {
	Path    string         // the file
	Name    string         // the file name without .txtar
	Dir     string         // the directory holding it
	Archive *txtar.Archive // as parsed; rewritten by an update
	Compat  string         // "bash", "bash-differs REASON", or ""
	Skip    string         // the reason of a "skip:" header
	Trace   bool           // "trace: sorted": compare the IPC trace
	// Checks are the hygiene checks for the shell under test: the case's
	// own "check:" lines over its directory's and the runner's defaults.
	// RefChecks are those for the reference shell: the case's own only,
	// since defaults are about the shell under test.
	Checks, RefChecks map[string]bool
	Timeout           time.Duration // 0: the runner's default
	Steps             []*Step
	Fixture           []txtar.File
}

// Step is one script of a case with its own inputs and expectations. A
// case has one step per "script" or "script NAME" section, run in the
// order of the file, one after the other in the same directory.
type Step struct {
	Name      string // "" for the plain script section
	Script    []byte
	Stdin     []byte
	Args      []string
	Flags     []string
	Env       []string
	Stdout    []byte
	Stderr    []byte
	HasStderr bool // a stderr section is present and so must match
	Status    int
	TraceWant []byte
}

// Label names the step in reports: the case name, then the step's.
func (s *Step) Label(c *Case) string {
	if s.Name == "" {
		return c.Name
	}
	return c.Name + "/" + s.Name
}

// section returns the section name of kind for the step.
func (s *Step) section(kind string) string {
	if s.Name == "" {
		return kind
	}
	return kind + " " + s.Name
}

// Defaults are per-directory settings, read from the file pipetest.conf
// next to the cases: the same "check:" and "timeout:" lines a case's
// header may hold, applied to every case of the directory.
type Defaults struct {
	Checks  map[string]bool
	Timeout time.Duration
}

// ConfName is the per-directory defaults file.
const ConfName = "pipetest.conf"

// ReadDefaults reads dir's pipetest.conf; a missing file gives no defaults.
func ReadDefaults(dir string) (Defaults, error) {
	d := Defaults{Checks: map[string]bool{}}
	data, err := os.ReadFile(filepath.Join(dir, ConfName))
	if os.IsNotExist(err) {
		return d, nil
	}
	if err != nil {
		return d, err
	}
	path := filepath.Join(dir, ConfName)
	for i, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		key, val, _ := strings.Cut(line, ":")
		val = strings.TrimSpace(val)
		switch key {
		case "check":
			if err := parseChecks(d.Checks, val); err != nil {
				return d, fmt.Errorf("%s:%d: %w", path, i+1, err)
			}
		case "timeout":
			t, err := parseTimeout(val)
			if err != nil {
				return d, fmt.Errorf("%s:%d: %w", path, i+1, err)
			}
			d.Timeout = t
		default:
			return d, fmt.Errorf("%s:%d: unknown line %q (want check: or timeout:)", path, i+1, line)
		}
	}
	return d, nil
}

// ParseChecks parses a list of hygiene checks as "check:" lines and the
// -check flag take it: names separated by spaces or commas, -NAME to turn
// one off. It returns each named check and whether it is on.
func ParseChecks(list string) (map[string]bool, error) {
	m := map[string]bool{}
	return m, parseChecks(m, list)
}

// parseChecks adds (NAME) or removes (-NAME) the checks listed in val,
// separated by spaces or commas.
func parseChecks(into map[string]bool, val string) error {
	for _, w := range strings.FieldsFunc(val, func(r rune) bool { return r == ' ' || r == ',' || r == '\t' }) {
		on := !strings.HasPrefix(w, "-")
		name := strings.TrimPrefix(w, "-")
		if !knownChecks[name] {
			return fmt.Errorf("unknown check %q (want reaped, fds or stderr)", name)
		}
		into[name] = on
	}
	return nil
}

func parseTimeout(val string) (time.Duration, error) {
	t, err := time.ParseDuration(val)
	if err != nil || t <= 0 {
		return 0, fmt.Errorf("bad timeout %q (want a duration such as 30s)", val)
	}
	return t, nil
}

// ParseFile reads and parses one case file with the given defaults.
func ParseFile(path string, def Defaults) (*Case, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return Parse(path, data, def)
}

// Parse parses a case. Unknown header lines are errors, so that a typo
// does not silently turn a check off.
func Parse(path string, data []byte, def Defaults) (*Case, error) {
	a := txtar.Parse(data)
	c := &Case{
		Path:      path,
		Name:      strings.TrimSuffix(filepath.Base(path), ".txtar"),
		Dir:       filepath.Dir(path),
		Archive:   a,
		Checks:    map[string]bool{},
		RefChecks: map[string]bool{},
		Timeout:   def.Timeout,
	}
	for k, v := range def.Checks {
		c.Checks[k] = v
	}
	for _, line := range strings.Split(string(a.Comment), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		key, val, ok := strings.Cut(line, ":")
		val = strings.TrimSpace(val)
		switch {
		case !ok:
			return nil, fmt.Errorf("%s: unknown header line %q (want # comment, compat:, skip:, trace:, check: or timeout:)", path, line)
		case key == "compat":
			if val != "bash" && !strings.HasPrefix(val, "bash-differs ") {
				return nil, fmt.Errorf("%s: compat: %q, want bash or bash-differs <reason>", path, val)
			}
			c.Compat = val
		case key == "skip":
			if val == "" {
				return nil, fmt.Errorf("%s: skip: needs a reason", path)
			}
			c.Skip = val
		case key == "trace":
			if val != "sorted" {
				return nil, fmt.Errorf("%s: trace: %q, want sorted", path, val)
			}
			c.Trace = true
		case key == "check":
			if err := parseChecks(c.Checks, val); err != nil {
				return nil, fmt.Errorf("%s: %w", path, err)
			}
			parseChecks(c.RefChecks, val)
		case key == "timeout":
			t, err := parseTimeout(val)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", path, err)
			}
			c.Timeout = t
		default:
			return nil, fmt.Errorf("%s: unknown header line %q (want # comment, compat:, skip:, trace:, check: or timeout:)", path, line)
		}
	}
	if err := c.parseSections(); err != nil {
		return nil, err
	}
	return c, nil
}

func (c *Case) parseSections() error {
	seen := map[string]bool{}
	steps := map[string]*Step{}
	shared := &Step{} // stdin, args, flags, env without a step name
	type pending struct {
		kind, step string
		data       []byte
	}
	var rest []pending
	for _, f := range c.Archive.Files {
		if seen[f.Name] {
			return fmt.Errorf("%s: section %q appears twice", c.Path, f.Name)
		}
		seen[f.Name] = true
		kind, step, _ := strings.Cut(f.Name, " ")
		if !stepSections[kind] {
			if f.Name == "script.sh" || filepath.IsAbs(f.Name) || strings.HasPrefix(filepath.Clean(f.Name), "..") {
				return fmt.Errorf("%s: bad fixture name %q", c.Path, f.Name)
			}
			c.Fixture = append(c.Fixture, f)
			continue
		}
		if kind == "script" {
			s := &Step{Name: step, Script: f.Data}
			steps[step] = s
			c.Steps = append(c.Steps, s)
			continue
		}
		rest = append(rest, pending{kind, step, f.Data})
	}
	if len(c.Steps) == 0 {
		return fmt.Errorf("%s: no -- script -- section", c.Path)
	}
	// shared inputs first, then each step's own, which replace them
	for _, p := range rest {
		if p.step == "" && steps[""] == nil && !isInput(p.kind) {
			return fmt.Errorf("%s: section %q has no plain script section to belong to", c.Path, p.kind)
		}
		if p.step != "" && steps[p.step] == nil {
			return fmt.Errorf("%s: section %q: no step %q (no -- script %s -- section)", c.Path, p.kind+" "+p.step, p.step, p.step)
		}
		if p.step == "" && isInput(p.kind) {
			if err := shared.set(p.kind, p.data); err != nil {
				return fmt.Errorf("%s: %w", c.Path, err)
			}
		}
	}
	for _, s := range c.Steps {
		s.Stdin, s.Args, s.Flags, s.Env = shared.Stdin, shared.Args, shared.Flags, shared.Env
	}
	for _, p := range rest {
		if p.step == "" && isInput(p.kind) && steps[""] == nil {
			continue
		}
		if err := steps[p.step].set(p.kind, p.data); err != nil {
			return fmt.Errorf("%s: %w", c.Path, err)
		}
	}
	return nil
}

func isInput(kind string) bool {
	return kind == "stdin" || kind == "args" || kind == "flags" || kind == "env"
}

func (s *Step) set(kind string, data []byte) error {
	switch kind {
	case "stdin":
		s.Stdin = data
	case "args":
		s.Args = lines(data)
	case "flags":
		s.Flags = lines(data)
	case "env":
		s.Env = nil
		for _, l := range lines(data) {
			if !strings.Contains(l, "=") {
				return fmt.Errorf("section %s: %q is not NAME=value", s.section("env"), l)
			}
			s.Env = append(s.Env, l)
		}
	case "stdout":
		s.Stdout = data
	case "stderr":
		s.Stderr, s.HasStderr = data, true
	case "trace":
		s.TraceWant = data
	case "status":
		n, err := strconv.Atoi(strings.TrimSpace(string(data)))
		if err != nil {
			return fmt.Errorf("bad %s section: %w", s.section("status"), err)
		}
		s.Status = n
	}
	return nil
}

// lines splits a section into its lines, one argument or flag per line.
func lines(b []byte) []string {
	if len(b) == 0 {
		return nil
	}
	return strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
}

// Find returns the case files named by paths: a directory stands for the
// *.txtar files in it and, recursively, in its subdirectories; a file for
// itself. The result is sorted and has no duplicates.
func Find(paths []string) ([]string, error) {
	seen := map[string]bool{}
	var files []string
	add := func(p string) {
		if !seen[p] {
			seen[p] = true
			files = append(files, p)
		}
	}
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			return nil, err
		}
		if !fi.IsDir() {
			add(filepath.Clean(p))
			continue
		}
		err = filepath.WalkDir(p, func(path string, d os.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() && strings.HasSuffix(path, ".txtar") {
				add(filepath.Clean(path))
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	sort.Strings(files)
	return files, nil
}

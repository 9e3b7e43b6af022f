package main

// This file runs the transcript cases in testdata/cases through package
// pipetest, the same runner `pipesh test` uses: each *.txtar file holds a
// script, its inputs and the stdout, stderr and exit status pipesh must
// give (format: README.md, "Testing your pipelines").
//
// The cases run the real binary, built once by TestMain, so they exercise
// main's flag handling, exit statuses and process plumbing exactly as a
// user would. Cases marked "compat: bash" are also run under bash, which is
// the reference: when bash disagrees with a case's expectations it is the
// case that is wrong.

import (
	"context"
	"flag"
	"fmt"
	"os"
	osexec "os/exec"
	"path/filepath"
	"strings"
	"testing"

	"pipesh/pipetest"
)

var (
	update     = flag.Bool("update", false, "rewrite the stdout, stderr and status sections of testdata/cases from pipesh's output")
	bashUpdate = flag.Bool("update-from-bash", false, "rewrite the stdout and status sections of compat: bash cases from bash's output (stderr is left alone: it is pipesh's format)")
	caseRe     = flag.String("cases", "", "run only the case files whose name contains this string")
	checks     = flag.String("check", "", "hygiene checks for every case over testdata/cases/pipetest.conf, comma-separated: reaped, fds, stderr (-NAME turns one off)")
)

// casesDir is relative to this package's directory, the cwd of go test.
const casesDir = "../../testdata/cases"

// pipeshBin is the binary built by TestMain; buildErr says why it is
// missing, so every test can report the build failure itself.
var (
	binDir    string
	pipeshBin string
	buildErr  error
)

func TestMain(m *testing.M) {
	flag.Parse()
	pipetest.CloseInheritedFds()
	dir, err := os.MkdirTemp("", "pipesh-bin-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	binDir = dir
	pipeshBin = filepath.Join(dir, "pipesh")
	args := []string{"build", "-o", pipeshBin}
	if os.Getenv("PIPESH_TEST_RACE") != "" {
		// the cases then run a binary built with the race detector, which
		// reports a data race on stderr and exits 66: the case fails
		args = append(args, "-race")
	}
	build := osexec.Command("go", append(args, ".")...)
	if os.Getenv("PIPESH_TEST_RACE") == "" {
		// static, as .ci/run and README build it (the race detector needs cgo)
		build.Env = append(os.Environ(), "CGO_ENABLED=0")
	}
	if out, err := build.CombinedOutput(); err != nil {
		buildErr = fmt.Errorf("go build ./cmd/pipesh: %v\n%s", err, out)
		pipeshBin = ""
	}
	code := m.Run()
	os.RemoveAll(binDir)
	os.Exit(code)
}

// needPipesh returns the built binary or fails the test with the reason
// the build failed.
func needPipesh(t *testing.T) string {
	t.Helper()
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return pipeshBin
}

// caseRunner is the runner of pipesh's own cases: the built pipesh under
// test and as supervisor, bash (if installed) as the reference, a fixed
// PATH with the built pipesh first.
func caseRunner(t *testing.T) *pipetest.Runner {
	t.Helper()
	bin := needPipesh(t)
	cfg := pipetest.Config{
		Shell:         bin,
		Supervisor:    []string{bin, "test", "--supervise"},
		TraceFlag:     "--ipctrace",
		FdReport:      true,
		Path:          binDir + ":/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
		Update:        *update,
		UpdateFromRef: *bashUpdate,
	}
	if bash, err := osexec.LookPath("bash"); err == nil {
		cfg.Ref = bash
	}
	var err error
	if cfg.Checks, err = pipetest.ParseChecks(*checks); err != nil {
		t.Fatalf("-check: %v", err)
	}
	rn, err := pipetest.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return rn
}

func caseFiles(t *testing.T) []string {
	files, err := pipetest.Find([]string{casesDir})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatalf("no cases in %s", casesDir)
	}
	return files
}

// TestCases runs every case under pipesh and, for compat cases, under
// bash: pipesh must match the case, and bash must too. Each case has the
// subtests pipesh and bash, so -run 'TestCases/.*/bash' checks the cases
// against bash alone.
func TestCases(t *testing.T) {
	rn := caseRunner(t)
	ctx := context.Background()
	env, teardown, err := rn.Setup(ctx, casesDir)
	if err != nil {
		t.Fatal(err)
	}
	if teardown != nil {
		t.Cleanup(func() {
			if err := teardown(); err != nil {
				t.Error(err)
			}
		})
	}
	_, bashErr := osexec.LookPath("bash")
	for _, path := range caseFiles(t) {
		name := strings.TrimSuffix(filepath.Base(path), ".txtar")
		if *caseRe != "" && !strings.Contains(name, *caseRe) {
			continue
		}
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c, err := rn.Load(path)
			if err != nil {
				t.Fatal(err)
			}
			if c.Skip != "" {
				t.Skip(c.Skip)
			}
			check := func(t *testing.T, ref bool) {
				fails, _, err := rn.Check(ctx, c, ref, env)
				if err != nil {
					t.Fatal(err)
				}
				if len(fails) > 0 {
					t.Errorf("%s:\n%s", path, strings.Join(fails, "\n"))
				}
			}
			if !*bashUpdate {
				t.Run("pipesh", func(t *testing.T) { check(t, false) })
			}
			if c.Compat == "bash" {
				t.Run("bash", func(t *testing.T) {
					if bashErr != nil {
						t.Skip("bash not installed")
					}
					check(t, true)
				})
			}
		})
	}
}

// TestCaseFiles checks that every case is well formed (pipetest rejects
// unknown header lines, so a typo does not silently turn a bash check
// off) and says what it checks. It needs no binary.
func TestCaseFiles(t *testing.T) {
	def, err := pipetest.ReadDefaults(casesDir)
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range caseFiles(t) {
		c, err := pipetest.ParseFile(path, def)
		if err != nil {
			t.Error(err)
			continue
		}
		if !strings.Contains("\n"+string(c.Archive.Comment), "\n#") {
			t.Errorf("%s: no # comment saying what the case checks", path)
		}
	}
}

// caseTimeout bounds the demos' runs as it bounds a case's.
const caseTimeout = pipetest.DefaultTimeout

// diff is a unified diff of two outputs, for the demo tests.
func diff(want, got string) string { return pipetest.Diff([]byte(want), []byte(got)) }

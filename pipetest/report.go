package pipetest

import (
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"
)

// textReport prints a line per case in plan order (on a terminal, one
// live progress line instead, with failures kept), each failure's
// messages, and the summary.
type textReport struct {
	mu       sync.Mutex
	w        io.Writer
	term     bool
	verbose  bool
	total    int
	done     map[int]*Result
	next     int // the next result to print, in plan order
	finished int
	running  map[int]string
}

func newTextReport(w io.Writer, term, verbose bool, total int) *textReport {
	return &textReport{w: w, term: term, verbose: verbose, total: total, done: map[int]*Result{}, running: map[int]string{}}
}

func (t *textReport) started(i int, name string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.running[i] = name
	t.progress()
}

func (t *textReport) finish(i int, r *Result) {
	t.mu.Lock()
	defer t.mu.Unlock()
	delete(t.running, i)
	t.done[i] = r
	t.finished++
	t.clear()
	for {
		r, ok := t.done[t.next]
		if !ok {
			break
		}
		delete(t.done, t.next)
		t.next++
		t.print(r)
	}
	t.progress()
}

// clear erases the progress line.
func (t *textReport) clear() {
	if t.term {
		fmt.Fprint(t.w, "\r\x1b[K")
	}
}

func (t *textReport) progress() {
	if !t.term {
		return
	}
	name := ""
	for _, n := range t.running {
		if name == "" || n < name {
			name = n
		}
	}
	line := fmt.Sprintf("[%d/%d] %s", t.finished, t.total, name)
	if len(line) > 78 {
		line = line[:78]
	}
	fmt.Fprint(t.w, "\r\x1b[K"+line)
}

func (t *textReport) print(r *Result) {
	switch r.Outcome {
	case Pass:
		if t.term && !t.verbose {
			return
		}
		mark := "ok  "
		if r.Updated {
			mark = "ok  (updated)"
		}
		fmt.Fprintf(t.w, "%s %s (%.2fs)\n", mark, r.Name, r.Elapsed.Seconds())
	case Skip:
		if t.term && !t.verbose {
			return
		}
		fmt.Fprintf(t.w, "skip %s: %s\n", r.Name, r.SkipWhy)
	case Fail:
		fmt.Fprintf(t.w, "FAIL %s (%.2fs)\n", r.Name, r.Elapsed.Seconds())
		for _, f := range r.Failures {
			fmt.Fprintln(t.w, "    "+strings.ReplaceAll(strings.TrimSuffix(f, "\n"), "\n", "\n    "))
		}
	}
	if t.verbose {
		for _, n := range r.Notes {
			fmt.Fprintln(t.w, "    note: "+n)
		}
	}
}

func (t *textReport) end(results []*Result) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.clear()
	for _, r := range results[t.next:] { // a teardown's result
		t.print(r)
	}
	p, f, s := Counts(results)
	fmt.Fprintf(t.w, "%d passed, %d failed, %d skipped\n", p, f, s)
}

// writeTAP writes the results as TAP version 13: a plan, a line per case,
// failures as a YAML block.
func writeTAP(w io.Writer, results []*Result) {
	fmt.Fprintf(w, "TAP version 13\n1..%d\n", len(results))
	for i, r := range results {
		name := strings.ReplaceAll(r.Name, "#", "\\#")
		switch r.Outcome {
		case Pass:
			fmt.Fprintf(w, "ok %d - %s\n", i+1, name)
		case Skip:
			fmt.Fprintf(w, "ok %d - %s # SKIP %s\n", i+1, name, oneLine(r.SkipWhy))
		case Fail:
			fmt.Fprintf(w, "not ok %d - %s\n  ---\n  message: |\n", i+1, name)
			for _, f := range r.Failures {
				for _, l := range strings.Split(strings.TrimSuffix(f, "\n"), "\n") {
					fmt.Fprintf(w, "    %s\n", l)
				}
			}
			fmt.Fprintf(w, "  ...\n")
		}
	}
	p, f, s := Counts(results)
	fmt.Fprintf(w, "# %d passed, %d failed, %d skipped\n", p, f, s)
}

func oneLine(s string) string { return strings.ReplaceAll(s, "\n", " ") }

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Skipped  int          `xml:"skipped,attr"`
	Time     string       `xml:"time,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Errors   int         `xml:"errors,attr"`
	Skipped  int         `xml:"skipped,attr"`
	Time     string      `xml:"time,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	Time      string        `xml:"time,attr"`
	Failure   *junitMessage `xml:"failure,omitempty"`
	Skipped   *junitMessage `xml:"skipped,omitempty"`
}

type junitMessage struct {
	Message string `xml:"message,attr"`
	Text    string `xml:",chardata"`
}

// writeJUnit writes the results as JUnit XML to path, one testsuite.
func writeJUnit(path string, results []*Result, elapsed time.Duration) error {
	_, f, s := Counts(results)
	suite := junitSuite{Name: "pipesh test", Tests: len(results), Failures: f, Skipped: s, Time: secs(elapsed)}
	for _, r := range results {
		jc := junitCase{Name: r.Name, Classname: "pipesh.test", Time: secs(r.Elapsed)}
		switch r.Outcome {
		case Fail:
			msg := ""
			if len(r.Failures) > 0 {
				msg = strings.SplitN(r.Failures[0], "\n", 2)[0]
			}
			jc.Failure = &junitMessage{Message: msg, Text: strings.Join(r.Failures, "\n")}
		case Skip:
			jc.Skipped = &junitMessage{Message: r.SkipWhy}
		}
		suite.Cases = append(suite.Cases, jc)
	}
	doc := junitSuites{Tests: len(results), Failures: f, Skipped: s, Time: secs(elapsed), Suites: []junitSuite{suite}}
	data, err := xml.MarshalIndent(doc, "", "  ")
	if err != nil {
		return err
	}
	data = append([]byte(xml.Header), append(data, '\n')...)
	return os.WriteFile(path, data, 0o644)
}

func secs(d time.Duration) string { return fmt.Sprintf("%.3f", d.Seconds()) }

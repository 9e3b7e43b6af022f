package history

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"pipesh/exec"
)

// readHistoryFile reads a history file: one entry a line, a
// backslash-newline standing for a newline inside an entry, a #SECONDS
// line giving the time of the entry after it. An entry without one is
// dated now.
func readHistoryFile(path string) ([]string, []time.Time, error) {
	f, err := exec.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64*1024), 16*1024*1024)
	var cmds []string
	var times []time.Time
	var cur strings.Builder
	cont := false
	var stamp time.Time
	add := func(s string) {
		if stamp.IsZero() {
			stamp = time.Now()
		}
		cmds = append(cmds, s)
		times = append(times, stamp)
		stamp = time.Time{}
	}
	for sc.Scan() {
		line := sc.Text()
		if !cont && len(line) > 1 && line[0] == '#' {
			if secs, err := strconv.ParseInt(line[1:], 10, 64); err == nil {
				stamp = time.Unix(secs, 0)
				continue
			}
		}
		if strings.HasSuffix(line, `\`) {
			cur.WriteString(line[:len(line)-1])
			cur.WriteByte('\n')
			cont = true
			continue
		}
		cur.WriteString(line)
		add(cur.String())
		cur.Reset()
		cont = false
	}
	if cont {
		add(strings.TrimSuffix(cur.String(), "\n"))
	}
	if err := sc.Err(); err != nil {
		return cmds, times, fmt.Errorf("%s: %w", path, err)
	}
	return cmds, times, nil
}

// writeHistoryFile appends entries to a history file, or replaces its
// contents (through a new file renamed over it, so a reader never sees
// half of it), creating it with mode 0600. stamps writes each entry's
// time before it.
func writeHistoryFile(path string, cmds []string, times []time.Time, stamps, appending bool) error {
	var b strings.Builder
	for i, c := range cmds {
		if stamps && i < len(times) {
			fmt.Fprintf(&b, "#%d\n", times[i].Unix())
		}
		b.WriteString(strings.ReplaceAll(c, "\n", "\\\n"))
		b.WriteByte('\n')
	}
	if appending {
		f, err := exec.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
		if err != nil {
			return err
		}
		_, err = f.WriteString(b.String())
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".pipesh_history*")
	if err != nil {
		return err
	}
	_, err = tmp.WriteString(b.String())
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
	return err
}

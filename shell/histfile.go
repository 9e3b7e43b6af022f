package shell

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"pipesh/builtins"
)

// readHistoryFile reads a history file: one entry a line, a
// backslash-newline standing for a newline inside an entry, a #SECONDS
// line giving the time of the entry after it. An entry without one is
// dated now.
func readHistoryFile(path string) ([]string, []time.Time, error) {
	f, err := os.Open(path)
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
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
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

// histAPI is the history as the history and fc builtins see it.
type histAPI struct {
	r *Runner
	h *History
}

// History returns the interactive shell's history for the history and
// fc builtins; a shell that keeps no history (not interactive) has an
// empty one that changes nothing.
func (r *Runner) History() builtins.HistoryList {
	h := r.sh.hist
	if h == nil || r.subshell {
		// a subshell changes a copy of its own, as in bash
		h = &History{vars: func(string) (string, bool) { return "", false }}
		if p := r.sh.hist; p != nil {
			h.entries, h.times = slices.Clone(p.entries), slices.Clone(p.times)
			h.base, h.current = p.base, p.current
		}
	}
	return histAPI{r, h}
}

func (a histAPI) Entries() (first int, entries []string, times []time.Time) {
	h := a.h
	h.sync()
	entries = make([]string, len(h.entries))
	for i, e := range h.entries {
		entries[i] = historyLine(e)
	}
	return h.base + 1, entries, slices.Clone(h.times)
}

func (a histAPI) Current() bool { return a.h.current }

func (a histAPI) Clear() {
	h := a.h
	h.entries, h.times, h.base, h.appended, h.copied, h.current = nil, nil, 0, 0, 0, false
	a.resetReadline()
}

func (a histAPI) Delete(from, to int) error {
	h := a.h
	i, j := from-h.base-1, to-h.base-1
	if i < 0 || j >= len(h.entries) || i > j {
		return fmt.Errorf("%d: history position out of range", from)
	}
	if j == len(h.entries)-1 {
		h.current = false
	}
	h.entries = slices.Delete(h.entries, i, j+1)
	h.times = slices.Delete(h.times, i, j+1)
	if h.appended > i {
		h.appended = max(i, h.appended-(j+1-i))
	}
	a.resetReadline()
	return nil
}

// ReplaceCurrent puts cmds in the place of the running command line's
// entry (history -s, fc), as bash replaces it.
func (a histAPI) ReplaceCurrent(cmds []string) {
	h := a.h
	if h.current && len(h.entries) > 0 {
		n := len(h.entries) - 1
		h.entries, h.times = h.entries[:n], h.times[:n]
		h.appended = min(h.appended, n)
	}
	var keep []string
	for _, c := range cmds {
		if strings.TrimSpace(c) != "" {
			keep = append(keep, strings.TrimRight(c, "\n"))
		}
	}
	h.push(keep)
	h.current = len(keep) > 0
	a.resetReadline()
}

// AppendFile is history -a: $HISTFILE has every entry already (they
// are appended as they are run), another file gets the entries of this
// session it has not been given yet.
func (a histAPI) AppendFile(name string) error {
	h := a.h
	if name == "" || name == h.file("") {
		return h.appendNew()
	}
	from := min(h.copied, len(h.entries))
	if from == len(h.entries) {
		return nil
	}
	_, stamps := h.vars("HISTTIMEFORMAT")
	if err := writeHistoryFile(name, h.entries[from:], h.times[from:], stamps, true); err != nil {
		return err
	}
	h.copied = len(h.entries)
	return nil
}

func (a histAPI) ReadFile(name string) error {
	h := a.h
	path := h.file(name)
	if path == "" {
		return nil
	}
	cmds, times, err := readHistoryFile(path)
	if err != nil {
		return err
	}
	a.load(cmds, times)
	h.fileSeen = len(cmds)
	return nil
}

func (a histAPI) ReadNew(name string) error {
	h := a.h
	path := h.file(name)
	if path == "" {
		return nil
	}
	cmds, times, err := readHistoryFile(path)
	if err != nil {
		return err
	}
	if h.fileSeen < len(cmds) {
		a.load(cmds[h.fileSeen:], times[h.fileSeen:])
	}
	h.fileSeen = len(cmds)
	return nil
}

// load adds entries read from a file, which are in it already.
func (a histAPI) load(cmds []string, times []time.Time) {
	h := a.h
	if h.copied == len(h.entries) {
		h.copied += len(cmds) // not this session's
	}
	h.entries = append(h.entries, cmds...)
	h.times = append(h.times, times...)
	h.appended = len(h.entries)
	h.current = false
	h.sync()
	a.resetReadline()
}

func (a histAPI) WriteFile(name string) error {
	h := a.h
	path := h.file(name)
	if path == "" {
		return nil
	}
	_, stamps := h.vars("HISTTIMEFORMAT")
	if err := writeHistoryFile(path, h.entries, h.times, stamps, false); err != nil {
		return err
	}
	h.appended, h.fileSeen = len(h.entries), len(h.entries)
	h.trimFile()
	return nil
}

func (a histAPI) Expand(line string) (string, error) {
	h := a.h
	hc := a.r.lookupVar("histchars")
	h.subst.quote = 0
	res, err := expandHistory(line, h.entries, h.base+1, parseHistChars(hc.String()), a.r.shopts["extglob"], &h.subst)
	return res.line, err
}

// resetReadline gives readline's Up/Down the list as it now is.
func (a histAPI) resetReadline() {
	if a.h.onReset != nil {
		a.h.onReset(a.h.entries)
	}
}

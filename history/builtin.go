package history

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"mvdan.cc/sh/v3/syntax"
)

// The methods below are the history as the history and fc builtins see
// it (builtins.HistoryList).

// Entries returns the number of the first entry, the entries oldest
// first (each as OneLine shows it) and when each was added.
func (h *History) Entries() (first int, entries []string, times []time.Time) {
	h.sync()
	entries = make([]string, len(h.entries))
	for i, e := range h.entries {
		entries[i] = OneLine(e)
	}
	return h.base + 1, entries, slices.Clone(h.times)
}

// Current reports whether the last entry is the command line running
// now.
func (h *History) Current() bool { return h.current }

// Clear empties the list (not the file).
func (h *History) Clear() {
	h.entries, h.times, h.base, h.appended, h.copied, h.current = nil, nil, 0, 0, 0, false
	h.changed()
}

// Delete removes the entries numbered from to to, inclusive.
func (h *History) Delete(from, to int) error {
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
	h.changed()
	return nil
}

// ReplaceCurrent puts cmds in the place of the running command line's
// entry (history -s, fc), as bash replaces it.
func (h *History) ReplaceCurrent(cmds []string) {
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
	h.changed()
}

// AppendFile is history -a: $HISTFILE has every entry already (they
// are appended as they are run), another file gets the entries of this
// session it has not been given yet.
func (h *History) AppendFile(name string) error {
	if name == "" || name == h.file("") {
		return h.appendNew()
	}
	from := min(h.copied, len(h.entries))
	if from == len(h.entries) {
		return nil
	}
	_, stamps := h.sh.Var("HISTTIMEFORMAT")
	if err := writeHistoryFile(name, h.entries[from:], h.times[from:], stamps, true); err != nil {
		return err
	}
	h.copied = len(h.entries)
	return nil
}

// ReadFile is history -r: the entries of the named file ($HISTFILE for
// "") are added to the list.
func (h *History) ReadFile(name string) error {
	cmds, times, named, err := h.readNamed(name)
	if err != nil || !named {
		return err
	}
	h.load(cmds, times)
	h.fileSeen = len(cmds)
	return nil
}

// readNamed reads the named history file ($HISTFILE for ""); named is
// false, with no error, when there is no such name.
func (h *History) readNamed(name string) (cmds []string, times []time.Time, named bool, err error) {
	path := h.file(name)
	if path == "" {
		return nil, nil, false, nil
	}
	cmds, times, err = readHistoryFile(path)
	return cmds, times, true, err
}

// ReadNew is history -n: the entries added to the file since this shell
// last read or wrote it are added to the list.
func (h *History) ReadNew(name string) error {
	cmds, times, named, err := h.readNamed(name)
	if err != nil || !named {
		return err
	}
	if h.fileSeen < len(cmds) {
		h.load(cmds[h.fileSeen:], times[h.fileSeen:])
	}
	h.fileSeen = len(cmds)
	return nil
}

// load adds entries read from a file, which are in it already.
func (h *History) load(cmds []string, times []time.Time) {
	if h.copied == len(h.entries) {
		h.copied += len(cmds) // not this session's
	}
	h.entries = append(h.entries, cmds...)
	h.times = append(h.times, times...)
	h.appended = len(h.entries)
	h.current = false
	h.sync()
	h.changed()
}

// WriteFile is history -w: the list replaces the file's contents.
func (h *History) WriteFile(name string) error {
	path := h.file(name)
	if path == "" {
		return nil
	}
	_, stamps := h.sh.Var("HISTTIMEFORMAT")
	if err := writeHistoryFile(path, h.entries, h.times, stamps, false); err != nil {
		return err
	}
	h.appended, h.fileSeen = len(h.entries), len(h.entries)
	h.TrimFile()
	return nil
}

// Expand does history expansion on a line as at the prompt, for
// history -p and fc -s.
func (h *History) Expand(line string) (string, error) {
	h.subst.quote = 0
	res, err := h.expand(line)
	return res.Line, err
}

// changed gives the line editor's copy the list as it now is.
func (h *History) changed() {
	if h.onChange == nil {
		return
	}
	lines := make([]string, len(h.entries))
	for i, e := range h.entries {
		lines[i] = OneLine(e)
	}
	h.onChange(lines)
}

// OneLine is how a command shows in a one-line list (history's, a line
// editor's): a multi-line command is printed on one line when the
// printer can do so (not with here-documents), or kept as it is.
func OneLine(cmd string) string {
	if !strings.Contains(cmd, "\n") {
		return cmd
	}
	f, err := syntax.NewParser(syntax.Variant(syntax.LangBash)).Parse(strings.NewReader(cmd), "")
	if err != nil {
		return cmd
	}
	hasHdoc := false
	syntax.Walk(f, func(n syntax.Node) bool {
		if rd, ok := n.(*syntax.Redirect); ok && rd.Hdoc != nil {
			hasHdoc = true
		}
		return !hasHdoc
	})
	if hasHdoc {
		return cmd
	}
	var sb strings.Builder
	if err := syntax.NewPrinter(syntax.SingleLine(true)).Print(&sb, f); err != nil {
		return cmd
	}
	return strings.TrimSpace(sb.String())
}

// Package history is an interactive shell's command history: the list,
// its file, the history variables, and history expansion (!!, !$,
// ^old^new). The REPL adds to it and expands the lines it reads; the
// history and fc builtins see it as a builtins.HistoryList. It knows the
// shell only through the small Shell interface.
package history

import (
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"mvdan.cc/sh/v3/pattern"
)

// Shell is what the history reads from and sets in the shell it belongs
// to.
type Shell interface {
	// Var returns a variable's value and whether it is set.
	Var(name string) (value string, set bool)
	// SetVar assigns a variable (Open's defaults).
	SetVar(name, value string)
	// Shopt reports whether a shopt option (extglob) is on.
	Shopt(name string) bool
}

// noShell is the shell of a history that reads no variables: a
// subshell's copy, or a child subshell's list.
type noShell struct{}

func (noShell) Var(string) (string, bool) { return "", false }
func (noShell) SetVar(string, string)     {}
func (noShell) Shopt(string) bool         { return false }

// History is the interactive shell's command history, kept in $HISTFILE
// (default ~/.pipesh_history, mode 0600). pipesh manages the file itself
// rather than through readline, whose file splits multi-line commands
// and is created world-writable: every entry is one line of the file, a
// newline inside a command being written as backslash-newline. A
// complete command never ends in a backslash, so the encoding is
// unambiguous. With HISTTIMEFORMAT set, an entry is preceded by a
// #SECONDS line, as in bash's file. Entries are appended as they are
// run, never rewritten (but for HISTFILESIZE's trimming and history -w),
// so concurrent shells do not lose each other's commands.
//
// The history variables are read whenever they matter, as bash reads
// them: HISTFILE when the file is written, HISTCONTROL and HISTIGNORE
// when a command is added, HISTSIZE (the list's length; unset or negative: no limit)
// after every change, HISTFILESIZE (the file's) when it is assigned.
type History struct {
	sh       Shell
	entries  []string
	times    []time.Time    // when each entry was added
	base     int            // entries dropped from the front since the last clear: history numbers go on
	onChange func([]string) // gives the line editor's copy the list as it is
	subst    histState      // what history expansion remembers between lines

	current  bool   // the last entry is the command line running now
	commands int    // command lines run at the prompt (the prompt's \#)
	fileSeen int    // entries of the file read or written by this shell (history -n)
	appended int    // entries already in the file (history -a)
	copied   int    // entries history -a FILE has written to another file
	fileSize string // the HISTFILESIZE the file was last trimmed to
}

// Open loads the history of the shell's $HISTFILE, setting bash's
// defaults first: HISTFILE ~/.pipesh_history, HISTSIZE 500,
// HISTFILESIZE the same as HISTSIZE. The file is trimmed to
// HISTFILESIZE entries, and the list to HISTSIZE.
func Open(sh Shell) *History {
	h := &History{sh: sh}
	if _, set := sh.Var("HISTFILE"); !set {
		if home, _ := sh.Var("HOME"); home != "" {
			sh.SetVar("HISTFILE", filepath.Join(home, ".pipesh_history"))
		}
	}
	if _, set := sh.Var("HISTSIZE"); !set {
		sh.SetVar("HISTSIZE", "500")
	}
	if _, set := sh.Var("HISTFILESIZE"); !set {
		size, _ := sh.Var("HISTSIZE")
		sh.SetVar("HISTFILESIZE", size)
	}
	if path := h.file(""); path != "" {
		if cmds, times, err := readHistoryFile(path); err == nil {
			h.entries, h.times = cmds, times
			h.fileSeen, h.appended, h.copied = len(cmds), len(cmds), len(cmds)
		}
	}
	h.TrimFile()
	h.sync()
	return h
}

// FromList is a history holding entries (the first numbered base+1)
// that reads no variables and writes no file: a child subshell's copy
// of its parent's list.
func FromList(base int, entries []string) *History {
	return &History{sh: noShell{}, entries: entries, base: base}
}

// List returns the entries, oldest first, and how many were dropped
// before the first (the first is numbered base+1), for FromList.
func (h *History) List() (base int, entries []string) { return h.base, h.entries }

// Copy returns a copy of the list that reads no variables and writes no
// file, as a subshell's history is (its changes are its own, as in
// bash). A nil h gives an empty list.
func (h *History) Copy() *History {
	c := &History{sh: noShell{}}
	if h != nil {
		c.entries, c.times = slices.Clone(h.entries), slices.Clone(h.times)
		c.base, c.current = h.base, h.current
	}
	return c
}

// Next is the number the next entry will have (the prompt's \!).
func (h *History) Next() int { return h.base + len(h.entries) + 1 }

// Commands is the number of command lines run at the prompt so far (the
// prompt's \# is one more).
func (h *History) Commands() int { return h.commands }

// Ran counts a command line run at the prompt, and applies the HISTSIZE
// and HISTFILESIZE it may have set.
func (h *History) Ran() {
	h.commands++
	h.sync()
}

// Skip records that the command line running now is not in the list
// (set +o history), so that history -s and fc do not replace the last
// entry.
func (h *History) Skip() { h.current = false }

// OnChange sets fn to be called with the whole list (each entry as
// OneLine shows it) whenever a builtin changes the list other than by
// adding to its end, for a line editor's copy.
func (h *History) OnChange(fn func(lines []string)) { h.onChange = fn }

// file is the history file named (or $HISTFILE for ""), "" for none.
func (h *History) file(name string) string {
	if name != "" {
		return name
	}
	path, _ := h.sh.Var("HISTFILE")
	return path
}

// limit is $HISTSIZE as a length: -1 for no limit.
func (h *History) limit() int {
	v, set := h.sh.Var("HISTSIZE")
	n, err := strconv.Atoi(v)
	if !set || err != nil || n < 0 {
		return -1
	}
	return n
}

// sync applies HISTSIZE to the list and HISTFILESIZE to the file when
// they have changed.
func (h *History) sync() {
	if n := h.limit(); n >= 0 && len(h.entries) > n {
		drop := len(h.entries) - n
		h.base += drop
		h.entries = slices.Delete(h.entries, 0, drop)
		h.times = slices.Delete(h.times, 0, drop)
		h.appended = max(0, h.appended-drop)
		h.copied = max(0, h.copied-drop)
	}
	if v, _ := h.sh.Var("HISTFILESIZE"); v != h.fileSize {
		h.TrimFile()
	}
}

// TrimFile cuts the history file to its last $HISTFILESIZE entries.
func (h *History) TrimFile() {
	v, set := h.sh.Var("HISTFILESIZE")
	h.fileSize = v
	n, err := strconv.Atoi(v)
	path := h.file("")
	if !set || err != nil || n < 0 || path == "" {
		return
	}
	cmds, times, err := readHistoryFile(path)
	if err != nil || len(cmds) <= n {
		return
	}
	cmds, times = cmds[len(cmds)-n:], times[len(times)-n:]
	_, stamps := h.sh.Var("HISTTIMEFORMAT")
	if writeHistoryFile(path, cmds, times, stamps, false) == nil {
		h.fileSeen = min(h.fileSeen, n)
	}
}

// Add records a command run at the prompt and appends it to the file. It
// reports whether the command was kept (HISTCONTROL, or HISTSIZE=0, may
// drop it).
func (h *History) Add(cmd string) bool {
	h.current = h.add(cmd)
	return h.current
}

func (h *History) add(cmd string) bool {
	h.sync()
	cmd = strings.TrimRight(cmd, "\n")
	if strings.TrimSpace(cmd) == "" || h.limit() == 0 {
		return false
	}
	ctl, _ := h.sh.Var("HISTCONTROL")
	opts := strings.Split(ctl, ":")
	has := func(o string) bool { return slices.Contains(opts, o) || slices.Contains(opts, "ignoreboth") }
	if has("ignorespace") && strings.HasPrefix(cmd, " ") {
		return false
	}
	if has("ignoredups") && len(h.entries) > 0 && h.entries[len(h.entries)-1] == cmd {
		return false
	}
	if h.ignored(cmd) {
		return false
	}
	if slices.Contains(opts, "erasedups") {
		for i := len(h.entries) - 1; i >= 0; i-- {
			if h.entries[i] == cmd {
				h.entries = slices.Delete(h.entries, i, i+1)
				h.times = slices.Delete(h.times, i, i+1)
				h.appended = min(h.appended, i)
			}
		}
	}
	h.push([]string{cmd})
	return true
}

// ignored reports whether cmd matches one of $HISTIGNORE's
// colon-separated patterns, each matched against the whole line, & standing
// for the previous entry (a backslash quotes : and &).
func (h *History) ignored(cmd string) bool {
	v, _ := h.sh.Var("HISTIGNORE")
	if v == "" {
		return false
	}
	var pats []string
	var cur strings.Builder
	for i := 0; i < len(v); i++ {
		switch c := v[i]; {
		case c == '\\' && i+1 < len(v) && (v[i+1] == ':' || v[i+1] == '&'):
			cur.WriteByte('\\')
			cur.WriteByte(v[i+1])
			i++
		case c == ':':
			pats = append(pats, cur.String())
			cur.Reset()
		case c == '&' && len(h.entries) > 0:
			cur.WriteString(pattern.QuoteMeta(h.entries[len(h.entries)-1], 0))
		default:
			cur.WriteByte(c)
		}
	}
	pats = append(pats, cur.String())
	for _, p := range pats {
		if p == "" {
			continue
		}
		expr, err := pattern.Regexp(p, pattern.EntireString|pattern.ExtendedOperators)
		if err != nil {
			continue
		}
		if rx, err := regexp.Compile(expr); err == nil && rx.MatchString(cmd) {
			return true
		}
	}
	return false
}

// push adds entries to the list and appends them to the file.
func (h *History) push(cmds []string) {
	now := time.Now()
	for _, c := range cmds {
		h.entries = append(h.entries, c)
		h.times = append(h.times, now)
	}
	h.sync()
	h.appendNew()
}

// appendNew appends the entries not yet in $HISTFILE to it.
func (h *History) appendNew() error {
	path := h.file("")
	from := min(h.appended, len(h.entries))
	if path == "" || from == len(h.entries) {
		return nil
	}
	_, stamps := h.sh.Var("HISTTIMEFORMAT")
	if err := writeHistoryFile(path, h.entries[from:], h.times[from:], stamps, true); err != nil {
		return err
	}
	h.fileSeen += len(h.entries) - from
	h.appended = len(h.entries)
	return nil
}

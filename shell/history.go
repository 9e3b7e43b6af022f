package shell

import (
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"mvdan.cc/sh/v3/pattern"
)

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
	vars    func(name string) (string, bool) // the shell's variables
	entries []string
	times   []time.Time    // when each entry was added
	base    int            // entries dropped from the front since the last clear: history numbers go on
	onReset func([]string) // gives readline's copy the list as it is
	subst   histState      // what history expansion remembers between lines

	current  bool   // the last entry is the command line running now
	commands int    // command lines run at the prompt (the prompt's \#)
	fileSeen int    // entries of the file read or written by this shell (history -n)
	appended int    // entries already in the file (history -a)
	copied   int    // entries history -a FILE has written to another file
	fileSize string // the HISTFILESIZE the file was last trimmed to
}

// OpenHistory loads the history of r's $HISTFILE, setting bash's
// defaults first: HISTFILE ~/.pipesh_history, HISTSIZE 500,
// HISTFILESIZE the same as HISTSIZE. The file is trimmed to
// HISTFILESIZE entries, and the list to HISTSIZE.
func (r *Runner) OpenHistory() *History {
	h := &History{vars: func(name string) (string, bool) {
		vr := r.lookupVar(name)
		return vr.String(), vr.IsSet()
	}}
	if !r.lookupVar("HISTFILE").IsSet() {
		if home := r.lookupVar("HOME").String(); home != "" {
			r.setString("HISTFILE", filepath.Join(home, ".pipesh_history"))
		}
	}
	if !r.lookupVar("HISTSIZE").IsSet() {
		r.setString("HISTSIZE", "500")
	}
	if !r.lookupVar("HISTFILESIZE").IsSet() {
		r.setString("HISTFILESIZE", r.lookupVar("HISTSIZE").String())
	}
	if path := h.file(""); path != "" {
		if cmds, times, err := readHistoryFile(path); err == nil {
			h.entries, h.times = cmds, times
			h.fileSeen, h.appended, h.copied = len(cmds), len(cmds), len(cmds)
		}
	}
	h.trimFile()
	h.sync()
	return h
}

// file is the history file named (or $HISTFILE for ""), "" for none.
func (h *History) file(name string) string {
	if name != "" {
		return name
	}
	path, _ := h.vars("HISTFILE")
	return path
}

// limit is $HISTSIZE as a length: -1 for no limit.
func (h *History) limit() int {
	v, set := h.vars("HISTSIZE")
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
	if v, _ := h.vars("HISTFILESIZE"); v != h.fileSize {
		h.trimFile()
	}
}

// trimFile cuts the history file to its last $HISTFILESIZE entries.
func (h *History) trimFile() {
	v, set := h.vars("HISTFILESIZE")
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
	_, stamps := h.vars("HISTTIMEFORMAT")
	if writeHistoryFile(path, cmds, times, stamps, false) == nil {
		h.fileSeen = min(h.fileSeen, n)
	}
}

// Entries returns the loaded and added entries, oldest first.
func (h *History) Entries() []string { return h.entries }

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
	ctl, _ := h.vars("HISTCONTROL")
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
	v, _ := h.vars("HISTIGNORE")
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
	_, stamps := h.vars("HISTTIMEFORMAT")
	if err := writeHistoryFile(path, h.entries[from:], h.times[from:], stamps, true); err != nil {
		return err
	}
	h.fileSeen += len(h.entries) - from
	h.appended = len(h.entries)
	return nil
}

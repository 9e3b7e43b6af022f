package shell

import (
	"bufio"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// History is the interactive shell's command history, kept in $HISTFILE
// (default ~/.pipesh_history, mode 0600). pipesh manages the file itself
// rather than through readline, whose file splits multi-line commands
// and is created world-writable: every entry is one line of the file, a
// newline inside a command being written as backslash-newline. A
// complete command never ends in a backslash, so the encoding is
// unambiguous. Entries are appended as they are run, never rewritten, so
// concurrent shells do not lose each other's commands.
type History struct {
	path    string
	entries []string
	limit   int
	control string    // HISTCONTROL
	base    int       // entries dropped from the front since the last clear: history numbers go on
	onClear func()    // empties readline's copy (history -c)
	subst   histSubst // what history expansion remembers between lines
}

// OpenHistory loads the history of r's $HISTFILE (keeping the last
// $HISTSIZE entries, 500 by default).
func (r *Runner) OpenHistory() *History {
	h := &History{limit: 500}
	if n, err := strconv.Atoi(r.lookupVar("HISTSIZE").String()); err == nil && n >= 0 {
		h.limit = n
	}
	h.control = r.lookupVar("HISTCONTROL").String()
	h.path = r.lookupVar("HISTFILE").String()
	if !r.lookupVar("HISTFILE").IsSet() {
		if home := r.lookupVar("HOME").String(); home != "" {
			h.path = filepath.Join(home, ".pipesh_history")
		}
		r.setString("HISTFILE", h.path)
	}
	if h.path == "" {
		return h
	}
	f, err := os.Open(h.path)
	if err != nil {
		return h
	}
	defer f.Close()
	h.entries = decodeHistory(bufio.NewScanner(f))
	if len(h.entries) > h.limit {
		h.entries = h.entries[len(h.entries)-h.limit:]
	}
	return h
}

func decodeHistory(sc *bufio.Scanner) []string {
	sc.Buffer(make([]byte, 64*1024), 16*1024*1024)
	var out []string
	var cur strings.Builder
	cont := false
	for sc.Scan() {
		line := sc.Text()
		if strings.HasSuffix(line, `\`) {
			cur.WriteString(line[:len(line)-1])
			cur.WriteByte('\n')
			cont = true
			continue
		}
		cur.WriteString(line)
		out = append(out, cur.String())
		cur.Reset()
		cont = false
	}
	if cont {
		out = append(out, strings.TrimSuffix(cur.String(), "\n"))
	}
	return out
}

// Entries returns the loaded and added entries, oldest first.
func (h *History) Entries() []string { return h.entries }

// Add records a command run at the prompt and appends it to the file. It
// reports whether the command was kept (HISTCONTROL may drop it).
func (h *History) Add(cmd string) bool {
	cmd = strings.TrimRight(cmd, "\n")
	if strings.TrimSpace(cmd) == "" {
		return false
	}
	ctl := h.control
	if (strings.Contains(ctl, "ignorespace") || strings.Contains(ctl, "ignoreboth")) && strings.HasPrefix(cmd, " ") {
		return false
	}
	if (strings.Contains(ctl, "ignoredups") || strings.Contains(ctl, "ignoreboth")) && len(h.entries) > 0 && h.entries[len(h.entries)-1] == cmd {
		return false
	}
	h.entries = append(h.entries, cmd)
	if h.limit > 0 && len(h.entries) > h.limit {
		h.base += len(h.entries) - h.limit
		h.entries = h.entries[len(h.entries)-h.limit:]
	}
	if h.path == "" {
		return true
	}
	f, err := os.OpenFile(h.path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return true
	}
	f.WriteString(strings.ReplaceAll(cmd, "\n", "\\\n") + "\n")
	f.Close()
	return true
}

package builtins

import (
	"context"
	"strconv"
	"strings"
	"time"

	"pipesh/errmsg"
	"pipesh/timefmt"
)

// HistoryList is the interactive shell's command history as history and
// fc see and change it. Entries are numbered from first on; the command
// line running now is the last entry when Current says so (HISTCONTROL
// may have kept it out).
type HistoryList interface {
	// Entries returns the number of the first entry, the entries
	// oldest first (a multi-line command on one line where it can be)
	// and when each was added.
	Entries() (first int, entries []string, times []time.Time)
	Current() bool
	// Clear empties the list (not the file).
	Clear()
	// Delete removes the entries numbered from to to, inclusive.
	Delete(from, to int) error
	// ReplaceCurrent puts cmds, one entry each, in the place of the
	// running command line's entry (history -s, fc).
	ReplaceCurrent(cmds []string)
	// AppendFile, ReadFile, ReadNew and WriteFile are history -a, -r,
	// -n and -w on the named file, or $HISTFILE for "".
	AppendFile(name string) error
	ReadFile(name string) error
	ReadNew(name string) error
	WriteFile(name string) error
	// Expand does history expansion on a line, as at the prompt.
	Expand(line string) (string, error)
}

const historyUsage = "history [-c] [-d offset] [n] or history -anrw [filename] or history -ps arg [arg...]"

// historyShell is what history touches: the history, and the variables
// that say how to show it and where its file is.
type historyShell interface {
	HistoryKeeper
	Vars
}

// history lists the command history numbered as bash numbers it (the
// last n entries with n; each with its time formatted by HISTTIMEFORMAT
// when that is set), or changes it: -c empties it, -d deletes an entry
// (a negative offset counts from the end, START-END deletes a range),
// -a -n -r -w append to, read new lines of, read and write the history
// file, -s adds its arguments as one entry in place of the history
// command, -p prints the history expansion of each argument.
func history(ctx context.Context, c *Call, sh historyShell) int {
	flags, args, ok := parseFlags(c, c.Args, "cd:anrwps", historyUsage)
	if !ok {
		return 2
	}
	h := sh.History()
	var file, del byte
	var delArg string
	for _, f := range flags {
		switch f.name {
		case 'c':
			h.Clear()
		case 'd':
			del, delArg = 'd', f.arg
		case 'p', 's':
			return historyArgs(c, h, f.name, args)
		default:
			if file != 0 && file != f.name {
				c.Sh.Errorf(c, "cannot use more than one of -anrw")
				usage(c, historyUsage)
				return 2
			}
			file = f.name
		}
	}
	if del != 0 {
		return historyDelete(c, h, delArg)
	}
	if file != 0 {
		name := ""
		if len(args) > 0 {
			name = args[0]
		}
		var err error
		switch file {
		case 'a':
			err = h.AppendFile(name)
		case 'n':
			err = h.ReadNew(name)
		case 'r':
			err = h.ReadFile(name)
		case 'w':
			err = h.WriteFile(name)
		}
		if err != nil {
			if name == "" {
				name = sh.Var("HISTFILE").String()
			}
			c.Sh.Errorf(c, "%s: %s", name, errmsg.Text(err))
			return 1
		}
		return 0
	}
	if len(flags) > 0 && len(args) == 0 {
		return 0
	}
	return historyList(c, sh, h, args)
}

func historyList(c *Call, sh Vars, h HistoryList, args []string) int {
	first, entries, times := h.Entries()
	if len(args) > 1 {
		c.Sh.Errorf(c, "too many arguments")
		return 1
	}
	if len(args) == 1 {
		n, ok := numArg(args[0])
		if !ok || n < 0 {
			c.Sh.Errorf(c, "%s: numeric argument required", args[0])
			return 1
		}
		if n < int64(len(entries)) {
			skip := len(entries) - int(n)
			first, entries, times = first+skip, entries[skip:], times[skip:]
		}
	}
	format := sh.Var("HISTTIMEFORMAT")
	loc := tzLocation(sh)
	out := NewOut(c.Stdout)
	for i, e := range entries {
		stamp := ""
		if format.IsSet() && i < len(times) {
			stamp = timefmt.Strftime(format.String(), times[i].In(loc))
		}
		out.Printf("%5d  %s%s\n", first+i, stamp, e)
	}
	return out.Status(c, 0)
}

// historyDelete is history -d OFFSET or -d START-END.
func historyDelete(c *Call, h HistoryList, arg string) int {
	first, entries, _ := h.Entries()
	pos := func(s string) (int, bool) {
		n, err := strconv.Atoi(s)
		if err != nil {
			return 0, false
		}
		if n < 0 {
			n += first + len(entries)
		}
		return n, n >= first && n < first+len(entries)
	}
	from, to := 0, 0
	ok := false
	if k := strings.IndexByte(arg[min(1, len(arg)):], '-'); k >= 0 {
		var ok2 bool
		from, ok = pos(arg[:k+1])
		to, ok2 = pos(arg[k+2:])
		ok = ok && ok2 && from <= to
	} else {
		from, ok = pos(arg)
		to = from
	}
	if !ok {
		c.Sh.Errorf(c, "%s: history position out of range", arg)
		return 1
	}
	if err := h.Delete(from, to); err != nil {
		c.Sh.Errorf(c, "%s: history position out of range", arg)
		return 1
	}
	return 0
}

// historyArgs is history -s (the arguments as one entry, in place of the
// history command) and -p (their expansions printed, the history command
// dropped from the list).
func historyArgs(c *Call, h HistoryList, flag byte, args []string) int {
	if flag == 's' {
		if len(args) > 0 {
			h.ReplaceCurrent([]string{strings.Join(args, " ")})
		}
		return 0
	}
	// the expansion is of the commands before this one, which is not
	// kept
	h.ReplaceCurrent(nil)
	out := NewOut(c.Stdout)
	status := 0
	var lines []string
	for _, a := range args {
		line, err := h.Expand(a)
		if err != nil {
			c.Sh.Errorf(c, "%s", err)
			status = 1
			break
		}
		lines = append(lines, line)
	}
	for _, l := range lines {
		out.Printf("%s\n", l)
	}
	return out.Status(c, status)
}

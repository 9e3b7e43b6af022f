package builtins

import (
	"context"
	"os"
	"strconv"
	"strings"

	"pipesh/errmsg"
	"pipesh/exec"
	"pipesh/quote"
)

const fcUsage = "fc [-e ename] [-lnr] [first] [last] or fc -s [pat=rep] [command]"

// fcShell is what fc touches: the history, the editor's variables, and
// the shell to run the commands in.
type fcShell interface {
	HistoryKeeper
	Vars
	Evaluator
}

// fc lists (-l, numbered unless -n, newest first with -r), edits and
// re-runs commands of the history. first and last are history numbers,
// negative offsets from the fc command (-1 the one before it) or the
// start of a command; -l lists the last 16 by default. With -s (or
// -e -) the command (default the previous one) is run again after each
// pat=rep replaced every pat with rep. Otherwise the commands go to a
// file that the editor ($FCEDIT, $EDITOR, vi, or -e's) edits, and what
// it leaves is run. A command run is echoed on stderr and takes the fc
// command's place in the history.
func fc(ctx context.Context, c *Call, sh fcShell) int {
	var list, numbers, reverse, again bool
	numbers = true
	editor := ""
	args := c.Args
	for len(args) > 0 && len(args[0]) > 1 && args[0][0] == '-' && !isNumber(args[0]) {
		a := args[0]
		args = args[1:]
		if a == "--" {
			break
		}
		for i := 1; i < len(a); i++ {
			switch a[i] {
			case 'l':
				list = true
			case 'n':
				numbers = false
			case 'r':
				reverse = true
			case 's':
				again = true
			case 'e':
				if rest := a[i+1:]; rest != "" {
					editor = rest
				} else if len(args) > 0 {
					editor, args = args[0], args[1:]
				} else {
					c.Sh.Errorf(c, "-e: option requires an argument")
					usage(c, fcUsage)
					return 2
				}
				i = len(a)
			default:
				c.Sh.Errorf(c, "-%c: invalid option", a[i])
				usage(c, fcUsage)
				return 2
			}
		}
	}
	h := sh.History()
	first, entries, _ := h.Entries()
	n := len(entries)
	if h.Current() && n > 0 {
		n-- // the fc command itself
	}
	entries = entries[:n]
	if again || editor == "-" {
		return fcAgain(ctx, c, sh, h, first, entries, args)
	}
	if len(args) > 2 {
		usage(c, fcUsage)
		return 2
	}
	lo, hi := -1, -1
	if list {
		lo = -16
	}
	if n == 0 {
		if list {
			return 0 // nothing to list, as in bash
		}
		c.Sh.Errorf(c, "history specification out of range")
		return 1
	}
	var from, to int
	var ok bool
	if len(args) > 0 {
		if from, ok = fcFind(args[0], first, entries, true); !ok {
			c.Sh.Errorf(c, "history specification out of range")
			return 1
		}
		to = from
		if list {
			to = n - 1
		}
	} else {
		from, to = max(0, n+lo), max(0, n+hi)
	}
	if len(args) > 1 {
		if to, ok = fcFind(args[1], first, entries, true); !ok {
			c.Sh.Errorf(c, "history specification out of range")
			return 1
		}
	}
	if from > to {
		from, to = to, from
		reverse = !reverse
	}
	var sel []int
	for i := from; i <= to; i++ {
		sel = append(sel, i)
	}
	if reverse {
		for i, j := 0, len(sel)-1; i < j; i, j = i+1, j-1 {
			sel[i], sel[j] = sel[j], sel[i]
		}
	}
	if list {
		out := NewOut(c.Stdout)
		for _, i := range sel {
			if numbers {
				out.Printf("%d", first+i)
			}
			out.Printf("\t %s\n", entries[i])
		}
		return out.Status(c, 0)
	}
	var cmds []string
	for _, i := range sel {
		cmds = append(cmds, entries[i])
	}
	return fcEdit(ctx, c, sh, h, editor, cmds)
}

// fcFind resolves a history specification to an index in entries (the
// history without the fc command; entries[0] numbered first): a number,
// a negative offset, or the most recent command starting with the
// string. Numbers out of range are clamped when clamp is set.
func fcFind(spec string, first int, entries []string, clamp bool) (int, bool) {
	n := len(entries)
	if k, err := strconv.Atoi(spec); err == nil {
		i := k - first
		if k < 0 {
			i = n + k
		}
		if clamp {
			i = max(0, min(i, n-1))
		}
		return i, i >= 0 && i < n
	}
	for i := n - 1; i >= 0; i-- {
		if strings.HasPrefix(entries[i], spec) {
			return i, true
		}
	}
	return 0, false
}

// fcAgain is fc -s [pat=rep ...] [command].
func fcAgain(ctx context.Context, c *Call, sh fcShell, h HistoryList, first int, entries, args []string) int {
	var subs [][2]string
	for len(args) > 0 && strings.Contains(args[0], "=") {
		pat, rep, _ := strings.Cut(args[0], "=")
		subs = append(subs, [2]string{pat, rep})
		args = args[1:]
	}
	i := len(entries) - 1
	if len(args) > 0 {
		var ok bool
		if i, ok = fcFind(args[0], first, entries, false); !ok {
			c.Sh.Errorf(c, "no command found")
			return 1
		}
	}
	if i < 0 {
		c.Sh.Errorf(c, "no command found")
		return 1
	}
	cmd := entries[i]
	for _, s := range subs {
		if s[0] != "" {
			cmd = strings.ReplaceAll(cmd, s[0], s[1])
		}
	}
	return fcRun(ctx, c, sh, h, cmd)
}

// fcEdit writes cmds to a file, runs the editor on it and runs what it
// leaves there.
func fcEdit(ctx context.Context, c *Call, sh fcShell, h HistoryList, editor string, cmds []string) int {
	if editor == "" {
		for _, v := range []string{"FCEDIT", "EDITOR"} {
			if vr := sh.Var(v); vr.IsSet() && vr.String() != "" {
				editor = vr.String()
				break
			}
		}
	}
	if editor == "" {
		editor = "vi"
	}
	dir := sh.Var("TMPDIR").String()
	f, err := os.CreateTemp(dir, "pipesh-fc.*")
	if err != nil {
		c.Sh.Errorf(c, "cannot create temp file: %s", errmsg.Text(err))
		return 1
	}
	path := f.Name()
	defer os.Remove(path)
	_, err = f.WriteString(strings.Join(cmds, "\n") + "\n")
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		c.Sh.Errorf(c, "%s: %s", path, errmsg.Text(err))
		return 1
	}
	if st := sh.Eval(ctx, editor+" "+quote.Word(path)); st != 0 {
		return st
	}
	data, err := exec.ReadFile(path)
	if err != nil {
		c.Sh.Errorf(c, "%s: %s", path, errmsg.Text(err))
		return 1
	}
	return fcRun(ctx, c, sh, h, strings.TrimRight(string(data), "\n"))
}

// fcRun echoes src, records its lines in the fc command's place and runs
// it.
func fcRun(ctx context.Context, c *Call, sh fcShell, h HistoryList, src string) int {
	if strings.TrimSpace(src) == "" {
		h.ReplaceCurrent(nil)
		return 0
	}
	if c.Stderr != nil {
		c.Stderr.Write([]byte(src + "\n"))
	}
	h.ReplaceCurrent(strings.Split(src, "\n"))
	return sh.Eval(ctx, src)
}

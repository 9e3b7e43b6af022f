package builtins

import (
	"context"
)

const historyUsage = "history [-c] [n]"

// history lists the interactive shell's command history numbered as
// bash numbers it (the last n entries with n), or empties it (-c). The
// !-expansion of bash's history library is not done.
func history(ctx context.Context, c *Call) int {
	flags, args, ok := parseFlags(c, c.Args, "c", historyUsage)
	if !ok {
		return 2
	}
	if len(flags) > 0 {
		c.Sh.ClearHistory()
		return 0
	}
	first, entries := c.Sh.History()
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
			first += len(entries) - int(n)
			entries = entries[len(entries)-int(n):]
		}
	}
	out := NewOut(c.Stdout)
	for i, e := range entries {
		out.Printf("%5d  %s\n", first+i, e)
	}
	return out.Status(c, 0)
}

package builtins

import (
	"context"
	"strconv"
	"strings"
)

const callerUsage = "caller [expr]"

// caller tells where the current function or sourced file was called
// from: "LINE FILE" without an argument, "LINE FUNCTION FILE" for the
// frame N calls out (0 is the current function's caller). Past the
// outermost frame it prints nothing and fails.
func caller(ctx context.Context, c *Call, sh Flow) int {
	_, args, ok := parseFlags(c, c.Args, "", callerUsage)
	if !ok {
		return 2
	}
	n := -1
	if len(args) > 0 {
		v, err := strconv.Atoi(strings.TrimSpace(args[0]))
		if err != nil || v < 0 {
			c.Sh.Errorf(c, "%s: invalid number", args[0])
			usage(c, callerUsage)
			return 2
		}
		n = v
	}
	line, fn, file, ok := sh.Caller(n)
	if !ok {
		return 1
	}
	out := NewOut(c.Stdout)
	if n < 0 {
		out.Printf("%d %s\n", line, file)
	} else {
		out.Printf("%d %s %s\n", line, fn, file)
	}
	return out.Status(c, 0)
}

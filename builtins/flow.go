package builtins

import (
	"context"
	"io"
	"strconv"
	"strings"
)

// The control-flow builtins only ask the interpreter to act (Shell.Exit,
// Return, Break, Continue); it unwinds once the builtin has returned.

// numArg parses a numeric argument as bash's legal_number: decimal with
// an optional sign and blanks around it, within 64 bits.
func numArg(s string) (int64, bool) {
	n, err := strconv.ParseInt(strings.Trim(s, " \t\n\v\f\r"), 10, 64)
	return n, err == nil
}

// skipDashDash drops a leading "--", which exit and return accept.
func skipDashDash(args []string) []string {
	if len(args) > 0 && args[0] == "--" {
		return args[1:]
	}
	return args
}

// exit leaves the shell with the given status (mod 256), or $? without
// one. A bad number still exits, with 2; extra arguments do not exit.
func exit(ctx context.Context, c *Call) int {
	// as bash's, the check for stopped jobs comes before the status
	// argument is looked at
	var w io.Writer = io.Discard
	if c.Stderr != nil {
		w = c.Stderr
	}
	if c.Sh.Interactive() && c.Sh.Jobs().HoldExit(w) {
		return 1
	}
	args := skipDashDash(c.Args)
	code := c.Sh.LastStatus()
	if len(args) > 0 {
		n, ok := numArg(args[0])
		if !ok {
			c.Sh.Errorf(c, "%s: numeric argument required", args[0])
			c.Sh.Exit(2)
			return 2
		}
		if len(args) > 1 {
			c.Sh.Errorf(c, "too many arguments")
			c.Sh.Abort()
			return 1
		}
		code = int(uint8(n))
	}
	c.Sh.Exit(code)
	return code
}

// returnCmd leaves the current function or sourced script.
func returnCmd(ctx context.Context, c *Call) int {
	if !c.Sh.InFunc() {
		c.Sh.Errorf(c, "can only `return' from a function or sourced script")
		return 2 // bash returns EX_USAGE (258), which is 2 as a status
	}
	args := skipDashDash(c.Args)
	code := c.Sh.LastStatus()
	if len(args) > 0 {
		n, ok := numArg(args[0])
		switch {
		case !ok:
			c.Sh.Errorf(c, "%s: numeric argument required", args[0])
			code = 2
		case len(args) > 1:
			c.Sh.Errorf(c, "too many arguments")
			c.Sh.Abort()
			return 1
		default:
			code = int(uint8(n))
		}
	}
	c.Sh.Return(code)
	return code
}

// breakCmd and continueCmd leave or restart the n-th enclosing loop; n
// larger than the nesting means the outermost one.
func breakCmd(ctx context.Context, c *Call) int    { return loopFlow(c, c.Sh.Break) }
func continueCmd(ctx context.Context, c *Call) int { return loopFlow(c, c.Sh.Continue) }

func loopFlow(c *Call, jump func(int)) int {
	if c.Sh.LoopDepth() == 0 {
		c.Sh.Errorf(c, "only meaningful in a `for', `while', or `until' loop")
		return 0
	}
	args := skipDashDash(c.Args)
	n := int64(1)
	if len(args) > 0 {
		var ok bool
		n, ok = numArg(args[0])
		if !ok {
			// bash treats this as fatal in a script.
			c.Sh.Errorf(c, "%s: numeric argument required", args[0])
			if !c.Sh.Interactive() {
				c.Sh.Exit(128)
			}
			return 128
		}
		if len(args) > 1 {
			// bash abandons the whole top-level command here
			c.Sh.Errorf(c, "too many arguments")
			c.Sh.Abort()
			return 1
		}
		if n < 1 {
			// bash then leaves every enclosing loop, with status 1.
			c.Sh.Errorf(c, "%s: loop count out of range", args[0])
			jump(c.Sh.LoopDepth())
			return 1
		}
	}
	if depth := int64(c.Sh.LoopDepth()); n > depth {
		n = depth
	}
	jump(int(n))
	return 0
}

package builtins

import (
	"context"
	"io"
	"strconv"
	"strings"
)

// The control-flow builtins only ask the interpreter to act (Flow.Exit,
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

// exitShell is what exit touches: the flow, and the jobs an interactive
// shell will not leave stopped.
type exitShell interface {
	Flow
	JobTable
}

// exit leaves the shell with the given status (mod 256), or $? without
// one. A bad number still exits, with 2; extra arguments do not exit.
func exit(ctx context.Context, c *Call, sh exitShell) int {
	// as bash's, the check for stopped jobs comes before the status
	// argument is looked at
	var w io.Writer = io.Discard
	if c.Stderr != nil {
		w = c.Stderr
	}
	if sh.Interactive() && sh.HoldExit(w) {
		return 1
	}
	args := skipDashDash(c.Args)
	code := sh.LastStatus()
	if len(args) > 0 {
		n, ok := numArg(args[0])
		if !ok {
			c.Sh.Errorf(c, "%s: numeric argument required", args[0])
			sh.Exit(2)
			return 2
		}
		if len(args) > 1 {
			c.Sh.Errorf(c, "too many arguments")
			sh.Abort()
			return 1
		}
		code = int(uint8(n))
	}
	sh.Exit(code)
	return code
}

// returnCmd leaves the current function or sourced script.
func returnCmd(ctx context.Context, c *Call, sh Flow) int {
	if !sh.InFunc() {
		c.Sh.Errorf(c, "can only `return' from a function or sourced script")
		return 2 // bash returns EX_USAGE (258), which is 2 as a status
	}
	args := skipDashDash(c.Args)
	code := sh.LastStatus()
	if len(args) > 0 {
		n, ok := numArg(args[0])
		switch {
		case !ok:
			c.Sh.Errorf(c, "%s: numeric argument required", args[0])
			code = 2
		case len(args) > 1:
			c.Sh.Errorf(c, "too many arguments")
			sh.Abort()
			return 1
		default:
			code = int(uint8(n))
		}
	}
	sh.Return(code)
	return code
}

// breakCmd and continueCmd leave or restart the n-th enclosing loop; n
// larger than the nesting means the outermost one.
func breakCmd(ctx context.Context, c *Call, sh Flow) int    { return loopFlow(c, sh, sh.Break) }
func continueCmd(ctx context.Context, c *Call, sh Flow) int { return loopFlow(c, sh, sh.Continue) }

func loopFlow(c *Call, sh Flow, jump func(int)) int {
	if sh.LoopDepth() == 0 {
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
			if !sh.Interactive() {
				sh.Exit(128)
			}
			return 128
		}
		if len(args) > 1 {
			// bash abandons the whole top-level command here
			c.Sh.Errorf(c, "too many arguments")
			sh.Abort()
			return 1
		}
		if n < 1 {
			// bash then leaves every enclosing loop, with status 1.
			c.Sh.Errorf(c, "%s: loop count out of range", args[0])
			jump(sh.LoopDepth())
			return 1
		}
	}
	if depth := int64(sh.LoopDepth()); n > depth {
		n = depth
	}
	jump(int(n))
	return 0
}

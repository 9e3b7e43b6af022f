package builtins

import (
	"context"
	"fmt"
	"slices"
	"time"

	"golang.org/x/sys/unix"
)

// This file holds small builtins scripts call for what they print or
// refuse: times, enable (listing), logout and suspend.

// times prints the user and system time of the shell, then of its
// children, as bash does: 0m0.010s 0m0.002s.
func times(ctx context.Context, c *Call) int {
	out := NewOut(c.Stdout)
	for _, who := range []int{unix.RUSAGE_SELF, unix.RUSAGE_CHILDREN} {
		var ru unix.Rusage
		if err := unix.Getrusage(who, &ru); err != nil {
			errorf(c, err)
			return 1
		}
		out.WriteString(minSec(time.Duration(ru.Utime.Nano())) + " " + minSec(time.Duration(ru.Stime.Nano())) + "\n")
	}
	return out.Status(c, 0)
}

// minSec formats a duration as times does: minutes and seconds to the
// millisecond.
func minSec(d time.Duration) string {
	m := int(d / time.Minute)
	s := (d - time.Duration(m)*time.Minute).Seconds()
	return fmt.Sprintf("%dm%.3fs", m, s)
}

// enable lists the builtins (enable, enable -a) as "enable NAME" lines,
// and accepts naming one that exists. Turning builtins off (-n) and
// loading them (-f) are not supported: a name is always the builtin.
func enable(ctx context.Context, c *Call) int {
	out := NewOut(c.Stdout)
	flags, args, ok := parseFlags(c, c.Args, "adnpsf:", "enable [-a] [-dnps] [-f filename] [name ...]")
	if !ok {
		return 2
	}
	for _, f := range flags {
		if f.name == 'n' && len(args) > 0 || f.name == 'f' || f.name == 'd' {
			c.Sh.Errorf(c, "-%c: not supported in pipesh", f.name)
			return 1
		}
	}
	if len(args) == 0 {
		for _, n := range slices.Sorted(slices.Values(Names())) {
			out.WriteString("enable " + n + "\n")
		}
		return out.Status(c, 0)
	}
	status := 0
	for _, n := range args {
		if _, ok := Lookup(n); !ok {
			c.Sh.Errorf(c, "%s: not a shell builtin", n)
			status = 1
		}
	}
	return status
}

// logout exits a login shell; pipesh never is one, so it refuses as
// bash does outside a login shell.
func logout(ctx context.Context, c *Call) int {
	c.Sh.Errorf(c, "not login shell: use `exit'")
	return 1
}

// suspendShell is what suspend reads: set -m (monitor), and the command
// line it abandons.
type suspendShell interface {
	Options
	Flow
}

// suspend stops the shell until it gets SIGCONT, as bash's does: it
// sends SIGSTOP to the shell's process group. Without job control there
// may be no one to continue it, so it refuses unless forced (-f, which
// in bash also lets a login shell stop; pipesh is never one).
func suspend(ctx context.Context, c *Call, sh suspendShell) int {
	flags, args, ok := parseFlags(c, c.Args, "f", "suspend [-f]")
	if !ok {
		return 2
	}
	if len(flags) == 0 {
		if len(args) > 0 {
			c.Sh.Errorf(c, "too many arguments")
			sh.Abort() // bash drops the rest of the line too
			return 1
		}
		if !sh.Option("monitor") {
			c.Sh.Errorf(c, "cannot suspend: no job control")
			return 1
		}
	}
	if err := unix.Kill(-unix.Getpgrp(), unix.SIGSTOP); err != nil {
		errorf(c, err)
		return 1
	}
	return 0
}

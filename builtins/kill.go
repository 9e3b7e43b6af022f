package builtins

import (
	"context"
	"strconv"
	"strings"
	"syscall"

	"golang.org/x/sys/unix"

	"pipesh/errmsg"
)

const killUsage = "kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]"

// kill sends a signal (TERM by default) to processes and jobs; a job
// (%1, %+, %name) is signalled as its whole process group. -l and -L
// list signals or translate between names and numbers.
func kill(ctx context.Context, c *Call, sh JobTable) int {
	out := NewOut(c.Stdout)
	args := c.Args
	sig := syscall.SIGTERM
	if len(args) == 0 {
		usage(c, killUsage)
		return 2
	}
	switch a := args[0]; {
	case a == "-l" || a == "-L":
		return killList(c, out, args[1:])
	case a == "-s" || a == "-n":
		if len(args) < 2 {
			c.Sh.Errorf(c, "%s: option requires an argument", a)
			return 1
		}
		n, _, ok := ParseSignal(args[1], false)
		if !ok || a == "-n" && !isNumber(args[1]) {
			c.Sh.Errorf(c, "%s: invalid signal specification", args[1])
			return 1
		}
		sig, args = syscall.Signal(n), args[2:]
		if len(args) > 0 && args[0] == "--" {
			args = args[1:]
		}
	case a == "--":
		args = args[1:]
	case len(a) > 1 && a[0] == '-':
		n, _, ok := ParseSignal(a[1:], false)
		if !ok {
			c.Sh.Errorf(c, "%s: invalid signal specification", a[1:])
			return 1
		}
		sig, args = syscall.Signal(n), args[1:]
		if len(args) > 0 && args[0] == "--" {
			args = args[1:]
		}
	}
	if len(args) == 0 {
		usage(c, killUsage)
		return 2
	}
	status := 0
	for _, target := range args {
		if ok, err := sh.SignalJob(target, sig); ok {
			if err != nil {
				c.Sh.Errorf(c, "%s", err)
				status = 1
			}
			continue
		}
		pid := 0
		if strings.HasPrefix(target, "%") {
			pgid, err := sh.ResolveJob(target)
			if err != nil {
				c.Sh.Errorf(c, "%s", err)
				status = 1
				continue
			}
			pid = -pgid
		} else {
			n, err := strconv.Atoi(target)
			if err != nil {
				c.Sh.Errorf(c, "%s: arguments must be process or job IDs", target)
				status = 1
				continue
			}
			pid = n
		}
		if err := unix.Kill(pid, sig); err != nil {
			c.Sh.Errorf(c, "(%s) - %s", strings.TrimPrefix(target, "%"), errmsg.Text(err))
			status = 1
		}
	}
	return out.Status(c, status)
}

func isNumber(s string) bool {
	_, err := strconv.Atoi(s)
	return err == nil
}

// killList is kill -l: the signal table, or each argument translated
// (number to name, name to number; an exit status above 128 names the
// signal that caused it).
func killList(c *Call, out *Out, args []string) int {
	if len(args) == 0 {
		signalList(out)
		return out.Status(c, 0)
	}
	status := 0
	for _, a := range args {
		if n, err := strconv.Atoi(a); err == nil {
			if n > 128 {
				n -= 128
			}
			if name, ok := SignalName(n); ok {
				out.WriteString(name + "\n")
				continue
			}
		} else if n, _, ok := ParseSignal(a, false); ok {
			out.WriteString(strconv.Itoa(n) + "\n")
			continue
		}
		out.Flush()
		c.Sh.Errorf(c, "%s: invalid signal specification", a)
		status = 1
	}
	return out.Status(c, status)
}

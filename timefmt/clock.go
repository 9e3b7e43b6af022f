package timefmt

import (
	"syscall"
	"time"

	"mvdan.cc/sh/v3/syntax"
)

// The formats of time's report: bash's default when TIMEFORMAT is
// unset, and time -p's (POSIX).
const (
	DefaultFormat = "\nreal\t%3lR\nuser\t%3lU\nsys\t%3lS"
	PosixFormat   = "real %2R\nuser %2U\nsys %2S"
)

// Clock measures what the time keyword reports: the real time since it
// started, and the user and system time used since then by the process
// and by the children it has waited for.
type Clock struct {
	start      time.Time
	self, kids syscall.Rusage
}

// StartClock starts measuring.
func StartClock() *Clock {
	c := new(Clock)
	syscall.Getrusage(syscall.RUSAGE_SELF, &c.self)
	syscall.Getrusage(syscall.RUSAGE_CHILDREN, &c.kids)
	c.start = time.Now()
	return c
}

// Stop returns the real, user and system time since StartClock, as
// Times formats them. Children not yet waited for do not count.
func (c *Clock) Stop() (real, user, sys time.Duration) {
	real = time.Since(c.start)
	var self, kids syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &self)
	syscall.Getrusage(syscall.RUSAGE_CHILDREN, &kids)
	user = duration(self.Utime) - duration(c.self.Utime) + duration(kids.Utime) - duration(c.kids.Utime)
	sys = duration(self.Stime) - duration(c.self.Stime) + duration(kids.Stime) - duration(c.kids.Stime)
	return real, user, sys
}

func duration(t syscall.Timeval) time.Duration {
	return time.Duration(t.Sec)*time.Second + time.Duration(t.Usec)*time.Microsecond
}

// StripVerbose finds time's -v (pipesh's own), which the parser leaves
// as the first word of the timed pipeline's first command, and returns
// the statement without it and true; st itself and false when there is
// none. The statement returned is a copy, since the syntax tree may run
// again; its command is nil when -v was all it had.
func StripVerbose(st *syntax.Stmt) (*syntax.Stmt, bool) {
	switch c := st.Cmd.(type) {
	case *syntax.CallExpr:
		if len(c.Args) > 0 && c.Args[0].Lit() == "-v" {
			nc := *c
			nc.Args = c.Args[1:]
			ns := *st
			ns.Cmd = &nc
			if len(nc.Args) == 0 && len(nc.Assigns) == 0 {
				ns.Cmd = nil
			}
			return &ns, true
		}
	case *syntax.BinaryCmd:
		if c.Op == syntax.Pipe || c.Op == syntax.PipeAll {
			if x, ok := StripVerbose(c.X); ok {
				nc := *c
				nc.X = x
				ns := *st
				ns.Cmd = &nc
				return &ns, true
			}
		}
	}
	return st, false
}

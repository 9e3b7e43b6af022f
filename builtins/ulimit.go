package builtins

import (
	"context"
	"math"
	"strconv"

	"golang.org/x/sys/unix"

	"pipesh/errmsg"
)

const ulimitUsage = "ulimit [-SHabcdefiklmnpqrstuvxPRT] [limit]"

// rlimit is one resource ulimit knows: its flag, bash's description and
// the unit its numbers are counted in.
type rlimit struct {
	flag     byte
	resource int
	desc     string
	unit     string
	scale    uint64
}

// rlimits in the order ulimit -a prints them.
var rlimits = []rlimit{
	{'R', unix.RLIMIT_RTTIME, "real-time non-blocking time", "microseconds", 1},
	{'c', unix.RLIMIT_CORE, "core file size", "blocks", 512},
	{'d', unix.RLIMIT_DATA, "data seg size", "kbytes", 1024},
	{'e', unix.RLIMIT_NICE, "scheduling priority", "", 1},
	{'f', unix.RLIMIT_FSIZE, "file size", "blocks", 512},
	{'i', unix.RLIMIT_SIGPENDING, "pending signals", "", 1},
	{'l', unix.RLIMIT_MEMLOCK, "max locked memory", "kbytes", 1024},
	{'m', unix.RLIMIT_RSS, "max memory size", "kbytes", 1024},
	{'n', unix.RLIMIT_NOFILE, "open files", "", 1},
	{'p', -1, "pipe size", "512 bytes", 1},
	{'q', unix.RLIMIT_MSGQUEUE, "POSIX message queues", "bytes", 1},
	{'r', unix.RLIMIT_RTPRIO, "real-time priority", "", 1},
	{'s', unix.RLIMIT_STACK, "stack size", "kbytes", 1024},
	{'t', unix.RLIMIT_CPU, "cpu time", "seconds", 1},
	{'u', unix.RLIMIT_NPROC, "max user processes", "", 1},
	{'v', unix.RLIMIT_AS, "virtual memory", "kbytes", 1024},
	{'x', unix.RLIMIT_LOCKS, "file locks", "", 1},
}

// ulimit shows or sets resource limits. Limits belong to the process, so,
// as with umask, a change made in an in-process subshell is seen by the
// whole shell and by every program it starts afterwards.
func ulimit(ctx context.Context, c *Call) int {
	out := NewOut(c.Stdout)
	hard, soft, all := false, false, false
	var which []rlimit
	args := c.Args
	for len(args) > 0 {
		a := args[0]
		if a == "--" {
			args = args[1:]
			break
		}
		if len(a) < 2 || a[0] != '-' {
			break
		}
		args = args[1:]
		for i := 1; i < len(a); i++ {
			switch ch := a[i]; ch {
			case 'H':
				hard = true
			case 'S':
				soft = true
			case 'a':
				all = true
			default:
				found := false
				for _, rl := range rlimits {
					if rl.flag == ch {
						which = append(which, rl)
						found = true
					}
				}
				if !found {
					c.Sh.Errorf(c, "-%c: invalid option", ch)
					usage(c, ulimitUsage)
					return 2
				}
			}
		}
	}
	if all {
		for _, rl := range rlimits {
			label := rl.desc
			paren := "(-" + string(rl.flag) + ")"
			if rl.unit != "" {
				paren = "(" + rl.unit + ", -" + string(rl.flag) + ")"
			}
			out.Printf("%-*s%*s %s\n", 28, label, 0, paren, limitText(rl, hard))
		}
		return out.Status(c, 0)
	}
	if len(which) == 0 {
		which = []rlimit{rlimits[4]} // -f
	}
	// bash uses the first value and ignores any more
	if len(args) == 0 {
		for _, rl := range which {
			if len(which) > 1 {
				paren := "(-" + string(rl.flag) + ")"
				if rl.unit != "" {
					paren = "(" + rl.unit + ", -" + string(rl.flag) + ")"
				}
				out.Printf("%-28s%s %s\n", rl.desc, paren, limitText(rl, hard))
				continue
			}
			out.WriteString(limitText(rl, hard) + "\n")
		}
		return out.Status(c, 0)
	}
	status := 0
	for _, rl := range which {
		if err := setLimit(rl, args[0], hard, soft); err != "" {
			c.Sh.Errorf(c, "%s", err)
			status = 1
		}
	}
	return out.Status(c, status)
}

func limitText(rl rlimit, hard bool) string {
	if rl.resource < 0 {
		return "8" // the pipe buffer in 512-byte blocks, fixed on Linux
	}
	var lim unix.Rlimit
	if err := unix.Getrlimit(rl.resource, &lim); err != nil {
		return "unknown"
	}
	v := lim.Cur
	if hard {
		v = lim.Max
	}
	if v == unix.RLIM_INFINITY {
		return "unlimited"
	}
	return strconv.FormatUint(v/rl.scale, 10)
}

// setLimit sets the soft and/or hard limit (both when neither -S nor -H
// is given, as bash does).
func setLimit(rl rlimit, arg string, hard, soft bool) string {
	if rl.resource < 0 {
		return "cannot modify limit: Invalid argument"
	}
	var lim unix.Rlimit
	if err := unix.Getrlimit(rl.resource, &lim); err != nil {
		return "cannot get limit: " + errmsg.Text(err)
	}
	var v uint64
	switch arg {
	case "unlimited":
		v = unix.RLIM_INFINITY
	case "hard":
		v = lim.Max
	case "soft":
		v = lim.Cur
	default:
		n, err := strconv.ParseUint(arg, 10, 64)
		if err != nil {
			return arg + ": invalid number"
		}
		if n > math.MaxUint64/rl.scale {
			return arg + ": limit out of range"
		}
		v = n * rl.scale
	}
	if !hard && !soft {
		hard, soft = true, true
	}
	if soft {
		lim.Cur = v
	}
	if hard {
		lim.Max = v
	}
	if err := unix.Setrlimit(rl.resource, &lim); err != nil {
		return "limit: cannot modify limit: " + errmsg.Text(err)
	}
	return ""
}

package builtins

import (
	"context"
	"strconv"
)

const trapUsage = "trap [-lp] [[arg] signal_spec ...]"

// trap sets what the shell runs on a signal or a pseudo-signal (EXIT,
// ERR, DEBUG, RETURN): an action, "" to ignore, "-" to reset. Alone or
// with -p it prints the traps as commands that would set them again.
func trap(ctx context.Context, c *Call, sh TrapTable) int {
	out := NewOut(c.Stdout)
	flags, args, ok := parseFlags(c, c.Args, "lp", trapUsage)
	if !ok {
		return 2
	}
	list, print := false, false
	for _, f := range flags {
		if f.name == 'l' {
			list = true
		} else {
			print = true
		}
	}
	if list {
		signalList(out)
		return out.Status(c, 0)
	}
	traps := sh.Traps()
	if len(args) == 0 {
		for _, name := range trapOrder() {
			if action, ok := traps[name]; ok {
				out.WriteString(trapLine(action, name))
			}
		}
		return out.Status(c, 0)
	}
	status := 0
	if print {
		for _, spec := range args {
			_, name, ok := ParseSignal(spec, true)
			if !ok {
				out.Flush()
				c.Sh.Errorf(c, "%s: invalid signal specification", spec)
				status = 1
				continue
			}
			if action, ok := traps[name]; ok {
				out.WriteString(trapLine(action, name))
			}
		}
		return out.Status(c, status)
	}
	action, specs := args[0], args[1:]
	// "trap SIG" and "trap N ..." (first operand a number) reset, as
	// POSIX asks.
	if len(args) == 1 {
		action, specs = "-", args
	} else if _, err := strconv.ParseUint(action, 10, 32); err == nil {
		action, specs = "-", args
	}
	for _, spec := range specs {
		_, name, ok := ParseSignal(spec, true)
		if !ok {
			c.Sh.Errorf(c, "%s: invalid signal specification", spec)
			status = 1
			continue
		}
		if err := sh.SetTrap(name, action); err != nil {
			c.Sh.Errorf(c, "%s", err)
			status = 1
		}
	}
	return out.Status(c, status)
}

// trapOrder is the order bash lists traps in: EXIT, the signals by
// number, then DEBUG, ERR and RETURN.
func trapOrder() []string {
	names := []string{"EXIT"}
	for n := 1; n <= maxSignal; n++ {
		if sigNames[n] != "" {
			names = append(names, sigNames[n])
		}
	}
	return append(names, "DEBUG", "ERR", "RETURN")
}

// trapLine is one line of trap -p.
func trapLine(action, name string) string {
	switch name {
	case "EXIT", "DEBUG", "ERR", "RETURN":
	default:
		name = "SIG" + name
	}
	return "trap -- " + quoteSingle(action) + " " + name + "\n"
}

// quoteSingle always quotes s in '...', as trap -p prints actions.
func quoteSingle(s string) string {
	b := []byte{'\''}
	for i := 0; i < len(s); i++ {
		if s[i] == '\'' {
			b = append(b, `'\''`...)
		} else {
			b = append(b, s[i])
		}
	}
	return string(append(b, '\''))
}

package builtins

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"golang.org/x/sys/unix"
)

const umaskUsage = "umask [-p] [-S] [mode]"

// umask shows or sets the file creation mask, as an octal number or a
// symbolic mode (u=rwx,g+w,...; the permissions it names are the ones
// left unmasked). The mask is a property of the process, so unlike the
// cwd it is shared with in-process subshells.
func umask(ctx context.Context, c *Call) int {
	out := NewOut(c.Stdout)
	flags, args, ok := parseFlags(c, c.Args, "pS", umaskUsage)
	if !ok {
		return 2
	}
	var asCmd, symbolic bool
	for _, f := range flags {
		if f.name == 'p' {
			asCmd = true
		} else {
			symbolic = true
		}
	}
	old := unix.Umask(0)
	unix.Umask(old)
	if len(args) == 0 {
		if asCmd {
			out.WriteString("umask ")
			if symbolic {
				out.WriteString("-S ")
			}
		}
		if symbolic {
			out.WriteString(symbolicMask(old) + "\n")
		} else {
			out.Printf("%04o\n", old)
		}
		return out.Status(c, 0)
	}
	var mask int
	if args[0] == "" {
		// bash reads the empty mode's terminating NUL as the operator
		c.Sh.Errorf(c, "`\x00': invalid symbolic mode operator")
		return 1
	}
	if args[0][0] >= '0' && args[0][0] <= '9' {
		n, err := strconv.ParseUint(args[0], 8, 32)
		if err != nil || n > 0o777 {
			c.Sh.Errorf(c, "%s: octal number out of range", args[0])
			return 1
		}
		mask = int(n)
	} else {
		perms, err := applySymbolic(^old&0o777, args[0])
		if err != nil {
			c.Sh.Errorf(c, "%s", err)
			return 1
		}
		mask = ^perms & 0o777
	}
	unix.Umask(mask)
	if symbolic {
		out.WriteString(symbolicMask(mask) + "\n")
	}
	return out.Status(c, 0)
}

// symbolicMask shows a mask as umask -S does: the permissions allowed.
func symbolicMask(mask int) string {
	perms := ^mask & 0o777
	part := func(who string, shift int) string {
		s := who + "="
		bits := perms >> shift & 7
		if bits&4 != 0 {
			s += "r"
		}
		if bits&2 != 0 {
			s += "w"
		}
		if bits&1 != 0 {
			s += "x"
		}
		return s
	}
	return part("u", 6) + "," + part("g", 3) + "," + part("o", 0)
}

// applySymbolic applies a symbolic mode ("u=rwx,g+w,o-r", who defaults to
// all) to the permission bits perms.
func applySymbolic(perms int, mode string) (int, error) {
	for _, clause := range strings.Split(mode, ",") {
		i := 0
		who := 0
		for ; i < len(clause) && strings.IndexByte("ugoa", clause[i]) >= 0; i++ {
			switch clause[i] {
			case 'u':
				who |= 0o700
			case 'g':
				who |= 0o070
			case 'o':
				who |= 0o007
			case 'a':
				who |= 0o777
			}
		}
		if who == 0 {
			who = 0o777
		}
		if i >= len(clause) {
			return 0, fmt.Errorf("`%s': missing symbolic mode operator", clause)
		}
		for i < len(clause) {
			op := clause[i]
			if op != '+' && op != '-' && op != '=' {
				return 0, fmt.Errorf("`%c': invalid symbolic mode operator", op)
			}
			i++
			bits := 0
			for ; i < len(clause) && clause[i] != '+' && clause[i] != '-' && clause[i] != '='; i++ {
				switch clause[i] {
				case 'r':
					bits |= 0o444
				case 'w':
					bits |= 0o222
				case 'x':
					bits |= 0o111
				default:
					return 0, fmt.Errorf("`%c': invalid symbolic mode character", clause[i])
				}
			}
			bits &= who
			switch op {
			case '+':
				perms |= bits
			case '-':
				perms &^= bits
			case '=':
				perms = perms&^who | bits
			}
		}
	}
	return perms, nil
}

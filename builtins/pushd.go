package builtins

import (
	"context"
	"slices"
	"strconv"
	"strings"
)

// This file holds the directory stack builtins: dirs, pushd and popd.
// The stack is the shell's (Dirs.DirStack), its top the directory after
// the current one; DIRSTACK shows the current directory and the stack.

const (
	dirsUsage  = "dirs [-clpv] [+N] [-N]"
	pushdUsage = "pushd [-n] [+N | -N | dir]"
	popdUsage  = "popd [-n] [+N | -N]"
)

// dirsShell is what dirs reads: the stack, and HOME to show it with ~.
type dirsShell interface {
	Dirs
	Vars
}

// stackIndex reads a +N or -N operand for a stack of n entries (the
// current directory counted): +N from the left of dirs' listing, -N from
// the right. ok is false for a word of another form; inRange says
// whether the entry exists.
func stackIndex(arg string, n int) (i int, ok, inRange bool) {
	if len(arg) < 2 || arg[0] != '+' && arg[0] != '-' {
		return 0, false, false
	}
	v, err := strconv.Atoi(arg[1:])
	if err != nil || v < 0 {
		return 0, false, false
	}
	if arg[0] == '-' {
		v = n - 1 - v
	}
	return v, true, v >= 0 && v < n
}

// fullStack is the current directory followed by the stack.
func fullStack(sh Dirs) []string {
	return append([]string{sh.Dir()}, sh.DirStack()...)
}

// tildeDir shows dir with $HOME as ~, as dirs does without -l.
func tildeDir(sh Vars, dir string) string {
	home := sh.Var("HOME").String()
	if home != "" && home != "/" && (dir == home || strings.HasPrefix(dir, home+"/")) {
		return "~" + dir[len(home):]
	}
	return dir
}

// printStack writes the stack as dirs does with the given options.
func printStack(c *Call, sh dirsShell, out *Out, long, perLine, numbered bool) {
	for i, d := range fullStack(sh) {
		if !long {
			d = tildeDir(sh, d)
		}
		switch {
		case numbered:
			out.Printf("%2d  %s\n", i, d)
		case perLine:
			out.WriteString(d + "\n")
		default:
			if i > 0 {
				out.WriteString(" ")
			}
			out.WriteString(d)
		}
	}
	if !numbered && !perLine {
		out.WriteString("\n")
	}
}

// dirs lists the directory stack (-p one a line, -v numbered, -l without
// ~), shows one entry (+N, -N) or clears the stack (-c).
func dirs(ctx context.Context, c *Call, sh dirsShell) int {
	out := NewOut(c.Stdout)
	var long, perLine, numbered, clear bool
	var which string
	for _, a := range skipDashDash(c.Args) {
		if _, ok, _ := stackIndex(a, 1); ok {
			which = a
			continue
		}
		if len(a) < 2 || a[0] != '-' {
			c.Sh.Errorf(c, "%s: invalid argument", a)
			usage(c, dirsUsage)
			return 1
		}
		for _, f := range a[1:] {
			switch f {
			case 'l':
				long = true
			case 'p':
				perLine = true
			case 'v':
				numbered, perLine = true, true
			case 'c':
				clear = true
			default:
				c.Sh.Errorf(c, "-%c: invalid option", f)
				usage(c, dirsUsage)
				return 2
			}
		}
	}
	if clear {
		sh.SetDirStack(nil)
		return 0
	}
	if which != "" {
		st := fullStack(sh)
		i, _, ok := stackIndex(which, len(st))
		if !ok {
			if len(st) == 1 {
				c.Sh.Errorf(c, "directory stack empty")
			} else {
				c.Sh.Errorf(c, "%s: directory stack index out of range", which)
			}
			return 1
		}
		d := st[i]
		if !long {
			d = tildeDir(sh, d)
		}
		if numbered {
			out.Printf("%2d  %s\n", i, d)
		} else {
			out.WriteString(d + "\n")
		}
		return out.Status(c, 0)
	}
	printStack(c, sh, out, long, perLine, numbered)
	return out.Status(c, 0)
}

// pushd puts a directory on the stack and changes to it; with no operand
// it swaps the top two, with +N or -N it rotates that entry to the top.
// -n changes the stack without changing directory.
func pushd(ctx context.Context, c *Call, sh cdShell) int {
	out := NewOut(c.Stdout)
	args, noCd := stackArgs(c.Args)
	st := fullStack(sh)
	var next []string // the new full stack
	switch {
	case len(args) == 0:
		if len(st) < 2 {
			c.Sh.Errorf(c, "no other directory")
			return 1
		}
		next = append([]string{st[1], st[0]}, st[2:]...)
	default:
		if i, ok, inRange := stackIndex(args[0], len(st)); ok {
			if !inRange {
				c.Sh.Errorf(c, "%s: directory stack index out of range", args[0])
				return 1
			}
			next = append(slices.Clone(st[i:]), st[:i]...)
			break
		}
		if strings.HasPrefix(args[0], "-") && args[0] != "-" {
			c.Sh.Errorf(c, "%s: invalid option", args[0])
			usage(c, pushdUsage)
			return 2
		}
		if noCd {
			next = append([]string{st[0], absPath(sh, args[0])}, st[1:]...)
			sh.SetDirStack(next[1:])
			printStack(c, sh, out, false, false, false)
			return out.Status(c, 0)
		}
		if st := changeDir(c, sh, out, args[0], false, false); st != 0 {
			return st
		}
		next = append([]string{sh.Dir()}, st...)
		sh.SetDirStack(next[1:])
		printStack(c, sh, out, false, false, false)
		return out.Status(c, 0)
	}
	if !noCd && next[0] != st[0] {
		if st := changeDir(c, sh, out, next[0], false, false); st != 0 {
			return st
		}
		next[0] = sh.Dir()
	}
	if noCd {
		// the current directory stays on top
		next = append([]string{st[0]}, next[1:]...)
	}
	sh.SetDirStack(next[1:])
	printStack(c, sh, out, false, false, false)
	return out.Status(c, 0)
}

// popd removes the top of the stack and changes to the new top; +N or
// -N removes that entry instead. -n changes only the stack.
func popd(ctx context.Context, c *Call, sh cdShell) int {
	out := NewOut(c.Stdout)
	args, noCd := stackArgs(c.Args)
	st := fullStack(sh)
	if len(st) < 2 {
		c.Sh.Errorf(c, "directory stack empty")
		return 1
	}
	i := 0
	if noCd {
		i = 1
	}
	if len(args) > 0 {
		n, ok, inRange := stackIndex(args[0], len(st))
		if !ok {
			c.Sh.Errorf(c, "%s: invalid argument", args[0])
			usage(c, popdUsage)
			return 2
		}
		if !inRange {
			c.Sh.Errorf(c, "%s: directory stack index out of range", args[0])
			return 1
		}
		i = n
	}
	next := slices.Delete(slices.Clone(st), i, i+1)
	if i == 0 && !noCd {
		if st := changeDir(c, sh, out, next[0], false, false); st != 0 {
			return st
		}
		next[0] = sh.Dir()
	}
	sh.SetDirStack(next[1:])
	printStack(c, sh, out, false, false, false)
	return out.Status(c, 0)
}

// stackArgs splits pushd's and popd's arguments into the operands and
// whether -n (change the stack only) was given.
func stackArgs(args []string) (operands []string, noCd bool) {
	operands = skipDashDash(args)
	if len(operands) > 0 && operands[0] == "-n" {
		return operands[1:], true
	}
	return operands, false
}

package builtins

import (
	"context"
	"fmt"
	"strings"
)

// HashEntry is one remembered command path.
type HashEntry struct {
	Name, Path string
	Hits       int
}

// hashShell is what hash touches: the cache of program paths, and the
// functions that a name means before any program.
type hashShell interface {
	CommandPaths
	FuncTable
}

// hash remembers, lists or forgets command paths: hash [-r] [name ...].
func hash(ctx context.Context, c *Call, sh hashShell) int {
	args := c.Args
	clearAll := false
	for len(args) > 0 && strings.HasPrefix(args[0], "-") && args[0] != "-" {
		a := args[0]
		args = args[1:]
		if a == "--" {
			break
		}
		for _, f := range a[1:] {
			switch f {
			case 'r':
				clearAll = true
			default:
				c.Sh.Errorf(c, "-%c: invalid option", f)
				fmt.Fprintln(c.Stderr, "hash: usage: hash [-lr] [-p pathname] [-dt] [name ...]")
				return 2
			}
		}
	}
	if clearAll {
		sh.HashClear()
	}
	if len(args) == 0 {
		if clearAll {
			return 0
		}
		list := sh.HashList()
		if len(list) == 0 {
			c.Sh.Errorf(c, "hash table empty")
			return 0
		}
		out := NewOut(c.Stdout)
		out.WriteString("hits\tcommand\n")
		for _, e := range list {
			out.WriteString(fmt.Sprintf("%4d\t%s\n", e.Hits, e.Path))
		}
		return out.Status(c, 0)
	}
	status := 0
	for _, name := range args {
		if strings.Contains(name, "/") || sh.IsFunc(name) {
			continue
		}
		if _, ok := Lookup(name); ok {
			continue
		}
		if err := sh.HashAdd(name); err != nil {
			c.Sh.Errorf(c, "%s: not found", name)
			status = 1
		}
	}
	return status
}

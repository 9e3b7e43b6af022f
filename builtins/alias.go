package builtins

import (
	"context"
	"sort"
	"strings"
)

// alias defines or lists aliases. Each NAME=VALUE defines one; a NAME
// alone prints it; no arguments (or -p) prints all, as bash does.
func alias(ctx context.Context, c *Call, sh AliasTable) int {
	out := NewOut(c.Stdout)
	args := c.Args
	printAll := len(args) == 0
	for len(args) > 0 && strings.HasPrefix(args[0], "-") && args[0] != "-" {
		if args[0] == "--" {
			args = args[1:]
			break
		}
		if args[0] != "-p" {
			c.Sh.Errorf(c, "%s: invalid option", args[0])
			usage(c, "alias [-p] [name[=value] ... ]")
			return 2
		}
		printAll = true
		args = args[1:]
	}
	aliases := sh.Aliases()
	if printAll {
		names := make([]string, 0, len(aliases))
		for n := range aliases {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			out.WriteString("alias " + n + "=" + quoteAlias(aliases[n]) + "\n")
		}
	}
	status := 0
	for _, a := range args {
		name, value, ok := strings.Cut(a, "=")
		if ok {
			if name == "" || strings.ContainsAny(name, " \t\n/$`=\\'\"|&;()<>") {
				c.Sh.Errorf(c, "`%s': invalid alias name", name)
				status = 1
				continue
			}
			sh.SetAlias(name, value)
			continue
		}
		v, found := aliases[name]
		if !found {
			c.Sh.Errorf(c, "%s: not found", name)
			status = 1
			continue
		}
		out.WriteString("alias " + name + "=" + quoteAlias(v) + "\n")
	}
	return out.Status(c, status)
}

// unalias removes aliases (-a: all of them).
func unalias(ctx context.Context, c *Call, sh AliasTable) int {
	args := c.Args
	if len(args) > 0 && args[0] == "-a" {
		for n := range sh.Aliases() {
			sh.UnsetAlias(n)
		}
		return 0
	}
	if len(args) > 0 && args[0] == "--" {
		args = args[1:]
	}
	if len(args) == 0 {
		usage(c, "unalias [-a] name [name ...]")
		return 2
	}
	status := 0
	for _, n := range args {
		if !sh.UnsetAlias(n) {
			c.Sh.Errorf(c, "%s: not found", n)
			status = 1
		}
	}
	return status
}

// quoteAlias quotes an alias value as bash prints it: always in single
// quotes.
func quoteAlias(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

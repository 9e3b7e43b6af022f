package builtins

import (
	"context"
	"path"
	"slices"
	"strings"
)

const helpUsage = "help [-dms] [pattern ...]"

// help describes builtins: with no pattern it lists every synopsis; a
// pattern is a glob, or (when no name is the pattern itself) the start
// of names. -d prints one line each, -s the synopsis, -m a manual page.
func help(ctx context.Context, c *Call) int {
	flags, args, ok := parseFlags(c, c.Args, "dms", helpUsage)
	if !ok {
		return 2
	}
	var mode byte
	for _, f := range flags {
		mode = f.name
	}
	out := NewOut(c.Stdout)
	if len(args) == 0 {
		helpList(out)
		return out.Status(c, 0)
	}
	status := 0
	for _, pat := range args {
		names := helpMatch(pat)
		if len(names) == 0 {
			c.Sh.Errorf(c, "no help topics match `%s'; `help' lists them", pat)
			status = 1
			continue
		}
		if strings.ContainsAny(pat, "*?[") && mode != 's' {
			out.Printf("Shell commands matching keyword `%s'\n\n", pat)
		}
		for _, name := range names {
			helpTopicOut(out, name, mode)
		}
	}
	return out.Status(c, status)
}

// helpMatch returns the topics pat names, sorted.
func helpMatch(pat string) []string {
	if _, ok := helpTopics[pat]; ok {
		return []string{pat}
	}
	glob := strings.ContainsAny(pat, "*?[")
	var names []string
	for name := range helpTopics {
		if m, _ := path.Match(pat, name); m || !glob && strings.HasPrefix(name, pat) {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	return names
}

func helpTopicOut(out *Out, name string, mode byte) {
	t := helpTopics[name]
	long := strings.TrimPrefix(t.long, "\n")
	indent := func(text string) {
		for _, l := range strings.Split(text, "\n") {
			if l == "" {
				out.Printf("\n")
			} else {
				out.Printf("    %s\n", l)
			}
		}
	}
	switch mode {
	case 'd':
		out.Printf("%s - %s\n", name, t.short)
	case 's':
		out.Printf("%s: %s\n", name, t.synopsis)
	case 'm':
		out.Printf("NAME\n    %s - %s\n\nSYNOPSIS\n    %s\n\nDESCRIPTION\n", name, t.short, t.synopsis)
		indent(t.short + "\n\n" + long)
		out.Printf("\n")
	default:
		out.Printf("%s: %s\n", name, t.synopsis)
		indent(t.short + "\n\n" + long)
	}
}

// helpList is help with no arguments: every builtin's synopsis.
func helpList(out *Out) {
	out.Printf("pipesh builtins. Type `help name' for more about one of them,\n" +
		"`help -d PATTERN' for a line about each one matching PATTERN.\n\n")
	names := make([]string, 0, len(helpTopics))
	for name := range helpTopics {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		out.Printf(" %s\n", helpTopics[name].synopsis)
	}
}

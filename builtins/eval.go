package builtins

import (
	"context"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/sys/unix"
	"mvdan.cc/sh/v3/syntax"

	"pipesh/errmsg"
)

// This file holds the builtins that run other code: eval, . and source,
// exec, command, builtin, and type, which says what a name would run.

// eval runs its arguments, joined by spaces, as shell code.
func eval(ctx context.Context, c *Call, sh Evaluator) int {
	_, args, ok := parseFlags(c, c.Args, "", "eval [arg ...]")
	if !ok {
		return 2
	}
	if len(args) == 0 {
		return 0
	}
	return sh.Eval(ctx, strings.Join(args, " "))
}

// sourceShell is what source touches: it runs the file, found on PATH
// (shopt sourcepath) or against the current directory.
type sourceShell interface {
	Evaluator
	Options
	pathShell
}

// source runs a file in the current shell, with the remaining arguments
// as positional parameters while it runs. A name without a slash is
// searched in PATH first, then in the current directory, as bash does.
func source(ctx context.Context, c *Call, sh sourceShell) int {
	args := skipDashDash(c.Args)
	if len(args) == 0 {
		c.Sh.Errorf(c, "filename argument required")
		usage(c, c.Name+" filename [arguments]")
		return 2
	}
	name := args[0]
	path, shown := "", name // shown: BASH_SOURCE, the name as given unless PATH found it
	if !strings.Contains(name, "/") {
		if on, ok := sh.ShoptOption("sourcepath"); on || !ok {
			path = findInPath(sh, name, false, false)
			if path != "" {
				shown = path
			}
		}
	}
	if path == "" {
		path = absPath(sh, name)
	}
	st, err := os.Stat(path)
	if err == nil && st.IsDir() {
		err = unix.EISDIR
	}
	if err == nil {
		err = unix.Access(path, unix.R_OK)
	}
	if err != nil {
		named := *c
		named.Name = name
		c.Sh.Errorf(&named, "%s", errmsg.Text(err))
		return 1
	}
	var params []string
	if len(args) > 1 {
		params = args[1:]
	}
	return sh.Source(ctx, shown, params)
}

// pathShell is what a search of PATH reads: PATH, and the directory a
// relative entry is taken against.
type pathShell interface {
	Vars
	Dirs
}

// findInPath searches PATH for name: with exec set only executable
// files count (commands), otherwise any readable regular file (source).
// all collects every match into a newline-joined list.
func findInPath(sh pathShell, name string, exec, all bool) string {
	var found []string
	for _, dir := range strings.Split(sh.Var("PATH").String(), ":") {
		if dir == "" {
			dir = "."
		}
		cand := filepath.Join(dir, name)
		if strings.HasPrefix(dir, "./") || dir == "." {
			cand = dir + "/" + name
		}
		abs := absPath(sh, cand)
		st, err := os.Stat(abs)
		if err != nil || !st.Mode().IsRegular() {
			continue
		}
		mode := uint32(unix.R_OK)
		if exec {
			mode = unix.X_OK
		}
		if unix.Access(abs, mode) != nil {
			continue
		}
		if !exec {
			return abs
		}
		found = append(found, cand)
		if !all {
			break
		}
	}
	return strings.Join(found, "\n")
}

// execShell is what exec touches: the program's path, shopt execfail,
// and whether a failure ends the shell.
type execShell interface {
	Evaluator
	CommandPaths
	Options
	Flow
}

// exec replaces the shell with a program; without arguments it does
// nothing (the interpreter keeps the redirections). -c, -l and -a NAME
// are accepted; only the command itself reaches Evaluator.Exec.
func execCmd(ctx context.Context, c *Call, sh execShell) int {
	_, args, ok := parseFlags(c, c.Args, "cla:", "exec [-cl] [-a name] [command [argument ...]] [redirection ...]")
	if !ok {
		return 2
	}
	if len(args) == 0 {
		return 0
	}
	if !strings.Contains(args[0], "/") {
		if _, err := sh.LookPath(args[0]); err != nil {
			// bash's wording differs from "command not found", and a
			// script ends here unless shopt execfail is on.
			c.Sh.Errorf(c, "%s: not found", args[0])
			if on, _ := sh.ShoptOption("execfail"); !on && !sh.Interactive() {
				sh.Exit(127)
			}
			return 127
		}
	}
	return sh.Exec(ctx, args)
}

const commandUsage = "command [-pVv] command [arg ...]"

// defaultPath is what command -p searches: getconf PATH on Linux.
const defaultPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

// commandShell is what command touches: what type reads to describe a
// name, and the shell to run it in.
type commandShell interface {
	describeShell
	Evaluator
}

// command runs a command skipping functions, or with -v/-V says what it
// would run.
func command(ctx context.Context, c *Call, sh commandShell) int {
	out := NewOut(c.Stdout)
	flags, args, ok := parseFlags(c, c.Args, "pvV", commandUsage)
	if !ok {
		return 2
	}
	var usePath, brief, verbose bool
	for _, f := range flags {
		switch f.name {
		case 'p':
			usePath = true
		case 'v':
			brief = true
		case 'V':
			verbose = true
		}
	}
	if len(args) == 0 {
		return 0
	}
	if brief || verbose {
		status := 1
		for _, name := range args {
			if describe(c, sh, out, name, describeOpts{brief: brief, path: usePath, notFound: verbose}) {
				status = 0
			}
		}
		return out.Status(c, status)
	}
	if usePath && !strings.Contains(args[0], "/") {
		if _, isBuiltin := Lookup(args[0]); !isBuiltin {
			for _, dir := range strings.Split(defaultPath, ":") {
				p := filepath.Join(dir, args[0])
				if st, err := os.Stat(p); err == nil && st.Mode().IsRegular() && unix.Access(p, unix.X_OK) == nil {
					args = append([]string{p}, args[1:]...)
					break
				}
			}
		}
	}
	return sh.Run(ctx, args, true)
}

// builtin runs a builtin even when a function has its name.
func builtin(ctx context.Context, c *Call) int {
	args := skipDashDash(c.Args)
	if len(args) == 0 {
		return 0
	}
	b, ok := Lookup(args[0])
	if !ok {
		c.Sh.Errorf(c, "%s: not a shell builtin", args[0])
		return 1
	}
	inner := *c
	inner.Name, inner.Args = args[0], args[1:]
	return b.Run(ctx, &inner)
}

const typeUsage = "type [-afptP] name [name ...]"

// typeCmd says how each name would be run: keyword, function, builtin or
// file, in that order of precedence.
func typeCmd(ctx context.Context, c *Call, sh describeShell) int {
	out := NewOut(c.Stdout)
	flags, names, ok := parseFlags(c, c.Args, "afptP", typeUsage)
	if !ok {
		return 2
	}
	var o describeOpts
	o.notFound = true
	for _, f := range flags {
		switch f.name {
		case 'a':
			o.all = true
		case 'f':
			o.noFuncs = true
		case 'p':
			o.pathOnly = true
		case 't':
			o.kind = true
		case 'P':
			o.pathOnly, o.forcePath = true, true
		}
	}
	if o.kind || o.pathOnly {
		o.notFound = false
	}
	status := 0
	for _, name := range names {
		if !describe(c, sh, out, name, o) {
			status = 1
		}
	}
	return out.Status(c, status)
}

// describeShell is what type reads to say what a name is: the functions
// and the program paths.
type describeShell interface {
	FuncTable
	CommandPaths
	pathShell
}

// describeOpts selects how type and command -v/-V describe a name.
type describeOpts struct {
	brief     bool // command -v: just the name or path
	kind      bool // type -t: one word
	pathOnly  bool // type -p: only files
	forcePath bool // type -P: search PATH even for builtins
	all       bool // type -a: every match
	noFuncs   bool // type -f
	path      bool // command -p: the default PATH (not used for lookups)
	notFound  bool // report names not found
}

// describe prints what name is and reports whether it was found.
func describe(c *Call, sh describeShell, out *Out, name string, o describeOpts) bool {
	found := false
	say := func(long, kind, brief string) {
		found = true
		switch {
		case o.kind:
			out.WriteString(kind + "\n")
		case o.brief:
			out.WriteString(brief + "\n")
		default:
			out.WriteString(long + "\n")
		}
	}
	if !o.forcePath {
		if syntax.IsKeyword(name) && !o.pathOnly {
			say(name+" is a shell keyword", "keyword", name)
			if !o.all {
				return true
			}
		}
		if !o.noFuncs && !o.pathOnly && sh.IsFunc(name) {
			src, _ := sh.FuncSource(name)
			say(name+" is a function\n"+strings.TrimSuffix(src, "\n"), "function", name)
			if !o.all {
				return true
			}
		}
		if _, ok := Lookup(name); ok && !o.pathOnly {
			say(name+" is a shell builtin", "builtin", name)
			if !o.all {
				return true
			}
		}
		if o.pathOnly && !o.all && found {
			return true
		}
	}
	if strings.Contains(name, "/") {
		abs := absPath(sh, name)
		if st, err := os.Stat(abs); err == nil && st.Mode().IsRegular() && unix.Access(abs, unix.X_OK) == nil {
			say(name+" is "+name, "file", name)
		}
	} else {
		var paths []string
		if o.all {
			if list := findInPath(sh, name, true, true); list != "" {
				paths = strings.Split(list, "\n")
			}
		} else if p, err := sh.LookPath(name); err == nil {
			paths = []string{p}
		}
		for _, p := range paths {
			if o.pathOnly {
				found = true
				out.WriteString(p + "\n")
				continue
			}
			say(name+" is "+p, "file", p)
		}
	}
	if !found && o.notFound {
		out.Flush() // keep stdout and stderr in order when they share a file
		c.Sh.Errorf(c, "%s: not found", name)
	}
	return found
}

// declare is the declare family (declare, typeset, local, export,
// readonly) reached as a word: the shell runs them, since a declaration
// written as the command name is a part of the grammar.
func declare(ctx context.Context, c *Call, sh Evaluator) int {
	return sh.Declare(ctx, c.Name, c.Args)
}

package builtins

import (
	"context"
	"sort"
	"strconv"
	"strings"

	"mvdan.cc/sh/v3/expand"
	"mvdan.cc/sh/v3/syntax"

	"pipesh/quote"
)

const setUsage = "set [-abefhkmnptuvxBCEHPT] [-o option-name] [--] [-] [arg ...]"

// setLetters maps set's one-letter options to their long names.
var setLetters = map[byte]string{
	'a': "allexport", 'b': "notify", 'e': "errexit", 'f': "noglob",
	'h': "hashall", 'k': "keyword", 'm': "monitor", 'n': "noexec",
	'p': "privileged", 't': "onecmd", 'u': "nounset", 'v': "verbose",
	'x': "xtrace", 'B': "braceexpand", 'C': "noclobber", 'E': "errtrace",
	'H': "histexpand", 'P': "physical", 'T': "functrace",
}

// setShell is what set touches: the options, the positional parameters,
// and the variables and functions it lists.
type setShell interface {
	Options
	Positional
	Vars
	FuncTable
}

// set changes shell options (-e, +o pipefail, ...) and, after them, the
// positional parameters. Without arguments it lists every variable, then
// every function, as bash does; -o and +o alone list the options.
func set(ctx context.Context, c *Call, sh setShell) int {
	out := NewOut(c.Stdout)
	args := c.Args
	if len(args) == 0 {
		listVars(sh, out)
		return out.Status(c, 0)
	}
	setParams := false
	status := 0
loop:
	for len(args) > 0 {
		a := args[0]
		if len(a) == 0 || a[0] != '-' && a[0] != '+' {
			break
		}
		args = args[1:]
		on := a[0] == '-'
		switch a {
		case "--":
			setParams = true
			break loop
		case "-":
			// "set -" ends the options and turns off -x and -v.
			sh.SetOption("xtrace", false)
			sh.SetOption("verbose", false)
			setParams = len(args) > 0
			break loop
		case "+":
			continue
		}
		for i := 1; i < len(a); i++ {
			ch := a[i]
			if ch == 'o' {
				if len(args) == 0 {
					listOptions(sh, out, !on)
					continue
				}
				name := args[0]
				args = args[1:]
				if err := sh.SetOption(name, on); err != nil {
					c.Sh.Errorf(c, "%s: invalid option name", name)
					status = 2
				}
				continue
			}
			name, ok := setLetters[ch]
			if !ok {
				c.Sh.Errorf(c, "%c%c: invalid option", a[0], ch)
				usage(c, setUsage)
				return out.Status(c, 2)
			}
			if err := sh.SetOption(name, on); err != nil {
				c.Sh.Errorf(c, "%c%c: invalid option", a[0], ch)
				status = 2
			}
		}
	}
	if setParams || len(args) > 0 {
		sh.SetParams(append([]string(nil), args...))
	}
	return out.Status(c, status)
}

// listOptions prints set -o's table, or with asCommands set +o's
// commands that would restore the options.
func listOptions(sh Options, out *Out, asCommands bool) {
	for _, name := range sh.OptionNames() {
		on := sh.Option(name)
		switch {
		case asCommands && on:
			out.WriteString("set -o " + name + "\n")
		case asCommands:
			out.WriteString("set +o " + name + "\n")
		default:
			out.WriteString(optionLine(name, on))
		}
	}
}

// optionLine is one line of set -o and shopt listings.
func optionLine(name string, on bool) string {
	state := "off"
	if on {
		state = "on"
	}
	if len(name) < 15 {
		name += strings.Repeat(" ", 15-len(name))
	}
	return name + "\t" + state + "\n"
}

// listShell is what set lists: the variables and the functions.
type listShell interface {
	Vars
	FuncTable
}

// listVars prints every set variable sorted by name, as set shows them,
// then every function.
func listVars(sh listShell, out *Out) {
	type nv struct {
		name string
		vr   expand.Variable
	}
	var vars []nv
	sh.EachVar(func(name string, vr expand.Variable) bool {
		// Names that are not identifiers are internal.
		if vr.IsSet() && syntax.ValidName(name) {
			vars = append(vars, nv{name, vr})
		}
		return true
	})
	sort.Slice(vars, func(i, j int) bool { return vars[i].name < vars[j].name })
	inUTF8 := utf8Locale(sh)
	for _, v := range vars {
		out.WriteString(v.name + "=" + assignValue(v.vr, inUTF8) + "\n")
	}
	funcs := sh.Funcs()
	sort.Strings(funcs)
	for _, f := range funcs {
		if src, ok := sh.FuncSource(f); ok {
			out.WriteString(src)
			if !strings.HasSuffix(src, "\n") {
				out.WriteString("\n")
			}
		}
	}
}

// AssignValue formats a variable's value as the right-hand side of an
// assignment, the way set and declare -p print it: a quoted scalar, or
// ([0]="a" [1]="b") for arrays. Associative keys come out sorted (bash
// prints them in hash order).
func AssignValue(vr expand.Variable) string { return assignValue(vr, true) }

func assignValue(vr expand.Variable, inUTF8 bool) string {
	loc := quote.Locale{UTF8: inUTF8}
	switch vr.Kind {
	case expand.Indexed:
		var b strings.Builder
		b.WriteByte('(')
		for i, e := range vr.List {
			idx := i
			if vr.Indexes != nil {
				idx = vr.Indexes[i]
			}
			if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteString("[" + strconv.Itoa(idx) + "]=" + loc.Double(e))
		}
		b.WriteByte(')')
		return b.String()
	case expand.Associative:
		keys := make([]string, 0, len(vr.Map))
		for k := range vr.Map {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		var b strings.Builder
		b.WriteByte('(')
		for _, k := range keys {
			key := k
			if quote.HasMetas(k) || loc.Unprintable(k) {
				key = loc.Double(k)
			}
			b.WriteString("[" + key + "]=" + loc.Double(vr.Map[k]) + " ")
		}
		b.WriteByte(')')
		return b.String()
	}
	return loc.Value(vr.String())
}

// shiftShell is what shift touches: the parameters, shopt shift_verbose,
// and the command line a bad count abandons.
type shiftShell interface {
	Positional
	Options
	Flow
}

// shift drops the first n positional parameters (default 1). Shifting
// more than there are fails with status 1, silently unless shopt
// shift_verbose is on, as in bash.
func shift(ctx context.Context, c *Call, sh shiftShell) int {
	args := skipDashDash(c.Args)
	n := int64(1)
	if len(args) > 0 {
		var ok bool
		if n, ok = numArg(args[0]); !ok {
			c.Sh.Errorf(c, "%s: numeric argument required", args[0])
			return 1
		}
		if len(args) > 1 {
			// bash also abandons the rest of the top-level command.
			c.Sh.Errorf(c, "too many arguments")
			sh.Abort()
			return 1
		}
	}
	params := sh.Params()
	if n < 0 || n > int64(len(params)) {
		if verbose, _ := sh.ShoptOption("shift_verbose"); verbose || n < 0 {
			c.Sh.Errorf(c, "%s: shift count out of range", args[0])
		}
		return 1
	}
	sh.SetParams(append([]string(nil), params[n:]...))
	return 0
}

const shoptUsage = "shopt [-pqsu] [-o] [optname ...]"

// shopt sets (-s), unsets (-u) or shows shell options; -o works on the
// set -o options instead, -p prints them as commands, -q only sets the
// status (0 when all named options are on).
func shopt(ctx context.Context, c *Call, sh Options) int {
	out := NewOut(c.Stdout)
	flags, names, ok := parseFlags(c, c.Args, "pqsuo", shoptUsage)
	if !ok {
		return 2
	}
	var setOn, setOff, print, quiet, setOpts bool
	for _, f := range flags {
		switch f.name {
		case 's':
			setOn = true
		case 'u':
			setOff = true
		case 'p':
			print = true
		case 'q':
			quiet = true
		case 'o':
			setOpts = true
		}
	}
	if setOn && setOff {
		c.Sh.Errorf(c, "cannot set and unset shell options simultaneously")
		return 1
	}
	get := func(name string) (bool, bool) {
		if setOpts {
			for _, n := range sh.OptionNames() {
				if n == name {
					return sh.Option(name), true
				}
			}
			return false, false
		}
		return sh.ShoptOption(name)
	}
	show := func(name string, on bool) {
		switch {
		case quiet:
		case print && setOpts && on:
			out.WriteString("set -o " + name + "\n")
		case print && setOpts:
			out.WriteString("set +o " + name + "\n")
		case print && on:
			out.WriteString("shopt -s " + name + "\n")
		case print:
			out.WriteString("shopt -u " + name + "\n")
		default:
			out.WriteString(optionLine(name, on))
		}
	}
	if len(names) == 0 {
		all := sh.ShoptNames()
		if setOpts {
			all = sh.OptionNames()
		}
		for _, name := range all {
			on, _ := get(name)
			// -s and -u alone list only the options in that state.
			if setOn && !on || setOff && on {
				continue
			}
			show(name, on)
		}
		return out.Status(c, 0)
	}
	status := 0
	for _, name := range names {
		on, ok := get(name)
		if !ok {
			if setOpts {
				c.Sh.Errorf(c, "%s: invalid option name", name)
			} else {
				c.Sh.Errorf(c, "%s: invalid shell option name", name)
			}
			status = 1
			continue
		}
		switch {
		case setOn || setOff:
			var err error
			if setOpts {
				err = sh.SetOption(name, setOn)
			} else {
				err = sh.SetShopt(name, setOn)
			}
			if err != nil {
				errorf(c, err)
				status = 1
			}
		default:
			show(name, on)
			if !on {
				status = 1
			}
		}
	}
	return out.Status(c, status)
}

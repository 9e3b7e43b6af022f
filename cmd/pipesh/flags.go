package main

import (
	"strings"

	"pipesh/shell"
)

// invocation is what pipesh's command line asks for (see parseArgs).
type invocation struct {
	show      string   // --help, --version: print this and exit 0
	wantCmd   bool     // -c: the first operand is the command string
	readStdin bool     // -s: read commands from standard input
	interact  bool     // -i
	noExec    bool     // -n: parse only
	ipctrace  bool     // --ipctrace
	ipcgraph  string   // --ipcgraph FILE
	norc      bool     // --norc
	login     bool     // -l, --login
	noprofile bool     // --noprofile
	posix     bool     // --posix (or POSIXLY_CORRECT)
	rcfile    string   // --rcfile FILE: instead of ~/.pipeshrc
	flags     []string // set's one-letter flags, as "-x" or "+x", in order
	opts      []string // -o NAME, or "!NAME" for +o NAME
	shopts    []string // -O NAME, or "!NAME" for +O NAME
	args      []string // the operands: script and arguments, or -c's command, $0 and arguments
}

// longOption is a --NAME option. One with an argument takes the next
// word, or with eq the text after "=" in --NAME=VALUE.
type longOption struct {
	arg bool
	eq  bool
	set func(inv *invocation, arg string)
}

// longOptions are pipesh's --NAME options.
var longOptions = map[string]longOption{
	"--help":      {set: func(inv *invocation, _ string) { inv.show = usage }},
	"--version":   {set: func(inv *invocation, _ string) { inv.show = "pipesh " + shell.Version + "\n" }},
	"--ipctrace":  {set: func(inv *invocation, _ string) { inv.ipctrace = true }},
	"--ipcgraph":  {arg: true, eq: true, set: func(inv *invocation, path string) { inv.ipcgraph = path }},
	"--norc":      {set: func(inv *invocation, _ string) { inv.norc = true }},
	"--posix":     {set: func(inv *invocation, _ string) { inv.posix = true }},
	"--rcfile":    {arg: true, set: func(inv *invocation, path string) { inv.rcfile = path }},
	"--init-file": {arg: true, set: func(inv *invocation, path string) { inv.rcfile = path }},
	"--noprofile": {set: func(inv *invocation, _ string) { inv.noprofile = true }},
	"--login":     {set: func(inv *invocation, _ string) { inv.login = true }},
	// accepted like bash's, no effect
	"--noediting":  {set: func(*invocation, string) {}},
	"--restricted": {set: func(*invocation, string) {}},
	"--verbose":    {set: func(*invocation, string) {}},
}

// shortOption is a family of one-letter options, given after - or +
// (on says which), several to a word (-ex). One with an argument takes
// the next word after the cluster, in the order the letters come.
type shortOption struct {
	letters string
	arg     bool
	set     func(inv *invocation, on bool, c byte, arg string)
}

// shortOptions are pipesh's one-letter options; those not listed are
// errors.
var shortOptions = []shortOption{
	// as in bash, -c is a flag: the command is the first operand
	{"c", false, func(inv *invocation, _ bool, _ byte, _ string) { inv.wantCmd = true }},
	{"s", false, func(inv *invocation, _ bool, _ byte, _ string) { inv.readStdin = true }},
	{"i", false, func(inv *invocation, _ bool, _ byte, _ string) { inv.interact = true }},
	{"n", false, func(inv *invocation, _ bool, _ byte, _ string) { inv.noExec = true }},
	{"l", false, func(inv *invocation, _ bool, _ byte, _ string) { inv.login = true }},
	// restricted: accepted, no effect
	{"r", false, func(*invocation, bool, byte, string) {}},
	{"o", true, func(inv *invocation, on bool, _ byte, name string) { inv.opts = append(inv.opts, unsetMark(on)+name) }},
	{"O", true, func(inv *invocation, on bool, _ byte, name string) {
		inv.shopts = append(inv.shopts, unsetMark(on)+name)
	}},
	// set's flags, applied once the shell is made
	{"abefhkmptuvxBCEHPT", false, func(inv *invocation, on bool, c byte, _ string) {
		inv.flags = append(inv.flags, sign(on)+string(c))
	}},
}

// sign is how flags marks a flag to turn on (-) or off (+).
func sign(on bool) string {
	if on {
		return "-"
	}
	return "+"
}

// unsetMark is how opts and shopts mark an option to turn off.
func unsetMark(on bool) string {
	if on {
		return ""
	}
	return "!"
}

// usageError is a mistake on the command line: pipesh reports it, with
// the usage text when withUsage, and exits with status 2.
type usageError struct {
	msg       string
	withUsage bool
}

func (e *usageError) Error() string { return e.msg }

// parseArgs reads the options in args (the command line after argv[0])
// as bash reads its own: options come first; the first word that is not
// one, or "--", or "-" (which bash also takes as turning off -v and -x),
// ends them. posix is the mode before any option (POSIXLY_CORRECT).
// Errors are *usageError. After --help or --version nothing more is read.
func parseArgs(args []string, posix bool) (*invocation, error) {
	inv := &invocation{posix: posix}
	for len(args) > 0 {
		a := args[0]
		if a == "--" || a == "-" {
			args = args[1:]
			break
		}
		if strings.HasPrefix(a, "--") {
			name, val, eq := strings.Cut(a, "=")
			o, ok := longOptions[name]
			if !ok || eq && !o.eq {
				return nil, &usageError{a + ": invalid option", true}
			}
			args = args[1:]
			if o.arg && !eq {
				if len(args) == 0 {
					return nil, &usageError{msg: name + ": option requires an argument"}
				}
				val, args = args[0], args[1:]
			}
			o.set(inv, val)
			if inv.show != "" {
				return inv, nil
			}
			continue
		}
		if len(a) < 2 || a[0] != '-' && a[0] != '+' {
			break
		}
		on := a[0] == '-'
		args = args[1:]
		for i := 1; i < len(a); i++ {
			c := a[i]
			o := findShort(c)
			if o == nil {
				return nil, &usageError{"-" + string(c) + ": invalid option", true}
			}
			var val string
			if o.arg {
				if len(args) == 0 {
					return nil, &usageError{msg: "-" + string(c) + ": option requires an argument"}
				}
				val, args = args[0], args[1:]
			}
			o.set(inv, on, c, val)
		}
	}
	if inv.wantCmd && len(args) == 0 {
		return nil, &usageError{msg: "-c: option requires an argument"}
	}
	inv.args = args
	return inv, nil
}

// findShort is the entry of shortOptions for letter c (nil: none).
func findShort(c byte) *shortOption {
	for i := range shortOptions {
		if strings.IndexByte(shortOptions[i].letters, c) >= 0 {
			return &shortOptions[i]
		}
	}
	return nil
}

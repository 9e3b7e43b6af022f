package builtins

import (
	"context"
	"io"
	"strconv"
	"strings"

	"mvdan.cc/sh/v3/syntax"
)

// getoptsShell is what getopts touches: the parameters it parses and
// where it is in them, and the variables it sets.
type getoptsShell interface {
	Positional
	Vars
}

// getopts parses one option per call from the positional parameters (or
// the given arguments), setting NAME, OPTARG and OPTIND as bash does. A
// leading ':' in the option string selects silent error reporting.
func getopts(ctx context.Context, c *Call, sh getoptsShell) int {
	args := skipDashDash(c.Args)
	if len(args) < 2 {
		usage(c, "getopts optstring name [arg ...]")
		return 2
	}
	optstring, name := args[0], args[1]
	if !syntax.ValidName(name) {
		c.Sh.Errorf(c, "`%s': not a valid identifier", name)
		return 1
	}
	params := args[2:]
	if len(args) == 2 {
		params = sh.Params()
	}
	// the place within a cluster of options ("-abc") is the shell's, as
	// bash keeps it in C statics: OPTIND is read only when it was set
	optind, pos, ok := sh.GetoptsPlace()
	if !ok {
		n, err := strconv.Atoi(strings.TrimSpace(sh.Var("OPTIND").String()))
		if err != nil || n < 1 {
			n = 1
		}
		optind, pos = n, 1
	}

	g := getoptsStep(optstring, params, optind, pos)
	set := func(n, v string) {
		if err := sh.SetString(n, v); err != nil {
			errorf(c, err)
		}
	}
	set("OPTIND", strconv.Itoa(g.optind))
	sh.SetGetoptsPlace(g.optind, g.pos)
	set(name, g.name)
	if g.hasArg {
		set("OPTARG", g.optarg)
	} else {
		sh.UnsetVar("OPTARG")
	}
	if g.errMsg != "" && sh.Var("OPTERR").String() != "0" && c.Stderr != nil {
		prog := sh.Var("0").String()
		if prog == "" {
			prog = "pipesh"
		}
		io.WriteString(c.Stderr, prog+": "+g.errMsg+"\n")
	}
	if g.done {
		return 1
	}
	return 0
}

// getoptsResult is the outcome of one getopts call.
type getoptsResult struct {
	optind, pos int    // where the next call starts
	name        string // value for NAME: the option, '?' or ':'
	optarg      string
	hasArg      bool   // set OPTARG (else unset it)
	errMsg      string // for stderr, without the program name
	done        bool   // no more options: status 1
}

// getoptsStep parses the option at params[optind-1][pos:], the pure
// part of getopts.
func getoptsStep(optstring string, params []string, optind, pos int) getoptsResult {
	silent := strings.HasPrefix(optstring, ":")
	if silent {
		optstring = optstring[1:]
	}
	r := getoptsResult{optind: optind, pos: 1, name: "?"}
	if optind > len(params) {
		r.done = true
		return r
	}
	arg := params[optind-1]
	if pos == 1 {
		if arg == "--" {
			r.optind++
			r.done = true
			return r
		}
		if len(arg) < 2 || arg[0] != '-' {
			r.done = true
			return r
		}
	}
	if pos >= len(arg) {
		pos = 1 // stale position: the argument changed under us
	}
	ch := arg[pos]
	pos++
	last := pos >= len(arg)
	advance := func() {
		if last {
			r.optind, r.pos = optind+1, 1
		} else {
			r.optind, r.pos = optind, pos
		}
	}
	k := strings.IndexByte(optstring, ch)
	if k < 0 || ch == ':' {
		advance()
		if silent {
			r.optarg, r.hasArg = string(ch), true
		} else {
			r.errMsg = "illegal option -- " + string(ch)
		}
		return r
	}
	r.name = string(ch)
	if k+1 < len(optstring) && optstring[k+1] == ':' {
		switch {
		case !last:
			r.optarg, r.hasArg = arg[pos:], true
			r.optind, r.pos = optind+1, 1
		case optind < len(params):
			r.optarg, r.hasArg = params[optind], true
			r.optind, r.pos = optind+2, 1
		default:
			r.optind, r.pos = optind+1, 1
			if silent {
				r.name = ":"
				r.optarg, r.hasArg = string(ch), true
			} else {
				r.name = "?"
				r.errMsg = "option requires an argument -- " + string(ch)
			}
		}
		return r
	}
	advance()
	return r
}

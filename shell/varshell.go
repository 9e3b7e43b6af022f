package shell

import "mvdan.cc/sh/v3/expand"

// varShell is what the variable store (package vars) asks of the
// Runner whose variables it keeps.
type varShell struct{ r *Runner }

// Arith evaluates a value assigned to an integer variable; an error
// abandons the rest of the line, as bash does for $(( )) in a word.
func (h varShell) Arith(expr string) (int, error) {
	n, err := h.r.evalArith(expr)
	if err != nil {
		return 0, &expandErr{err: err}
	}
	return n, nil
}

// Assigned keeps track of assignments to OPTIND, after which getopts
// starts afresh (GetoptsPlace), and notes that FUNCNEST was set, after
// which calls look at it (funcNest).
func (h varShell) Assigned(name string) {
	switch name {
	case "OPTIND":
		h.r.optindGen++
	case "FUNCNEST":
		h.r.sh.funcNestSet.Store(true)
	case "GLOBIGNORE":
		h.r.globIgnoreChanged() // expand.go
	case "BASH_ARGV0":
		h.r.argv0Assigned()
	}
}

// globIgnoreLocal is what NewLocal keeps for a local GLOBIGNORE: its
// going away changes dotglob as an assignment does.
type globIgnoreLocal struct{}

// NewLocal keeps getopts' place when OPTIND is made local: it is the
// caller's again once the function returns (ScopeLeft), as in bash; a
// local OPTIND going out of scope is no assignment.
func (h varShell) NewLocal(name string) any {
	if name == "GLOBIGNORE" {
		return globIgnoreLocal{}
	}
	if name != "OPTIND" {
		return nil
	}
	g := h.r.getopts
	g.set = g.set && g.gen == h.r.optindGen
	return &g
}

// ScopeLeft puts back getopts' place that NewLocal kept.
func (h varShell) ScopeLeft(kept any) {
	if _, ok := kept.(globIgnoreLocal); ok {
		h.r.globIgnoreChanged()
		return
	}
	g, ok := kept.(*getoptsPlace)
	if !ok {
		return
	}
	r := h.r
	r.getopts = *g
	if g.set {
		r.getopts.gen = r.optindGen
	}
}

// AllExport reports set -a.
func (h varShell) AllExport() bool { return h.r.opts[optAllExport] }

// ExportChanged drops the environment built for programs.
func (h varShell) ExportChanged() { h.r.envCache = nil }

// setVar assigns a variable as an assignment does (vars.Store.Set).
func (r *Runner) setVar(name string, vr expand.Variable) error { return r.vars.Set(name, vr) }

// setString assigns a plain string (vars.Store.SetString).
func (r *Runner) setString(name, value string) error { return r.vars.SetString(name, value) }

// setIndex sets element i of an indexed array (vars.Store.SetIndex).
func (r *Runner) setIndex(name string, i int, value string) error {
	return r.vars.SetIndex(name, i, value)
}

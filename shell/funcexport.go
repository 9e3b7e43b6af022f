package shell

import (
	"strings"

	"mvdan.cc/sh/v3/syntax"

	"pipesh/bashprint"
	"pipesh/builtins"
	"pipesh/wordexp"
)

// Functions travel through the environment as bash sends them since
// 2014: a variable BASH_FUNC_name%% whose value is the definition without
// the name, starting "() {". Only exactly that form is imported; no other
// variable is ever run as code.

const (
	funcEnvPrefix = "BASH_FUNC_"
	funcEnvSuffix = "%%"
)

// exportFuncs runs export -f / declare -fx (on) and export -nf (off) for
// names; with no names it lists the exported functions as bash does. It
// returns the status: 1 if a name is not a function.
func (r *Runner) exportFuncs(out *builtins.Out, call *builtins.Call, names []string, on bool) int {
	if len(names) == 0 {
		for _, n := range r.funcList() {
			if fn := r.funcs[n]; fn.exported {
				out.WriteString(fn.src + "\ndeclare -fx " + n + "\n")
			}
		}
		return 0
	}
	status := 0
	for _, n := range names {
		fn, ok := r.funcs[n]
		if !ok {
			r.errorf("%s: %s: not a function", call.Name, n)
			status = 1
			continue
		}
		if fn.exported != on {
			c := *fn // subshells share the definitions: never change one in place
			c.exported = on
			r.ownFuncs()
			r.funcs[n] = &c
			r.envCache = nil
		}
	}
	return status
}

// funcEnviron adds the exported functions to an environment being built.
func (r *Runner) funcEnviron(env map[string]string) {
	for name, fn := range r.funcs {
		if !fn.exported {
			continue
		}
		env[funcEnvPrefix+name+funcEnvSuffix] = wordexp.UnmaskTildeText(bashprint.ExportedFunction(fn.body))
	}
}

// importFunc defines the function an environment entry carries, if it is
// one in bash's form, and reports whether it did. An entry in that form
// that does not define exactly the one function its name says is warned
// about (unless quiet) and not imported, as bash does.
func (r *Runner) importFunc(name, val string, quiet bool) bool {
	fname := strings.TrimSuffix(strings.TrimPrefix(name, funcEnvPrefix), funcEnvSuffix)
	if fname == "" || strings.Contains(fname, "/") {
		return false
	}
	fail := func(warning string) bool {
		if !quiet {
			if warning != "" {
				r.errorf("warning: %s: %s", fname, warning)
			}
			r.errorf("error importing function definition for `%s'", fname)
		}
		return false
	}
	f, err := Parse(strings.NewReader(fname+" "+val), "")
	if err != nil || len(f.Stmts) == 0 {
		return fail("")
	}
	fd, ok := f.Stmts[0].Cmd.(*syntax.FuncDecl)
	if !ok || fd.Name.Value != fname {
		return fail("")
	}
	if len(f.Stmts) != 1 || f.Stmts[0].Redirs != nil {
		// "() { :; }; cmd": the 2014 attack's form; nothing after the
		// definition ever runs
		return fail("ignoring function definition attempt")
	}
	r.ownFuncs()
	r.funcs[fname] = &funcDef{body: fd.Body, src: funcSource(fd), file: "environment", exported: true}
	return true
}

// isFuncEntry reports whether an environment entry has bash's exported
// function form, BASH_FUNC_name%%=() {...
func isFuncEntry(name, val string) bool {
	return strings.HasPrefix(name, funcEnvPrefix) && strings.HasSuffix(name, funcEnvSuffix) &&
		len(name) > len(funcEnvPrefix)+len(funcEnvSuffix) && strings.HasPrefix(val, "() {")
}

package shell

import (
	"errors"

	"pipesh/bashprint"
	"pipesh/builtins"
	"pipesh/funcenv"
	"pipesh/wordexp"
)

// Functions travel through the environment in bash's form (package
// funcenv); which are exported is a flag on each definition.

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
		if fn.exported {
			env[funcenv.Name(name)] = wordexp.UnmaskTildeText(bashprint.ExportedFunction(fn.body))
		}
	}
}

// importFunc defines the function an environment entry carries, if it is
// one in bash's form, and reports whether it did. An entry in that form
// that does not define exactly the one function its name says is warned
// about (unless quiet) and not imported, as bash does.
func (r *Runner) importFunc(name, val string, quiet bool) bool {
	fd, err := funcenv.Decode(name, val)
	var ie *funcenv.ImportError
	if errors.As(err, &ie) && !quiet {
		if ie.Warning != "" {
			r.errorf("warning: %s: %s", ie.Func, ie.Warning)
		}
		r.errorf("%v", ie)
	}
	if fd == nil {
		return false
	}
	r.ownFuncs()
	r.funcs[fd.Name.Value] = &funcDef{body: fd.Body, src: funcSource(fd), file: "environment", exported: true}
	return true
}

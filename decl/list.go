package decl

import (
	"io"
	"sort"

	"mvdan.cc/sh/v3/expand"

	"pipesh/assign"
	"pipesh/quote"
)

// List writes to w the variables command cmd lists with no operands:
// local its function's locals; export -p, readonly -p and declare -x,
// -r, -a, -A those with that attribute or kind; declare -p all, each as
// a declare command; plain declare the set ones as set lists them.
func List(w io.Writer, sh assign.Shell, cmd string, o Opts) {
	vs := sh.Vars()
	if cmd == "local" {
		// local alone lists this function's locals, as declare -p
		top := vs.Top()
		for _, n := range top.Names() {
			vr, _ := top.Get(n)
			io.WriteString(w, vs.DeclLine(n, vr)+"\n")
		}
		return
	}
	var names []string
	vs.Each(func(name string, vr expand.Variable) bool {
		switch {
		case cmd == "export" || o.Export:
			if !vr.Exported {
				return true
			}
		case cmd == "readonly" || o.RO:
			if !vr.ReadOnly {
				return true
			}
		case o.Kind == expand.Indexed || o.Kind == expand.Associative:
			if vr.Kind != o.Kind {
				return true
			}
		}
		names = append(names, name)
		return true
	})
	sort.Strings(names)
	for _, n := range names {
		vr := sh.Lookup(n)
		if !o.Print && cmd == "declare" && !o.Export && !o.RO && o.Kind == expand.Unknown {
			// plain declare lists like set
			if vr.IsSet() {
				io.WriteString(w, n+"="+quote.Assignment(vr)+"\n")
			}
			continue
		}
		io.WriteString(w, quote.Declare(n, vr)+"\n")
	}
}

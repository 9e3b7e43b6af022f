package shell

import (
	"context"
	"errors"
	"sort"

	"mvdan.cc/sh/v3/syntax"

	"pipesh/builtins"
	"pipesh/decl"
)

// declClause runs declare, typeset, local, export, readonly and nameref,
// which the parser gives as assignments so that their values expand as
// assignments do.
func (r *Runner) declClause(ctx context.Context, c *syntax.DeclClause) {
	name := c.Variant.Value
	r.cmdName = name
	defer func() { r.cmdName = "" }()
	if name == "local" && r.funcDepth == 0 {
		r.errorf("local: can only be used in a function")
		r.status = 1
		return
	}
	o := decl.ForCommand(name, r.funcDepth > 0)
	r.substRan = false
	assigns, err := decl.Operands(assignShell{r}, name, c.Args, &o)
	var ue *decl.UsageError
	if errors.As(err, &ue) {
		r.errorf("%v", err)
		r.status = 2
		return
	}
	if err != nil {
		r.expandFailed(err)
		return
	}
	out := builtins.NewOut(r.fds.Get(1))
	call := &builtins.Call{Name: name, Stdout: r.fds.Get(1), Stderr: r.fds.Get(2), Sh: builtinShell{r}}
	status := 0
	if o.Global {
		o.Local = false
	}
	if o.Funcs || o.FuncNames {
		names := make([]string, 0, len(assigns))
		for _, as := range assigns {
			names = append(names, as.Name.Value)
		}
		if o.Export || o.Unexport {
			r.status = out.Status(call, r.exportFuncs(out, call, names, !o.Unexport))
			return
		}
		listAll := len(names) == 0
		if listAll {
			names = r.funcList()
		}
		for _, n := range names {
			fn, ok := r.funcs[n]
			if !ok {
				status = 1
				continue
			}
			switch {
			case o.FuncNames && !listAll:
				out.WriteString(n + "\n") // bash names only what it was asked for
			case o.FuncNames && fn.exported:
				out.WriteString("declare -fx " + n + "\n")
			case o.FuncNames:
				out.WriteString("declare -f " + n + "\n")
			default:
				out.WriteString(fn.src + "\n")
			}
		}
		r.status = out.Status(call, status)
		return
	}
	if len(assigns) == 0 {
		decl.List(out, assignShell{r}, name, o)
		r.status = out.Status(call, 0)
		return
	}
	if err := decl.ExpandValues(assignShell{r}, assigns); err != nil {
		r.expandFailed(err)
		return
	}
	for _, as := range assigns {
		n := as.Name.Value
		if !syntax.ValidName(n) {
			r.errorf("%s: `%s': not a valid identifier", name, declText(as))
			status = 1
			continue
		}
		if o.Print {
			vr := r.lookupVar(n)
			if !vr.Declared() {
				r.errorf("%s: %s: not found", name, n)
				status = 1
				continue
			}
			out.WriteString(r.vars.DeclLine(n, vr) + "\n")
			continue
		}
		if err := decl.Apply(assignShell{r}, as, o); err != nil {
			r.reportErr(err)
			status = 1
			if r.abortOn(err); r.flow.kind == flowAbort {
				break
			}
		}
	}
	r.status = out.Status(call, status)
	r.declLastArg(name, c.Args)
	if r.substRan && status == 0 && name != "local" && name != "declare" && name != "typeset" && name != "export" && name != "readonly" {
		r.status = r.lastSubst
	}
}

func declText(as *syntax.Assign) string {
	if as.Naked || as.Value == nil {
		return as.Name.Value
	}
	return as.Name.Value + "=" + printNode(as.Value)
}

func (r *Runner) funcList() []string {
	names := make([]string, 0, len(r.funcs))
	for n := range r.funcs {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

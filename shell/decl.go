package shell

import (
	"context"
	"sort"
	"strings"

	"mvdan.cc/sh/v3/expand"
	"mvdan.cc/sh/v3/syntax"

	"pipesh/builtins"
	"pipesh/quote"
	"pipesh/vars"
)

// declOpts are the attributes a declare-family command sets.
type declOpts struct {
	kind          expand.ValueKind // Indexed, Associative, NameRef or Unknown
	export, ro    bool
	unexport      bool
	global, local bool
	print         bool
	funcs         bool      // -f
	funcNames     bool      // -F
	attrSet       vars.Attr // -i, -l, -u
	attrClear     vars.Attr // +i, +l, +u, and -l's -u, -u's -l
	roCmd         bool      // the readonly builtin itself
}

// declClause runs declare, typeset, local, export, readonly and nameref,
// which the parser gives as assignments so that their values expand as
// assignments do.
func (r *Runner) declClause(ctx context.Context, c *syntax.DeclClause) {
	name := c.Variant.Value
	r.cmdName = name
	defer func() { r.cmdName = "" }()
	var o declOpts
	switch name {
	case "local":
		if r.funcDepth == 0 {
			r.errorf("local: can only be used in a function")
			r.status = 1
			return
		}
		o.local = true
	case "export":
		o.export = true
	case "readonly":
		o.ro = true
		o.roCmd = true
	case "nameref":
		o.kind = expand.NameRef
	case "declare", "typeset":
		o.local = r.funcDepth > 0
	}
	var assigns []*syntax.Assign
	optsDone := false
	r.substRan = false
	for _, as := range c.Args {
		if as.Name != nil {
			assigns = append(assigns, as)
			optsDone = true
			continue
		}
		fields, err := r.fields([]*syntax.Word{as.Value})
		if err != nil {
			r.expandFailed(err)
			return
		}
		for _, f := range fields {
			if !optsDone && len(f) > 1 && (f[0] == '-' || f[0] == '+') {
				if f == "--" {
					optsDone = true
					continue
				}
				if !r.declFlags(name, f, &o) {
					r.status = 2
					return
				}
				continue
			}
			optsDone = true
			n, v, hasVal := strings.Cut(f, "=")
			nas := &syntax.Assign{Name: &syntax.Lit{Value: n}, Naked: !hasVal}
			if strings.HasSuffix(n, "+") && hasVal {
				nas.Name.Value = strings.TrimSuffix(n, "+")
				nas.Append = true
			}
			if hasVal {
				nas.Value = &syntax.Word{Parts: []syntax.WordPart{&syntax.SglQuoted{Value: v}}}
			}
			if i := strings.IndexByte(nas.Name.Value, '['); i > 0 && strings.HasSuffix(nas.Name.Value, "]") {
				idx := nas.Name.Value[i+1 : len(nas.Name.Value)-1]
				nas.Name.Value = nas.Name.Value[:i]
				nas.Index = &syntax.Word{Parts: []syntax.WordPart{&syntax.Lit{Value: idx}}}
			}
			assigns = append(assigns, nas)
		}
	}
	out := builtins.NewOut(r.fds.Get(1))
	call := &builtins.Call{Name: name, Stdout: r.fds.Get(1), Stderr: r.fds.Get(2), Sh: builtinShell{r}}
	status := 0
	if o.global {
		o.local = false
	}
	if o.funcs || o.funcNames {
		names := make([]string, 0, len(assigns))
		for _, as := range assigns {
			names = append(names, as.Name.Value)
		}
		if o.export || o.unexport {
			r.status = out.Status(call, r.exportFuncs(out, call, names, !o.unexport))
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
			case o.funcNames && !listAll:
				out.WriteString(n + "\n") // bash names only what it was asked for
			case o.funcNames && fn.exported:
				out.WriteString("declare -fx " + n + "\n")
			case o.funcNames:
				out.WriteString("declare -f " + n + "\n")
			default:
				out.WriteString(fn.src + "\n")
			}
		}
		r.status = out.Status(call, status)
		return
	}
	if len(assigns) == 0 {
		r.printDecls(out, name, o)
		r.status = out.Status(call, 0)
		return
	}
	// bash's builtin gets its words already expanded: no value sees an
	// earlier assignment of the same command (export A=1 b=$(printenv A))
	for i, as := range assigns {
		if as.Name == nil || as.Value == nil || as.Array != nil || as.Naked || !syntax.ValidName(as.Name.Value) {
			continue
		}
		v, err := r.assignValue(as.Value)
		if err != nil {
			r.expandFailed(err)
			return
		}
		c := *as
		c.Value = &syntax.Word{Parts: []syntax.WordPart{&syntax.SglQuoted{Value: v}}}
		assigns[i] = &c
	}
	for _, as := range assigns {
		n := as.Name.Value
		if !syntax.ValidName(n) {
			r.errorf("%s: `%s': not a valid identifier", name, declText(as))
			status = 1
			continue
		}
		if o.print {
			vr := r.lookupVar(n)
			if !vr.Declared() {
				r.errorf("%s: %s: not found", name, n)
				status = 1
				continue
			}
			out.WriteString(r.vars.DeclLine(n, vr) + "\n")
			continue
		}
		if err := r.declare(as, o); err != nil {
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

// declFlags parses one option word; false means a usage error (reported).
func (r *Runner) declFlags(cmd, f string, o *declOpts) bool {
	on := f[0] == '-'
	for _, c := range f[1:] {
		switch c {
		case 'a':
			o.kind = expand.Indexed
		case 'A':
			o.kind = expand.Associative
		case 'n':
			if cmd == "export" {
				o.unexport = on // export -n: remove the export attribute
			} else if on {
				o.kind = expand.NameRef
			}
		case 'x':
			if on {
				o.export = true
			} else {
				o.unexport = true
			}
		case 'r':
			o.ro = on
		case 'g':
			o.global = true
		case 'p':
			o.print = true
		case 'f':
			o.funcs = true
		case 'F':
			o.funcNames = true
		case 'i', 'l', 'u':
			a := map[rune]vars.Attr{'i': vars.AttrInteger, 'l': vars.AttrLower, 'u': vars.AttrUpper}[c]
			other := map[rune]vars.Attr{'l': vars.AttrUpper, 'u': vars.AttrLower}[c]
			if on {
				o.attrSet, o.attrClear = o.attrSet&^other|a, o.attrClear&^a|other
			} else {
				o.attrSet, o.attrClear = o.attrSet&^a, o.attrClear|a
			}
		case 't', 'I':
		default:
			r.errorf("%s: %s: invalid option", cmd, f)
			return false
		}
	}
	return true
}

// declare applies one name or assignment with the given attributes.
func (r *Runner) declare(as *syntax.Assign, o declOpts) error {
	name := as.Name.Value
	sc, old, exists := r.vars.Find(name)
	top := r.vars.Top()
	if o.local && exists && sc != top && old.ReadOnly && sc == r.vars.Global() {
		// a readonly global cannot be shadowed; a caller's readonly
		// local can, as in bash
		return vars.ReadonlyError{Name: name}
	}
	if o.local && (!exists || sc != top) {
		// a new local in this function's scope, starting unset
		nv := expand.Variable{Local: true}
		if o.kind == expand.Unknown && exists && !as.Naked {
			nv.Kind = expand.Unknown
		}
		r.vars.Put(top, name, nv)
		old = nv
	}
	if o.attrSet|o.attrClear != 0 {
		r.vars.ChangeAttrs(name, o.attrSet, o.attrClear)
	}
	if as.Naked {
		vr := old
		if o.roCmd && (o.kind == expand.Indexed || o.kind == expand.Associative) {
			// bash's readonly -a/-A names get no array type (declare -r
			// x) and arrays keep theirs
			o.kind = expand.Unknown
		}
		if o.kind != expand.Unknown && !vr.IsSet() {
			vr.Kind = o.kind
		} else if !vr.Declared() {
			// declare x: declared but unset (declare -p shows it, x[1]
			// names an element of a scalar)
			vr.Kind = expand.String
		} else if o.kind == expand.Associative && vr.Kind != expand.Associative {
			vr.Kind = expand.Associative
			vr.Map = map[string]string{}
		} else if o.kind == expand.Indexed && vr.Kind == expand.String && vr.IsSet() {
			vr.Kind = expand.Indexed
			vr.List = []string{vr.Str}
		}
		if o.export {
			vr.Exported = true
		}
		if o.unexport {
			vr.Exported = false
		}
		if o.ro {
			vr.ReadOnly = true
		}
		if o.local {
			vr.Local = true
		}
		return r.putDecl(name, vr, old, o)
	}
	if o.kind == expand.Associative || o.kind == expand.Indexed {
		if as.Array != nil {
			if old.ReadOnly {
				return vars.ReadonlyError{Name: name}
			}
			if err := r.assignArray(name, as, o.kind); err != nil {
				return err
			}
		} else {
			val, err := r.assignValue(as.Value)
			if err != nil {
				return err
			}
			if o.kind == expand.Indexed {
				if err := r.setIndex(name, 0, val); err != nil {
					return err
				}
			} else {
				m := map[string]string{"0": val}
				if err := r.setVar(name, expand.Variable{Set: true, Kind: expand.Associative, Map: m}); err != nil {
					return err
				}
			}
		}
	} else if o.kind == expand.NameRef {
		val, err := r.assignValue(as.Value)
		if err != nil {
			return err
		}
		sc, _, _ := r.vars.Find(name)
		if sc == nil {
			sc = r.vars.Global()
		}
		r.vars.Put(sc, name, expand.Variable{Set: true, Kind: expand.NameRef, Str: val, Local: o.local})
	} else {
		if err := r.assign(as, o.local); err != nil {
			return err
		}
	}
	vr, _ := r.vars.Lookup(name)
	changed := false
	if o.export && !vr.Exported {
		vr.Exported, changed = true, true
	}
	if o.unexport && vr.Exported {
		vr.Exported, changed = false, true
	}
	if o.ro && !vr.ReadOnly {
		vr.ReadOnly, changed = true, true
	}
	if changed {
		return r.putDecl(name, vr, old, o)
	}
	return nil
}

// putDecl stores attributes without the readonly check.
func (r *Runner) putDecl(name string, vr, old expand.Variable, o declOpts) error {
	if old.ReadOnly && !o.ro && (o.kind != expand.Unknown) {
		return vars.ReadonlyError{Name: name}
	}
	sc, _, ok := r.vars.Find(name)
	if !ok || o.global {
		sc = r.vars.Global()
	}
	r.vars.Put(sc, name, vr)
	r.envCache = nil
	return nil
}

// printDecls lists variables as declare -p, export -p or readonly -p do.
func (r *Runner) printDecls(out *builtins.Out, cmd string, o declOpts) {
	if cmd == "local" {
		// local alone lists this function's locals, as declare -p
		top := r.vars.Top()
		for _, n := range top.Names() {
			vr, _ := top.Get(n)
			out.WriteString(r.vars.DeclLine(n, vr) + "\n")
		}
		return
	}
	var names []string
	r.eachVar(func(name string, vr expand.Variable) bool {
		switch {
		case cmd == "export" || o.export:
			if !vr.Exported {
				return true
			}
		case cmd == "readonly" || o.ro:
			if !vr.ReadOnly {
				return true
			}
		case o.kind == expand.Indexed || o.kind == expand.Associative:
			if vr.Kind != o.kind {
				return true
			}
		}
		names = append(names, name)
		return true
	})
	sort.Strings(names)
	for _, n := range names {
		vr := r.lookupVar(n)
		if !o.print && cmd == "declare" && !o.export && !o.ro && o.kind == expand.Unknown {
			// plain declare lists like set
			if vr.IsSet() {
				out.WriteString(n + "=" + quote.Assignment(vr) + "\n")
			}
			continue
		}
		out.WriteString(quote.Declare(n, vr) + "\n")
	}
}

func (r *Runner) funcList() []string {
	names := make([]string, 0, len(r.funcs))
	for n := range r.funcs {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

package shell

import (
	"fmt"
	"maps"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"mvdan.cc/sh/v3/expand"
	"mvdan.cc/sh/v3/syntax"
)

// env adapts a Runner to expand.WriteEnviron, answering the special
// parameters too.
type env struct{ r *Runner }

func (e env) Get(name string) expand.Variable {
	if vr, ok := e.r.elementVar(name); ok {
		return vr // through a nameref to a[1] (nameref.go)
	}
	vr := e.r.lookupVar(name)
	if vr.Kind == expand.Indexed && vr.List == nil {
		// expand takes a nil list for "not an array" and makes "${a[@]}"
		// of a declared but unset array (declare -a a) one empty field
		vr.List = []string{}
	}
	return vr
}

func (e env) Each(fn func(string, expand.Variable) bool) { e.r.eachVar(fn) }

func (e env) Set(name string, vr expand.Variable) error { return e.r.setVar(name, vr) }

func str(s string) expand.Variable {
	return expand.Variable{Set: true, Kind: expand.String, Str: s}
}

// lookupVar returns a variable or special parameter.
func (r *Runner) lookupVar(name string) expand.Variable {
	if name == "" {
		return expand.Variable{}
	}
	c := name[0]
	if c >= '0' && c <= '9' {
		n, err := strconv.Atoi(name)
		if err != nil {
			return expand.Variable{}
		}
		if n == 0 {
			return str(r.arg0)
		}
		if n <= len(r.params) {
			return str(r.params[n-1])
		}
		return expand.Variable{}
	}
	switch name {
	case "#":
		return str(strconv.Itoa(len(r.params)))
	case "@", "*":
		// never a nil List: expand reads nil as "not a list" and makes
		// "$@" one empty field
		return expand.Variable{Set: true, Kind: expand.Indexed, List: append([]string{}, r.params...)}
	case "?":
		return str(strconv.Itoa(r.status))
	case "$":
		return str(strconv.Itoa(r.sh.pid))
	case "!":
		if r.lastBg == 0 {
			return expand.Variable{}
		}
		return str(strconv.Itoa(r.lastBg))
	case "-":
		return str(r.flagString())
	case "_":
		return str(r.lastArg)
	case "LINENO":
		// $LINENO itself is answered by expand; this is for (( LINENO ))
		return str(strconv.FormatUint(uint64(r.line), 10))
	case "PPID":
		return str(strconv.Itoa(r.sh.ppid))
	case "BASHPID":
		return str(strconv.Itoa(r.bashPID()))
	case "RANDOM":
		return str(strconv.Itoa(int(r.sh.random() & 0x7fff)))
	case "SECONDS":
		return str(strconv.Itoa(int(time.Since(r.sh.start).Seconds())))
	case "PIPESTATUS":
		return r.pipeStatusVar()
	case "DIRSTACK":
		return r.dirStackVar()
	case "SHELLOPTS", "BASHOPTS":
		// kept readonly in the global scope (importEnv) for its
		// attributes; the value follows the options
		_, vr, _ := r.vars.lookup(name)
		vr.Set, vr.Kind, vr.Str, vr.ReadOnly = true, expand.String, r.shellopts(), true
		if name == "BASHOPTS" {
			vr.Str = r.bashopts()
		}
		return vr
	case "BASH_ARGV0":
		if !r.arg0Plain {
			return str(r.arg0)
		}
	case "EPOCHSECONDS":
		return str(strconv.FormatInt(time.Now().Unix(), 10))
	case "EPOCHREALTIME":
		now := time.Now()
		return str(fmt.Sprintf("%d.%06d", now.Unix(), now.Nanosecond()/1000))
	case "HOME":
		if _, vr, ok := r.vars.lookup(name); ok {
			return vr
		}
		return expand.Variable{}
	}
	if vr, ok := r.stackVar(name); ok {
		return vr
	}
	if strings.HasPrefix(name, "HOME ") {
		return expand.Variable{}
	}
	if _, vr, ok := r.vars.lookup(name); ok {
		return vr
	}
	return expand.Variable{}
}

func (r *Runner) eachVar(fn func(string, expand.Variable) bool) {
	seen := map[string]bool{}
	for sc := r.vars; sc != nil; sc = sc.parent {
		for name, vr := range sc.vars {
			if seen[name] {
				continue
			}
			seen[name] = true
			if !fn(name, vr) {
				return
			}
		}
	}
}

// maxNameRefs is how many namerefs an assignment follows before it
// calls the chain circular, as bash's NAMEREF_MAX.
const maxNameRefs = 8

// circularRefError is an assignment through namerefs that lead back to
// themselves.
type circularRefError struct{ name string }

func (e circularRefError) Error() string { return "warning: " + e.name + ": circular name reference" }

// readonlyError is bash's message for assigning a readonly variable.
type readonlyError struct{ name string }

func (e readonlyError) Error() string { return e.name + ": readonly variable" }

// setVar sets a variable where it lives (innermost declaring scope, else
// global), keeping attributes when vr does not carry them.
func (r *Runner) setVar(name string, vr expand.Variable) error {
	sc, old, ok := r.vars.lookup(name)
	return r.setFound(name, sc, old, ok, vr)
}

// setFound is setVar with name already looked up (sc, old, ok are
// r.vars.lookup(name)).
func (r *Runner) setFound(name string, sc *scope, old expand.Variable, ok bool, vr expand.Variable) error {
	first := name
	for hops := 0; old.Kind == expand.NameRef && vr.Kind != expand.NameRef && vr.Kind != expand.KeepValue && old.Str != ""; hops++ {
		if hops == maxNameRefs {
			return circularRefError{first}
		}
		name = old.Str
		sc, old, ok = r.vars.lookup(name)
	}
	if !ok {
		sc = r.vars.global()
	}
	if old.ReadOnly && vr.Kind != expand.KeepValue {
		return readonlyError{name}
	}
	if name == "GLOBIGNORE" {
		defer r.globIgnoreChanged() // expand.go
	}
	if name == "BASH_ARGV0" && !r.arg0Plain {
		// assigning sets $0; unsetting makes it an ordinary variable
		if vr.Kind == expand.String && vr.IsSet() {
			r.arg0 = vr.Str
		} else if !vr.IsSet() && vr.Kind != expand.KeepValue && !vr.Declared() {
			r.arg0Plain = true
		}
	}
	if !vr.IsSet() && vr.Kind != expand.KeepValue && !vr.Declared() {
		if sc == r.vars.global() || !old.Local || sc != r.vars {
			// unset from a called function pops the caller's local,
			// uncovering the next one out, as in bash
			r.deleteVar(sc, name)
		} else {
			// unset of a local keeps it local but unset, as bash does
			r.storeVar(sc, name, expand.Variable{Local: true})
			r.dropAttrs(sc, name)
		}
		r.envChanged(name, old)
		return nil
	}
	if a := sc.attrs[name]; a != 0 && vr.Kind != expand.KeepValue {
		var err error
		if vr, err = r.convertVar(a, vr); err != nil {
			return err
		}
	}
	if vr.Kind == expand.KeepValue {
		old.Exported = old.Exported || vr.Exported
		old.ReadOnly = old.ReadOnly || vr.ReadOnly
		old.Local = old.Local || vr.Local
		vr = old
	} else {
		vr.Exported = vr.Exported || old.Exported || r.opts[optAllExport]
		vr.ReadOnly = vr.ReadOnly || old.ReadOnly
		vr.Local = old.Local
	}
	r.storeVar(sc, name, vr)
	if vr.Exported || old.Exported {
		r.envCache = nil
	}
	return nil
}

func (r *Runner) envChanged(name string, old expand.Variable) {
	if old.Exported {
		r.envCache = nil
	}
}

// setString assigns a plain string, element 0 for an indexed array.
func (r *Runner) setString(name, value string) error {
	sc, old, ok := r.vars.lookup(name)
	switch old.Kind {
	case expand.Indexed:
		list := slices.Clone(old.List)
		if len(list) == 0 || (old.Indexes != nil && old.Indexes[0] != 0) {
			return r.setIndex(name, 0, value)
		}
		list[0] = value
		old.List = list
		old.Set = true
		return r.setVar(name, old)
	case expand.Associative:
		m := maps.Clone(old.Map)
		if m == nil {
			m = map[string]string{}
		}
		m["0"] = value
		old.Map = m
		old.Set = true
		return r.setVar(name, old)
	}
	return r.setFound(name, sc, old, ok, expand.Variable{Set: true, Kind: expand.String, Str: value, Exported: old.Exported, ReadOnly: old.ReadOnly})
}

// setIndex sets element i of an indexed array, keeping it sparse-aware.
func (r *Runner) setIndex(name string, i int, value string) error {
	sc, old, _ := r.vars.lookup(name)
	if old.ReadOnly {
		return readonlyError{name}
	}
	if old.Kind == expand.Indexed && i >= 0 {
		// the common case, a[i]=v on an array: in place when the
		// array is this scope's alone (scope.go)
		sc = r.writable(sc)
		if !sc.ownsArrays(name) {
			old.List = slices.Clone(old.List)
			old.Indexes = slices.Clone(old.Indexes)
		}
		if a := sc.attrs[name]; a != 0 {
			var err error
			if value, err = r.convertValue(a, value); err != nil {
				return err
			}
		}
		old.Set = true
		old.List, old.Indexes = putIndex(old.List, old.Indexes, i, value)
		r.storeOwned(sc, name, old)
		return nil
	}
	vr := old
	switch old.Kind {
	case expand.String:
		vr.Kind = expand.Indexed
		if old.Set {
			vr.List = []string{old.Str}
		}
	case expand.Indexed:
		vr.List = slices.Clone(old.List)
		vr.Indexes = slices.Clone(old.Indexes)
	default:
		vr.Kind = expand.Indexed
	}
	vr.Set = true
	if i < 0 {
		n := arrayLen(vr)
		i += n
		if i < 0 {
			return fmt.Errorf("%s[%d]: bad array subscript", name, i-n)
		}
	}
	vr.List, vr.Indexes = putIndex(vr.List, vr.Indexes, i, value)
	return r.setVar(name, vr)
}

// arrayLen is the highest index + 1 of an indexed array.
func arrayLen(vr expand.Variable) int {
	if vr.Indexes == nil {
		return len(vr.List)
	}
	if len(vr.Indexes) == 0 {
		return 0
	}
	return vr.Indexes[len(vr.Indexes)-1] + 1
}

// putIndex stores value at index i of a possibly sparse list.
func putIndex(list []string, idx []int, i int, value string) ([]string, []int) {
	if idx == nil {
		switch {
		case i < len(list):
			list[i] = value
			return list, nil
		case i == len(list):
			return append(list, value), nil
		}
		idx = make([]int, len(list))
		for k := range idx {
			idx[k] = k
		}
	}
	pos, found := slices.BinarySearch(idx, i)
	if found {
		list[pos] = value
		return list, idx
	}
	list = slices.Insert(list, pos, value)
	idx = slices.Insert(idx, pos, i)
	// collapse back to dense when possible
	dense := true
	for k, v := range idx {
		if k != v {
			dense = false
			break
		}
	}
	if dense {
		idx = nil
	}
	return list, idx
}

// environ is the environment exported to children.
func (r *Runner) environ() []string {
	if r.envCache != nil {
		return r.envCache
	}
	m := map[string]string{}
	r.eachVar(func(name string, vr expand.Variable) bool {
		if vr.Exported && vr.IsSet() && vr.Kind != expand.Indexed && vr.Kind != expand.Associative {
			m[name] = vr.String()
			switch name {
			case "SHELLOPTS":
				m[name] = r.shellopts()
			case "BASHOPTS":
				m[name] = r.bashopts()
			}
		}
		return true
	})
	r.funcEnviron(m)
	list := make([]string, 0, len(m)+len(r.sh.foreignEnv))
	for _, kv := range r.sh.foreignEnv {
		if name, _, _ := strings.Cut(kv, "="); m[name] == "" {
			list = append(list, kv) // an exported function of that name replaces it
		}
	}
	for k, v := range m {
		list = append(list, k+"="+v)
	}
	slices.Sort(list)
	r.envCache = list
	return list
}

// importEnv loads the process environment as exported globals. A
// privileged shell (-p, or started setuid) takes no options from an
// exported SHELLOPTS and imports no functions, as in bash. Entries that
// are not variables (names no variable can have, functions not imported)
// are passed on to children unchanged, as bash passes them; quiet leaves
// out the warnings about broken function entries, which a child
// subshell's parent has already given.
func (r *Runner) importEnv(environ []string, privileged, quiet bool) {
	g := r.vars.global()
	for _, kv := range environ {
		name, val, ok := strings.Cut(kv, "=")
		if !ok {
			continue
		}
		if isFuncEntry(name, val) && (privileged || !r.importFunc(name, val, quiet)) {
			r.sh.foreignEnv = append(r.sh.foreignEnv, kv)
			continue
		}
		if !syntax.ValidName(name) {
			if !isFuncEntry(name, val) {
				r.sh.foreignEnv = append(r.sh.foreignEnv, kv)
			}
			continue
		}
		g.vars[name] = expand.Variable{Set: true, Kind: expand.String, Str: val, Exported: true}
		if name == "FUNCNEST" {
			r.sh.funcNestSet.Store(true) // see funcNest
		}
		r.globIgnoreEnv = r.globIgnoreEnv || name == "GLOBIGNORE"
	}
	// SHELLOPTS from the environment turns its options on, as in bash
	// (so an exported SHELLOPTS carries set -o to child shells); it is
	// readonly and its value always that of the options
	if vr, ok := g.vars["SHELLOPTS"]; ok && !privileged {
		for _, name := range strings.Split(vr.Str, ":") {
			if o, ok := optByName(name); ok && o != optIPCTrace {
				r.opts[o] = true
			}
		}
	}
	g.vars["SHELLOPTS"] = expand.Variable{Set: true, Kind: expand.String, ReadOnly: true, Exported: g.vars["SHELLOPTS"].Exported}
	// BASHOPTS does the same for shopt (names it does not know are
	// skipped, as bash skips them)
	if vr, ok := g.vars["BASHOPTS"]; ok && !privileged {
		for _, name := range strings.Split(vr.Str, ":") {
			if _, known := r.shopts[name]; known {
				r.shopts[name] = true
			}
		}
	}
	g.vars["BASHOPTS"] = expand.Variable{Set: true, Kind: expand.String, ReadOnly: true, Exported: g.vars["BASHOPTS"].Exported}
	setDefault := func(name, val string) {
		if _, ok := g.vars[name]; !ok {
			g.vars[name] = str(val)
		}
	}
	setDefault("IFS", " \t\n")
	setDefault("PS1", "pipesh$ ")
	setDefault("PS2", "> ")
	setDefault("PS4", "+ ")
	if os.Geteuid() == 0 {
		// as bash: root takes no PS4 from the environment, whose
		// expansions set -x would run
		g.vars["PS4"] = expand.Variable{Set: true, Kind: expand.String, Str: "+ ", Exported: g.vars["PS4"].Exported}
	}
	setDefault("OPTIND", "1")
	if _, ok := g.vars["PATH"]; !ok {
		g.vars["PATH"] = str("/usr/local/bin:/usr/local/sbin:/usr/bin:/usr/sbin:/bin:/sbin:.")
	}
	g.vars["PWD"] = expand.Variable{Set: true, Kind: expand.String, Str: r.dir, Exported: true}
	if _, ok := g.vars["OLDPWD"]; !ok {
		// bash starts with OLDPWD exported but unset: cd's value goes
		// to children
		g.vars["OLDPWD"] = expand.Variable{Kind: expand.String, Exported: true}
	}
	if host, err := os.Hostname(); err == nil {
		setDefault("HOSTNAME", host)
	}
	if exe, err := os.Executable(); err == nil {
		g.vars["BASH"] = str(exe) // the shell's own program, which scripts run again as "$BASH"
	}
	g.vars["BASH_VERSION"] = str("5.2.15(1)-release")
	g.vars["BASH_VERSINFO"] = expand.Variable{Set: true, Kind: expand.Indexed, ReadOnly: true,
		List: []string{"5", "2", "15", "1", "release", "x86_64-pc-linux-gnu"}}
	g.vars["PIPESH_VERSION"] = str(Version)
	setDefault("OSTYPE", "linux-gnu")
	setDefault("HOSTTYPE", "x86_64")
	setDefault("MACHTYPE", "x86_64-pc-linux-gnu")
	g.vars["UID"] = expand.Variable{Set: true, Kind: expand.String, Str: strconv.Itoa(os.Getuid()), ReadOnly: true}
	g.vars["EUID"] = expand.Variable{Set: true, Kind: expand.String, Str: strconv.Itoa(os.Geteuid()), ReadOnly: true}
	g.vars["SHLVL"] = expand.Variable{Set: true, Kind: expand.String, Str: shlvl(g.vars["SHLVL"].Str), Exported: true}
	r.envCache = nil
}

func shlvl(old string) string {
	n, _ := strconv.Atoi(old)
	return strconv.Itoa(n + 1)
}

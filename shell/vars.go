package shell

import (
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"mvdan.cc/sh/v3/expand"
	"mvdan.cc/sh/v3/syntax"

	"pipesh/assign"
	"pipesh/funcenv"
)

// env adapts a Runner to expand.WriteEnviron, answering the special
// parameters too.
type env struct{ r *Runner }

func (e env) Get(name string) expand.Variable {
	if vr, ok := assign.Element(assignShell(e), name); ok {
		return vr // through a nameref to a[1]
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
		vr, _ := r.vars.Lookup(name)
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
		if vr, ok := r.vars.Lookup(name); ok {
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
	if vr, ok := r.vars.Lookup(name); ok {
		return vr
	}
	return expand.Variable{}
}

// eachVar calls fn for every variable (vars.Store.Each).
func (r *Runner) eachVar(fn func(string, expand.Variable) bool) { r.vars.Each(fn) }

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

// argv0Assigned follows an assignment to BASH_ARGV0: while it is $0,
// assigning sets $0, and unsetting makes it an ordinary variable, as in
// bash.
func (r *Runner) argv0Assigned() {
	if r.arg0Plain {
		return
	}
	vr, ok := r.vars.Lookup("BASH_ARGV0")
	switch {
	case ok && vr.IsSet() && vr.Kind == expand.String:
		r.arg0 = vr.Str
	case !ok || !vr.IsSet() && !vr.Declared():
		r.arg0Plain = true
	}
}

// importEnv loads the process environment as exported globals. A
// privileged shell (-p, or started setuid) takes no options from an
// exported SHELLOPTS and imports no functions, as in bash. Entries that
// are not variables (names no variable can have, functions not imported)
// are passed on to children unchanged, as bash passes them; quiet leaves
// out the warnings about broken function entries, which a child
// subshell's parent has already given.
func (r *Runner) importEnv(environ []string, privileged, quiet bool) {
	g := r.vars.Global()
	put := func(name string, vr expand.Variable) { r.vars.Put(g, name, vr) }
	value := func(name string) expand.Variable { vr, _ := g.Get(name); return vr }
	for _, kv := range environ {
		name, val, ok := strings.Cut(kv, "=")
		if !ok {
			continue
		}
		if funcenv.IsEntry(name, val) && (privileged || !r.importFunc(name, val, quiet)) {
			r.sh.foreignEnv = append(r.sh.foreignEnv, kv)
			continue
		}
		if !syntax.ValidName(name) {
			if !funcenv.IsEntry(name, val) {
				r.sh.foreignEnv = append(r.sh.foreignEnv, kv)
			}
			continue
		}
		put(name, expand.Variable{Set: true, Kind: expand.String, Str: val, Exported: true})
	}
	if _, ok := g.Get("GLOBIGNORE"); ok {
		// bash 5.2 leaves a GLOBIGNORE from the environment inactive
		// until the shell assigns one (put's Assigned acted on it)
		r.globIgnoreEnv = true
		r.setShopt("dotglob", false)
	}
	// SHELLOPTS from the environment turns its options on, as in bash
	// (so an exported SHELLOPTS carries set -o to child shells); it is
	// readonly and its value always that of the options
	if vr, ok := g.Get("SHELLOPTS"); ok && !privileged {
		for _, name := range strings.Split(vr.Str, ":") {
			if o, ok := optByName(name); ok && o != optIPCTrace {
				r.opts[o] = true
			}
		}
	}
	put("SHELLOPTS", expand.Variable{Set: true, Kind: expand.String, ReadOnly: true, Exported: value("SHELLOPTS").Exported})
	// BASHOPTS does the same for shopt (names it does not know are
	// skipped, as bash skips them)
	if vr, ok := g.Get("BASHOPTS"); ok && !privileged {
		for _, name := range strings.Split(vr.Str, ":") {
			if _, known := r.shopts[name]; known {
				r.shopts[name] = true
			}
		}
	}
	put("BASHOPTS", expand.Variable{Set: true, Kind: expand.String, ReadOnly: true, Exported: value("BASHOPTS").Exported})
	setDefault := func(name, val string) {
		if _, ok := g.Get(name); !ok {
			put(name, str(val))
		}
	}
	setDefault("IFS", " \t\n")
	setDefault("PS1", "pipesh$ ")
	setDefault("PS2", "> ")
	setDefault("PS4", "+ ")
	if os.Geteuid() == 0 {
		// as bash: root takes no PS4 from the environment, whose
		// expansions set -x would run
		put("PS4", expand.Variable{Set: true, Kind: expand.String, Str: "+ ", Exported: value("PS4").Exported})
	}
	setDefault("OPTIND", "1")
	if _, ok := g.Get("PATH"); !ok {
		put("PATH", str("/usr/local/bin:/usr/local/sbin:/usr/bin:/usr/sbin:/bin:/sbin:."))
	}
	put("PWD", expand.Variable{Set: true, Kind: expand.String, Str: r.dir, Exported: true})
	if _, ok := g.Get("OLDPWD"); !ok {
		// bash starts with OLDPWD exported but unset: cd's value goes
		// to children
		put("OLDPWD", expand.Variable{Kind: expand.String, Exported: true})
	}
	if host, err := os.Hostname(); err == nil {
		setDefault("HOSTNAME", host)
	}
	if exe, err := os.Executable(); err == nil {
		put("BASH", str(exe)) // the shell's own program, which scripts run again as "$BASH"
	}
	put("BASH_VERSION", str("5.2.15(1)-release"))
	put("BASH_VERSINFO", expand.Variable{Set: true, Kind: expand.Indexed, ReadOnly: true,
		List: []string{"5", "2", "15", "1", "release", "x86_64-pc-linux-gnu"}})
	put("PIPESH_VERSION", str(Version))
	setDefault("OSTYPE", "linux-gnu")
	setDefault("HOSTTYPE", "x86_64")
	setDefault("MACHTYPE", "x86_64-pc-linux-gnu")
	put("UID", expand.Variable{Set: true, Kind: expand.String, Str: strconv.Itoa(os.Getuid()), ReadOnly: true})
	put("EUID", expand.Variable{Set: true, Kind: expand.String, Str: strconv.Itoa(os.Geteuid()), ReadOnly: true})
	put("SHLVL", expand.Variable{Set: true, Kind: expand.String, Str: shlvl(value("SHLVL").Str), Exported: true})
	r.envCache = nil
}

func shlvl(old string) string {
	n, _ := strconv.Atoi(old)
	return strconv.Itoa(n + 1)
}

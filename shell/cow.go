package shell

import "maps"

// A subshell shares its parent's tables of functions and aliases (and
// shopts, setShopt) until one of the two changes one: copying them for
// every $(...) and pipeline stage cost more than the rest of making the
// subshell. The definitions themselves are never changed in place.

// sharedTables says which of a shell's tables may be another shell's too.
type sharedTables struct{ funcs, aliases bool }

// ownFuncs makes r's function table its own before a change.
func (r *Runner) ownFuncs() {
	if r.sharesCOW.funcs {
		r.funcs, r.sharesCOW.funcs = maps.Clone(r.funcs), false
	}
}

// ownAliases makes r's alias table its own before a change.
func (r *Runner) ownAliases() {
	if r.sharesCOW.aliases {
		r.aliases, r.sharesCOW.aliases = maps.Clone(r.aliases), false
	}
}

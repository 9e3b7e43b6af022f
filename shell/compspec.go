package shell

import "pipesh/builtins"

// compTable holds the completion specifications complete stores, by
// command name. A subshell gets a copy of the map; the specs in it are
// replaced by the builtins, never changed in place, so they are shared.
type compTable map[string]*builtins.CompSpec

// CompSpecs is complete's table of specifications, made on first use.
func (r *Runner) CompSpecs() map[string]*builtins.CompSpec {
	if r.compSpecs == nil {
		r.compSpecs = compTable{}
	}
	return r.compSpecs
}

// Package vars keeps a shell's variables: the chain of scopes they live
// in (the globals, one scope per function call), the attributes declare
// gives them beyond what expand.Variable holds (-i, -l, -u), namerefs,
// and the sharing of scopes between a shell and its in-process
// subshells, copied on write. It knows no special parameter and no
// option: what it needs of the shell it asks through Shell.
package vars

import (
	"sync/atomic"

	"mvdan.cc/sh/v3/expand"
)

// Shell is what a Store asks of the shell whose variables it keeps.
type Shell interface {
	// Arith evaluates the text assigned to a variable with the integer
	// attribute (declare -i); its error is passed on unchanged.
	Arith(expr string) (int, error)
	// Assigned is told, once the change is made, of every value stored
	// under name, or name removed, in any scope (a scope's end,
	// uncovering an older value, is no assignment): the shell's own
	// state that follows a variable (getopts' place after OPTIND=1, a
	// FUNCNEST limit, GLOBIGNORE's dotglob) hangs on it.
	Assigned(name string)
	// NewLocal is told when name is first given a value in a function's
	// scope; what it returns, if not nil, is handed to ScopeLeft when
	// that scope ends (each non-nil value, in order).
	NewLocal(name string) any
	// ScopeLeft gets back what NewLocal returned, as the scope ends.
	ScopeLeft(kept any)
	// AllExport reports whether set -a is on: every variable assigned
	// is exported.
	AllExport() bool
	// ExportChanged is told that an exported variable changed, so that
	// the environment handed to programs is stale.
	ExportChanged()
}

// Store is one shell's variables. The zero Store is not usable: make one
// with New, or with Share for a subshell. A Store is used by one
// goroutine at a time; stores that share scopes may run concurrently.
type Store struct {
	top  *Scope // the innermost scope; its chain ends at the globals
	free *Scope // a function's scope no shell holds any more, for the next call
	sh   Shell
	fam  *family
}

// family is what the stores of one process share.
type family struct {
	epoch    atomic.Uint64 // clock of scope sharing (scope.go)
	namerefs atomic.Bool   // a nameref was ever made: names are looked through (nameref.go)
}

// New makes an empty store, its global scope alone, asking sh what it
// needs of the shell.
func New(sh Shell) Store {
	return Store{top: newScope(nil), sh: sh, fam: &family{}}
}

// Share makes the store of a subshell, asking sh: it holds the same
// scopes as s, each copied by whichever of the two changes it first.
// Release ends it.
func (s *Store) Share(sh Shell) Store {
	return Store{top: s.top.share(), sh: sh, fam: s.fam}
}

// Release lets go of the scopes s holds (its subshell has ended), so
// that the shells still holding them may change them in place. s must
// not be used again.
func (s *Store) Release() {
	if s.top != nil {
		s.top.release()
		s.top = nil
	}
}

// Top is the innermost scope: the running function's, or the globals.
func (s *Store) Top() *Scope { return s.top }

// Global is the scope of the globals.
func (s *Store) Global() *Scope { return s.top.global() }

// Find looks name up from the innermost scope out: the scope holding it
// and its value, or ok false.
func (s *Store) Find(name string) (sc *Scope, vr expand.Variable, ok bool) {
	return s.top.lookup(name)
}

// Lookup returns name's variable from the innermost scope holding it.
// A nameref is returned as itself, not followed.
func (s *Store) Lookup(name string) (expand.Variable, bool) {
	_, vr, ok := s.top.lookup(name)
	return vr, ok
}

// Each calls fn for every name once, with its innermost value, until fn
// returns false.
func (s *Store) Each(fn func(string, expand.Variable) bool) {
	seen := map[string]bool{}
	for sc := s.top; sc != nil; sc = sc.parent {
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

// Snapshot is every scope's variables and attributes (as Attr bits),
// the globals first, for a subshell run as a child process. The maps
// are the store's own: they are to be read (encoded) before s changes.
func (s *Store) Snapshot() (scopes []map[string]expand.Variable, attrs []map[string]uint8) {
	for sc := s.top; sc != nil; sc = sc.parent {
		scopes = append([]map[string]expand.Variable{sc.vars}, scopes...)
		attrs = append([]map[string]uint8{attrBits(sc.attrs)}, attrs...)
	}
	return scopes, attrs
}

// Load replaces s's scopes with those of a Snapshot, which s takes as
// its own. Without scopes it changes nothing.
func (s *Store) Load(scopes []map[string]expand.Variable, attrs []map[string]uint8) {
	var sc *Scope
	for i, vars := range scopes {
		sc = newScope(sc)
		sc.vars = vars
		if i < len(attrs) {
			sc.attrs = attrsFromBits(attrs[i])
		}
		for _, vr := range vars {
			if vr.Kind == expand.NameRef {
				s.fam.namerefs.Store(true) // see Put
				break
			}
		}
		if sc.vars == nil {
			sc.vars = map[string]expand.Variable{}
		}
	}
	if sc != nil {
		s.top = sc
	}
}

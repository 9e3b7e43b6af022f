package vars

import (
	"maps"
	"slices"
	"sync/atomic"

	"mvdan.cc/sh/v3/expand"
)

// Variables live in a chain of scopes: the globals at the root, one scope
// per function call (and per prefix-assignment frame) above it. A
// subshell does not copy them: it shares its parent's chain, and each
// scope counts the shells whose chain holds it. A shell about to change
// a scope that another also holds copies it first (and the scopes between
// it and the top of its chain, which point to it), so making a subshell
// costs the depth of the chain, not the number of variables, and a
// subshell that has ended costs its parent nothing.
//
// Arrays are changed in place when that is safe, so a[i]=v is O(1)
// amortised: a scope records when it made each variable's arrays (own)
// and when it last shared its values with a copy (sharedAt); arrays made
// after that are its alone. Times come from the clock the stores of one
// process share (family.epoch).

// Scope is one level of variables: the globals, or those of one
// function call. A *Scope from Find, Top or Global names a place in the
// chain for the Store's next call (Put, Delete, Save, SetKey); it is not
// to be kept past a change, which may replace a scope another shell
// holds with a copy.
type Scope struct {
	vars   map[string]expand.Variable
	attrs  map[string]Attr // declare -i, -l, -u (attr.go)
	parent *Scope
	refs   atomic.Int32 // shells whose chain holds this scope

	own      map[string]uint64 // when this scope made a value's arrays
	sharedAt atomic.Uint64     // when its values were last shared

	// kept is what the shell asked to keep when names were first made
	// local here (Shell.NewLocal), handed back when the scope ends
	kept []any
}

// newScope makes a scope above parent, held by one shell. A function's
// scope gets its map with its first local (Put): most calls make none.
func newScope(parent *Scope) *Scope {
	s := &Scope{parent: parent}
	if parent == nil {
		s.vars = map[string]expand.Variable{}
	}
	s.refs.Store(1)
	return s
}

// Get returns the variable name holds in this scope alone.
func (sc *Scope) Get(name string) (expand.Variable, bool) {
	vr, ok := sc.vars[name]
	return vr, ok
}

// Names lists the names this scope holds, sorted.
func (sc *Scope) Names() []string { return slices.Sorted(maps.Keys(sc.vars)) }

// share counts one more shell holding the chain from s down.
func (sc *Scope) share() *Scope {
	for s := sc; s != nil; s = s.parent {
		s.refs.Add(1)
	}
	return sc
}

// release is share undone: a shell lets go of its chain.
func (sc *Scope) release() {
	for s := sc; s != nil; s = s.parent {
		s.refs.Add(-1)
	}
}

// lookup finds the scope holding name.
func (sc *Scope) lookup(name string) (*Scope, expand.Variable, bool) {
	for s := sc; s != nil; s = s.parent {
		if vr, ok := s.vars[name]; ok {
			return s, vr, true
		}
	}
	return nil, expand.Variable{}, false
}

func (sc *Scope) global() *Scope {
	for sc.parent != nil {
		sc = sc.parent
	}
	return sc
}

// Pop leaves the top scope (a function returns). The shell is told if
// the scope held an exported variable (Shell.ExportChanged) and given
// back what it kept with the scope (Shell.ScopeLeft).
func (s *Store) Pop() {
	top := s.top
	for _, vr := range top.vars {
		if vr.Exported {
			s.sh.ExportChanged()
			break
		}
	}
	s.top = top.parent
	held := top.refs.Add(-1) > 0
	for _, k := range top.kept {
		s.sh.ScopeLeft(k)
	}
	if !held {
		// no shell holds it any more: the next call's scope, with its
		// map emptied (a call costs no allocation)
		clear(top.vars)
		clear(top.attrs)
		clear(top.own)
		top.parent, top.kept = nil, nil
		top.sharedAt.Store(0)
		s.free = top
	}
}

// Push enters a new scope (a function is called).
func (s *Store) Push() {
	if sc := s.free; sc != nil {
		s.free = nil
		sc.parent = s.top
		sc.refs.Store(1)
		s.top = sc
		return
	}
	s.top = newScope(s.top)
}

// writable returns target, a scope of s's chain, made safe to change: if
// another shell holds it, s's chain gets a copy of it, and of every scope
// above it that another shell holds too (a scope of s's own above it is
// pointed at the copy in place). Parents are held by at least as many
// shells as their children, so an unshared target means an unshared path.
func (s *Store) writable(target *Scope) *Scope {
	if target.refs.Load() <= 1 {
		return target
	}
	var path []*Scope // s.top down to, not including, target
	for sc := s.top; sc != target; sc = sc.parent {
		path = append(path, sc)
	}
	tcopy := s.copyScope(target)
	below := tcopy
	for i := len(path) - 1; i >= 0; i-- {
		sc := path[i]
		if sc.refs.Load() > 1 {
			sc = s.copyScope(sc)
		}
		sc.parent = below
		below = sc
	}
	s.top = below
	return tcopy
}

// copyScope makes s's own copy of sc, which s stops holding.
func (s *Store) copyScope(sc *Scope) *Scope {
	c := &Scope{vars: maps.Clone(sc.vars), attrs: maps.Clone(sc.attrs), parent: sc.parent, kept: slices.Clone(sc.kept)}
	c.refs.Store(1)
	// the copy's values share their arrays with sc: neither may change
	// them in place from now on
	sc.sharedAt.Store(s.fam.epoch.Add(1))
	sc.refs.Add(-1)
	return c
}

// Put sets name to vr in scope sc of s's chain, as it is: no nameref is
// followed, no attribute applied, nothing checked (Set does that).
func (s *Store) Put(sc *Scope, name string, vr expand.Variable) {
	sc = s.writable(sc)
	if sc.parent != nil {
		if _, ok := sc.vars[name]; !ok {
			// name made local here: the shell may keep something
			// until the scope goes (getopts' place for OPTIND)
			if k := s.sh.NewLocal(name); k != nil {
				sc.kept = append(sc.kept, k)
			}
		}
	}
	if vr.Kind == expand.NameRef {
		s.fam.namerefs.Store(true)
	}
	if sc.vars == nil {
		sc.vars = map[string]expand.Variable{}
	}
	sc.vars[name] = vr
	delete(sc.own, name)
	s.sh.Assigned(name)
}

// Delete removes name, with its attributes, from scope sc of s's chain.
func (s *Store) Delete(sc *Scope, name string) {
	sc = s.writable(sc)
	delete(sc.vars, name)
	delete(sc.own, name)
	delete(sc.attrs, name)
	s.sh.Assigned(name)
}

// ownsArrays reports whether the arrays of name's value in sc are sc's
// alone, so they may be changed in place; sc must be writable.
func (sc *Scope) ownsArrays(name string) bool {
	t, ok := sc.own[name]
	return ok && t > sc.sharedAt.Load()
}

// putOwned sets name in sc (writable) to a value whose arrays sc has
// just made or owns.
func (s *Store) putOwned(sc *Scope, name string, vr expand.Variable) {
	if !sc.ownsArrays(name) {
		if sc.own == nil {
			sc.own = map[string]uint64{}
		}
		sc.own[name] = s.fam.epoch.Add(1)
	}
	if sc.vars == nil {
		sc.vars = map[string]expand.Variable{}
	}
	sc.vars[name] = vr
	s.sh.Assigned(name)
}

// Saved is a variable as it was before a prefix assignment (x=1 cmd)
// covered it in the top scope, for Restore.
type Saved struct {
	name  string
	vr    expand.Variable
	inTop bool // the old value was in the top scope, where the new one goes
}

// Save records name's value before a prefix assignment puts another in
// the top scope; sc, vr and found are Find(name)'s.
func (s *Store) Save(sc *Scope, name string, vr expand.Variable, found bool) Saved {
	inTop := found && sc == s.top
	if inTop {
		// the saved value is put back as it is: its arrays may not
		// change in place meanwhile
		sc.sharedAt.Store(s.fam.epoch.Add(1))
	}
	return Saved{name, vr, inTop}
}

// Restore puts back in the top scope what Save recorded.
func (s *Store) Restore(sv Saved) {
	if sv.inTop {
		s.Put(s.top, sv.name, sv.vr)
	} else {
		s.Delete(s.top, sv.name)
	}
}

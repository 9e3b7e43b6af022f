package shell

import (
	"maps"
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
// after that are its alone. Times come from the process's epoch counter.

// scope is one level of variables.
type scope struct {
	vars   map[string]expand.Variable
	attrs  map[string]varAttr // declare -i, -l, -u (varattr.go)
	parent *scope
	refs   atomic.Int32 // shells whose chain holds this scope

	own      map[string]uint64 // when this scope made a value's arrays
	sharedAt atomic.Uint64     // when its values were last shared

	// getopts' place when this scope made OPTIND local, put back when
	// the scope goes, as bash does
	savedGetopts *getoptsPlace
}

// newScope makes a scope above parent, held by one shell. A function's
// scope gets its map with its first local (storeVar): most calls make
// none.
func newScope(parent *scope) *scope {
	s := &scope{parent: parent}
	if parent == nil {
		s.vars = map[string]expand.Variable{}
	}
	s.refs.Store(1)
	return s
}

// share counts one more shell holding the chain from s down.
func (s *scope) share() *scope {
	for sc := s; sc != nil; sc = sc.parent {
		sc.refs.Add(1)
	}
	return s
}

// release is share undone: a shell lets go of its chain.
func (s *scope) release() {
	for sc := s; sc != nil; sc = sc.parent {
		sc.refs.Add(-1)
	}
}

// pop leaves the top scope of r's chain (a function returns).
func (r *Runner) popScope() {
	top := r.vars
	r.vars = top.parent
	if _, ok := top.vars["GLOBIGNORE"]; ok {
		r.globIgnoreChanged() // a local GLOBIGNORE is gone (expand.go)
	}
	held := top.refs.Add(-1) > 0
	if g := top.savedGetopts; g != nil {
		r.getopts = *g
		if g.set {
			r.getopts.gen = r.optindGen
		}
	}
	if !held {
		// no shell holds it any more: the next call's scope, with its
		// map emptied (a call costs no allocation)
		clear(top.vars)
		clear(top.attrs)
		clear(top.own)
		top.parent, top.savedGetopts = nil, nil
		top.sharedAt.Store(0)
		r.freeScope = top
	}
}

// pushScope enters a new scope (a function is called).
func (r *Runner) pushScope() {
	if s := r.freeScope; s != nil {
		r.freeScope = nil
		s.parent = r.vars
		s.refs.Store(1)
		r.vars = s
		return
	}
	r.vars = newScope(r.vars)
}

// lookup finds the scope holding name.
func (s *scope) lookup(name string) (*scope, expand.Variable, bool) {
	for sc := s; sc != nil; sc = sc.parent {
		if vr, ok := sc.vars[name]; ok {
			return sc, vr, true
		}
	}
	return nil, expand.Variable{}, false
}

func (s *scope) global() *scope {
	for s.parent != nil {
		s = s.parent
	}
	return s
}

// writable returns target, a scope of r's chain, made safe to change: if
// another shell holds it, r's chain gets a copy of it, and of every scope
// above it that another shell holds too (a scope of r's own above it is
// pointed at the copy in place). Parents are held by at least as many
// shells as their children, so an unshared target means an unshared path.
func (r *Runner) writable(target *scope) *scope {
	if target.refs.Load() <= 1 {
		return target
	}
	var path []*scope // r.vars down to, not including, target
	for s := r.vars; s != target; s = s.parent {
		path = append(path, s)
	}
	tcopy := r.copyScope(target)
	below := tcopy
	for i := len(path) - 1; i >= 0; i-- {
		s := path[i]
		if s.refs.Load() > 1 {
			s = r.copyScope(s)
		}
		s.parent = below
		below = s
	}
	r.vars = below
	return tcopy
}

// copyScope makes r's own copy of s, which r stops holding.
func (r *Runner) copyScope(s *scope) *scope {
	c := &scope{vars: maps.Clone(s.vars), attrs: maps.Clone(s.attrs), parent: s.parent, savedGetopts: s.savedGetopts}
	c.refs.Store(1)
	// the copy's values share their arrays with s: neither may change
	// them in place from now on
	s.sharedAt.Store(r.sh.epoch.Add(1))
	s.refs.Add(-1)
	return c
}

// storeVar sets name in scope sc of r's chain.
func (r *Runner) storeVar(sc *scope, name string, vr expand.Variable) {
	sc = r.writable(sc)
	if name == "OPTIND" && !hasVar(sc, name) && sc.parent != nil && sc.savedGetopts == nil {
		// OPTIND made local: getopts' place is the caller's again once
		// the function returns
		g := r.getopts
		g.set = g.set && g.gen == r.optindGen
		sc.savedGetopts = &g
	}
	r.noteAssign(name)
	if vr.Kind == expand.NameRef {
		r.sh.namerefs.Store(true)
	}
	if sc.vars == nil {
		sc.vars = map[string]expand.Variable{}
	}
	sc.vars[name] = vr
	delete(sc.own, name)
}

func hasVar(sc *scope, name string) bool {
	_, ok := sc.vars[name]
	return ok
}

// deleteVar removes name from scope sc of r's chain.
func (r *Runner) deleteVar(sc *scope, name string) {
	sc = r.writable(sc)
	r.noteAssign(name)
	delete(sc.vars, name)
	delete(sc.own, name)
	delete(sc.attrs, name)
}

// noteAssign keeps track of assignments to OPTIND, after which getopts
// starts afresh (GetoptsPlace); a local OPTIND going out of scope is not
// one.
func (r *Runner) noteAssign(name string) {
	switch name {
	case "OPTIND":
		r.optindGen++
	case "FUNCNEST":
		r.sh.funcNestSet.Store(true)
	}
}

// ownsArrays reports whether the arrays of name's value in sc are sc's
// alone, so they may be changed in place; sc must be writable.
func (sc *scope) ownsArrays(name string) bool {
	t, ok := sc.own[name]
	return ok && t > sc.sharedAt.Load()
}

// storeOwned sets name in sc (writable) to a value whose arrays sc has
// just made or owns.
func (r *Runner) storeOwned(sc *scope, name string, vr expand.Variable) {
	if name == "FUNCNEST" {
		r.sh.funcNestSet.Store(true) // FUNCNEST=(3) is a limit too
	}
	if !sc.ownsArrays(name) {
		if sc.own == nil {
			sc.own = map[string]uint64{}
		}
		sc.own[name] = r.sh.epoch.Add(1)
	}
	if sc.vars == nil {
		sc.vars = map[string]expand.Variable{}
	}
	sc.vars[name] = vr
}

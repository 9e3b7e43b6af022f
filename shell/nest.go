package shell

import "strconv"

// maxNest bounds how deeply shell code may run inside shell code
// (functions, eval, source, traps, aliases): bash has no such limit and
// dies of a stack overflow; pipesh ends the command instead, so a
// runaway recursion never takes the shell down.
const maxNest = 10000

// enterNest counts one more level of nesting for what (a function, eval,
// a file) and reports whether it may run; past the limit it reports the
// error and abandons the command line, as bash does for FUNCNEST.
func (r *Runner) enterNest(what string) bool {
	if r.nest >= maxNest {
		r.errorf("%s: maximum nesting level exceeded (%d)", what, maxNest)
		r.status = 1
		r.flow = flow{kind: flowAbort}
		return false
	}
	r.nest++
	return true
}

// leaveNest undoes enterNest.
func (r *Runner) leaveNest() { r.nest-- }

// funcNest is FUNCNEST: the most functions that may run nested, 0 for no
// limit.
func (r *Runner) funcNest() int {
	if !r.sh.funcNestSet.Load() {
		return 0 // never set (varShell.Assigned): no lookup per call
	}
	vr := r.lookupVar("FUNCNEST")
	if !vr.IsSet() {
		return 0
	}
	n, err := strconv.Atoi(vr.String())
	if err != nil || n < 0 {
		return 0
	}
	return n
}

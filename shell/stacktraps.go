package shell

import (
	"context"

	"mvdan.cc/sh/v3/syntax"

	"pipesh/signals"
)

// This file holds the traps tied to the call stack: DEBUG before each
// command, ERR and RETURN, and which of them a function, a subshell or a
// command substitution inherits (set -T, set -E), as bash has them.

// beforeCommand is bash's step before a simple command, [[ ]], (( )), a
// for iteration or case: BASH_COMMAND becomes its text and the DEBUG trap
// runs. skip reports that the trap failed under extdebug, which tells
// bash to skip the command.
func (r *Runner) beforeCommand(ctx context.Context, cmd syntax.Node) (skip bool) {
	if r.trapDepth == 0 {
		r.curCmd = cmd
	}
	return r.debugTrap(ctx)
}

// debugTrap runs the DEBUG trap, if one is set and it is not already
// running.
func (r *Runner) debugTrap(ctx context.Context) (skip bool) {
	if len(r.traps) == 0 {
		return false // no trap at all, the common case: no lookup per command
	}
	act, ok := r.traps["DEBUG"]
	if !ok || act == "" || r.inDebug {
		return false
	}
	r.inDebug = true
	st := r.runTrapAction(ctx, act, true)
	r.inDebug = false
	return st != 0 && r.shopts["extdebug"]
}

// runTrapAction runs a trap's action as bash does: $? and $_ are the
// interrupted command's inside it and again after it, and BASH_COMMAND
// stays that command's. The DEBUG, ERR and RETURN actions count their
// lines from the interrupted command's ($LINENO, and the BASH_LINENO of
// functions they call); other traps count from 1. It returns the
// action's status.
func (r *Runner) runTrapAction(ctx context.Context, act string, fromLine bool) int {
	st, last, line := r.status, r.lastArg, uint(1)
	if fromLine {
		line = r.line
	}
	r.trapDepth++
	r.evalStringAt(ctx, act, "trap", line)
	r.trapDepth--
	got := r.status
	r.status, r.lastArg = st, last
	return got
}

// enterFuncTraps hides from a function the traps it does not inherit,
// as bash does (signals.Inherit.Function); leave puts them back.
func (r *Runner) enterFuncTraps() (leave func()) {
	return r.trapInherit().Function(r.traps, r.inDebug)
}

// returnTrap runs the RETURN trap as a function or sourced file ends.
func (r *Runner) returnTrap(ctx context.Context) {
	if len(r.traps) == 0 {
		return
	}
	if act, ok := r.traps["RETURN"]; ok && act != "" {
		r.runTrapAction(ctx, act, true)
	}
}

// inheritTraps gives a subshell's trap table what it keeps of its
// parent's: ignored signals, ERR with set -E, DEBUG and RETURN with set -T.
func (r *Runner) inheritTraps(dst map[string]string) {
	r.trapInherit().Subshell(dst, r.traps)
}

// trapInherit is what set -T and set -E say code run apart keeps.
func (r *Runner) trapInherit() signals.Inherit {
	return signals.Inherit{FuncTrace: r.opts[optFuncTrace], ErrTrace: r.opts[optErrTrace]}
}

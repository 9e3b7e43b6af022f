package trace

import (
	"time"

	"pipesh/exec"
)

// Scope is what the shell adds to the events a runner causes: which
// in-process subshell it is, and the time -v row its events account to.
// A nil *Scope is the shell itself with time -v off; scopes are never
// changed once made, so runners may share one.
type Scope struct {
	sub   int
	row   *Row   // the time -v row events account to
	watch *Watch // time -v wants a row per stage of the next pipeline
}

// Sub is the id of the in-process subshell sc belongs to (0: the shell).
func (sc *Scope) Sub() int {
	if sc == nil {
		return 0
	}
	return sc.sub
}

// Subshell is the scope of a new in-process subshell with the given id,
// started in sc: its events say they are the subshell's, and they still
// account to sc's row, which from now on is shown as in-process.
func (sc *Scope) Subshell(id int) *Scope {
	var row *Row
	if sc != nil {
		row = sc.row
	}
	if row != nil {
		row.inProcess()
	}
	return &Scope{sub: id, row: row}
}

// Time is the scope of time -v's command, run in sc: w gets a row per
// stage of the pipeline that runs in it (see Stage).
func (sc *Scope) Time(w *Watch) *Scope {
	return &Scope{sub: sc.Sub(), watch: w}
}

// Stages reports whether the pipeline about to run in sc is time -v's,
// whose stages each get a row.
func (sc *Scope) Stages() bool {
	return sc != nil && sc.row == nil && sc.watch != nil
}

// Stage is the scope of stage i (from 0) of the pipeline time -v runs in
// sc: it gets its own row, showing cmd as the command. Where Stages is
// false there is no row to add, and the stage's scope is sc itself.
func (sc *Scope) Stage(i int, cmd string) *Scope {
	if !sc.Stages() {
		return sc
	}
	return &Scope{sub: sc.Sub(), row: sc.watch.add(i, cmd)}
}

// Done records, when sc has a row of its own, the stage's exit status and
// that its real time ends now.
func (sc *Scope) Done(status int) {
	if sc != nil && sc.row != nil {
		sc.row.done(status, time.Now())
	}
}

// Bind returns the tracer for the events one statement causes in sc: it
// stamps each with pos (the statement as FILE:LINE) and sc's subshell,
// accounts it to sc's row, and passes it on to t (nil: to no one).
func Bind(t exec.Tracer, pos string, sc *Scope) exec.Tracer {
	return &bound{t: t, pos: pos, sc: sc}
}

type bound struct {
	t   exec.Tracer
	pos string
	sc  *Scope
}

func (b *bound) Trace(ev exec.Event) {
	ev.Pos = b.pos
	if b.sc != nil {
		ev.Sub = b.sc.sub
		if b.sc.row != nil {
			b.sc.row.record(ev)
		}
	}
	if b.t != nil {
		b.t.Trace(ev)
	}
}

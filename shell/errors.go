package shell

import (
	"errors"
	"fmt"
	"strings"

	"mvdan.cc/sh/v3/expand"

	"pipesh/errmsg"
	"pipesh/exec"
	"pipesh/vars"
	"pipesh/wordexp"
)

// prefix is what starts a run-time error: "pipesh: line N: ", or the
// sourced file's name for its code (errmsg.LinePrefix).
func (r *Runner) prefix() string {
	return errmsg.LinePrefix(r.otherSourceFile(), r.line, r.sh.interactive)
}

// errorf reports a run-time error of the current command on the current
// fd 2, after its prefix (the line it is on). Builtins report with the
// same prefix on their own stderr (builtins.Core's Errorf, api.go);
// messages about the shell itself, tied to no line, go through warn.
func (r *Runner) errorf(format string, args ...any) {
	msg := r.prefix() + fmt.Sprintf(format, args...) + "\n"
	if f := r.fds.Get(2); f != nil {
		f.WriteString(msg)
	}
}

// warn reports err on the current fd 2 as a message about the shell
// itself rather than a line of the script (a startup file it cannot read,
// the REPL's line editor, a syntax error, which names its own position):
// "pipesh: " and err's text.
func (r *Runner) warn(err error) {
	if f := r.fds.Get(2); f != nil {
		errmsg.Report(f, err)
	}
}

// reportErr reports an error from expansion, redirection or assignment.
func (r *Runner) reportErr(err error) {
	var se *statusErr
	if errors.As(err, &se) {
		return
	}
	var ee *expandErr
	if errors.As(err, &ee) {
		err = ee.err
	}
	var ue expand.UnsetParameterError
	if errors.As(err, &ue) {
		r.errorf("%s", wordexp.UnsetText(ue))
		return
	}
	msg := err.Error()
	if r.cmdName != "" && !strings.HasPrefix(msg, r.cmdName+":") {
		var ro vars.ReadonlyError
		if errors.As(err, &ro) {
			msg = r.cmdName + ": " + msg
		}
	}
	r.errorf("%s", msg)
}

// reportSyntax prints a parse error as "pipesh: FILE:LINE:COL: message".
func (r *Runner) reportSyntax(err error) { r.warn(err) }

// reportSignal prints bash's notice for a child killed by a signal.
func (r *Runner) reportSignal(pid int, st exec.Status) {
	if r.subshell && !r.execTail {
		return
	}
	desc := exec.SignalText(st.Signal)
	if st.CoreDump {
		desc += " (core dumped)"
	}
	if f := r.fds.Get(2); f != nil {
		if r.sh.interactive {
			f.WriteString(desc + "\n")
		} else {
			fmt.Fprintf(f, "%sline %d: %7d %s\n", errmsg.Prefix, r.line, pid, desc)
		}
	}
}

package shell

import "pipesh/jobs"

// SetInvocation records how the shell got its commands, as bash shows it
// at the end of $-: "c" for -c, "s" for standard input, "" for a script.
func (r *Runner) SetInvocation(flags string) { r.sh.invoke = flags }

// bashPID is $BASHPID. An in-process subshell has no process of its own,
// so it gets a virtual id from the range background jobs use: distinct
// from the shell's, as a forked subshell's pid would be.
func (r *Runner) bashPID() int {
	if !r.subshell {
		return r.sh.pid
	}
	if r.subPID == 0 {
		r.subPID = jobs.VirtualPidBase + r.sh.nextVirtual()
	}
	return r.subPID
}

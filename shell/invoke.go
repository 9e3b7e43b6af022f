package shell

// SetInvocation records how the shell got its commands, as bash shows it
// at the end of $-: "c" for -c, "s" for standard input, "" for a script.
func (r *Runner) SetInvocation(flags string) { r.sh.invoke = flags }

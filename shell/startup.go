package shell

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"strings"
	"syscall"

	"pipesh/errmsg"
	"pipesh/exec"
	"pipesh/privilege"
)

// What a shell does as it starts, before its commands: the file BASH_ENV
// or ENV names, and giving up the privileges of a setuid start. Which
// files a shell reads in which mode is decided by cmd/pipesh (see the
// README's table); these are the mechanisms.

// EnvFilePath is the file the variable name (BASH_ENV or ENV) names, as
// bash finds it: the value is expanded as in double quotes (parameters,
// command substitution, arithmetic) and then a leading ~ as a tilde. It
// is "" when the variable is unset or empty, or its expansion fails (the
// error is reported and $? is 1).
func (r *Runner) EnvFilePath(name string) string {
	vr := r.lookupVar(name)
	if !vr.IsSet() || vr.String() == "" {
		return ""
	}
	s, err := r.literalString(vr.String())
	if err != nil {
		r.reportErr(err)
		r.status = 1
		return ""
	}
	if rest, ok := strings.CutPrefix(s, "~"); ok {
		user, _, _ := strings.Cut(rest, "/")
		if home, ok := r.tildeHome(user); ok {
			s = home + rest[len(user):]
		}
	}
	return s
}

// RunEnvFile runs path as bash runs $BASH_ENV before a script: in the
// shell itself, a command at a time (see runFileSeq), with set -e not
// acting while it runs (the file may turn it on for the script). A
// missing file is skipped silently; one that cannot be read is reported
// and the shell goes on. $? after it is the file's last status; exit in
// it ends the shell (see Exited).
func (r *Runner) RunEnvFile(ctx context.Context, path string) {
	if path == "" {
		return
	}
	r.syncSignals() // a script's SIGINT handling holds during the file too
	var data []byte
	fi, err := os.Stat(r.abs(path))
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return
	case err == nil && fi.IsDir():
		err = syscall.EISDIR
	case err == nil:
		data, err = exec.ReadFile(r.abs(path))
	}
	if err != nil {
		if errors.Is(err, syscall.EISDIR) {
			err = errStartupDir
		}
		r.warn(&errmsg.Error{What: path, Err: err})
		return
	}
	r.noErrExit++ // $- still shows e, as in bash
	r.RunFileSeq(ctx, path, data)
	r.noErrExit--
}

// errStartupDir is bash's wording for a startup file that is a
// directory: not strerror's, which is capitalised.
var errStartupDir = errors.New("is a directory")

// unprivileged is set +p: as in bash it gives up a setuid start's
// privileges for good, reporting a failure.
func (r *Runner) unprivileged() {
	if err := privilege.Drop(); err != nil {
		r.errorf("%v", err)
	}
}

// logout runs a login shell's logout file as bash runs ~/.bash_logout:
// when the shell ends by exit (also in a script or -c), or an interactive
// shell at the end of its input, not a -c command that just ends. It runs
// in the shell, before the EXIT trap; exit in it sets the status.
func (r *Runner) logout(ctx context.Context) {
	if r.subshell || !r.sh.login || r.sh.logoutFile == "" {
		return
	}
	if r.flow.kind != flowExit && (!r.sh.interactive || r.sh.dashC) {
		return
	}
	path := r.sh.logoutFile
	if rest, ok := strings.CutPrefix(path, "~/"); ok {
		home, ok := r.tildeHome("")
		if !ok {
			return
		}
		path = home + "/" + rest
	}
	fl, st := r.flow, r.status
	r.flow = flow{}
	r.RunEnvFile(ctx, path)
	if r.flow.kind != flowExit {
		r.flow, r.status = fl, st
	}
}

// hangUpJobs sends SIGHUP to the jobs of an interactive login shell
// with shopt huponexit on as it ends (stopped ones are continued so
// that they can die), as bash does.
func (r *Runner) hangUpJobs() {
	if r.subshell || !r.sh.login || !r.sh.interactive || !r.shopts["huponexit"] {
		return
	}
	r.jobs.SignalAll(syscall.SIGHUP)
}

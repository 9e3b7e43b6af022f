package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"

	"pipesh/privilege"
	"pipesh/shell"
)

// startup is what decides which startup files a shell reads, following
// bash 5.2's rules (README, "Startup files"):
//
//   - a non-interactive shell sources $BASH_ENV, unless it is in POSIX
//     mode, named sh, privileged (-p) or started setuid;
//   - an interactive shell runs ~/.pipeshrc (or --rcfile's file; none
//     with --norc) where bash runs ~/.bashrc; in POSIX mode or named sh
//     it runs the file $ENV names instead, unless privileged;
//   - a login shell (interactive or not) first reads /etc/profile and
//     then ~/.pipesh_profile or ~/.profile (as sh: ~/.profile) where bash
//     reads ~/.bash_profile, ~/.bash_login or ~/.profile; none in POSIX
//     mode; an interactive login shell then runs no ~/.pipeshrc;
//   - a setuid start reads none of them.
type startup struct {
	actLikeSh  bool // invoked as sh (or -sh): posix mode after the files
	login      bool // -l, --login, or argv[0] starting with -
	posix      bool // --posix, -o posix, POSIXLY_CORRECT in the environment
	privileged bool // -p or -o privileged, the last one given
	setuid     bool // effective ids differ from the real ones
}

// newStartup reads the mode from the shell's name (argv[0]), its flags
// and -o options as the command line gave them (see run), and posix
// (--posix or POSIXLY_CORRECT): enough to decide, before the shell is
// made, whether a setuid start keeps its privileges. See follow.
func newStartup(argv0 string, login bool, flags, opts []string, posix bool) startup {
	s := startup{posix: posix, login: login || strings.HasPrefix(argv0, "-"), setuid: privilege.Raised()}
	s.actLikeSh = strings.TrimPrefix(filepath.Base(argv0), "-") == "sh"
	for _, f := range flags {
		if f[1] == 'p' {
			s.privileged = f[0] == '-'
		}
	}
	for _, o := range opts {
		switch o {
		case "posix", "!posix":
			s.posix = o == "posix"
		case "privileged", "!privileged":
			s.privileged = o == "privileged"
		}
	}
	return s
}

// follow takes the mode from the shell once its options are set: the
// command line's and those an exported SHELLOPTS turned on (posix,
// privileged), as bash decides with them.
func (s *startup) follow(r *shell.Runner) {
	s.posix = r.State().Option("posix")
	s.privileged = r.State().Option("privileged")
}

// readsBashEnv reports whether a non-interactive shell sources $BASH_ENV.
func (s startup) readsBashEnv() bool {
	return !s.setuid && !s.posix && !s.actLikeSh && !s.privileged
}

// readsRC reports whether an interactive shell runs ~/.pipeshrc (or the
// --rcfile file); --norc is checked by the caller.
func (s startup) readsRC() bool {
	return !s.setuid && !s.posix && !s.actLikeSh && !s.login
}

// readsProfile reports whether a login shell reads the profiles (see
// runProfile); --noprofile is checked by the caller.
func (s startup) readsProfile() bool {
	return s.login && !s.setuid && !s.posix
}

// sysProfile is the profile every login shell reads first.
const sysProfile = "/etc/profile"

// runProfile runs a login shell's profiles in r: /etc/profile, then the
// first of ~/.pipesh_profile and ~/.profile that exists (only ~/.profile
// when named sh), HOME taken after /etc/profile has run. It stops if one
// of them exits.
func (s startup) runProfile(ctx context.Context, r *shell.Runner) {
	r.RunEnvFile(ctx, sysProfile)
	home := r.State().Var("HOME").String()
	if r.Exited() || home == "" {
		return
	}
	names := []string{".pipesh_profile", ".profile"}
	if s.actLikeSh {
		names = names[1:]
	}
	for _, name := range names {
		path := filepath.Join(home, name)
		if _, err := os.Stat(path); err == nil {
			r.RunEnvFile(ctx, path)
			return
		}
	}
}

// readsENV reports whether an interactive shell runs the file $ENV names.
func (s startup) readsENV() bool {
	return !s.setuid && !s.privileged && (s.posix || s.actLikeSh)
}

// afterFiles puts a shell named sh into POSIX mode once its startup
// files have run, as bash does.
func (s startup) afterFiles(r *shell.Runner) {
	if s.actLikeSh {
		r.State().SetOption("posix", true)
	}
}

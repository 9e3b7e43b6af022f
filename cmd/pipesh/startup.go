package main

import (
	"path/filepath"
	"strings"

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
//   - a setuid start reads none of them.
type startup struct {
	actLikeSh  bool // invoked as sh (or -sh): posix mode after the files
	posix      bool // --posix, -o posix, POSIXLY_CORRECT in the environment
	privileged bool // -p or -o privileged, the last one given
	setuid     bool // effective ids differ from the real ones
}

// newStartup reads the mode from the shell's name (argv[0]), its flags
// and -o options as the command line gave them (see run), and posix
// (--posix or POSIXLY_CORRECT): enough to decide, before the shell is
// made, whether a setuid start keeps its privileges. See follow.
func newStartup(argv0 string, flags, opts []string, posix bool) startup {
	s := startup{posix: posix, setuid: shell.RunningSetuid()}
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
	s.posix = r.Option("posix")
	s.privileged = r.Option("privileged")
}

// readsBashEnv reports whether a non-interactive shell sources $BASH_ENV.
func (s startup) readsBashEnv() bool {
	return !s.setuid && !s.posix && !s.actLikeSh && !s.privileged
}

// readsRC reports whether an interactive shell runs ~/.pipeshrc (or the
// --rcfile file); --norc is checked by the caller.
func (s startup) readsRC() bool {
	return !s.setuid && !s.posix && !s.actLikeSh
}

// readsENV reports whether an interactive shell runs the file $ENV names.
func (s startup) readsENV() bool {
	return !s.setuid && !s.privileged && (s.posix || s.actLikeSh)
}

// afterFiles puts a shell named sh into POSIX mode once its startup
// files have run, as bash does.
func (s startup) afterFiles(r *shell.Runner) {
	if s.actLikeSh {
		r.SetOption("posix", true)
	}
}

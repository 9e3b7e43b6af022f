package shell

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

type opt int

// The set -o options, in bash's set -o listing order.
const (
	optAllExport opt = iota
	optBraceExpand
	optEmacs
	optErrExit
	optErrTrace
	optFuncTrace
	optHashAll
	optHistExpand
	optHistory
	optIgnoreEOF
	optInteractiveComments
	optKeyword
	optMonitor
	optNoClobber
	optNoExec
	optNoGlob
	optNoLog
	optNotify
	optNoUnset
	optOneCmd
	optPhysical
	optPipeFail
	optPosix
	optPrivileged
	optVerbose
	optVi
	optXtrace
	optIPCTrace
	optForkSubshells // every subshell a process of its own (childsub.go)
	optInteractive   // not settable; shows as i in $-
	numOpts
)

var optNames = [numOpts]string{
	"allexport", "braceexpand", "emacs", "errexit", "errtrace", "functrace",
	"hashall", "histexpand", "history", "ignoreeof", "interactive-comments",
	"keyword", "monitor", "noclobber", "noexec", "noglob", "nolog", "notify",
	"nounset", "onecmd", "physical", "pipefail", "posix", "privileged",
	"verbose", "vi", "xtrace", "ipctrace", "forksubshells", "",
}

// optFlags maps set's single-letter flags to options.
var optFlags = map[byte]opt{
	'a': optAllExport, 'B': optBraceExpand, 'e': optErrExit, 'E': optErrTrace,
	'T': optFuncTrace, 'h': optHashAll, 'H': optHistExpand, 'k': optKeyword,
	'm': optMonitor, 'C': optNoClobber, 'n': optNoExec, 'f': optNoGlob,
	'b': optNotify, 'u': optNoUnset, 't': optOneCmd, 'P': optPhysical,
	'p': optPrivileged, 'v': optVerbose, 'x': optXtrace,
}

// flagOrder is the order bash prints $-.
const flagOrder = "abefhikmnptuvxBCEHPT"

func (r *Runner) flagString() string {
	var b []byte
	for i := 0; i < len(flagOrder); i++ {
		c := flagOrder[i]
		if c == 'i' {
			if r.opts[optInteractive] {
				b = append(b, 'i')
			}
			continue
		}
		if o, ok := optFlags[c]; ok && r.opts[o] {
			b = append(b, c)
		}
	}
	return string(b) + r.sh.invoke
}

func optByName(name string) (opt, bool) {
	for i, n := range optNames {
		if n == name && n != "" {
			return opt(i), true
		}
	}
	return 0, false
}

// shellopts is $SHELLOPTS: the names of the set -o options that are on,
// sorted, separated by colons.
func (r *Runner) shellopts() string {
	var on []string
	for o, name := range optNames {
		if name != "" && r.opts[o] {
			on = append(on, name)
		}
	}
	slices.Sort(on)
	return strings.Join(on, ":")
}

// bashopts is $BASHOPTS: the names of the shopt options that are on,
// sorted, joined by colons.
func (r *Runner) bashopts() string {
	var on []string
	for _, name := range shoptNames {
		if r.shopts[name] {
			on = append(on, name)
		}
	}
	slices.Sort(on)
	return strings.Join(on, ":")
}

// setOption turns an option on or off by its long name.
func (r *Runner) setOption(name string, on bool) error {
	if path, ok := strings.CutPrefix(name, "ipcgraph="); ok || name == "ipcgraph" && !on {
		return r.setIPCGraph(path, on)
	}
	o, ok := optByName(name)
	if !ok {
		return fmt.Errorf("%s: invalid option name", name)
	}
	if o == optIPCTrace {
		if err := r.setIPCTrace(on); err != nil {
			return err
		}
	}
	r.opts[o] = on
	switch o {
	case optPrivileged:
		if !on {
			r.unprivileged()
		}
	case optEmacs:
		if on {
			r.opts[optVi] = false
		}
	case optVi:
		if on {
			r.opts[optEmacs] = false
		}
	}
	r.envCache = nil // an exported SHELLOPTS changes
	r.syncExpand()
	return nil
}

// setFlag turns an option on or off by its set flag letter.
func (r *Runner) setFlag(c byte, on bool) bool {
	o, ok := optFlags[c]
	if !ok {
		return false
	}
	r.opts[o] = on
	if o == optPrivileged && !on {
		r.unprivileged()
	}
	r.envCache = nil // an exported SHELLOPTS changes
	r.syncExpand()
	return true
}

// shoptNames are bash 5.2's shopt options, in its listing order. Some
// only exist so that scripts setting them run (the compat levels,
// direxpand, restricted_shell); see README.
var shoptNames = []string{
	"autocd", "assoc_expand_once", "cdable_vars", "cdspell", "checkhash", "checkjobs", "checkwinsize",
	"cmdhist", "compat31", "compat32", "compat40", "compat41", "compat42", "compat43", "compat44",
	"complete_fullquote", "direxpand", "dirspell", "dotglob", "execfail", "expand_aliases", "extdebug", "extglob",
	"extquote", "failglob", "force_fignore", "globasciiranges", "globskipdots", "globstar",
	"gnu_errfmt", "histappend", "histreedit", "histverify", "hostcomplete",
	"huponexit", "inherit_errexit", "interactive_comments", "lastpipe",
	"lithist", "localvar_inherit", "localvar_unset", "login_shell", "mailwarn",
	"no_empty_cmd_completion", "nocaseglob", "nocasematch", "noexpand_translation", "nullglob",
	"patsub_replacement", "progcomp", "progcomp_alias", "promptvars", "restricted_shell",
	"shift_verbose", "sourcepath", "varredir_close", "xpg_echo",
}

func defaultShopts() map[string]bool {
	m := make(map[string]bool, len(shoptNames))
	for _, n := range shoptNames {
		m[n] = false
	}
	for _, n := range []string{"checkwinsize", "cmdhist", "complete_fullquote", "extquote", "force_fignore",
		"globasciiranges", "globskipdots", "hostcomplete", "interactive_comments", "patsub_replacement",
		"progcomp", "promptvars", "sourcepath"} {
		m[n] = true
	}
	return m
}

func (r *Runner) setShopt(name string, on bool) error {
	if !slices.Contains(shoptNames, name) {
		return fmt.Errorf("%s: invalid shell option name", name)
	}
	if r.shoptsCOW {
		r.shopts, r.shoptsCOW = maps.Clone(r.shopts), false
	}
	r.shopts[name] = on
	r.envCache = nil // an exported BASHOPTS changes
	if name == "extdebug" {
		r.extdebugChanged(on)
	}
	r.syncExpand()
	return nil
}

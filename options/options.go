// Package options is the table of bash's options as pipesh knows them:
// the set -o options with their names and single letters, the order $-
// shows the letters in, the shopt options with their defaults, and how
// $-, SHELLOPTS and BASHOPTS show the options that are on. Which are on
// is the shell's.
package options

import "slices"

// Opt is a set -o option.
type Opt int

// The set -o options, in bash's set -o listing order.
const (
	AllExport Opt = iota
	BraceExpand
	Emacs
	ErrExit
	ErrTrace
	FuncTrace
	HashAll
	HistExpand
	History
	IgnoreEOF
	InteractiveComments
	Keyword
	Monitor
	NoClobber
	NoExec
	NoGlob
	NoLog
	Notify
	NoUnset
	OneCmd
	Physical
	PipeFail
	Posix
	Privileged
	Verbose
	Vi
	Xtrace
	IPCTrace
	ForkSubshells // every subshell a process of its own (a child pipesh)
	Interactive   // not settable; shows as i in $-
	Count         // the number of options
)

// names are the options' set -o names, indexed by Opt; Interactive has
// none.
var names = [Count]string{
	"allexport", "braceexpand", "emacs", "errexit", "errtrace", "functrace",
	"hashall", "histexpand", "history", "ignoreeof", "interactive-comments",
	"keyword", "monitor", "noclobber", "noexec", "noglob", "nolog", "notify",
	"nounset", "onecmd", "physical", "pipefail", "posix", "privileged",
	"verbose", "vi", "xtrace", "ipctrace", "forksubshells", "",
}

// letters maps set's single-letter flags to options.
var letters = map[byte]Opt{
	'a': AllExport, 'B': BraceExpand, 'e': ErrExit, 'E': ErrTrace,
	'T': FuncTrace, 'h': HashAll, 'H': HistExpand, 'k': Keyword,
	'm': Monitor, 'C': NoClobber, 'n': NoExec, 'f': NoGlob,
	'b': Notify, 'u': NoUnset, 't': OneCmd, 'P': Physical,
	'p': Privileged, 'v': Verbose, 'x': Xtrace,
}

// LetterOrder is the order bash shows the option letters in $-; i stands
// for Interactive, which ByLetter does not know.
const LetterOrder = "abefhikmnptuvxBCEHPT"

// Name is o's set -o name: "" for Interactive, which set cannot change,
// and for a value that is no option.
func (o Opt) Name() string {
	if o < 0 || o >= Count {
		return ""
	}
	return names[o]
}

// ByName finds the option set -o calls name.
func ByName(name string) (Opt, bool) {
	if name == "" {
		return 0, false
	}
	for i, n := range names {
		if n == name {
			return Opt(i), true
		}
	}
	return 0, false
}

// ByLetter finds the option set's flag c stands for (set -e: 'e').
func ByLetter(c byte) (Opt, bool) {
	o, ok := letters[c]
	return o, ok
}

// Names lists the set -o options' names in bash's listing order; the
// caller owns the slice.
func Names() []string {
	list := make([]string, 0, Count)
	for _, n := range names {
		if n != "" {
			list = append(list, n)
		}
	}
	return list
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

// ShoptNames lists the shopt options in bash's listing order; the caller
// owns the slice.
func ShoptNames() []string { return slices.Clone(shoptNames) }

// IsShopt reports whether name is a shopt option.
func IsShopt(name string) bool { return slices.Contains(shoptNames, name) }

// DefaultShopts is a new map of every shopt option to its value in a
// shell just started, as bash's.
func DefaultShopts() map[string]bool {
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

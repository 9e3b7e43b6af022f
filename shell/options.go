package shell

import (
	"fmt"
	"maps"
	"strings"

	"pipesh/options"
)

// opt is a set -o option; package options has their table.
type opt = options.Opt

// The set -o options (options.Opt), by their names in the shell.
const (
	optAllExport           = options.AllExport
	optBraceExpand         = options.BraceExpand
	optEmacs               = options.Emacs
	optErrExit             = options.ErrExit
	optErrTrace            = options.ErrTrace
	optFuncTrace           = options.FuncTrace
	optHashAll             = options.HashAll
	optHistExpand          = options.HistExpand
	optHistory             = options.History
	optIgnoreEOF           = options.IgnoreEOF
	optInteractiveComments = options.InteractiveComments
	optKeyword             = options.Keyword
	optMonitor             = options.Monitor
	optNoClobber           = options.NoClobber
	optNoExec              = options.NoExec
	optNoGlob              = options.NoGlob
	optNoLog               = options.NoLog
	optNotify              = options.Notify
	optNoUnset             = options.NoUnset
	optOneCmd              = options.OneCmd
	optPhysical            = options.Physical
	optPipeFail            = options.PipeFail
	optPosix               = options.Posix
	optPrivileged          = options.Privileged
	optVerbose             = options.Verbose
	optVi                  = options.Vi
	optXtrace              = options.Xtrace
	optIPCTrace            = options.IPCTrace
	optForkSubshells       = options.ForkSubshells
	optInteractive         = options.Interactive
	numOpts                = options.Count
)

// flagString is $-.
func (r *Runner) flagString() string { return options.Flags(&r.opts) + r.sh.invoke }

// optByName finds a set -o option by its long name.
func optByName(name string) (opt, bool) { return options.ByName(name) }

// shellopts is $SHELLOPTS.
func (r *Runner) shellopts() string { return options.SetoList(&r.opts) }

// bashopts is $BASHOPTS.
func (r *Runner) bashopts() string { return options.ShoptList(r.shopts) }

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
	o, ok := options.ByLetter(c)
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

func (r *Runner) setShopt(name string, on bool) error {
	if !options.IsShopt(name) {
		return fmt.Errorf("%s: invalid shell option name", name)
	}
	if name == "login_shell" {
		return nil // as bash: read-only, and setting it is no error
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

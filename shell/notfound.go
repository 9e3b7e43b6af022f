package shell

import (
	"context"
	"errors"
)

// notFoundHandler is the function bash calls for a command it finds
// neither as a function or builtin nor on PATH.
const notFoundHandler = "command_not_found_handle"

// handleNotFound runs command_not_found_handle, when it is defined and
// err is a PATH search's failure (not a name with a slash), as bash
// does: in a subshell (what it changes stays there), with the command
// and its arguments as its arguments, its status the command's. ok is
// false when there is no handler to run. A command not found by the
// handler itself is reported as usual, where bash would call the
// handler again without end.
func (r *Runner) handleNotFound(ctx context.Context, args []string, err error) (status int, ok bool) {
	fn, defined := r.funcs[notFoundHandler]
	if !defined || !errors.Is(err, errNotFound) {
		return 0, false
	}
	for _, f := range r.frames {
		if f.Fn && f.Name == notFoundHandler {
			return 0, false
		}
	}
	sub := r.sub()
	sub.callFunc(ctx, notFoundHandler, fn, args)
	sub.runExitTrap(ctx)
	sub.endSub()
	return sub.status, true
}

package shell

import "mvdan.cc/sh/v3/expand"

// dirStackVar is DIRSTACK: the current directory, then the stack.
func (r *Runner) dirStackVar() expand.Variable {
	return expand.Variable{Set: true, Kind: expand.Indexed, List: append([]string{r.dir}, r.dirStack...)}
}

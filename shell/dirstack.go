package shell

import (
	"slices"

	"mvdan.cc/sh/v3/expand"
)

// DirStack is pushd's directory stack below the current directory.
func (r *Runner) DirStack() []string { return slices.Clone(r.dirStack) }

// SetDirStack replaces the directory stack.
func (r *Runner) SetDirStack(dirs []string) { r.dirStack = slices.Clone(dirs) }

// dirStackVar is DIRSTACK: the current directory, then the stack.
func (r *Runner) dirStackVar() expand.Variable {
	return expand.Variable{Set: true, Kind: expand.Indexed, List: append([]string{r.dir}, r.dirStack...)}
}

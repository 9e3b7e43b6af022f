package shell

import "pipesh/prompt"

// DefaultPS1 is the prompt when PS1 is unset.
const DefaultPS1 = "pipesh$ "

// Prompt returns the expanded primary (PS1) or continuation (PS2)
// prompt: bash's backslash escapes first, then parameter expansion, as
// with bash's promptvars.
func (r *Runner) Prompt(continuation bool) string {
	name, def := "PS1", DefaultPS1
	if continuation {
		name, def = "PS2", "> "
	}
	vr := r.lookupVar(name)
	ps := def
	if vr.IsSet() {
		ps = vr.String()
	}
	ps = r.promptEscapes(ps)
	if out, err := r.literalString(ps); err == nil {
		ps = out
	}
	return ps
}

// promptEscapes decodes ps's backslash escapes (package prompt).
func (r *Runner) promptEscapes(ps string) string {
	return prompt.Decode(ps, promptView{r}, Version)
}

// promptView shows the shell to package prompt.
type promptView struct{ r *Runner }

func (v promptView) Var(name string) (string, bool, bool) {
	vr := v.r.lookupVar(name)
	return vr.String(), vr.IsSet(), vr.Exported
}

func (v promptView) Dir() string  { return v.r.dir }
func (v promptView) Name() string { return v.r.sh.name }
func (v promptView) Jobs() int    { return v.r.jobs.Len() }

func (v promptView) History() (next, commands int) {
	if h := v.r.sh.hist; h != nil {
		return h.Next(), h.Commands()
	}
	return 1, 0
}

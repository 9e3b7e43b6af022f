package signals

// Inherit says which traps code run apart from the shell's own top
// level keeps, as bash has it: a function and a subshell keep DEBUG and
// RETURN with set -T (FuncTrace) and ERR with set -E (ErrTrace); a
// subshell also keeps the signals trapped with an empty action, which
// stay ignored in it. Other signal traps are the function's too (they
// are the process's), and are reset in a subshell.
type Inherit struct{ FuncTrace, ErrTrace bool }

// Subshell copies into dst what a subshell keeps of the trap table
// traps.
func (in Inherit) Subshell(dst, traps map[string]string) {
	for k, v := range traps {
		switch {
		case v == "",
			k == "ERR" && in.ErrTrace,
			(k == "DEBUG" || k == "RETURN") && in.FuncTrace:
			dst[k] = v
		}
	}
}

// Function hides from a function about to run, in the trap table traps,
// the traps it does not inherit; RETURN is hidden too while the DEBUG
// trap runs (inDebug), whose functions never see it. The returned
// function, called as the function returns, puts each hidden trap back,
// unless the function set a new one, which then stays.
func (in Inherit) Function(traps map[string]string, inDebug bool) (leave func()) {
	if len(traps) == 0 {
		return func() {}
	}
	hide := func(name string, inherit bool) (string, bool) {
		act, ok := traps[name]
		if !ok || inherit {
			return "", false
		}
		delete(traps, name)
		return act, true
	}
	debug, hidDebug := hide("DEBUG", in.FuncTrace)
	errAct, hidErr := hide("ERR", in.ErrTrace)
	ret, hidRet := hide("RETURN", in.FuncTrace && !inDebug)
	if !hidDebug && !hidErr && !hidRet {
		return func() {}
	}
	return func() {
		restore := func(name, act string, hid bool) {
			if _, set := traps[name]; hid && !set {
				traps[name] = act
			}
		}
		restore("DEBUG", debug, hidDebug)
		restore("ERR", errAct, hidErr)
		restore("RETURN", ret, hidRet)
	}
}

package childstate

import "mvdan.cc/sh/v3/syntax"

// TouchesProcess reports whether code n may change what a process owns
// (umask, limits, signal dispositions, exec, also through builtin or
// command) or asks for its pid ($BASHPID): a subshell running it that
// would run in-process, sharing the shell's process, must then be a
// child process of its own. The functions n calls by name are looked
// into too, each once: body returns a function's body, or false when
// name is no function.
func TouchesProcess(n syntax.Node, body func(name string) (syntax.Node, bool)) bool {
	return touches(n, body, nil)
}

// touches is TouchesProcess; seen holds the functions already looked
// into (nil for none yet).
func touches(n syntax.Node, body func(string) (syntax.Node, bool), seen map[string]bool) bool {
	found := false
	syntax.Walk(n, func(n syntax.Node) bool {
		if found {
			return false
		}
		switch n := n.(type) {
		case *syntax.ParamExp:
			if n.Param != nil && n.Param.Value == "BASHPID" {
				found = true
			}
		case *syntax.CallExpr:
			if len(n.Args) == 0 {
				return true
			}
			name := n.Args[0].Lit()
			if (name == "builtin" || name == "command") && len(n.Args) > 1 {
				name = n.Args[1].Lit()
			}
			switch name {
			case "umask", "ulimit", "trap", "exec":
				found = true
			}
			if fn, ok := body(name); ok && !seen[name] {
				if seen == nil {
					seen = map[string]bool{}
				}
				seen[name] = true
				found = touches(fn, body, seen)
			}
		}
		return !found
	})
	return found
}

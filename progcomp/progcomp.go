// Package progcomp is what bash's programmable completion tells the
// functions and commands it runs, and reads back from them: the COMP_
// variables of the line being completed, and COMPREPLY. Running them is
// the shell's; which to run, for which line, the REPL's.
package progcomp

import (
	"strconv"
	"strings"

	"mvdan.cc/sh/v3/expand"

	"pipesh/builtins"
)

// Context is what a completion function or command is told of the line
// being completed: bash's COMP_ variables.
type Context struct {
	Words []string // COMP_WORDS: the line split at COMP_WORDBREAKS
	CWord int      // COMP_CWORD: the index in Words of the word completed
	Line  string   // COMP_LINE: the command line
	Point int      // COMP_POINT: the cursor's index in Line, in bytes
	Key   int      // COMP_KEY: the key that asked (9 for Tab)
	Type  int      // COMP_TYPE: '\t' for a completion, '?' for a listing, ...
	// Spec is the specification being run; compopt changes it.
	Spec *builtins.CompSpec
}

// VarNames are the names of the variables Vars sets, for unsetting them
// after.
var VarNames = [...]string{"COMP_WORDS", "COMP_CWORD", "COMP_LINE", "COMP_POINT", "COMP_KEY", "COMP_TYPE"}

// Var is one variable to set.
type Var struct {
	Name string
	expand.Variable
}

// Vars are the COMP_ variables of cc, as bash sets them: COMP_WORDS an
// array of its own, COMP_LINE, COMP_POINT, COMP_KEY and COMP_TYPE
// exported (a command run by complete -C sees them in its environment),
// COMP_CWORD not.
func (cc Context) Vars() []Var {
	str := func(name, v string, export bool) Var {
		return Var{name, expand.Variable{Set: true, Kind: expand.String, Str: v, Exported: export}}
	}
	return []Var{
		{"COMP_WORDS", expand.Variable{Set: true, Kind: expand.Indexed, List: append([]string{}, cc.Words...)}},
		str("COMP_CWORD", strconv.Itoa(cc.CWord), false),
		str("COMP_LINE", cc.Line, true),
		str("COMP_POINT", strconv.Itoa(cc.Point), true),
		str("COMP_KEY", strconv.Itoa(cc.Key), true),
		str("COMP_TYPE", strconv.Itoa(cc.Type), true),
	}
}

// Reply is the candidates a completion function left in COMPREPLY
// (vr): an indexed array's elements, an associative one's values (in no
// order), or a plain string as the one candidate; none when it is
// unset.
func Reply(vr expand.Variable) []string {
	var reply []string
	switch vr.Kind {
	case expand.Indexed:
		reply = append(reply, vr.List...)
	case expand.Associative:
		for _, w := range vr.Map {
			reply = append(reply, w)
		}
	default:
		if vr.IsSet() {
			reply = []string{vr.String()}
		}
	}
	return reply
}

// Lines is the candidates a complete -C command printed (its output
// text): one a line, empty lines none.
func Lines(text string) []string {
	var lines []string
	for _, l := range strings.Split(text, "\n") {
		if l != "" {
			lines = append(lines, l)
		}
	}
	return lines
}

package wordexp

import (
	"mvdan.cc/sh/v3/expand"
	"mvdan.cc/sh/v3/syntax"
)

// UnsetText is bash's message for an expansion of an unset or null
// parameter that is an error (set -u, ${x?}, ${x:?}): "NAME: " and the
// message the expansion gives, else bash's own words for it. A special
// parameter is named with its $ ("$1: unbound variable" is bash's
// "$1").
func UnsetText(ue expand.UnsetParameterError) string {
	name := "?"
	if ue.Node != nil && ue.Node.Param != nil {
		name = ue.Node.Param.Value
	}
	if name != "" && !syntax.ValidName(name) {
		name = "$" + name
	}
	msg := ue.Message
	if msg == "" {
		msg = "parameter null or not set"
		if ue.Node != nil && ue.Node.Exp != nil && ue.Node.Exp.Op == syntax.ErrorUnset {
			msg = "parameter not set" // ${x?}: only unset is an error
		}
	}
	return name + ": " + msg
}

package redir

import (
	"strconv"

	"mvdan.cc/sh/v3/syntax"
)

// Targets is the fds a redirection makes something of: the one written
// before its operator or the operator's default, and 2 as well for &>
// and &>>. It is nil for a {name} redirection, whose fd is known only
// once the redirection is done (it is in the variable then).
func Targets(rd *syntax.Redirect) []int {
	fd := DefaultFd(rd.Op)
	if rd.N != nil {
		n, err := strconv.Atoi(rd.N.Value)
		if err != nil {
			return nil
		}
		fd = n
	}
	if rd.Op == syntax.RdrAll || rd.Op == syntax.AppAll {
		return []int{fd, 2}
	}
	return []int{fd}
}

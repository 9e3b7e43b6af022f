package main

import (
	"fmt"
	"os"
	"strconv"

	"pipesh/errmsg"
	"pipesh/shell"
)

// subshellMain is pipesh started by itself as a subshell child (`pipesh
// --subshell N`): its state and code come on fd N, its other inherited
// fds are the subshell's fd table.
func subshellMain(fdArg string, stdin, stdout, stderr *os.File) int {
	n, err := strconv.Atoi(fdArg)
	if err != nil || n < 3 {
		errmsg.Report(stderr, fmt.Errorf("%s: %s: not a descriptor", shell.SubshellFlag, fdArg))
		return 2
	}
	fds := fdsThrough(n) // the parent passed none above the state's
	state, ok := fds[n]
	if !ok {
		errmsg.Report(stderr, fmt.Errorf("%s: fd %d is not open", shell.SubshellFlag, n))
		return 2
	}
	delete(fds, n)
	return shell.RunChild(shell.Config{
		Stdin:  stdin,
		Stdout: stdout,
		Stderr: stderr,
		Env:    os.Environ(),
		Fds:    fds,
	}, state)
}

package builtins

import (
	"errors"
	"io"

	"pipesh/errmsg"
)

// ErrInterrupted is what Fds.EditLine returns for Ctrl-C.
var ErrInterrupted = errors.New("interrupted")

// readEdited is read -e on a terminal: the line comes from the shell's
// line editor (-p its prompt, -i its text to start with) and is split as
// a line read is. ok is false when the shell has no editor. Ctrl-C
// abandons the command line with status 130, as in bash.
func readEdited(c *Call, sh readShell, names []string, o *readOpts) (status int, ok bool) {
	line, ok, err := sh.EditLine(o.prompt, o.text)
	if !ok {
		return 0, false
	}
	switch {
	case errors.Is(err, ErrInterrupted):
		sh.Abort()
		return 130, true
	case err == io.EOF:
		line, status = "", 1
	case err != nil:
		c.Sh.Errorf(c, "read error: %d: %s", o.fd, errmsg.Text(err))
		return 1, true
	default:
		line += string(o.delim)
	}
	text, st, err := readLine(&byteSource{buf: []byte(line), fixed: true}, o)
	if err != nil {
		c.Sh.Errorf(c, "read error: %d: %s", o.fd, errmsg.Text(err))
		return 1, true
	}
	if status == 0 {
		status = st
	}
	if err := assignRead(sh, text, names, o); err != nil {
		errorf(c, err)
		return 1, true
	}
	return status, true
}

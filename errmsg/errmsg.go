// Package errmsg is how pipesh words an error for its user, as bash
// does: "pipesh: " before each message of its own, strerror's text for
// an errno ("No such file or directory"), and an error type that says
// what a run-time error is about and wraps its cause.
//
// It imports only the standard library, so the shell, the builtins and
// the command all word errors alike.
package errmsg

import (
	"errors"
	"io"
	"io/fs"
	"strconv"
	"strings"
	"syscall"
)

// Prefix starts every message pipesh writes about itself or a command it
// runs; a run-time error adds the line ("pipesh: line 3: ").
const Prefix = "pipesh: "

// Text is err as bash words it: the strerror text of an errno anywhere in
// err's chain, capitalised ("Permission denied"); else the text of a
// *fs.PathError's cause (the path is said by the message, not twice);
// else err's own text.
func Text(err error) string {
	var errno syscall.Errno
	if errors.As(err, &errno) {
		if s := errno.Error(); s != "" {
			return strings.ToUpper(s[:1]) + s[1:]
		}
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return Text(pe.Err)
	}
	return err.Error()
}

// Error is a run-time error about What (a file, a command, an option),
// read as "What: cause" with the cause worded by Text.
type Error struct {
	What string
	Err  error
}

func (e *Error) Error() string { return e.What + ": " + Text(e.Err) }

// Unwrap returns the cause, so errors.Is(err, fs.ErrNotExist) and the
// like see through an *Error.
func (e *Error) Unwrap() error { return e.Err }

// Report writes err to w as one message, "pipesh: " + err's text, in one
// write: for messages tied to no line of a script (the command line, the
// shell's start). The shell's run-time errors name their line too.
func Report(w io.Writer, err error) {
	io.WriteString(w, Prefix+err.Error()+"\n")
}

// LinePrefix is what starts a run-time error about line N of the running
// code: "pipesh: line N: ". For code read from another file (a sourced
// file, or a function defined in one) file names it instead, as bash
// does, since the line is that file's: "lib.sh: line N: ". An
// interactive shell, and line 0 (before the first command: a startup
// file's name), give just Prefix.
func LinePrefix(file string, line uint, interactive bool) string {
	if file != "" && line != 0 {
		return file + ": line " + strconv.FormatUint(uint64(line), 10) + ": "
	}
	if interactive || line == 0 {
		return Prefix
	}
	return Prefix + "line " + strconv.FormatUint(uint64(line), 10) + ": "
}

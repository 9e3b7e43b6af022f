// Package funcenv is how functions travel through the environment, as
// bash sends them since 2014: a variable BASH_FUNC_name%% whose value is
// the definition without the name, starting "() {". Only exactly that
// form is imported; no other variable is ever run as code. Which
// functions a shell has, and which it exports, are the shell's.
package funcenv

import (
	"fmt"
	"strings"

	"mvdan.cc/sh/v3/syntax"

	"pipesh/parse"
)

const (
	prefix = "BASH_FUNC_"
	suffix = "%%"
)

// Name is the environment variable that carries function fname.
func Name(fname string) string { return prefix + fname + suffix }

// IsEntry reports whether an environment entry has bash's exported
// function form, BASH_FUNC_name%%=() {...
func IsEntry(name, val string) bool {
	return strings.HasPrefix(name, prefix) && strings.HasSuffix(name, suffix) &&
		len(name) > len(prefix)+len(suffix) && strings.HasPrefix(val, "() {")
}

// ImportError is an entry in the exported form that does not define
// exactly the one function its name says, which bash refuses (and warns
// about).
type ImportError struct {
	Func    string // the function the entry's name says
	Warning string // what bash warns first, "" for nothing
}

func (e *ImportError) Error() string {
	return fmt.Sprintf("error importing function definition for `%s'", e.Func)
}

// Decode parses the function an environment entry in the exported form
// (IsEntry) carries. It returns nil and no error for a name that can be
// no function's (empty, or with a '/'), which bash passes over silently,
// and an *ImportError for an entry that is not exactly one definition
// of that function.
func Decode(name, val string) (*syntax.FuncDecl, error) {
	fname := strings.TrimSuffix(strings.TrimPrefix(name, prefix), suffix)
	if fname == "" || strings.Contains(fname, "/") {
		return nil, nil
	}
	f, err := parse.File(strings.NewReader(fname+" "+val), "")
	if err != nil || len(f.Stmts) == 0 {
		return nil, &ImportError{Func: fname}
	}
	fd, ok := f.Stmts[0].Cmd.(*syntax.FuncDecl)
	if !ok || fd.Name.Value != fname {
		return nil, &ImportError{Func: fname}
	}
	if len(f.Stmts) != 1 || f.Stmts[0].Redirs != nil {
		// "() { :; }; cmd": the 2014 attack's form; nothing after the
		// definition ever runs
		return nil, &ImportError{Func: fname, Warning: "ignoring function definition attempt"}
	}
	return fd, nil
}

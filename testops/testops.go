// Package testops evaluates the operators of test, [ and [[ ]]: the
// string, integer and file tests, -v, -o, -R and -t. The test builtin and
// the interpreter's [[ ]] share it, so both answer alike.
package testops

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"

	"golang.org/x/sys/unix"
	"mvdan.cc/sh/v3/expand"

	"pipesh/array"
)

// Env is what the operators read of the shell. Paths are relative to the
// shell's own directory (Dir), never the process's, and /dev/fd/N names
// the shell's own descriptor N.
type Env interface {
	// Var returns a variable (unset if absent).
	Var(name string) expand.Variable
	// Option reports whether a set -o option is on (test -o).
	Option(name string) bool
	// Fd returns the shell's descriptor n; ok is false when it is not
	// open.
	Fd(n int) (f *os.File, ok bool)
	// Dir is the shell's current directory.
	Dir() string
	// EvalArith evaluates arithmetic text as bash does, which -v
	// 'a[i+1]' needs for a subscript that is not a decimal number.
	EvalArith(expr string) (int, error)
}

// IsUnaryTestOp reports whether op is a unary test operator ("-f", "-z",
// "-v", ...).
func IsUnaryTestOp(op string) bool {
	return len(op) == 2 && op[0] == '-' && strings.IndexByte("abcdefghknoprstuvwxzGLNORS", op[1]) >= 0
}

// IsBinaryTestOp reports whether op is a binary operator of test (not -a
// and -o, which test parses as connectives).
func IsBinaryTestOp(op string) bool {
	switch op {
	case "=", "==", "!=", "<", ">", "-eq", "-ne", "-lt", "-le", "-gt", "-ge", "-nt", "-ot", "-ef":
		return true
	}
	return false
}

// UnaryTest evaluates a unary operator as test does: the string tests -n
// and -z, -v VAR (set, including "a[1]" elements), -o OPTION, -R VAR
// (nameref), -t FD, and the file tests (see [FileTest]). An unknown
// operator is false.
func UnaryTest(sh Env, op, arg string) bool {
	if len(op) != 2 || op[0] != '-' {
		return false
	}
	switch op[1] {
	case 'n':
		return arg != ""
	case 'z':
		return arg == ""
	case 'v':
		return VarIsSet(sh, arg)
	case 'R':
		return sh.Var(arg).Kind == expand.NameRef
	case 'o':
		return sh.Option(arg)
	case 't':
		n, err := strconv.Atoi(strings.TrimSpace(arg))
		if err != nil {
			return false
		}
		f, ok := sh.Fd(n)
		if !ok || f == nil {
			return false
		}
		_, err = unix.IoctlGetTermios(int(f.Fd()), unix.TCGETS)
		return err == nil
	}
	return FileTest(sh, op[1], arg)
}

// VarIsSet reports whether a variable, or an array element written
// "name[index]", is set, as test -v does.
func VarIsSet(sh Env, ref string) bool {
	name, index, hasIndex := strings.Cut(ref, "[")
	if hasIndex {
		if !strings.HasSuffix(index, "]") {
			return false
		}
		index = index[:len(index)-1]
	}
	vr := sh.Var(name)
	if vr.Kind == expand.NameRef {
		vr = sh.Var(vr.Str)
	}
	if !vr.IsSet() {
		return false
	}
	if !hasIndex || index == "@" || index == "*" {
		if vr.Kind == expand.Indexed && !hasIndex {
			_, ok := array.Elem(vr, 0)
			return ok
		}
		return true
	}
	switch vr.Kind {
	case expand.Associative:
		_, ok := vr.Map[index]
		return ok
	case expand.Indexed:
		i, err := arithIndex(sh, index) // a[i+1], as bash evaluates it
		if err != nil {
			return false
		}
		if i < 0 {
			i += array.Len(vr)
		}
		_, ok := array.Elem(vr, i)
		return ok
	}
	return strings.TrimSpace(index) == "0"
}

// arithIndex evaluates an array subscript: a decimal number as it is,
// other text as arithmetic.
func arithIndex(sh Env, expr string) (int, error) {
	if n, err := strconv.Atoi(strings.TrimSpace(expr)); err == nil {
		return n, nil
	}
	return sh.EvalArith(expr)
}

// absPath makes path absolute against the shell's directory.
func absPath(sh Env, path string) string {
	if filepath.IsAbs(path) {
		return path
	}
	return filepath.Join(sh.Dir(), path)
}

// statPath stats a test operand. /dev/fd/N, /dev/stdin, /dev/stdout and
// /dev/stderr name the shell's own fds (which need not be the process's),
// as bash treats them in test.
func statPath(sh Env, path string, lstat bool) (*syscall.Stat_t, bool) {
	fd := -1
	switch {
	case path == "/dev/stdin":
		fd = 0
	case path == "/dev/stdout":
		fd = 1
	case path == "/dev/stderr":
		fd = 2
	case strings.HasPrefix(path, "/dev/fd/"):
		if n, err := strconv.Atoi(path[len("/dev/fd/"):]); err == nil {
			fd = n
		}
	}
	var st syscall.Stat_t
	if fd >= 0 {
		f, ok := sh.Fd(fd)
		if !ok || f == nil {
			return nil, false
		}
		if err := syscall.Fstat(int(f.Fd()), &st); err != nil {
			return nil, false
		}
		return &st, true
	}
	if path == "" {
		return nil, false
	}
	var err error
	if lstat {
		err = syscall.Lstat(absPath(sh, path), &st)
	} else {
		err = syscall.Stat(absPath(sh, path), &st)
	}
	return &st, err == nil
}

// FileTest evaluates a file test operator given by its letter (the 'f' of
// -f): a e b c d f g h L k p r s S u w x G O N. A file that cannot be
// stat'ed makes every test false.
func FileTest(sh Env, op byte, path string) bool {
	st, ok := statPath(sh, path, op == 'h' || op == 'L')
	if !ok {
		return false
	}
	typ := st.Mode & syscall.S_IFMT
	switch op {
	case 'a', 'e':
		return true
	case 'b':
		return typ == syscall.S_IFBLK
	case 'c':
		return typ == syscall.S_IFCHR
	case 'd':
		return typ == syscall.S_IFDIR
	case 'f':
		return typ == syscall.S_IFREG
	case 'h', 'L':
		return typ == syscall.S_IFLNK
	case 'p':
		return typ == syscall.S_IFIFO
	case 'S':
		return typ == syscall.S_IFSOCK
	case 's':
		return st.Size > 0
	case 'g':
		return st.Mode&syscall.S_ISGID != 0
	case 'u':
		return st.Mode&syscall.S_ISUID != 0
	case 'k':
		return st.Mode&syscall.S_ISVTX != 0
	case 'O':
		return int(st.Uid) == os.Geteuid()
	case 'G':
		return int(st.Gid) == os.Getegid()
	case 'N':
		return st.Mtim.Sec > st.Atim.Sec || st.Mtim.Sec == st.Atim.Sec && st.Mtim.Nsec > st.Atim.Nsec
	case 'r':
		return access(sh, path, st, unix.R_OK)
	case 'w':
		return access(sh, path, st, unix.W_OK)
	case 'x':
		return access(sh, path, st, unix.X_OK)
	}
	return false
}

// access checks permission with the effective ids, as bash's eaccess.
// root may read and write anything, but execute only what has an x bit
// (or is a directory), which faccessat does not always say.
func access(sh Env, path string, st *syscall.Stat_t, mode uint32) bool {
	if os.Geteuid() == 0 {
		if mode != unix.X_OK {
			return true
		}
		return st.Mode&0o111 != 0 || st.Mode&syscall.S_IFMT == syscall.S_IFDIR
	}
	if strings.HasPrefix(path, "/dev/fd/") || path == "/dev/stdin" || path == "/dev/stdout" || path == "/dev/stderr" {
		return true // an open fd was already granted its access
	}
	return unix.Faccessat(unix.AT_FDCWD, absPath(sh, path), mode, unix.AT_EACCESS) == nil
}

// BinaryTest evaluates a binary operator of test: strings (= == != < >,
// compared bytewise as test does), integers (-eq ... -ge; an operand that
// is not an integer is an error "X: integer expression expected") and
// files (-nt -ot -ef).
func BinaryTest(sh Env, op, a, b string) (bool, error) {
	switch op {
	case "=", "==":
		return a == b, nil
	case "!=":
		return a != b, nil
	case "<":
		return a < b, nil
	case ">":
		return a > b, nil
	case "-nt", "-ot", "-ef":
		return CompareFiles(sh, op, a, b), nil
	}
	x, err := ParseTestInt(a)
	if err != nil {
		return false, err
	}
	y, err := ParseTestInt(b)
	if err != nil {
		return false, err
	}
	return CompareInts(op, x, y), nil
}

// ParseTestInt parses an integer operand of test: decimal, optional sign,
// blanks around it allowed. Anything else is bash's "X: integer
// expression expected".
func ParseTestInt(s string) (int64, error) {
	t := s
	if t != "" && (isTestBlank(t[0]) || isTestBlank(t[len(t)-1])) {
		t = strings.Trim(t, " \t\n\v\f\r")
	}
	n, err := strconv.ParseInt(t, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("%s: integer expression expected", s)
	}
	return n, nil
}

func isTestBlank(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'
}

// CompareInts applies an integer operator (-eq -ne -lt -le -gt -ge).
func CompareInts(op string, x, y int64) bool {
	switch op {
	case "-eq":
		return x == y
	case "-ne":
		return x != y
	case "-lt":
		return x < y
	case "-le":
		return x <= y
	case "-gt":
		return x > y
	case "-ge":
		return x >= y
	}
	return false
}

// CompareFiles applies -nt, -ot or -ef. As in bash, a file that exists is
// newer than one that does not, and -ef compares device and inode.
func CompareFiles(sh Env, op, a, b string) bool {
	sa, okA := statPath(sh, a, false)
	sb, okB := statPath(sh, b, false)
	switch op {
	case "-nt":
		if !okA || !okB {
			return okA && !okB
		}
		return mtime(sa) > mtime(sb)
	case "-ot":
		if !okA || !okB {
			return okB && !okA
		}
		return mtime(sa) < mtime(sb)
	case "-ef":
		return okA && okB && sa.Dev == sb.Dev && sa.Ino == sb.Ino
	}
	return false
}

// mtime gives the modification time in nanoseconds; a float would lose
// the nanoseconds that tell apart files written in the same second.
func mtime(st *syscall.Stat_t) int64 {
	return st.Mtim.Sec*1e9 + st.Mtim.Nsec
}

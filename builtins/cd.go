package builtins

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"pipesh/errmsg"
)

const cdUsage = "cd [-L|[-P [-e]] [-@]] [dir]"

// cdShell is what cd, pushd and popd touch: the directory, PWD, OLDPWD,
// HOME and CDPATH, and set -p (privileged, which skips CDPATH).
type cdShell interface {
	Dirs
	Vars
	Options
}

// cd changes the shell's directory (never the process's: Dirs.Chdir) and
// keeps PWD and OLDPWD. Paths are logical by default, so "cd link/.."
// comes back where it started; -P resolves symlinks first. A relative
// name is looked up in CDPATH, and cd prints the directory it chose when
// that took a CDPATH entry or "-".
func cd(ctx context.Context, c *Call, sh cdShell) int {
	out := NewOut(c.Stdout)
	flags, args, ok := parseFlags(c, c.Args, "LPe@", cdUsage)
	if !ok {
		return 2
	}
	physical := false
	for _, f := range flags {
		switch f.name {
		case 'L':
			physical = false
		case 'P':
			physical = true
		}
	}
	if len(args) > 1 {
		c.Sh.Errorf(c, "too many arguments")
		return 1
	}
	var dir string
	print := false
	switch {
	case len(args) == 0:
		home := sh.Var("HOME")
		if !home.IsSet() {
			c.Sh.Errorf(c, "HOME not set")
			return 1
		}
		dir = home.String()
	case args[0] == "-":
		old := sh.Var("OLDPWD")
		if !old.IsSet() {
			c.Sh.Errorf(c, "OLDPWD not set")
			return 1
		}
		dir, print = old.String(), true
	default:
		dir = args[0]
	}
	if dir == "" {
		return 0
	}
	return changeDir(c, sh, out, dir, physical, print)
}

// changeDir is cd's work once the operand is known, shared with pushd
// and popd: CDPATH, the logical or physical path, PWD and OLDPWD.
// Messages name c's builtin; print says to print the new directory (cd
// prints it after "cd -" or a CDPATH entry).
func changeDir(c *Call, sh cdShell, out *Out, dir string, physical, print bool) int {
	target := ""
	// as in bash, a privileged shell (-p) does not search CDPATH
	if useCDPATH(dir) && !sh.Option("privileged") {
		if cdpath := sh.Var("CDPATH"); cdpath.IsSet() {
			for _, base := range strings.Split(cdpath.String(), ":") {
				cand := filepath.Join(base, dir)
				if base == "" {
					cand = dir
				}
				abs := cdTarget(sh, cand, physical)
				if st, err := os.Stat(abs); err == nil && st.IsDir() {
					target = abs
					print = print || base != ""
					break
				}
			}
		}
	}
	if target == "" {
		if !physical {
			// bash's logical cd checks what .. is applied to exists:
			// cd nosuch/.. fails
			abs := dir
			if !filepath.IsAbs(dir) {
				abs = sh.Dir() + "/" + dir // not cleaned: .. is checked
			}
			if err := checkDotDot(abs); err != nil {
				c.Sh.Errorf(c, "%s: %s", dir, errmsg.Text(err))
				return 1
			}
		}
		target = cdTarget(sh, dir, physical)
	}
	if err := sh.Chdir(target); err != nil {
		c.Sh.Errorf(c, "%s: %s", dir, errmsg.Text(err))
		return 1
	}
	oldDir := sh.Var("PWD").String()
	if !sh.Var("PWD").IsSet() {
		oldDir = ""
	}
	if err := sh.SetString("OLDPWD", oldDir); err != nil {
		errorf(c, err)
	}
	if err := sh.SetString("PWD", sh.Dir()); err != nil {
		errorf(c, err)
	}
	if print {
		out.WriteString(sh.Dir() + "\n")
	}
	return out.Status(c, 0)
}

// checkDotDot fails when a component that a later ".." removes is not a
// directory.
func checkDotDot(abs string) error {
	if !strings.Contains(abs, "..") {
		return nil
	}
	cur := "/"
	for _, comp := range strings.Split(abs, "/") {
		switch comp {
		case "", ".":
			continue
		case "..":
			st, err := os.Stat(cur)
			if err != nil {
				return err
			}
			if !st.IsDir() {
				return syscall.ENOTDIR
			}
			cur = filepath.Dir(cur)
		default:
			cur = filepath.Join(cur, comp)
		}
	}
	return nil
}

// useCDPATH reports whether cd looks dir up in CDPATH: only relative
// names that do not start with . or .. are.
func useCDPATH(dir string) bool {
	return !strings.HasPrefix(dir, "/") && dir != "." && dir != ".." &&
		!strings.HasPrefix(dir, "./") && !strings.HasPrefix(dir, "../")
}

// cdTarget makes dir absolute against the shell's logical directory and
// cleans it textually (so .. undoes the last component even if it was a
// symlink), or with physical resolves the symlinks instead.
func cdTarget(sh Dirs, dir string, physical bool) string {
	abs := absPath(sh, dir)
	if physical {
		if real, err := filepath.EvalSymlinks(abs); err == nil {
			return real
		}
	}
	return filepath.Clean(abs)
}

// pwd prints the shell's directory: as cd made it (-L, the default) or
// with symlinks resolved (-P).
func pwd(ctx context.Context, c *Call, sh Dirs) int {
	out := NewOut(c.Stdout)
	flags, _, ok := parseFlags(c, c.Args, "LP", "pwd [-LP]")
	if !ok {
		return 2
	}
	dir := sh.Dir()
	for _, f := range flags {
		if f.name == 'P' {
			real, err := filepath.EvalSymlinks(dir)
			if err != nil {
				c.Sh.Errorf(c, "error retrieving current directory: %s", errmsg.Text(err))
				return 1
			}
			dir = real
		}
		if f.name == 'L' {
			dir = sh.Dir()
		}
	}
	out.WriteString(dir + "\n")
	return out.Status(c, 0)
}

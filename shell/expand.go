package shell

import (
	"context"
	"io"
	"os"
	"strconv"

	"mvdan.cc/sh/v3/expand"
	"mvdan.cc/sh/v3/syntax"

	"pipesh/capture"
	"pipesh/errmsg"
	"pipesh/exec"
	"pipesh/parse"
	"pipesh/redir"
	"pipesh/wordexp"
)

// initExpand gives the runner its own expand.Config and word expander
// (they hold scratch buffers, so one per goroutine).
func (r *Runner) initExpand() {
	r.ecfg = &expand.Config{
		Env: env{r},
		CmdSubst: func(w io.Writer, cs *syntax.CmdSubst) error {
			return r.cmdSubst(context.Background(), w, cs)
		},
		ProcSubst: func(ps *syntax.ProcSubst) (string, error) {
			return r.procSubst(context.Background(), ps)
		},
	}
	r.wx.Init(wordexp.Config{Expand: r.ecfg, Shell: wordShell{r}})
	r.syncExpand()
}

// globIgnoreChanged is bash's reaction to an assignment to GLOBIGNORE
// (or its unset, or a local one going away): it applies from then on, a
// value that is not empty turns dotglob on, and unset turns it off.
func (r *Runner) globIgnoreChanged() {
	r.globIgnoreEnv = false
	switch vr := r.lookupVar("GLOBIGNORE"); {
	case !vr.IsSet():
		r.setShopt("dotglob", false)
	case vr.String() != "":
		r.setShopt("dotglob", true)
	default:
		r.syncExpand()
	}
}

// wordShell is the Runner as the word expander calls back into it.
type wordShell struct{ r *Runner }

func (s wordShell) Lookup(name string) expand.Variable { return s.r.lookupVar(name) }
func (s wordShell) Abs(path string) string             { return s.r.abs(path) }
func (s wordShell) ArithExp(x *syntax.ArithmExp) (int, error) {
	return s.r.arithExp(x)
}
func (s wordShell) Arith(x syntax.ArithmExpr) (int, error) { return s.r.arith(x) }
func (s wordShell) ResolveArith(w *syntax.Word) (*syntax.Word, error) {
	return s.r.resolveArith(w)
}
func (s wordShell) Errorf(format string, args ...any) { s.r.errorf(format, args...) }
func (s wordShell) Prompt(ps string) string           { return s.r.promptTransform(ps) }

func (s wordShell) VarAttrs(name string) (integer, letterCase string) {
	return s.r.vars.Attrs(name).Letters()
}

// syncExpand gives the word expander the options it follows.
func (r *Runner) syncExpand() {
	if r.ecfg == nil {
		return // not yet made (New sets options first)
	}
	r.wx.SetOptions(wordexp.Options{
		Posix:        r.opts[optPosix],
		NoGlob:       r.opts[optNoGlob],
		NoUnset:      r.opts[optNoUnset],
		BraceExpand:  r.opts[optBraceExpand],
		ExtGlob:      r.shopts["extglob"],
		FailGlob:     r.shopts["failglob"],
		NullGlob:     r.shopts["nullglob"],
		DotGlob:      r.shopts["dotglob"],
		GlobStar:     r.shopts["globstar"],
		GlobSkipDots: r.shopts["globskipdots"],
		NoCaseGlob:   r.shopts["nocaseglob"],
		NoCaseMatch:  r.shopts["nocasematch"],

		InheritedGlobIgnore: r.globIgnoreEnv,
	})
}

// expandErr is an expansion failure: it is reported and the command fails
// with status 1 (and a non-interactive shell exits for ${x?} and set -u).
type expandErr struct {
	err   error
	fatal bool
}

func (e *expandErr) Error() string { return e.err.Error() }

func (r *Runner) wrapExpand(err error) error {
	if err == nil {
		return nil
	}
	if _, ok := err.(*expandErr); ok {
		return err
	}
	if _, ok := err.(*redir.Error); ok {
		return err
	}
	fatal := false
	switch e := err.(type) {
	case expand.UnsetParameterError:
		fatal = true
	case *wordexp.FatalError:
		err, fatal = e.Err, true
	case *wordexp.BadSubstError:
		fatal = r.opts[optPosix] // bash's POSIX mode exits
	}
	return &expandErr{err: err, fatal: fatal}
}

// The word expander's entry points, with its errors made the shell's
// (wrapExpand).

// fields expands words to argv.
func (r *Runner) fields(words []*syntax.Word) ([]string, error) {
	f, err := r.wx.Fields(words)
	return f, r.wrapExpand(err)
}

// literal expands one word without splitting or globbing.
func (r *Runner) literal(w *syntax.Word) (string, error) {
	s, err := r.wx.Literal(w)
	return s, r.wrapExpand(err)
}

// assignValue expands the value of an assignment: one word, no splitting
// or globbing, with tilde expansion at its start and after each ':'.
func (r *Runner) assignValue(w *syntax.Word) (string, error) {
	s, err := r.wx.AssignValue(w)
	return s, r.wrapExpand(err)
}

// testLiteral expands a [[ ]] operand: one word, tilde expanded.
func (r *Runner) testLiteral(w *syntax.Word) (string, error) {
	s, err := r.wx.TestLiteral(w)
	return s, r.wrapExpand(err)
}

// pattern expands a word as a pattern for case and [[ == ]].
func (r *Runner) pattern(w *syntax.Word) (string, error) {
	s, err := r.wx.Pattern(w)
	return s, r.wrapExpand(err)
}

// expandKey expands the text of an associative array subscript for the
// builtins (builtins.Vars), as unset 'm["$key"]' needs.
func (r *Runner) expandKey(s string) (string, error) {
	k, err := r.wx.Key(s)
	return k, r.wrapExpand(err)
}

// safeWordValue expands w when that cannot change anything (no
// assigning, erroring or command-running part); ok is false otherwise.
func (r *Runner) safeWordValue(w *syntax.Word) (string, bool) { return r.wx.SafeValue(w) }

// tildeHome is the directory ~name stands for.
func (r *Runner) tildeHome(name string) (string, bool) { return r.wx.TildeHome(name) }

// promptTransform is ${x@P}: the value expanded as a prompt string is.
func (r *Runner) promptTransform(s string) string {
	s = r.promptEscapes(s)
	if out, err := r.literalString(s); err == nil {
		s = out
	}
	return s
}

// cmdSubst runs $(...) in an in-process subshell whose fd 1 is a pipe
// read into w. Its status becomes $? of the enclosing command.
func (r *Runner) cmdSubst(ctx context.Context, w io.Writer, cs *syntax.CmdSubst) error {
	sub := r.sub()
	sub.jobs = r.jobs.SubKeeping() // $(jobs) lists the shell's jobs, as bash's
	if !r.shopts["inherit_errexit"] && !r.opts[optPosix] {
		// as bash outside POSIX mode: set -e is off inside $(...)
		sub.opts[optErrExit] = false
	}
	// $(< file) reads the file without running anything
	if word := parse.CatRedirect(cs.Stmts); word != nil {
		// the subshell's expander: r's is busy with the word that
		// holds this substitution, and writing the name into it put
		// the name into the output
		name, err := sub.literal(word)
		if err != nil {
			return err
		}
		f, err := r.openFile(name, os.O_RDONLY)
		if err != nil {
			r.errorf("%s: %s", name, errmsg.Text(err))
			r.lastSubst = 1
			return nil
		}
		defer f.Close()
		io.Copy(w, f)
		r.lastSubst = 0
		return nil
	}
	pr, pw, err := exec.Pipe(r.tracer())
	if err != nil {
		return err
	}
	done := make(chan struct{})
	go func() {
		capture.Copy(w, pr)
		exec.Close(r.tracer(), pr)
		close(done)
	}()
	sub.setFd(1, pw, true)
	if r.sh.tracer != nil || r.trc != nil {
		sub.traceSubshell(stmtText(cs)) // printing the text costs more than the rest
	}
	if r.needsChild(cs) {
		// it may change what a process owns (umask, traps, limits) or
		// ask for its pid: a process of its own, as bash's is
		sub.status = sub.runChildAs(ctx, parse.AsSubshell(cs.Pos(), cs.Stmts), childHow{unwrap: true, history: true})
	} else {
		sub.stmts(ctx, cs.Stmts)
		sub.runExitTrap(ctx)
	}
	sub.endSub()
	<-done
	r.lastSubst = sub.status
	r.substRan = true
	return nil
}

// procSubst runs <(...) or >(...) in the background over a pipe and
// returns /dev/fd/N naming the other end in the shell's fd table, which
// the command's children get at that same number.
func (r *Runner) procSubst(ctx context.Context, ps *syntax.ProcSubst) (string, error) {
	if word := parse.CatRedirect(ps.Stmts); word != nil && ps.Op == syntax.CmdIn {
		// <(< file) is the file itself: no pipe, no subshell
		name, err := r.literal(word)
		if err != nil {
			return "", err
		}
		f, err := r.openFile(name, os.O_RDONLY)
		if err != nil {
			r.errorf("%s: %s", name, errmsg.Text(err))
			f, err = exec.Open(os.DevNull)
			if err != nil {
				return "", err
			}
		}
		fd := r.fds.Free(63)
		r.setFd(fd, f, false)
		r.procFds = append(r.procFds, fd)
		return "/dev/fd/" + strconv.Itoa(fd), nil
	}
	pr, pw, err := exec.Pipe(r.tracer())
	if err != nil {
		return "", err
	}
	// it runs alongside the command, which may close the shell's fds:
	// it gets its own copies, but none of the ends of other process
	// substitutions of the same command
	for _, n := range r.procFds {
		r.fds.SetPrivate(n, true) // subAsync leaves private ends out
	}
	sub := r.subAsync()
	for _, n := range r.procFds {
		r.fds.SetPrivate(n, false)
	}
	var mine *os.File
	if ps.Op == syntax.CmdOut {
		sub.setFd(0, pr, true)
		mine = pw
	} else {
		sub.setFd(1, pw, true)
		mine = pr
	}
	fd := r.fds.Free(63)
	r.setFd(fd, mine, true)
	r.procFds = append(r.procFds, fd)
	sub.traceSubshell(stmtText(ps))
	tail := len(ps.Stmts) == 1 && r.bgPrepare(sub, ps.Stmts[0])
	run := func(ctx context.Context) { sub.stmts(ctx, ps.Stmts) }
	if !tail && r.needsChild(ps) {
		// as for $(...): a process of its own, whose pid is $!
		sub.bgTail, tail = true, true
		run = func(ctx context.Context) {
			sub.status = sub.runChildAs(ctx, parse.AsSubshell(ps.Pos(), ps.Stmts), childHow{unwrap: true})
		}
	}
	bg := r.startBackground(ctx, sub, run)
	if j, err := r.jobs.Find(strconv.Itoa(bg)); err == nil && tail {
		// a program is started before the command that reads from it,
		// as with fork: the shell may end before a goroutine would
		bg = r.jobs.AwaitPid(j)
	}
	r.lastBg = bg
	return "/dev/fd/" + strconv.Itoa(fd), nil
}

// closeProcFds closes the shell's ends of the process substitutions
// made since there were from of them, once the command that used them is
// done.
func (r *Runner) closeProcFds(from int) {
	for _, fd := range r.procFds[from:] {
		r.closeFd(fd)
	}
	r.procFds = r.procFds[:from]
}

// arith evaluates an arithmetic expression.
func (r *Runner) arith(x syntax.ArithmExpr) (int, error) {
	return r.arithSpan(x, -1, -1) // pipesh's own evaluator (arith.go)
}

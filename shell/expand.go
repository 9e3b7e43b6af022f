package shell

import (
	"context"
	"io"
	"io/fs"
	"os"
	"strconv"
	"strings"

	"mvdan.cc/sh/v3/expand"
	"mvdan.cc/sh/v3/syntax"

	"pipesh/errmsg"
	"pipesh/exec"
)

// initExpand gives the runner its own expand.Config (they hold scratch
// buffers, so one per goroutine).
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
	r.syncExpand()
}

func (r *Runner) readDir(dir string) ([]fs.DirEntry, error) {
	entries, err := os.ReadDir(r.abs(dir))
	if r.globHidesDots {
		return withoutDots(entries), err // globdots.go
	}
	return r.withDotEntries(r.abs(dir), entries), err // globdots.go
}

// syncExpand copies options into the expand config.
func (r *Runner) syncExpand() {
	if r.ecfg == nil {
		return
	}
	if r.opts[optNoGlob] {
		r.ecfg.ReadDir2 = nil
	} else {
		r.ecfg.ReadDir2 = r.readDir
	}
	r.ecfg.NoUnset = r.opts[optNoUnset]
	r.ecfg.GlobStar = r.shopts["globstar"]
	r.ecfg.DotGlob = r.shopts["dotglob"]
	r.ecfg.NullGlob = r.shopts["nullglob"]
	r.ecfg.NoCaseGlob = r.shopts["nocaseglob"]
	r.ecfg.ExtGlob = r.shopts["extglob"]
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
	if _, ok := err.(*redirError); ok {
		return err
	}
	fatal := false
	switch err.(type) {
	case expand.UnsetParameterError:
		fatal = true
	}
	return &expandErr{err: err, fatal: fatal}
}

// fields expands words to argv.
func (r *Runner) fields(words []*syntax.Word) ([]string, error) {
	out := make([]string, 0, len(words))
	for _, w := range words {
		if s, ok := plainWord(w); ok {
			// most words are plain literals: skip the expander
			out = append(out, s)
			continue
		}
		if s, ok := r.plainParamField(w); ok {
			// $i, the other common word (fastparam.go)
			out = append(out, s)
			continue
		}
		if !r.opts[optBraceExpand] || !mayHaveBraces(w) {
			f, err := r.wordFields(w)
			if err != nil {
				return nil, r.wrapExpand(err)
			}
			out = append(out, f...)
			continue
		}
		var err error
		if out, err = r.braceFields(w, out); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// braceFields appends to out the fields of w after brace expansion. It is
// a function of its own so that fields, which every command runs, has no
// range over a function: that loop's state would go to the heap on every
// call, braces or not.
func (r *Runner) braceFields(w *syntax.Word, out []string) ([]string, error) {
	c := *w // SplitBraces replaces the Parts slice
	if !syntax.SplitBraces(&c) {
		f, err := r.wordFields(w)
		if err != nil {
			return nil, r.wrapExpand(err)
		}
		return append(out, f...), nil
	}
	for bw, err := range expand.BracesSeq(r.ecfg, &c) {
		if err != nil {
			return nil, r.wrapExpand(err)
		}
		f, err := r.wordFields(bw)
		if err != nil {
			return nil, r.wrapExpand(err)
		}
		out = append(out, f...)
	}
	return out, nil
}

// plainWord returns a word that is one literal with nothing to expand:
// no quotes, escapes, braces, tildes or glob characters.
func plainWord(w *syntax.Word) (string, bool) {
	if len(w.Parts) != 1 {
		return "", false
	}
	lit, ok := w.Parts[0].(*syntax.Lit)
	if !ok || lit.Value == "" || strings.ContainsAny(lit.Value, "{}~\\$`'\"@+!()") || hasGlobMeta(lit.Value) {
		return "", false
	}
	return lit.Value, true
}

// hasGlobMeta reports whether s could match files: a * or ?, or a [
// closed by a later ] (a lone [ or ], as in the test command, is not a
// pattern and is never looked up).
func hasGlobMeta(s string) bool {
	if strings.ContainsAny(s, "*?") {
		return true
	}
	if i := strings.IndexByte(s, '['); i >= 0 {
		return strings.IndexByte(s[i+1:], ']') >= 0
	}
	return false
}

// mayHaveBraces reports whether a word has a literal '{', without which
// brace expansion has nothing to do.
func mayHaveBraces(w *syntax.Word) bool {
	for _, p := range w.Parts {
		if lit, ok := p.(*syntax.Lit); ok && strings.Contains(lit.Value, "{") {
			return true
		}
	}
	return false
}

// literal expands one word without splitting or globbing.
func (r *Runner) literal(w *syntax.Word) (string, error) {
	if w == nil {
		return "", nil
	}
	if len(w.Parts) == 1 {
		if ae, ok := w.Parts[0].(*syntax.ArithmExp); ok {
			n, err := r.arithExp(ae)
			return strconv.Itoa(n), r.wrapExpand(err)
		}
	}
	w, err := r.resolveArith(w) // $(( )) and subscripts as bash evaluates them
	if err != nil {
		return "", r.wrapExpand(err)
	}
	if w, err = r.glueWord(w); err != nil { // see paramglue.go
		return "", r.wrapExpand(err)
	}
	s, err := expand.Literal(r.ecfg, w)
	return s, r.wrapExpand(err)
}

// cmdSubst runs $(...) in an in-process subshell whose fd 1 is a pipe
// read into w. Its status becomes $? of the enclosing command.
func (r *Runner) cmdSubst(ctx context.Context, w io.Writer, cs *syntax.CmdSubst) error {
	sub := r.sub()
	// $(< file) reads the file without running anything
	if word := catRedirect(cs.Stmts); word != nil {
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
		capture(w, pr) // capture.go
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
		sub.status = sub.runChildAs(ctx, asSubshell(cs.Pos(), cs.Stmts), childHow{unwrap: true, history: true})
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
	if word := catRedirect(ps.Stmts); word != nil && ps.Op == syntax.CmdIn {
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
		fd := r.fds.free(63)
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
		r.fds.setPrivate(n, true) // subAsync leaves private ends out
	}
	sub := r.subAsync()
	for _, n := range r.procFds {
		r.fds.setPrivate(n, false)
	}
	var mine *os.File
	if ps.Op == syntax.CmdOut {
		sub.setFd(0, pr, true)
		mine = pw
	} else {
		sub.setFd(1, pw, true)
		mine = pr
	}
	fd := r.fds.free(63)
	r.setFd(fd, mine, true)
	r.procFds = append(r.procFds, fd)
	sub.traceSubshell(stmtText(ps))
	tail := len(ps.Stmts) == 1 && r.bgPrepare(sub, ps.Stmts[0])
	run := func(ctx context.Context) { sub.stmts(ctx, ps.Stmts) }
	if !tail && r.needsChild(ps) {
		// as for $(...): a process of its own, whose pid is $!
		sub.bgTail, tail = true, true
		run = func(ctx context.Context) {
			sub.status = sub.runChildAs(ctx, asSubshell(ps.Pos(), ps.Stmts), childHow{unwrap: true})
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

// asSubshell is the statement ( stmts ) at pos, for a substitution's
// list to run as a child subshell that unwraps it.
func asSubshell(pos syntax.Pos, stmts []*syntax.Stmt) *syntax.Stmt {
	return &syntax.Stmt{Position: pos, Cmd: &syntax.Subshell{Lparen: pos, Stmts: stmts}}
}

// catRedirect returns the file word of a command list that is only "<
// file", which bash reads as cat would in $(< file) and <(< file).
func catRedirect(stmts []*syntax.Stmt) *syntax.Word {
	if len(stmts) != 1 {
		return nil
	}
	st := stmts[0]
	if st.Cmd != nil || len(st.Redirs) != 1 || st.Redirs[0].Op != syntax.RdrIn || st.Redirs[0].N != nil {
		return nil
	}
	return st.Redirs[0].Word
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

// pattern expands a word as a pattern for case and [[ == ]].
func (r *Runner) pattern(w *syntax.Word) (string, error) {
	return r.patternWord(w)
}

func unquotedWord(w *syntax.Word) bool {
	for _, p := range w.Parts {
		switch p.(type) {
		case *syntax.SglQuoted, *syntax.DblQuoted:
			return false
		}
	}
	return true
}

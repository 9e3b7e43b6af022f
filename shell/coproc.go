package shell

import (
	"context"
	"os"
	"strconv"
	"strings"

	"mvdan.cc/sh/v3/expand"
	"mvdan.cc/sh/v3/syntax"

	"pipesh/builtins"
	"pipesh/coproc"
	"pipesh/errmsg"
	"pipesh/exec"
	"pipesh/fds"
	"pipesh/jobs"
	"pipesh/parse"
)

// coproc starts a coprocess: a socketpair, the child's end as its fds 0
// and 1, the shell's end in NAME[0] (read) and NAME[1] (write). Both are
// private entries of the fd table: no child gets them unless the script
// redirects them to it.
func (r *Runner) coproc(ctx context.Context, c *syntax.CoprocClause) {
	c = coproc.NameAsProgram(c)
	name := "COPROC"
	if c.Name != nil {
		n, err := r.literal(c.Name)
		if err != nil {
			r.reportErr(err)
			r.status = 1
			return
		}
		name = n
	}
	if !syntax.ValidName(name) {
		r.errorf("coproc: `%s': not a valid identifier", name)
		r.status = 1
		return
	}
	if old := r.sh.coprocs.Get(r.jobs, name); old != nil {
		if !old.Exited() {
			r.errorf("coproc: %s: coprocess still running (pid %d); close %s[1] and wait $%s_PID first",
				name, old.Job.Pid(), name, name)
			r.status = 1
			return
		}
		// the old one is over: its ends go, as bash closes them
		r.sh.coprocs.Forget(coprocShell{r}, old)
	}
	mine, theirs, err := exec.Socketpair(r.tracer())
	if err != nil {
		r.errorf("coproc: socketpair: %s", errmsg.Text(err))
		r.status = 1
		return
	}
	wdup, err := exec.Dup(r.tracer(), mine)
	if err != nil {
		exec.Close(r.tracer(), mine)
		exec.Close(r.tracer(), theirs)
		r.errorf("coproc: %s", errmsg.Text(err))
		r.status = 1
		return
	}
	sub := r.subAsync()
	// the coproc must not hold the shell's end, or it never sees EOF;
	// subAsync already left out every private (coproc) entry. Its end is
	// its fd 0 and 1, one open file at both numbers
	d := fds.NewDesc(theirs, true)
	sub.fds.Set(r.tracer(), 0, d, false)
	sub.fds.Set(r.tracer(), 1, d, false)
	sub.execTail = parse.IsSimple(c.Stmt)

	j := r.coprocSpawn(ctx, sub, c.Stmt)
	if j == nil {
		j = r.coprocChild(ctx, sub, c.Stmt)
	}
	r.jobs.SetCommand(j, "coproc "+name+" "+jobText(c.Stmt))

	rfd := r.fds.Free(60)
	r.fds.Set(r.tracer(), rfd, fds.NewDesc(mine, true), true)
	wfd := r.fds.Free(60)
	r.fds.Set(r.tracer(), wfd, fds.NewDesc(wdup, true), true)
	entry := &coproc.Entry{Name: name, Read: coproc.End{Fd: rfd, File: mine}, Write: coproc.End{Fd: wfd, File: wdup}, Job: j}
	r.sh.coprocs.Put(r.jobs, entry)
	entry.SetVars(coprocShell{r})
	r.setString(name+"_PID", strconv.Itoa(j.Pid()))
	r.lastBg = j.Pid()
	r.status = 0
}

// coprocSpawn starts a coproc whose body is one external program as a
// real child, so NAME_PID is its real pid (usable with kill, /proc, ps).
// It returns nil, before expanding anything, when the body is anything
// else (a compound command, redirections, a function or builtin, a first
// word that is not literal), and the caller runs it in-process instead.
// Once its words are expanded, a failure (the expansion, a program not
// found or not started) is the coproc's: it is reported as the child
// would report it, and the job returned has already ended.
func (r *Runner) coprocSpawn(ctx context.Context, sub *Runner, st *syntax.Stmt) *jobs.Job {
	call, ok := st.Cmd.(*syntax.CallExpr)
	if !ok || len(call.Assigns) > 0 || len(st.Redirs) > 0 || st.Negated || len(call.Args) == 0 {
		return nil
	}
	// a literal first word decides before expanding anything, so that an
	// expansion with side effects never runs twice
	lit := call.Args[0].Lit()
	if lit == "" {
		return nil
	}
	if _, ok := sub.funcs[lit]; ok || isBuiltin(lit) {
		return nil
	}
	// from here on the words are expanded, once: a failure is the
	// coproc's, reported as its child would report it
	args, err := sub.fields(call.Args)
	if err != nil {
		sub.expandFailed(err)
		return r.finishedCoproc(sub, 1)
	}
	path, err := sub.lookPath(args[0])
	if err != nil {
		return r.finishedCoproc(sub, sub.notFound(args[0], err))
	}
	child, err := sub.spawn(path, args, nil, nil)
	if err != nil {
		return r.finishedCoproc(sub, sub.spawnFailed(args[0], err))
	}
	sub.endSub()
	j := r.jobs.AddProcess(child.Pid)
	go func() {
		st, err := child.Wait(false)
		if err != nil {
			j.Finish(1)
			return
		}
		j.Finish(st.ExitCode())
	}()
	return j
}

// finishedCoproc is the job of a coproc whose program could not start: it
// has ended with status.
func (r *Runner) finishedCoproc(sub *Runner, status int) *jobs.Job {
	sub.endSub()
	j := r.jobs.AddProcess(jobs.VirtualPidBase + r.sh.nextVirtual())
	j.Finish(status)
	return j
}

// coprocChild runs the coproc body that is not one program (a builtin,
// function or compound command) as a subshell in a child process of its
// own on its socket end, whose pid is NAME_PID (childsub.go).
func (r *Runner) coprocChild(ctx context.Context, sub *Runner, st *syntax.Stmt) *jobs.Job {
	sub.bgTail = true
	pid := r.startBackground(ctx, sub, func(ctx context.Context) {
		sub.status = sub.runChild(ctx, st)
	})
	j, _ := r.jobs.Find(strconv.Itoa(pid))
	if j == nil {
		return nil
	}
	r.jobs.AwaitPid(j)
	return j
}

// coprocShell is what package coproc's books ask of the Runner.
type coprocShell struct{ r *Runner }

func (s coprocShell) Jobs() *jobs.Table   { return s.r.jobs }
func (s coprocShell) Tracer() exec.Tracer { return s.r.tracer() }
func (s coprocShell) Unset(name string)   { s.r.unsetVar(name) }

func (s coprocShell) SetFds(name string, read, write int) {
	s.r.setVar(name, expand.Variable{Set: true, Kind: expand.Indexed, List: []string{strconv.Itoa(read), strconv.Itoa(write)}})
}

func (s coprocShell) Var(name string) (string, bool) {
	vr := s.r.lookupVar(name)
	return vr.String(), vr.IsSet()
}

func (s coprocShell) CloseEnd(e coproc.End) {
	if s.r.fds.Get(e.Fd) == e.File {
		s.r.closeFd(e.Fd)
	}
}

// coprocFdClosing is called before the shell itself (not a subshell)
// closes f for good (exec N>&-); see coproc.Table.FdClosing.
func (r *Runner) coprocFdClosing(f *os.File) { r.sh.coprocs.FdClosing(coprocShell{r}, f) }

// sweepCoprocs runs after wait; see coproc.Table.Sweep.
func (r *Runner) sweepCoprocs() { r.sh.coprocs.Sweep(coprocShell{r}) }

func isBuiltin(name string) bool {
	_, ok := builtins.Lookup(name)
	return ok
}

// varRef resolves the name in {name}>&- and friends: a variable or an
// array element such as NAME[1].
func (r *Runner) varRef(name string) string {
	if !strings.Contains(name, "[") {
		return r.lookupVar(name).String()
	}
	p := syntax.NewParser(syntax.Variant(syntax.LangBash))
	w, err := p.Document(strings.NewReader("${" + name + "}"))
	if err != nil {
		return ""
	}
	s, err := expand.Literal(r.ecfg, w)
	if err != nil {
		return ""
	}
	return s
}

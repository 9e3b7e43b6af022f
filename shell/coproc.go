package shell

import (
	"context"
	"os"
	"strconv"
	"strings"
	"sync"

	"mvdan.cc/sh/v3/expand"
	"mvdan.cc/sh/v3/syntax"

	"pipesh/builtins"
	"pipesh/errmsg"
	"pipesh/exec"
	"pipesh/fds"
	"pipesh/jobs"
)

// coprocTable tracks the coprocesses of the process. Entries are keyed by
// the shell that started them (its job table) and NAME, so a coproc
// started in a subshell never collides with one of its parent.
type coprocTable struct {
	mu     sync.Mutex
	byName map[coprocKey]*coprocEntry
}

type coprocKey struct {
	owner *jobs.Table
	name  string
}

// coprocEntry is one coprocess as the shell that started it sees it.
// Its variables change only at points the script controls (closing one
// of its fds, wait, starting another coproc under the same NAME), never
// behind the script's back when the child happens to exit: that is how
// bash loses a coproc's unread output.
type coprocEntry struct {
	name         string
	rfile, wfile *os.File // the fd-table files of NAME[0] and NAME[1]; nil once closed
	rfd, wfd     int
	job          *jobs.Job
}

func (c *coprocEntry) exited() bool {
	select {
	case <-c.job.Done():
		return true
	default:
		return false
	}
}

// coproc starts a coprocess: a socketpair, the child's end as its fds 0
// and 1, the shell's end in NAME[0] (read) and NAME[1] (write). Both are
// private entries of the fd table: no child gets them unless the script
// redirects them to it.
func (r *Runner) coproc(ctx context.Context, c *syntax.CoprocClause) {
	c = coprocNameAsProgram(c)
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
	t := &r.sh.coprocs
	key := coprocKey{r.jobs, name}
	t.mu.Lock()
	if t.byName == nil {
		t.byName = map[coprocKey]*coprocEntry{}
	}
	old := t.byName[key]
	t.mu.Unlock()
	if old != nil {
		if !old.exited() {
			r.errorf("coproc: %s: coprocess still running (pid %d); close %s[1] and wait $%s_PID first",
				name, old.job.Pid(), name, name)
			r.status = 1
			return
		}
		// the old one is over: its ends go, as bash closes them
		r.forgetCoproc(old)
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
	sub.execTail = isSimple(c.Stmt)

	j := r.coprocSpawn(ctx, sub, c.Stmt)
	if j == nil {
		j = r.coprocChild(ctx, sub, c.Stmt)
	}
	r.jobs.SetCommand(j, "coproc "+name+" "+strings.TrimSpace(printNode(c.Stmt)))

	rfd := r.fds.Free(60)
	r.fds.Set(r.tracer(), rfd, fds.NewDesc(mine, true), true)
	wfd := r.fds.Free(60)
	r.fds.Set(r.tracer(), wfd, fds.NewDesc(wdup, true), true)
	entry := &coprocEntry{name: name, rfile: mine, wfile: wdup, rfd: rfd, wfd: wfd, job: j}
	t.mu.Lock()
	t.byName[key] = entry
	t.mu.Unlock()
	r.setCoprocVars(entry)
	r.setString(name+"_PID", strconv.Itoa(j.Pid()))
	r.lastBg = j.Pid()
	r.status = 0
}

// coprocNameAsProgram undoes a parse of "coproc cmd 2>/dev/null" (or
// "coproc cmd <in arg") as NAME cmd with a body of only redirections
// and arguments: as bash says, NAME goes only with a compound command,
// so before a simple one the word is the program. Without this the
// program never ran, the coproc "succeeded" with status 0 and the
// variables were named after the program.
func coprocNameAsProgram(c *syntax.CoprocClause) *syntax.CoprocClause {
	if c.Name == nil || c.Stmt == nil {
		return c
	}
	call := &syntax.CallExpr{}
	switch cmd := c.Stmt.Cmd.(type) {
	case nil:
	case *syntax.CallExpr:
		if len(cmd.Assigns) > 0 {
			return c
		}
		*call = *cmd
	default:
		return c
	}
	call.Args = append([]*syntax.Word{c.Name}, call.Args...)
	st := *c.Stmt
	st.Cmd = call
	return &syntax.CoprocClause{Coproc: c.Coproc, Stmt: &st}
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

// setCoprocVars sets NAME to its two fds, -1 for a side the script closed
// (as bash shows it).
func (r *Runner) setCoprocVars(c *coprocEntry) {
	rfd, wfd := -1, -1
	if c.rfile != nil {
		rfd = c.rfd
	}
	if c.wfile != nil {
		wfd = c.wfd
	}
	r.setVar(c.name, expand.Variable{Set: true, Kind: expand.Indexed, List: []string{strconv.Itoa(rfd), strconv.Itoa(wfd)}})
}

// coprocFdClosing is called before the shell itself (not a subshell)
// closes f for good (exec N>&-). Closing NAME[1] shuts the socket's write
// side, so the coproc reads EOF while its last replies can still be read
// from NAME[0]. Once both sides are closed and the coproc has been waited
// for, NAME goes.
func (r *Runner) coprocFdClosing(f *os.File) {
	t := &r.sh.coprocs
	t.mu.Lock()
	var c *coprocEntry
	for k, e := range t.byName {
		if k.owner == r.jobs && (e.rfile == f || e.wfile == f) {
			c = e
			break
		}
	}
	t.mu.Unlock()
	if c == nil {
		return
	}
	if c.wfile == f {
		// the peer may be gone already (ENOTCONN): nothing to tell it
		exec.Shutdown(r.tracer(), f)
		c.wfile = nil
	} else {
		c.rfile = nil
	}
	if c.rfile == nil && c.wfile == nil && r.coprocReaped(c) {
		r.dropCoproc(c)
		return
	}
	r.setCoprocVars(c)
}

// coprocReaped reports whether c's status has been collected by wait
// (its NAME_PID is gone).
func (r *Runner) coprocReaped(c *coprocEntry) bool {
	return !r.lookupVar(c.name + "_PID").IsSet()
}

// sweepCoprocs runs after wait: every coproc of this shell that has
// exited loses NAME_PID and its write end (no one reads it any more);
// NAME[0] stays open while it may hold unread output, and NAME goes once
// the script has closed it too.
func (r *Runner) sweepCoprocs() {
	t := &r.sh.coprocs
	t.mu.Lock()
	var done []*coprocEntry
	for k, e := range t.byName {
		if k.owner == r.jobs && e.exited() {
			done = append(done, e)
		}
	}
	t.mu.Unlock()
	for _, c := range done {
		if cur := r.lookupVar(c.name + "_PID"); cur.IsSet() && cur.String() == strconv.Itoa(c.job.Pid()) {
			r.unsetVar(c.name + "_PID")
		}
		r.jobs.Remove(c.job)
		if c.wfile != nil {
			r.closeTableFile(c.wfd, c.wfile)
			c.wfile = nil
		}
		if c.rfile == nil {
			r.dropCoproc(c)
			continue
		}
		r.setCoprocVars(c)
	}
}

// forgetCoproc closes what is left of an exited coproc that a new one
// replaces under the same NAME.
func (r *Runner) forgetCoproc(c *coprocEntry) {
	if c.wfile != nil {
		r.closeTableFile(c.wfd, c.wfile)
	}
	if c.rfile != nil {
		r.closeTableFile(c.rfd, c.rfile)
	}
	r.jobs.Remove(c.job)
	r.dropCoproc(c)
}

// dropCoproc unsets NAME and NAME_PID and forgets c.
func (r *Runner) dropCoproc(c *coprocEntry) {
	t := &r.sh.coprocs
	t.mu.Lock()
	delete(t.byName, coprocKey{r.jobs, c.name})
	t.mu.Unlock()
	r.unsetVar(c.name)
	r.unsetVar(c.name + "_PID")
}

// closeTableFile closes fd n of the table if it still holds f.
func (r *Runner) closeTableFile(n int, f *os.File) {
	if r.fds.Get(n) == f {
		r.closeFd(n)
	}
}

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

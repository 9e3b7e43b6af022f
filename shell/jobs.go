package shell

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"

	"golang.org/x/sys/unix"
	"mvdan.cc/sh/v3/syntax"

	"pipesh/exec"
)

// Job control in pipesh.
//
// A job is what bash calls one: a pipeline or a simple command, run in
// the foreground or with &. With job control on (set -m; on in the
// interactive shell) every job's programs share one process group: the
// first program the job spawns creates it (Setpgid, Pgid 0) and later ones
// join it (Pgid = leader). Which program comes first is not known in
// advance, since a stage may be a builtin or a function running
// in-process, so the group records the leader as programs start (see
// [Runner.spawnJob]). A foreground group is handed the terminal by its
// leader in the child (SysProcAttr.Foreground), and the shell takes it
// back (tcsetpgrp with SIGTTOU blocked) when the job ends or stops.
//
// Every program is waited for with wait4(WUNTRACED) on its own pid by the
// goroutine that started it, so stops are seen. When every live program
// of the foreground job has stopped, the shell stops waiting, enters the
// job in the table as Stopped and goes on; the goroutines keep waiting
// for their programs, and fg/bg continue the group with SIGCONT.
//
// In-process parts of a stopped job (a builtin, function or loop running
// as a pipeline stage) are goroutines, which cannot be stopped: they run
// on, and block as soon as they read from or write to a stopped program.
// A program such a stage starts after the job stopped joins the job's
// group but does not get the terminal.

// virtualPidBase is above the kernel's largest pid (2^22), so the ids of
// in-process background jobs can never name a real process.
const virtualPidBase = 1 << 22

// job is an entry of the job table: a background job (an in-process
// subshell running any command, whose programs are tracked), or a
// foreground job that stopped.
type job struct {
	id     int
	pid    int // $!: the real pid of its last program, or virtualPidBase+n
	cmd    string
	done   chan struct{}
	status int
	cancel context.CancelFunc

	mu       sync.Mutex
	children map[int]bool // live programs started by the job

	g        *group        // its process group, with job control
	seq      int           // when it last became current (%+)
	ready    chan struct{} // closed when realPid is known
	realPid  int
	once     sync.Once
	reported string // the state last announced at a prompt
}

// group collects the programs of one job.
type group struct {
	jc   bool // job control: the programs get a process group
	mu   sync.Mutex
	pgid int  // 0 until its first program starts
	fg   bool // the group should own the terminal
	// procs are the live programs; true once stopped
	procs    map[int]bool
	stopped  chan struct{} // a token when every live program has stopped
	stopSig  syscall.Signal
	cmd      string
	implicit bool // made for one program run outside any pipeline
	lastPid  int  // the program spawned last
	last     exec.Status
	status   int           // the job's status once done
	modes    *unix.Termios // the terminal modes it had when it stopped
	job      *job
}

func newGroup(jc bool, cmd string) *group {
	return &group{jc: jc, cmd: cmd, procs: map[int]bool{}, stopped: make(chan struct{}, 1)}
}

// allStopped reports whether the group has live programs and all are
// stopped. g.mu must be held.
func (g *group) allStopped() bool {
	if len(g.procs) == 0 {
		return false
	}
	for _, s := range g.procs {
		if !s {
			return false
		}
	}
	return true
}

func (g *group) signalStop() {
	if g.allStopped() {
		select {
		case g.stopped <- struct{}{}:
		default:
		}
	}
}

// resume marks every program running and forgets a stop not yet seen, to
// be called before SIGCONT.
func (g *group) resume(fg bool) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.fg = fg
	for pid := range g.procs {
		g.procs[pid] = false
	}
	select {
	case <-g.stopped:
	default:
	}
}

// isStopped reports whether the job is stopped.
func (g *group) isStopped() bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.allStopped()
}

// waitProc waits for one program of g to end, noting its stops.
func (g *group) waitProc(c *exec.Child) (exec.Status, error) {
	for {
		st, err := c.Wait(true)
		g.mu.Lock()
		if err == nil && st.Stopped {
			g.procs[c.Pid] = true
			g.stopSig = st.Signal
			g.signalStop()
			g.mu.Unlock()
			continue
		}
		delete(g.procs, c.Pid)
		if err == nil && c.Pid == g.lastPid {
			g.last = st
		}
		g.signalStop()
		g.mu.Unlock()
		return st, err
	}
}

// jobCtl is the job-control state of the process.
type jobCtl struct {
	mu        sync.Mutex
	tty       *os.File // the terminal handed to foreground jobs; nil: none
	shellPgid int
	origPgid  int           // the terminal's group when the shell took it
	modes     *unix.Termios // the shell's terminal modes
	byPid     map[int]*group
	interrupt context.CancelFunc // stops the command the REPL runs
	intCh     chan os.Signal     // SIGINT while the REPL runs a command
}

// jobCtl returns the process's job-control state.
func (p *process) jobCtl() *jobCtl {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.jc == nil {
		p.jc = &jobCtl{byPid: map[int]*group{}}
	}
	return p.jc
}

// InitJobControl makes the shell a job-control shell on the terminal tty:
// it waits until it is in the foreground, becomes a process-group leader,
// takes the terminal and turns set -m on. It reports whether it managed.
func (r *Runner) InitJobControl(tty *os.File) bool {
	jc := r.sh.jobCtl()
	fd := int(tty.Fd())
	modes, err := unix.IoctlGetTermios(fd, unix.TCGETS)
	if err != nil {
		return false
	}
	for {
		pg, err := unix.IoctlGetInt(fd, unix.TIOCGPGRP)
		if err != nil {
			return false
		}
		if pg == unix.Getpgrp() {
			jc.origPgid = pg
			break
		}
		// in the background: stop until put in the foreground, as bash
		// does (SIGTTIN is not yet caught)
		unix.Kill(-unix.Getpgrp(), unix.SIGTTIN)
	}
	pid := os.Getpid()
	if unix.Getpgrp() != pid {
		unix.Setpgid(0, 0)
	}
	jc.shellPgid = unix.Getpgrp()
	if err := tcsetpgrp(fd, jc.shellPgid); err != nil {
		return false
	}
	jc.mu.Lock()
	jc.tty = tty
	jc.modes = modes
	jc.intCh = make(chan os.Signal, 1)
	jc.mu.Unlock()
	r.opts[optMonitor] = true
	r.syncSignals()
	return true
}

// EndJobControl gives the terminal back as the shell found it.
func (r *Runner) EndJobControl() {
	jc := r.sh.jobCtl()
	jc.mu.Lock()
	defer jc.mu.Unlock()
	if jc.tty == nil {
		return
	}
	fd := int(jc.tty.Fd())
	unix.IoctlSetTermios(fd, unix.TCSETSW, jc.modes)
	if jc.origPgid != 0 && jc.origPgid != jc.shellPgid {
		tcsetpgrp(fd, jc.origPgid)
	}
}

// tcsetpgrp makes pgid the terminal's foreground group. SIGTTOU is
// blocked on the calling thread meanwhile: a caught SIGTTOU would make the
// kernel restart the call forever when the shell is in the background.
func tcsetpgrp(fd, pgid int) error {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	var set, old unix.Sigset_t
	n := uint(unix.SIGTTOU) - 1
	set.Val[n/64] |= 1 << (n % 64)
	unix.PthreadSigmask(unix.SIG_BLOCK, &set, &old)
	err := unix.IoctlSetPointerInt(fd, unix.TIOCSPGRP, pgid)
	unix.PthreadSigmask(unix.SIG_SETMASK, &old, nil)
	return err
}

// interruptCommand stops the command the REPL is running, as SIGINT to
// the shell would.
func (p *process) interruptCommand() {
	jc := p.jobCtl()
	jc.mu.Lock()
	f := jc.interrupt
	jc.mu.Unlock()
	if f != nil {
		f()
	}
}

// monitor reports whether job control is on.
func (r *Runner) monitor() bool { return r.opts[optMonitor] }

// newGroup makes the group of a pipeline's programs; within a job (a
// stage of an outer pipeline, a background job) it is the job's group.
func (r *Runner) newGroup(c *syntax.BinaryCmd) *group {
	if r.group != nil {
		return r.group
	}
	g := newGroup(r.monitor(), strings.TrimSpace(printNode(c)))
	g.fg = r.sh.jobCtl().hasTTY()
	return g
}

func (jc *jobCtl) hasTTY() bool {
	jc.mu.Lock()
	defer jc.mu.Unlock()
	return jc.tty != nil
}

// endGroup waits for a pipeline's stages (wait returns the status). For a
// foreground job under job control it returns false if the job stopped
// instead: it is then in the job table and $? is 148.
func (r *Runner) endGroup(ctx context.Context, g *group, wait func() int) bool {
	if g == r.group || !g.jc {
		wait()
		return true
	}
	if !r.fgWait(g, wait) {
		r.status = 128 + int(syscall.SIGTSTP)
		return false
	}
	return true
}

// fgWait waits for a foreground job, or until all its programs stopped
// (then it reports false).
func (r *Runner) fgWait(g *group, wait func() int) bool {
	done := make(chan struct{})
	go func() {
		g.status = wait()
		close(done)
	}()
	select {
	case <-done:
		r.takeTerminal(g, false)
		g.mu.Lock()
		last := g.last
		g.mu.Unlock()
		if !last.Exited && last.Signal == syscall.SIGINT && !last.Stopped {
			// bash acts as if it got the SIGINT itself
			if r.sh.interactive {
				r.writeErr("\n")
			}
			r.sh.interruptCommand()
		}
		return true
	case <-g.stopped:
	}
	r.takeTerminal(g, true)
	j := r.jobs.addStopped(r.sh, g, done)
	r.writeErr("\n" + j.line(r.jobs, "Stopped", false) + "\n")
	j.reported = "Stopped"
	return false
}

func (r *Runner) writeErr(s string) {
	if f := r.fds.get(2); f != nil {
		f.WriteString(s)
	}
}

// takeTerminal gives the terminal back to the shell after a foreground
// job: a job that stopped or was killed keeps its modes for fg and the
// shell's come back; after a normal end the modes stay (stty works).
func (r *Runner) takeTerminal(g *group, stopped bool) {
	jc := r.sh.jobCtl()
	jc.mu.Lock()
	defer jc.mu.Unlock()
	g.mu.Lock()
	g.fg = false
	killed := !g.last.Exited && g.last.Signal != 0
	g.mu.Unlock()
	if jc.tty == nil {
		return
	}
	fd := int(jc.tty.Fd())
	tcsetpgrp(fd, jc.shellPgid)
	if stopped || killed {
		if m, err := unix.IoctlGetTermios(fd, unix.TCGETS); err == nil && stopped {
			g.modes = m
		}
		unix.IoctlSetTermios(fd, unix.TCSETSW, jc.modes)
	} else if m, err := unix.IoctlGetTermios(fd, unix.TCGETS); err == nil {
		jc.modes = m
	}
}

// giveTerminal hands the terminal (and its saved modes) to a job for fg.
func (r *Runner) giveTerminal(g *group) {
	jc := r.sh.jobCtl()
	jc.mu.Lock()
	defer jc.mu.Unlock()
	if jc.tty == nil {
		return
	}
	fd := int(jc.tty.Fd())
	if g.modes != nil {
		unix.IoctlSetTermios(fd, unix.TCSETSW, g.modes)
	}
	tcsetpgrp(fd, g.pgid)
}

// spawnJob starts a program in its job's process group.
func (r *Runner) spawnJob(p *exec.Proc) (*exec.Child, error) {
	g := r.group
	if g != nil && !g.jc {
		g = nil
	}
	// a program run outside any pipeline or background job is a job of
	// its own; execTail marks a stage's (or coproc's) last program,
	// whose waiting is its caller's business
	if g == nil && r.monitor() && r.bgJob == nil && !r.execTail {
		g = newGroup(true, joinArgv(p.Argv))
		g.implicit = true
		g.fg = r.sh.jobCtl().hasTTY()
	}
	var child *exec.Child
	var err error
	if g == nil {
		child, err = exec.Spawn(r.tracer(), p)
	} else {
		child, err = r.spawnInGroup(g, p)
	}
	if err != nil {
		return nil, err
	}
	if g != nil {
		jc := r.sh.jobCtl()
		jc.mu.Lock()
		jc.byPid[child.Pid] = g
		jc.mu.Unlock()
	}
	if j := r.bgJob; j != nil {
		j.mu.Lock()
		j.children[child.Pid] = true
		j.mu.Unlock()
		if r.bgTail {
			j.once.Do(func() {
				j.realPid = child.Pid
				close(j.ready)
			})
		}
	}
	return child, nil
}

func (r *Runner) spawnInGroup(g *group, p *exec.Proc) (*exec.Child, error) {
	jc := r.sh.jobCtl()
	g.mu.Lock()
	defer g.mu.Unlock()
	p.Setpgid = true
	p.Pgid = g.pgid
	jc.mu.Lock()
	if g.fg && jc.tty != nil && g.pgid == 0 {
		p.Foreground = true
		p.Ctty = int(jc.tty.Fd())
	}
	jc.mu.Unlock()
	child, err := exec.Spawn(r.tracer(), p)
	if err != nil && g.pgid != 0 {
		var se *exec.SpawnError
		if ok := asSpawnError(err, &se); ok && se.Err == syscall.EPERM {
			// the leader is gone and its group with it: this
			// program starts the group anew
			p.Pgid = 0
			jc.mu.Lock()
			if g.fg && jc.tty != nil {
				p.Foreground = true
				p.Ctty = int(jc.tty.Fd())
			}
			jc.mu.Unlock()
			g.pgid = 0
			child, err = exec.Spawn(r.tracer(), p)
		}
	}
	if err != nil {
		return nil, err
	}
	if g.pgid == 0 {
		g.pgid = child.Pid
	}
	// a program joining a job whose programs are all stopped (Ctrl-Z
	// came before this stage got to spawn) stops too, so the job does
	wasStopped := g.allStopped()
	g.procs[child.Pid] = false
	g.lastPid = child.Pid
	if wasStopped {
		syscall.Kill(child.Pid, syscall.SIGTSTP)
	}
	return child, nil
}

func asSpawnError(err error, se **exec.SpawnError) bool {
	e, ok := err.(*exec.SpawnError)
	if ok {
		*se = e
	}
	return ok
}

func joinArgv(argv []string) string {
	parts := make([]string, len(argv))
	for i, a := range argv {
		if q, err := syntax.Quote(a, syntax.LangBash); err == nil {
			parts[i] = q
		} else {
			parts[i] = a
		}
	}
	return strings.Join(parts, " ")
}

// waitJob waits for a program r started. A program that is a job of its
// own is waited for as a foreground job: if it stops, the status says
// so and the job is in the table.
func (r *Runner) waitJob(ctx context.Context, c *exec.Child) (exec.Status, error) {
	jc := r.sh.jobCtl()
	jc.mu.Lock()
	g := jc.byPid[c.Pid]
	jc.mu.Unlock()
	defer func() {
		jc.mu.Lock()
		delete(jc.byPid, c.Pid)
		jc.mu.Unlock()
		if j := r.bgJob; j != nil {
			j.mu.Lock()
			delete(j.children, c.Pid)
			j.mu.Unlock()
		}
	}()
	if g == nil {
		return c.Wait(false)
	}
	if !g.implicit {
		return g.waitProc(c)
	}
	var st exec.Status
	var err error
	if !r.fgWait(g, func() int {
		st, err = g.waitProc(c)
		return st.ExitCode()
	}) {
		return exec.Status{Stopped: true, Signal: syscall.SIGTSTP}, nil
	}
	return st, err
}

// jobTable is one shell's jobs.
type jobTable struct {
	sh     *process
	mu     sync.Mutex
	jobs   []*job
	nextID int
	seq    int
	// parent's jobs, which a subshell lists (jobs | wc -l) as bash's
	// does, but does not wait for: they are not its children
	inherited []*job
	disowned  []*job // in-process jobs disowned while running (disowned.go)
}

func newJobTable(sh *process) *jobTable { return &jobTable{sh: sh} }

// newID returns the next job number: one more than the largest in use,
// as bash numbers them. t.mu must be held.
func (t *jobTable) newID() int {
	id := 0
	for _, j := range t.jobs {
		id = max(id, j.id)
	}
	t.nextID = id + 1
	return t.nextID
}

// touch makes j the current job (%+). t.mu must be held.
func (t *jobTable) touch(j *job) {
	t.seq++
	j.seq = t.seq
}

// addStopped enters a stopped foreground job.
func (t *jobTable) addStopped(sh *process, g *group, done chan struct{}) *job {
	t.mu.Lock()
	defer t.mu.Unlock()
	j := &job{
		id:       t.newID(),
		pid:      g.lastPid,
		cmd:      g.cmd,
		done:     make(chan struct{}),
		cancel:   func() {},
		children: map[int]bool{},
		g:        g,
		ready:    make(chan struct{}),
	}
	g.job = j
	go func() {
		<-done
		j.status = g.status
		close(j.done)
	}()
	t.jobs = append(t.jobs, j)
	t.touch(j)
	return j
}

// startBackground runs fn in sub as a background job and returns its
// pid for $!.
func (r *Runner) startBackground(ctx context.Context, sub *Runner, fn func(ctx context.Context)) int {
	jctx, cancel := context.WithCancel(context.Background())
	t := r.jobs
	t.mu.Lock()
	j := &job{id: t.newID(), done: make(chan struct{}), cancel: cancel, children: map[int]bool{}, ready: make(chan struct{})}
	j.pid = virtualPidBase + r.sh.nextVirtual()
	t.jobs = append(t.jobs, j)
	t.touch(j)
	t.mu.Unlock()
	if sub.group == nil && r.monitor() {
		sub.group = newGroup(true, "")
	}
	if sub.group != nil && sub.group.jc && r.group == nil {
		j.g = sub.group
		sub.group.job = j
	}
	sub.bgJob = j
	r.goShell(sub, func() {
		fn(jctx)
		sub.runExitTrap(jctx)
	}, func() {
		sub.endSub()
		j.status = sub.status
		cancel()
		close(j.done)
	})
	return j.pid
}

// bgPrepare marks sub, about to run st as a background job, to report
// the pid of its program for $! when st's last command is certain to
// run one (an external command named literally).
func (r *Runner) bgPrepare(sub *Runner, st *syntax.Stmt) bool {
	tail := st
	if b, ok := st.Cmd.(*syntax.BinaryCmd); ok && (b.Op == syntax.Pipe || b.Op == syntax.PipeAll) {
		stages := flatten(b, nil)
		tail = stages[len(stages)-1].st
	}
	if !isProgram(r, tail) || tail.Background || !r.found(tail) {
		return false
	}
	if r.mayBlockOpening(tail.Redirs) || r.mayBlockOpening(st.Redirs) {
		// its program starts only once its redirections are open, and
		// opening a FIFO waits for the other side: the shell must not
		// wait for that pid, as bash's fork does not
		return false
	}
	sub.bgTail = true
	return true
}

// mayBlockOpening reports whether opening one of redirs could wait: a
// FIFO, or a target known only once expanded.
func (r *Runner) mayBlockOpening(redirs []*syntax.Redirect) bool {
	for _, rd := range redirs {
		switch rd.Op {
		case syntax.RdrIn, syntax.RdrInOut, syntax.RdrOut, syntax.AppOut, syntax.RdrClob, syntax.RdrAll, syntax.AppAll:
		default:
			continue
		}
		name := rd.Word.Lit()
		if name == "" {
			// >"$f": a word of plain parameter expansions has no side
			// effects, so the parent may expand it to look (safeword.go)
			n, ok := r.safeWordValue(rd.Word)
			if !ok || n == "" {
				return true
			}
			name = n
		}
		if fi, err := os.Stat(r.abs(name)); err == nil && fi.Mode()&os.ModeNamedPipe != 0 {
			return true
		}
	}
	return false
}

// bgStarted finishes starting a background job: it names the job, waits
// (when bgPrepare said it can) for the real pid of its last program, and
// in an interactive shell prints "[N] PID". It returns $!.
func (r *Runner) bgStarted(st *syntax.Stmt, pid int, tail bool) int {
	t := r.jobs
	t.mu.Lock()
	var j *job
	for _, x := range t.jobs {
		if x.pid == pid {
			j = x
		}
	}
	t.mu.Unlock()
	if j == nil {
		return pid
	}
	cmd := strings.TrimSpace(printNode(st))
	if tail {
		select {
		case <-j.ready:
			pid = j.realPid
		case <-j.done:
		}
	}
	t.mu.Lock()
	j.cmd = cmd
	j.pid = pid
	if j.g != nil {
		j.g.mu.Lock()
		j.g.cmd = cmd
		j.g.mu.Unlock()
	}
	t.mu.Unlock()
	if r.sh.interactive && !r.subshell {
		r.writeErr(fmt.Sprintf("[%d] %d\n", j.id, pid))
	}
	return pid
}

func (p *process) nextVirtual() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.virtual++
	return p.virtual
}

// marks returns the current (%+) and previous (%-) jobs. t.mu must be
// held.
func (t *jobTable) marks() (cur, prev *job) {
	for _, j := range t.jobs {
		if cur == nil || j.seq > cur.seq {
			cur, prev = j, cur
		} else if prev == nil || j.seq > prev.seq {
			prev = j
		}
	}
	return cur, prev
}

// findJob resolves a pid or %spec.
func (t *jobTable) findJob(id string) (*job, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if strings.HasPrefix(id, "%") {
		spec := id[1:]
		cur, prev := t.marks()
		switch spec {
		case "", "%", "+":
			if cur == nil {
				return nil, fmt.Errorf("%s: no such job", orName(spec, "current"))
			}
			return cur, nil
		case "-":
			if prev == nil {
				if cur != nil {
					return cur, nil
				}
				return nil, fmt.Errorf("%s: no such job", id)
			}
			return prev, nil
		}
		if n, err := strconv.Atoi(spec); err == nil {
			for _, j := range t.jobs {
				if j.id == n {
					return j, nil
				}
			}
			return nil, fmt.Errorf("%s: no such job", id)
		}
		var found *job
		for _, j := range t.jobs {
			match := strings.HasPrefix(j.cmd, spec)
			if strings.HasPrefix(spec, "?") {
				match = strings.Contains(j.cmd, spec[1:])
			}
			if match {
				if found != nil {
					return nil, fmt.Errorf("%s: ambiguous job spec", spec)
				}
				found = j
			}
		}
		if found == nil {
			return nil, fmt.Errorf("%s: no such job", spec)
		}
		return found, nil
	}
	pid, err := strconv.Atoi(id)
	if err != nil {
		return nil, fmt.Errorf("`%s': not a pid or valid job spec", id)
	}
	for _, j := range t.jobs {
		if j.pid == pid {
			return j, nil
		}
	}
	return nil, fmt.Errorf("pid %d is not a child of this shell", pid)
}

func orName(spec, name string) string {
	if spec == "" || spec == "%" || spec == "+" {
		return name
	}
	return spec
}

func (t *jobTable) remove(j *job) {
	t.mu.Lock()
	defer t.mu.Unlock()
	for i, x := range t.jobs {
		if x == j {
			t.jobs = append(t.jobs[:i], t.jobs[i+1:]...)
			return
		}
	}
}

// waitJobs implements wait: for the given ids, or all jobs.
func (r *Runner) waitJobs(ctx context.Context, ids []string, anyJob bool) int {
	t := r.jobs
	if len(ids) == 0 {
		t.mu.Lock()
		list := append([]*job(nil), t.jobs...)
		t.mu.Unlock()
		if anyJob {
			if len(list) == 0 {
				return 127
			}
			cases := make(chan *job, len(list))
			for _, j := range list {
				go func(j *job) { <-j.done; cases <- j }(j)
			}
			select {
			case j := <-cases:
				t.remove(j)
				return j.status
			case <-ctx.Done():
				return 130
			}
		}
		for _, j := range list {
			if st, ok := r.waitOne(ctx, j); !ok {
				return st
			}
			t.remove(j)
		}
		return 0
	}
	status := 0
	for _, id := range ids {
		j, err := t.findJob(id)
		if err != nil {
			r.errorf("wait: %s", err)
			status = 127
			continue
		}
		if st, ok := r.waitOne(ctx, j); !ok {
			return st
		}
		status = j.status
		t.remove(j)
	}
	return status
}

// waitOne waits for j to end; ok is false when the wait was cut short,
// by an interrupt (130) or, as in bash, by a signal whose trap ran
// (128+N).
func (r *Runner) waitOne(ctx context.Context, j *job) (status int, ok bool) {
	sigs := r.waitSignals()
	for {
		select {
		case <-j.done:
			return j.status, true
		case <-ctx.Done():
			return 130, false
		case sig := <-sigs:
			s := sig.(syscall.Signal)
			ran := r.handleSignal(ctx, s, false)
			if r.flow.kind == flowExit {
				return r.status, false // the trap's exit status stands
			}
			if ran {
				return 128 + int(s), false
			}
		}
	}
}

// killJob sends sig to a job: its process group, and every program it
// started; an in-process job ends too unless sig only stops or
// continues. A stopped job is continued so that it can die.
func (r *Runner) killJob(id string, sig syscall.Signal) error {
	j, err := r.jobs.findJob(id)
	if err != nil {
		return err
	}
	j.mu.Lock()
	kids := make([]int, 0, len(j.children))
	for pid := range j.children {
		kids = append(kids, pid)
	}
	j.mu.Unlock()
	if g := j.g; g != nil {
		g.mu.Lock()
		pgid, stopped := g.pgid, g.allStopped()
		g.mu.Unlock()
		if pgid != 0 {
			syscall.Kill(-pgid, sig)
			if stopped && sig != syscall.SIGCONT && sig != syscall.SIGSTOP && sig != syscall.SIGTSTP && sig != 0 {
				// continued so that it can die: it is running from now
				// on, as bash marks it, whenever its end is seen (exit
				// right after kill %1 must not find it stopped)
				g.resume(false)
				syscall.Kill(-pgid, syscall.SIGCONT)
			}
		}
	}
	for _, pid := range kids {
		syscall.Kill(pid, sig)
	}
	if terminates(sig) {
		// an in-process job has no process for the signal to kill: end
		// it as the signal's default action would end a subshell
		j.cancel()
	}
	return nil
}

// terminates reports whether a signal's default action ends a process
// (in a subshell, which has no traps of its own for it).
func terminates(sig syscall.Signal) bool {
	switch sig {
	case 0, syscall.SIGCHLD, syscall.SIGURG, syscall.SIGWINCH, syscall.SIGCONT,
		syscall.SIGSTOP, syscall.SIGTSTP, syscall.SIGTTIN, syscall.SIGTTOU:
		return false
	}
	return true
}

// state is how jobs shows a job: Running, Stopped, Done, Exit N or the
// signal that killed it.
func (j *job) state() string {
	select {
	case <-j.done:
		if g := j.g; g != nil {
			g.mu.Lock()
			last := g.last
			g.mu.Unlock()
			if !last.Exited && last.Signal != 0 && j.status == last.ExitCode() {
				return signalDesc(last.Signal)
			}
		}
		if j.status != 0 {
			return "Exit " + strconv.Itoa(j.status)
		}
		return "Done"
	default:
	}
	if j.g != nil && j.g.isStopped() {
		return "Stopped"
	}
	return "Running"
}

// line formats a job as jobs prints it.
func (j *job) line(t *jobTable, state string, long bool) string {
	mark := " "
	t.mu.Lock()
	cur, prev := t.marks()
	t.mu.Unlock()
	switch j {
	case cur:
		mark = "+"
	case prev:
		mark = "-"
	}
	cmd := j.cmd
	if state == "Running" {
		cmd += " &"
	}
	if long {
		return fmt.Sprintf("[%d]%s %d %-24s%s", j.id, mark, j.pid, state, cmd)
	}
	return fmt.Sprintf("[%d]%s  %-24s%s", j.id, mark, state, cmd)
}

// listJobs prints the job table as jobs does: flags l (with pids), p
// (pids only), r (running only), s (stopped only). Finished jobs listed
// leave the table.
func (r *Runner) listJobs(w io.Writer, flags string, specs []string) error {
	t := r.jobs
	var list []*job
	var err error
	if len(specs) == 0 {
		t.mu.Lock()
		list = append(list, t.inherited...)
		list = append(list, t.jobs...)
		t.mu.Unlock()
	} else {
		for _, s := range specs {
			j, e := t.findJob(s)
			if e != nil {
				err = e
				continue
			}
			list = append(list, j)
		}
	}
	sort.SliceStable(list, func(a, b int) bool { return list[a].id < list[b].id })
	for _, j := range list {
		st := j.state()
		switch {
		case strings.Contains(flags, "r") && st != "Running",
			strings.Contains(flags, "s") && st != "Stopped":
			continue
		}
		if strings.Contains(flags, "p") {
			pid := j.pid
			if j.g != nil && j.g.pgid != 0 {
				pid = j.g.pgid
			}
			fmt.Fprintln(w, pid)
		} else {
			fmt.Fprintln(w, j.line(t, st, strings.Contains(flags, "l")))
		}
		if st != "Running" && st != "Stopped" {
			t.remove(j)
		} else {
			j.reported = st
		}
	}
	return err
}

// NotifyJobs prints what happened to background jobs since the last
// prompt (Done, Exit N, Stopped) and forgets finished ones, as bash does
// before each prompt.
func (r *Runner) NotifyJobs() {
	t := r.jobs
	t.mu.Lock()
	list := append([]*job(nil), t.jobs...)
	t.mu.Unlock()
	for _, j := range list {
		st := j.state()
		if st == j.reported || st == "Running" {
			continue
		}
		if st == "Stopped" {
			j.reported = st
			r.writeErr(j.line(t, st, false) + "\n")
			continue
		}
		if r.isCoprocJob(j) {
			continue
		}
		r.writeErr(j.line(t, st, false) + "\n")
		t.remove(j)
	}
}

// isCoprocJob reports whether j is a coproc's, which its table forgets.
func (r *Runner) isCoprocJob(j *job) bool {
	return strings.HasPrefix(j.cmd, "coproc ")
}

// StoppedJobs reports whether any job is stopped.
func (r *Runner) StoppedJobs() bool {
	t := r.jobs
	t.mu.Lock()
	list := append([]*job(nil), t.jobs...)
	t.mu.Unlock()
	for _, j := range list {
		if j.state() == "Stopped" {
			return true
		}
	}
	return false
}

// foreground implements fg: the job gets the terminal and SIGCONT, and
// the shell waits for it to end or stop again.
func (r *Runner) foreground(ctx context.Context, spec string, w io.Writer) (int, error) {
	j, err := r.controlledJob(spec)
	if err != nil {
		return 1, err
	}
	fmt.Fprintln(w, j.cmd)
	g := j.g
	var pgid int
	if g != nil {
		g.mu.Lock()
		pgid = g.pgid
		g.mu.Unlock()
	}
	if pgid == 0 {
		// in-process only: nothing to continue, just wait
		select {
		case <-j.done:
		case <-ctx.Done():
			j.cancel()
			<-j.done
		}
		r.jobs.remove(j)
		return j.status, nil
	}
	g.resume(true)
	r.jobs.mu.Lock()
	r.jobs.touch(j)
	r.jobs.mu.Unlock()
	r.giveTerminal(g)
	syscall.Kill(-pgid, syscall.SIGCONT)
	select {
	case <-j.done:
		r.takeTerminal(g, false)
		r.jobs.remove(j)
		g.mu.Lock()
		last := g.last
		g.mu.Unlock()
		if !last.Exited && last.Signal == syscall.SIGINT && r.sh.interactive {
			r.writeErr("\n")
			r.sh.interruptCommand()
		} else if !last.Exited && !last.Stopped && last.Signal != syscall.SIGPIPE {
			r.reportSignal(g.lastPid, last)
		}
		return j.status, nil
	case <-g.stopped:
	}
	r.takeTerminal(g, true)
	r.writeErr("\n" + j.line(r.jobs, "Stopped", false) + "\n")
	j.reported = "Stopped"
	return 128 + int(syscall.SIGTSTP), nil
}

// background implements bg: a stopped job continues in the background.
func (r *Runner) resumeBackground(spec string, w io.Writer) error {
	j, err := r.controlledJob(spec)
	if err != nil {
		return err
	}
	g := j.g
	if g == nil || g.pgid == 0 {
		return nil
	}
	if !g.isStopped() {
		return fmt.Errorf("job %d already in background", j.id)
	}
	g.resume(false)
	r.jobs.mu.Lock()
	r.jobs.touch(j)
	r.jobs.mu.Unlock()
	j.reported = "Running"
	fmt.Fprintf(w, "[%d]+ %s &\n", j.id, j.cmd)
	syscall.Kill(-g.pgid, syscall.SIGCONT)
	return nil
}

// controlledJob finds the job fg or bg acts on: there must be job
// control, and the job must have been started under it (its programs
// are in a process group of their own), as bash requires.
func (r *Runner) controlledJob(spec string) (*job, error) {
	if !r.monitor() {
		return nil, errors.New("no job control")
	}
	j, err := r.jobs.findJob(orCurrent(spec))
	if err != nil {
		return nil, err
	}
	if j.g == nil || !j.g.jc {
		return nil, fmt.Errorf("job %d started without job control", j.id)
	}
	return j, nil
}

// jobAPI is the job table as builtins see it.
type jobAPI struct{ r *Runner }

// Signal lets kill reach jobs by %spec, and in-process jobs by the
// virtual pid $! gave them; other pids are left to kill itself.
func (j jobAPI) Signal(id string, sig syscall.Signal) (bool, error) {
	if id == strconv.Itoa(os.Getpid()) && j.r.sh.catches(sig) {
		// kill $$ of a signal the shell handles: hand it over at once,
		// so its trap runs before the next command as in bash. (The
		// process's own pid: in a subshell's child process $$ is the
		// parent's, which kill must reach as any other process.)
		select {
		case j.r.sh.sigCh <- sig:
		default:
		}
		return true, nil
	}
	if id == strconv.Itoa(os.Getpid()) && terminates(sig) && sig != syscall.SIGKILL && !j.r.sh.interactive && !j.r.sh.catches(sig) && !j.r.sh.ignores(sig) {
		// kill $$ of a signal the shell does not catch ends it at once,
		// as the default action would: the Go runtime ignores some
		// (SIGUSR1) and takes others on another thread a moment later
		dieBy(sig)
	}
	if !strings.HasPrefix(id, "%") {
		if pid, err := strconv.Atoi(id); err != nil || pid < virtualPidBase {
			return false, nil
		}
	}
	if _, err := j.r.jobs.findJob(id); err != nil {
		if strings.HasPrefix(id, "%") {
			return true, err
		}
		return j.r.signalDisowned(id, sig)
	}
	return true, j.r.killJob(id, sig)
}

func (j jobAPI) List(w io.Writer, flags string, specs []string) error {
	return j.r.listJobs(w, flags, specs)
}

func (j jobAPI) Foreground(ctx context.Context, spec string) (int, error) {
	var w io.Writer = io.Discard
	if f := j.r.fds.get(1); f != nil {
		w = f
	}
	return j.r.foreground(ctx, spec, w)
}

func (j jobAPI) Background(spec string) error {
	var w io.Writer = io.Discard
	if f := j.r.fds.get(1); f != nil {
		w = f
	}
	return j.r.resumeBackground(spec, w)
}

func (j jobAPI) Resolve(spec string) (int, error) {
	job, err := j.r.jobs.findJob(spec)
	if err != nil {
		return 0, err
	}
	if g := job.g; g != nil {
		g.mu.Lock()
		defer g.mu.Unlock()
		if g.pgid != 0 {
			return g.pgid, nil
		}
	}
	return job.pid, nil
}

func (j jobAPI) Disown(specs []string, all bool) error {
	t := j.r.jobs
	if all || len(specs) == 0 {
		if !all {
			specs = []string{"%+"}
		} else {
			t.mu.Lock()
			t.jobs = nil
			t.mu.Unlock()
			return nil
		}
	}
	for _, s := range specs {
		job, err := t.findJob(s)
		if err != nil {
			return err
		}
		t.remove(job)
		t.keepDisowned(job)
	}
	return nil
}

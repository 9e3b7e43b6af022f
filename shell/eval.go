package shell

import (
	"context"
	"os"

	"mvdan.cc/sh/v3/syntax"

	"pipesh/arith"
	"pipesh/exec"
	"pipesh/parse"
	"pipesh/readloop"
	"pipesh/wordexp"
)

// stmts runs a list, stopping when control flow unwinds.
func (r *Runner) stmts(ctx context.Context, list []*syntax.Stmt) {
	for _, st := range list {
		if r.stop() {
			return
		}
		if r.sh.signals.Chan() != nil {
			if r.runPendingTraps(ctx); r.stop() {
				return
			}
		}
		r.stmt(ctx, st)
	}
}

// stmt runs one statement: background, negation, redirections, errexit.
func (r *Runner) stmt(ctx context.Context, st *syntax.Stmt) {
	own := r.takeOwnIn() // only a loop has use for it (readloop.go)
	if ctx.Err() != nil {
		r.status = 130
		r.flow = flow{kind: flowExit}
		return
	}
	r.line = st.Position.Line()
	if st.Background {
		r.background(ctx, st)
		return
	}
	if st.Coprocess {
		r.errorf("|&: coprocesses are written coproc NAME cmd in pipesh")
		r.status = 2
		return
	}
	if st.Negated {
		r.noErrExit++
	}
	// a pipeline stage or coproc that is one simple command, or the
	// whole of a background job: its status is the parent's to check
	stage := r.execTail || r.jobTop
	r.jobTop = false
	r.errExempt = false
	if _, ok := st.Cmd.(*syntax.WhileClause); ok {
		r.ownIn = own
	}
	r.cmdWithRedirs(ctx, st.Cmd, st.Redirs)
	if _, ok := st.Cmd.(*syntax.CallExpr); ok {
		// a simple command's status counts, even when it ran others
		// that were checked (eval, source, a function)
		r.errExempt = false
	}
	if parse.SetsPipeStatus(st.Cmd) {
		r.pipeStatus = append(r.pipeStatus[:0], r.status)
	}
	if st.Negated {
		r.noErrExit--
		if r.status == 0 {
			r.status = 1
		} else {
			r.status = 0
		}
		r.errExempt = true
	}
	if r.status != 0 && !r.errExempt && r.flow.kind == flowNone && !stage {
		r.failed(ctx)
	} else if r.flow.kind == flowAbort && r.opts[optErrExit] && r.noErrExit == 0 {
		r.flow = flow{kind: flowExit} // x=1 of a readonly x under set -e
	}
	// this status has had its ERR trap and errexit check: a group, if,
	// loop or list it ends does not check it again (a failed redirection
	// of the group, run before anything inside, is checked there)
	r.errExempt = true
}

// failed runs the ERR trap and errexit after a failing command.
func (r *Runner) failed(ctx context.Context) {
	if r.noErrExit > 0 {
		return
	}
	if act, ok := r.traps["ERR"]; ok && act != "" && !r.inTrap {
		r.inTrap = true
		r.runTrapAction(ctx, act, true)
		r.inTrap = false
	}
	if r.opts[optErrExit] {
		r.flow = flow{kind: flowExit}
	}
}

// cmdWithRedirs applies a statement's redirections around its command.
// Simple commands handle their own, since their words expand first.
func (r *Runner) cmdWithRedirs(ctx context.Context, cmd syntax.Command, redirs []*syntax.Redirect) {
	if call, ok := cmd.(*syntax.CallExpr); ok {
		r.call(ctx, call, redirs)
		return
	}
	defer r.closeProcFds(len(r.procFds))
	if cmd == nil {
		// only redirections (and maybe assignments elsewhere)
		undo, err := r.redirect(ctx, redirs, false)
		r.substRan = false
		if err != nil {
			r.expandFailed(err)
			return
		}
		r.restore(undo)
		r.status = 0
		return
	}
	if len(redirs) == 0 {
		r.command(ctx, cmd)
		return
	}
	own := r.takeOwnIn()
	undo, err := r.redirect(ctx, redirs, false)
	if err != nil {
		r.expandFailed(err)
		return
	}
	if mine, shared := readloop.Stdin(redirs); mine && !shared {
		r.ownIn = r.fds.Slot(0).D // while ...; done <file
	} else if !shared {
		r.ownIn = own
	}
	r.command(ctx, cmd)
	r.restore(undo)
}

// command runs a compound command.
func (r *Runner) command(ctx context.Context, cmd syntax.Command) {
	switch c := cmd.(type) {
	case *syntax.Block:
		r.stmts(ctx, c.Stmts)
	case *syntax.Subshell:
		if r.trapDepth == 0 {
			r.curCmd = c
		}
		sub := r.sub()
		if r.needsChild(c) {
			sub.status = sub.runChildAs(ctx, &syntax.Stmt{Position: c.Pos(), Cmd: c}, childHow{unwrap: true, history: true})
		} else {
			sub.stmts(ctx, c.Stmts)
			sub.runExitTrap(ctx)
		}
		sub.endSub()
		r.status = sub.status
	case *syntax.BinaryCmd:
		r.binary(ctx, c)
	case *syntax.IfClause:
		r.ifClause(ctx, c)
	case *syntax.WhileClause:
		r.whileClause(ctx, c)
	case *syntax.ForClause:
		r.forClause(ctx, c)
	case *syntax.CaseClause:
		r.caseClause(ctx, c)
	case *syntax.FuncDecl:
		if r.posixSpecial(c.Name.Value) {
			return
		}
		old, ok := r.funcs[c.Name.Value]
		exported := ok && old.exported // a new definition keeps the export
		r.ownFuncs()
		r.funcs[c.Name.Value] = &funcDef{body: c.Body, src: funcSource(c), file: r.sourceFile(), exported: exported}
		if exported {
			r.envCache = nil
		}
		r.status = 0
	case *syntax.ArithmCmd:
		if r.beforeCommand(ctx, c) {
			r.status = 0
			return
		}
		if r.opts[optXtrace] {
			r.xtrace("((", r.arithTrace(c), "))")
		}
		n, err := r.arithCmdSpan(c)
		if err != nil {
			r.arithFailed("((", err)
			return
		}
		r.status = boolStatus(n != 0)
	case *syntax.LetClause:
		if r.beforeCommand(ctx, c) {
			r.status = 0
			return
		}
		r.status = 1
		for _, x := range c.Exprs {
			n, err := r.arithLet(x)
			if err != nil {
				r.arithFailed("let", err)
				return
			}
			r.status = boolStatus(n != 0)
		}
	case *syntax.TestClause:
		if r.beforeCommand(ctx, c) {
			r.status = 0
			return
		}
		r.xtrace("[[", printNode(c.X), "]]")
		ok, err := r.testExpr(c.X)
		if err != nil {
			r.reportErr(err)
			r.status = 2
			if _, ok := err.(*arith.Error); ok {
				r.status = 1 // [[ 1/0 -eq 1 ]], as bash
			}
			return
		}
		r.status = boolStatus(ok)
	case *syntax.DeclClause:
		if r.beforeCommand(ctx, c) {
			r.status = 0
			return
		}
		r.declClause(ctx, c)
	case *syntax.TimeClause:
		r.timeClause(ctx, c)
	case *syntax.CoprocClause:
		r.coproc(ctx, c)
	case *syntax.TestDecl:
		r.status = 0
	default:
		r.errorf("unsupported command %T", c)
		r.status = 2
	}
}

func boolStatus(ok bool) int {
	if ok {
		return 0
	}
	return 1
}

func (r *Runner) binary(ctx context.Context, c *syntax.BinaryCmd) {
	switch c.Op {
	case syntax.AndStmt, syntax.OrStmt:
		r.noErrExit++
		r.stmt(ctx, c.X)
		r.noErrExit--
		if r.stop() {
			return
		}
		if (r.status == 0) == (c.Op == syntax.AndStmt) {
			r.stmt(ctx, c.Y)
			return
		}
		r.errExempt = true
	case syntax.Pipe, syntax.PipeAll:
		r.pipeline(ctx, c)
	}
}

func (r *Runner) cond(ctx context.Context, list []*syntax.Stmt) bool {
	r.noErrExit++
	r.stmts(ctx, list)
	r.noErrExit--
	return r.status == 0
}

func (r *Runner) ifClause(ctx context.Context, c *syntax.IfClause) {
	for ; c != nil; c = c.Else {
		if c.ThenPos.IsValid() {
			ok := r.cond(ctx, c.Cond)
			if r.stop() {
				return
			}
			if !ok {
				continue
			}
		}
		r.stmts(ctx, c.Then)
		return
	}
	r.status = 0
}

// loopFlow consumes a break or continue aimed at this loop; it reports
// whether the loop must end.
func (r *Runner) loopFlow() (end bool) {
	switch r.flow.kind {
	case flowBreak:
		r.flow.n--
		if r.flow.n <= 0 {
			r.flow = flow{}
		}
		return true
	case flowContinue:
		r.flow.n--
		if r.flow.n <= 0 {
			r.flow = flow{}
			return false
		}
		return true
	case flowNone:
		return false
	}
	return true
}

func (r *Runner) whileClause(ctx context.Context, c *syntax.WhileClause) {
	if end := r.bufferLoop(c, r.takeOwnIn()); end != nil {
		defer end()
	}
	r.loopDepth++
	defer func() { r.loopDepth-- }()
	status := 0
	for {
		ok := r.cond(ctx, c.Cond)
		if r.stop() {
			if r.loopFlow() {
				break
			}
			continue
		}
		if ok == c.Until {
			break
		}
		r.stmts(ctx, c.Do)
		status = r.status
		if r.loopFlow() {
			status = r.status
			break
		}
		if ctx.Err() != nil {
			break
		}
	}
	r.status = status
}

func (r *Runner) forClause(ctx context.Context, c *syntax.ForClause) {
	r.loopDepth++
	defer func() { r.loopDepth-- }()
	switch l := c.Loop.(type) {
	case *syntax.WordIter:
		var items []string
		if l.InPos.IsValid() {
			var words []*syntax.Word
			for i, w := range l.Items {
				// $LINENO in the words is the line of for (redir.go)
				if nw := r.hdocLineno(w); nw != w && words == nil {
					words = append(append(words, l.Items[:i]...), nw)
				} else if words != nil {
					words = append(words, nw)
				}
			}
			if words == nil {
				words = l.Items
			}
			var err error
			items, err = r.fields(words)
			if err != nil {
				r.expandFailed(err)
				return
			}
		} else {
			items = append(items, r.params...)
		}
		name := l.Name.Value
		if !syntax.ValidName(name) {
			r.errorf("`%s': not a valid identifier", name)
			r.status = 1
			if !r.sh.interactive {
				r.flow = flow{kind: flowExit}
			}
			return
		}
		status := 0
		for _, it := range items {
			if r.beforeCommand(ctx, c) {
				continue
			}
			if err := r.setString(name, it); err != nil {
				r.expandFailed(err)
				return
			}
			r.stmts(ctx, c.Do)
			status = r.status
			if r.loopFlow() {
				status = r.status
				break
			}
		}
		r.status = status
	case *syntax.CStyleLoop:
		// set -x shows each part before the DEBUG trap runs, "(( 1 ))"
		// for a missing one, as bash does
		trace := func(i int) {
			if r.opts[optXtrace] {
				r.xtrace("((", r.loopTrace(l, i), "))")
			}
		}
		trace(0)
		if l.Init != nil {
			if r.beforeCommand(ctx, &syntax.ArithmCmd{X: l.Init}) {
				return
			}
			if _, err := r.arith(l.Init); err != nil {
				r.arithFailed("((", err)
				return
			}
		}
		status := 0
		for {
			trace(1)
			if l.Cond != nil {
				if r.beforeCommand(ctx, &syntax.ArithmCmd{X: l.Cond}) {
					break
				}
				n, err := r.arith(l.Cond)
				if err != nil {
					r.arithFailed("((", err)
					return
				}
				if n == 0 {
					break
				}
			}
			r.stmts(ctx, c.Do)
			status = r.status
			if r.loopFlow() {
				status = r.status
				break
			}
			trace(2)
			if l.Post != nil {
				if r.beforeCommand(ctx, &syntax.ArithmCmd{X: l.Post}) {
					continue
				}
				if _, err := r.arith(l.Post); err != nil {
					r.arithFailed("((", err)
					return
				}
			}
		}
		r.status = status
	}
}

func (r *Runner) caseClause(ctx context.Context, c *syntax.CaseClause) {
	if r.beforeCommand(ctx, c) {
		r.status = 0
		return
	}
	word, err := r.literal(&syntax.Word{Parts: wordexp.UnescapeLits(c.Word.Parts)})
	if err != nil {
		r.expandFailed(err)
		return
	}
	r.status = 0
	fallthru := false
	for _, it := range c.Items {
		matched := fallthru
		if !matched {
			for _, p := range it.Patterns {
				pat, err := r.pattern(p)
				if err != nil {
					r.expandFailed(err)
					return
				}
				if r.match(pat, word) {
					matched = true
					break
				}
			}
		}
		if !matched {
			continue
		}
		r.stmts(ctx, it.Stmts)
		switch it.Op {
		case syntax.Fallthrough: // ;&
			fallthru = true
			continue
		case syntax.Resume: // ;;&
			fallthru = false
			continue
		}
		return
	}
}

// background runs st as a job and sets $!.
func (r *Runner) background(ctx context.Context, st *syntax.Stmt) {
	plain := *st
	plain.Background = false
	sub := r.subAsync()
	if !r.opts[optMonitor] {
		// without job control a background job reads /dev/null, as in
		// bash, so it cannot steal the script's input
		if f, err := exec.Open(os.DevNull); err == nil {
			sub.setFd(0, f, false)
		}
	}
	sub.traceSubshell(stmtText(&plain) + " &")
	tail := r.bgPrepare(sub, &plain)
	sub.jobTop = true // the job's own status is not checked in it, as in bash
	run := func(ctx context.Context) { sub.stmt(ctx, &plain) }
	if !tail {
		// not one program: a subshell, which is a process of its own,
		// whose pid is $! (childsub.go)
		sub.bgTail, tail = true, true
		run = func(ctx context.Context) { sub.status = sub.runChild(ctx, &plain) }
	}
	pid := r.startBackground(ctx, sub, run)
	r.lastBg = r.bgStarted(&plain, pid, tail)
	r.status = 0
}

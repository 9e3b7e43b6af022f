// Package bashprint prints shell code the way bash shows code it has
// stored: a function's definition (declare -f, type, the value export -f
// puts in the environment), a job's command (jobs, the notices about
// jobs), the command $BASH_COMMAND names and the arithmetic set -x
// shows. bash does not keep the text it read: it lays the parsed command
// out anew, with its own indentation, its own places for ";" and new
// lines, comments dropped and words as they were written. This package
// gives the same layout for a tree parsed by mvdan.cc/sh/v3/syntax,
// whose positions stand in for the text bash keeps of arithmetic.
//
// The layout was found by experiment with bash 5.2; the package's tests
// compare their table with bash itself when bash is installed.
package bashprint

import (
	"strings"

	"mvdan.cc/sh/v3/syntax"
)

// Function returns the definition of function name with the given body
// as declare -f and type show it: "name () ", then "{ " on a line of its
// own, the body's commands indented by four, "}" and the body's
// redirections. A body that is not a group is shown inside one, as bash does.
func Function(name string, body *syntax.Stmt) string {
	p := &printer{inFunc: 1}
	p.s(name + " () ")
	p.funcBody(body, false)
	return p.b.String()
}

// ExportedFunction returns the value export -f gives the environment
// variable BASH_FUNC_name%% for a function with the given body: the
// definition without its name, "() {  first; ...", each line after the
// first starting with one blank instead of its indentation.
func ExportedFunction(body *syntax.Stmt) string {
	p := &printer{inFunc: 1, flat: true}
	p.s("() ")
	p.funcBody(body, true)
	return p.b.String()
}

// Command returns a command as bash shows it outside a function: a job's
// text or a command list on one line where bash keeps it on one (groups
// and lists), the bodies of loops, if and case over several lines.
func Command(n syntax.Node) string {
	p := &printer{}
	p.node(n)
	p.flush()
	return p.b.String()
}

// Arithm returns the text between the "((" and "))" of c as written,
// blanks kept, each word in it shown by show (as written when show is
// nil): set -x shows it so, with the words expanded.
func Arithm(c *syntax.ArithmCmd, show func(*syntax.Word) string) string {
	return arithTextWith(c.X, offsetAfter(c.Left, 2), c.Right, show)
}

// Job returns the text bash shows for a job running st (jobs, the "[1]+
// Done" notices): its pipeline's stages as Command prints them, joined
// by " | " (a "|&" shown as "2>&1" on the stage before it), after a
// "time" in front of the pipeline. A "!" there is not shown, and neither
// is a final "&", which the caller adds where bash does.
func Job(st *syntax.Stmt) string {
	if t, ok := st.Cmd.(*syntax.TimeClause); ok && t.Stmt != nil && len(st.Redirs) == 0 {
		if t.PosixFormat {
			return "time -p " + Job(t.Stmt)
		}
		return "time " + Job(t.Stmt)
	}
	var stages []string
	var walk func(st *syntax.Stmt, all bool)
	walk = func(st *syntax.Stmt, all bool) {
		if b, ok := st.Cmd.(*syntax.BinaryCmd); ok && len(st.Redirs) == 0 &&
			(b.Op == syntax.Pipe || b.Op == syntax.PipeAll) {
			walk(b.X, b.Op == syntax.PipeAll)
			walk(b.Y, all)
			return
		}
		plain := *st
		plain.Negated, plain.Background = false, false
		p := &printer{}
		p.stmt(&plain, all)
		p.flush()
		stages = append(stages, p.b.String())
	}
	walk(st, false)
	return strings.Join(stages, " | ")
}

// printer lays code out as bash's print_cmd does.
type printer struct {
	b      strings.Builder
	level  int  // the indentation, in columns
	inFunc int  // inside a function's body: lists go one command a line
	flat   bool // the environment's form: every indentation is one blank
	// here-documents whose bodies follow at the end of the line
	pending []*syntax.Redirect
	// a here-document's body was just written: the ";" that would end
	// the command before it is left out
	heredoc bool
	// in $( ): a new line that separated commands is kept
	comsub bool
}

func (p *printer) s(text string) { p.b.WriteString(text) }

// newline starts a line at the current indentation.
func (p *printer) newline() {
	p.s("\n")
	p.indent()
}

func (p *printer) indent() {
	switch {
	case p.flat && p.level > 0:
		p.s(" ")
	case !p.flat:
		p.s(strings.Repeat(" ", p.level))
	}
}

// flush writes the bodies of the pending here-documents, each followed
// by its delimiter, after a new line.
func (p *printer) flush() {
	if len(p.pending) == 0 {
		return
	}
	p.s("\n")
	for _, rd := range p.pending {
		p.s(hdocBody(rd))
		p.s(hdocDelim(rd.Word) + "\n")
	}
	p.pending = nil
	p.heredoc = true
}

// funcBody prints a function's body in braces, and the redirections of
// a group body after the closing brace. flat is the environment's form,
// whose first command follows the brace on its line.
func (p *printer) funcBody(body *syntax.Stmt, flat bool) {
	stmts := []*syntax.Stmt{body}
	var redirs []*syntax.Redirect
	if b, ok := body.Cmd.(*syntax.Block); ok && !body.Negated && !body.Background {
		stmts, redirs = b.Stmts, body.Redirs
	}
	if !flat {
		p.newline()
	}
	p.s("{ ")
	p.level += 4
	if flat {
		p.indent()
	} else {
		p.newline()
	}
	p.list(stmts)
	p.flush()
	p.level -= 4
	p.newline()
	p.s("}")
	p.redirs(redirs)
}

// list prints stmts joined as bash joins a list: "a & b", "a; b" (a new
// line for each in a function). bash holds a list as a chain of
// connections, each joining the list so far to one more command, and a
// here-document's body is written where the connection that holds its
// command ends: the ";" after that command and the one after the next
// are left out when it is the list's first, only the one after it
// otherwise. Inside $( ) the new lines that separated the commands are
// kept, as bash keeps them.
func (p *printer) list(stmts []*syntax.Stmt) {
	comsub := p.comsub
	for i, st := range stmts {
		p.stmt(st, false)
		if i > 0 {
			p.flushHere("")
		}
		last := i == len(stmts)-1
		switch {
		case st.Background:
			p.flushHere(" &")
			if !last {
				p.s(" ")
			}
		case last:
		case len(p.pending) > 0:
			p.flush()
			p.afterSeparator(comsub && !st.Semicolon.IsValid())
		case p.heredoc:
			p.heredoc = false
			p.afterSeparator(comsub && !st.Semicolon.IsValid())
		default:
			if !comsub || st.Semicolon.IsValid() {
				p.s(";")
			}
			p.afterSeparator(comsub && !st.Semicolon.IsValid())
		}
	}
}

// afterSeparator starts the next command of a list after its ";": on a
// line of its own in a function, after a blank elsewhere, on the next
// line in a $( ) where it was written there.
func (p *printer) afterSeparator(newline bool) {
	switch {
	case newline:
		p.s("\n")
	case p.inFunc > 0:
		p.newline()
	default:
		p.s(" ")
	}
}

// flushHere writes a connection's operator (" |", " &"; "" at the end
// of a connection), then the bodies of the here-documents pending, and
// then a blank after an operator, as bash does.
func (p *printer) flushHere(op string) {
	p.s(op)
	if len(p.pending) > 0 {
		p.flush()
		if op != "" {
			p.s(" ")
		}
	}
}

// body prints the commands of a loop, then or else part indented on
// lines of their own, each ended by ";" as bash ends them, and starts
// the line that follows at the outer indentation.
func (p *printer) body(stmts []*syntax.Stmt) {
	p.indented(func() { p.list(stmts) })
}

// indented prints what print writes one level in, on lines of its own,
// ended as body ends a part.
func (p *printer) indented(print func()) {
	p.level += 4
	p.newline()
	print()
	p.end()
	p.level -= 4
	p.newline()
}

// end ends a list bash closes with ";" (a loop's body, a group outside
// a function), unless the text ends in "&" or a new line (a
// here-document's body, written here if it is pending).
func (p *printer) end() {
	p.flush()
	if t := p.b.String(); t != "" && t[len(t)-1] != '&' && t[len(t)-1] != '\n' {
		p.s(";")
	}
}

// stmt prints a statement without its "&"; pipeAll adds the "2>&1" of
// a "|&" that follows it.
func (p *printer) stmt(st *syntax.Stmt, pipeAll bool) {
	if st.Negated {
		p.s("! ")
	}
	if st.Cmd != nil {
		p.node(st.Cmd)
	}
	if st.Cmd == nil && len(st.Redirs) > 0 {
		// a command of redirections alone: ">f"
		for i, rd := range st.Redirs {
			if i > 0 {
				p.s(" ")
			}
			p.redir(rd)
		}
	} else {
		p.redirs(st.Redirs)
	}
	if pipeAll {
		p.s(" 2>&1")
	}
}

func (p *printer) redirs(rds []*syntax.Redirect) {
	for _, rd := range rds {
		p.s(" ")
		p.redir(rd)
	}
}

// node prints a command (or a statement).
func (p *printer) node(n syntax.Node) {
	switch c := n.(type) {
	case *syntax.Stmt:
		p.stmt(c, false)
		if c.Background {
			p.s(" &")
		}
	case *syntax.File:
		p.list(c.Stmts)
	case *syntax.CallExpr:
		p.call(c)
	case *syntax.BinaryCmd:
		p.binary(c)
	case *syntax.Block:
		if p.inFunc > 0 {
			p.s("{ ")
			p.level += 4
			p.newline()
			p.list(c.Stmts)
			p.flush()
			p.level -= 4
			p.newline()
			p.s("}")
			return
		}
		p.s("{ ")
		p.list(c.Stmts)
		p.end()
		p.s(" }")
	case *syntax.Subshell:
		p.s("( ")
		p.list(c.Stmts)
		p.flush()
		p.s(" )")
	case *syntax.IfClause:
		p.ifClause(c)
	case *syntax.WhileClause:
		if c.Until {
			p.s("until ")
		} else {
			p.s("while ")
		}
		p.list(c.Cond)
		p.s("; do")
		p.body(c.Do)
		p.s("done")
	case *syntax.ForClause:
		p.forClause(c)
	case *syntax.CaseClause:
		p.caseClause(c)
	case *syntax.ArithmCmd:
		p.s("((" + arithText(c.X, offsetAfter(c.Left, 2), c.Right) + "))")
	case *syntax.TestClause:
		p.s("[[ ")
		p.test(c.X, true)
		p.s(" ]]")
	case *syntax.DeclClause:
		p.s(c.Variant.Value)
		for _, a := range c.Args {
			p.s(" ")
			p.assign(a)
		}
	case *syntax.LetClause:
		p.s("let")
		for _, x := range c.Exprs {
			p.s(" " + arithText(x, x.Pos(), x.End()))
		}
	case *syntax.FuncDecl:
		name := ""
		if c.Name != nil { // nil in zsh's anonymous functions only
			name = c.Name.Value
		}
		p.s("function " + name + " () ")
		p.inFunc++
		p.funcBody(c.Body, false)
		p.inFunc--
	case *syntax.CoprocClause:
		p.s("coproc ")
		if c.Name != nil {
			p.s(p.word(c.Name))
		} else {
			p.s("COPROC")
		}
		p.s(" ")
		p.stmt(c.Stmt, false)
	case *syntax.TimeClause:
		p.s("time")
		if c.PosixFormat {
			p.s(" -p")
		}
		if c.Stmt != nil {
			p.s(" ")
			p.stmt(c.Stmt, false)
		}
	case *syntax.Word:
		p.s(p.word(c))
	default:
		// a node bash has no syntax for (zsh's, mksh's): mvdan's own text
		var sb strings.Builder
		_ = syntax.NewPrinter(syntax.SingleLine(true)).Print(&sb, n)
		p.s(sb.String())
	}
}

func (p *printer) call(c *syntax.CallExpr) {
	sep := ""
	for _, a := range c.Assigns {
		p.s(sep)
		p.assign(a)
		sep = " "
	}
	for _, w := range c.Args {
		p.s(sep + p.word(w))
		sep = " "
	}
}

// binary prints a pipeline or an and-or list, as bash holds them: a
// chain of connections from the left, a here-document's body written
// after the operator that follows its command or where the connection
// that holds it ends.
func (p *printer) binary(c *syntax.BinaryCmd) {
	var stmts []*syntax.Stmt
	var ops []syntax.BinCmdOperator
	pipe := c.Op == syntax.Pipe || c.Op == syntax.PipeAll
	var walk func(st *syntax.Stmt)
	walk = func(st *syntax.Stmt) {
		if b, ok := st.Cmd.(*syntax.BinaryCmd); ok && !st.Negated && !st.Background && len(st.Redirs) == 0 &&
			(b.Op == syntax.Pipe || b.Op == syntax.PipeAll) == pipe {
			walk(b.X)
			ops = append(ops, b.Op)
			walk(b.Y)
			return
		}
		stmts = append(stmts, st)
	}
	walk(&syntax.Stmt{Cmd: c})
	for i, st := range stmts {
		if i > 0 {
			if pipe {
				p.flushHere(" |")
				p.s(" ")
			} else {
				p.flushHere(" " + ops[i-1].String() + " ")
			}
		}
		p.stmt(st, i < len(ops) && ops[i] == syntax.PipeAll)
		if i > 0 {
			p.flushHere("")
		}
	}
}

// ifClause prints if/then/else/fi; an elif is shown as bash stores it,
// an if nested in the else part.
func (p *printer) ifClause(c *syntax.IfClause) {
	p.s("if ")
	p.list(c.Cond)
	p.s("; then")
	p.body(c.Then)
	if e := c.Else; e != nil {
		p.s("else")
		if len(e.Cond) > 0 {
			p.indented(func() { p.ifClause(e) })
		} else {
			p.body(e.Then)
		}
	}
	p.s("fi")
}

func (p *printer) forClause(c *syntax.ForClause) {
	if c.Select {
		p.s("select ")
	} else {
		p.s("for ")
	}
	switch l := c.Loop.(type) {
	case *syntax.WordIter:
		p.s(l.Name.Value + " in ")
		if !l.InPos.IsValid() {
			p.s(`"$@"`)
		}
		for i, w := range l.Items {
			if i > 0 {
				p.s(" ")
			}
			p.s(p.word(w))
		}
		p.s(";")
	case *syntax.CStyleLoop:
		p.s("((" + cStyle(l) + "))")
	}
	p.newline()
	p.s("do")
	p.body(c.Do)
	p.s("done")
}

func (p *printer) caseClause(c *syntax.CaseClause) {
	p.s("case " + p.word(c.Word) + " in ")
	p.level += 4
	for _, it := range c.Items {
		p.newline()
		for i, w := range it.Patterns {
			if i > 0 {
				p.s(" | ")
			}
			p.s(p.word(w))
		}
		p.s(")")
		p.level += 4
		if len(it.Stmts) > 0 {
			p.newline()
			p.list(it.Stmts)
			p.flush()
		} else {
			p.s("\n")
		}
		p.level -= 4
		p.newline()
		op := it.Op.String()
		if !it.OpPos.IsValid() {
			op = ";;"
		}
		p.s(op)
	}
	p.level -= 4
	p.newline()
	p.s("esac")
}

// test prints a [[ ]] expression; a word alone is the -n test bash
// makes of it.
func (p *printer) test(x syntax.TestExpr, top bool) {
	switch t := x.(type) {
	case *syntax.Word:
		if top {
			p.s("-n ")
		}
		p.s(p.word(t))
	case *syntax.UnaryTest:
		p.s(t.Op.String() + " ")
		p.test(t.X, t.Op == syntax.TsNot)
	case *syntax.BinaryTest:
		logical := t.Op == syntax.AndTest || t.Op == syntax.OrTest
		p.test(t.X, logical)
		p.s(" " + t.Op.String() + " ")
		p.test(t.Y, logical)
	case *syntax.ParenTest:
		p.s("( ")
		p.test(t.X, true)
		p.s(" )")
	}
}

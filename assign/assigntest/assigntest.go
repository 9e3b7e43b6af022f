// Package assigntest is a fake of the shell that packages assign and
// decl ask for (assign.Shell), for their tests: words are literals (Lit
// and '...' parts), arithmetic is decimal numbers, variables live in a
// real vars.Store.
package assigntest

import (
	"fmt"
	"strconv"
	"strings"

	"mvdan.cc/sh/v3/expand"
	"mvdan.cc/sh/v3/syntax"

	"pipesh/vars"
)

// storeShell is what a vars.Store asks of its shell: nothing a test of
// assignments needs.
type storeShell struct{}

func (storeShell) Arith(expr string) (int, error) { return strconv.Atoi(strings.TrimSpace(expr)) }
func (storeShell) Assigned(string)                {}
func (storeShell) NewLocal(string) any            { return nil }
func (storeShell) ScopeLeft(any)                  {}
func (storeShell) AllExport() bool                { return false }
func (storeShell) ExportChanged()                 {}

// Fake is an assign.Shell whose words are literals (Lit and '...' parts) and
// whose arithmetic is decimal numbers.
type Fake struct {
	VS     vars.Store
	Errs   []string // what Errorf reported
	EnvGen int      // how many times EnvChanged was called
}

// New makes a Fake with an empty store.
func New() *Fake { return &Fake{VS: vars.New(storeShell{})} }

func (f *Fake) Vars() *vars.Store { return &f.VS }

func (f *Fake) Lookup(name string) expand.Variable { v, _ := f.VS.Lookup(name); return v }

func (f *Fake) Value(w *syntax.Word) (string, error) {
	var b strings.Builder
	for _, p := range w.Parts {
		switch p := p.(type) {
		case *syntax.Lit:
			b.WriteString(p.Value)
		case *syntax.SglQuoted:
			b.WriteString(p.Value)
		default:
			return "", fmt.Errorf("fake: cannot expand %T", p)
		}
	}
	return b.String(), nil
}

func (f *Fake) PlainValue(*syntax.Word) (string, bool) { return "", false }

func (f *Fake) Fields(words []*syntax.Word) ([]string, error) {
	var out []string
	for _, w := range words {
		s, err := f.Value(w)
		if err != nil {
			return nil, err
		}
		out = append(out, strings.Fields(s)...)
	}
	return out, nil
}

func (f *Fake) Literal(w *syntax.Word) (string, error) { return f.Value(w) }

func (f *Fake) Arith(x syntax.ArithmExpr) (int, error) {
	switch x := x.(type) {
	case *syntax.Word:
		s, err := f.Value(x)
		if err != nil {
			return 0, err
		}
		return f.ArithText(s)
	case *syntax.UnaryArithm:
		if n, err := f.Arith(x.X); err == nil && x.Op == syntax.Minus {
			return -n, nil
		}
	}
	return 0, fmt.Errorf("fake: cannot evaluate %T", x)
}

func (f *Fake) ArithText(s string) (int, error) { return strconv.Atoi(strings.TrimSpace(s)) }

func (f *Fake) Source(x syntax.ArithmExpr) (string, error) { return f.Print(x), nil }

func (f *Fake) Print(n syntax.Node) string {
	var b strings.Builder
	syntax.NewPrinter().Print(&b, n)
	return b.String()
}

func (f *Fake) Errorf(format string, args ...any) {
	f.Errs = append(f.Errs, fmt.Sprintf(format, args...))
}
func (f *Fake) EnvChanged() { f.EnvGen++ }

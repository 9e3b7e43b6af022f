// Package wordexp expands words as bash does: field splitting on IFS,
// tilde expansion, quote removal, globbing with bash's rules for dot
// names and GLOBIGNORE, and the parameter expansions package
// mvdan.cc/sh/v3/expand computes unlike bash (patterns, ${x/#p/r},
// ${x~~}, ${a[@]@Q}, ${!ref} through arrays...). It also holds the
// fixes applied to a freshly parsed tree that expansion relies on: the
// carriage returns, the ${x~} operators and the \cX escapes the parser
// does not keep as bash does.
//
// An [Expander] sees the shell only through its [Config]: package
// expand's configuration (variables, command and process substitution)
// and a [Shell] it calls back for arithmetic, error reports and the
// like. The shell fills it; this package never imports the shell.
package wordexp

import (
	"io/fs"
	"os"
	"strconv"
	"strings"

	"mvdan.cc/sh/v3/expand"
	"mvdan.cc/sh/v3/syntax"
)

// Config is what an Expander needs from the shell.
type Config struct {
	// Expand is package expand's configuration, with the shell's Env,
	// CmdSubst and ProcSubst. The Expander owns the rest of it: it sets
	// ReadDir2 and the glob and nounset fields from its Options.
	Expand *expand.Config
	// Shell answers the Expander's questions.
	Shell Shell
}

// Shell is the shell as an Expander calls back into it. It is an
// interface, not fields of funcs as in expand.Config, so that a
// subshell's expander costs no allocation.
type Shell interface {
	// Lookup returns a variable or special parameter (unset if there is
	// none such).
	Lookup(name string) expand.Variable
	// VarAttrs returns the attributes of a variable that expand.Variable
	// has no room for: integer is "i" for declare -i, letterCase "l" or
	// "u" for declare -l or -u ("" without).
	VarAttrs(name string) (integer, letterCase string)
	// Abs makes a path absolute against the shell's current directory.
	Abs(path string) string
	// ArithExp evaluates $(( )), Arith an arithmetic expression (an
	// array subscript, a slice bound), as bash does.
	ArithExp(x *syntax.ArithmExp) (int, error)
	Arith(x syntax.ArithmExpr) (int, error)
	// ResolveArith returns w with its $(( )), subscripts and slice
	// bounds evaluated to numbers (w itself when it has none), so that
	// package expand evaluates no arithmetic.
	ResolveArith(w *syntax.Word) (*syntax.Word, error)
	// Errorf reports an error that does not stop the expansion, as the
	// shell reports run-time errors (${a[-9]}: "bad array subscript").
	Errorf(format string, args ...any)
	// Prompt expands a string as a prompt is, for ${x@P}.
	Prompt(s string) string
}

// Options are the shell options expansion follows.
type Options struct {
	Posix       bool // set -o posix: no tilde expansion in name=value arguments
	NoGlob      bool // set -f
	NoUnset     bool // set -u
	BraceExpand bool // set -B

	// The shopt options of the same names. GLOBIGNORE's patterns follow
	// NoCaseMatch, as [[ == ]] does.
	ExtGlob, FailGlob, NullGlob, DotGlob, GlobStar, GlobSkipDots, NoCaseGlob, NoCaseMatch bool

	// InheritedGlobIgnore: GLOBIGNORE is still the value from the
	// environment, which bash does not apply until it is assigned.
	InheritedGlobIgnore bool
}

// An Expander expands words for one shell. Its zero value is not ready:
// Init it. It is not safe for concurrent use: each in-process subshell
// has its own (package expand's configuration holds scratch buffers). An
// Expander must not be copied once Init has run.
type Expander struct {
	sh      Shell
	ecfg    *expand.Config
	opts    Options
	readDir func(string) ([]fs.DirEntry, error) // x.dirEntries, made once
	// hidesDots: the field being globbed matches no dot names
	// (glob.go); set only around one expand call
	hidesDots bool
}

// Init readies x to expand over cfg, with all options off.
func (x *Expander) Init(cfg Config) {
	*x = Expander{sh: cfg.Shell, ecfg: cfg.Expand}
	x.ecfg.CmdSubst = wrapCmdSubst(x.ecfg.CmdSubst) // badsubst.go
	x.readDir = x.dirEntries
	x.SetOptions(Options{})
}

// SetOptions changes the options expansion follows; the shell calls it
// whenever one of them changes.
func (x *Expander) SetOptions(o Options) {
	x.opts = o
	if o.NoGlob {
		x.ecfg.ReadDir2 = nil
	} else {
		x.ecfg.ReadDir2 = x.readDir
	}
	x.ecfg.NoUnset = o.NoUnset
	x.ecfg.GlobStar = o.GlobStar
	x.ecfg.DotGlob = o.DotGlob
	x.ecfg.NullGlob = o.NullGlob
	x.ecfg.NoCaseGlob = o.NoCaseGlob
	x.ecfg.ExtGlob = o.ExtGlob
}

// dirEntries lists a directory for package expand's globbing.
func (x *Expander) dirEntries(dir string) ([]fs.DirEntry, error) {
	entries, err := os.ReadDir(x.sh.Abs(dir))
	if x.hidesDots {
		return withoutDots(entries), err // glob.go
	}
	return x.withDotEntries(x.sh.Abs(dir), entries), err // glob.go
}

// A FatalError is an expansion error that ends a non-interactive shell,
// as bash's "bad substitution" does. Other errors fail the command only
// (but see expand.UnsetParameterError).
type FatalError struct{ Err error }

func (e *FatalError) Error() string { return e.Err.Error() }

// Unwrap returns the error itself.
func (e *FatalError) Unwrap() error { return e.Err }

// Fields expands words to argv: brace expansion, then each word's
// fields.
func (x *Expander) Fields(words []*syntax.Word) ([]string, error) {
	out := make([]string, 0, len(words))
	for _, w := range words {
		if s, ok := Plain(w); ok {
			// most words are plain literals: skip the expander
			out = append(out, s)
			continue
		}
		if s, ok := x.plainParamField(w); ok {
			// $i, the other common word (fastparam.go)
			out = append(out, s)
			continue
		}
		if !x.opts.BraceExpand || !mayHaveBraces(w) {
			f, err := x.wordFields(w)
			if err != nil {
				return nil, err
			}
			out = append(out, f...)
			continue
		}
		var err error
		if out, err = x.braceFields(w, out); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// braceFields appends to out the fields of w after brace expansion. It is
// a function of its own so that Fields, which every command runs, has no
// range over a function: that loop's state would go to the heap on every
// call, braces or not.
func (x *Expander) braceFields(w *syntax.Word, out []string) ([]string, error) {
	c := *w // SplitBraces replaces the Parts slice
	if !syntax.SplitBraces(&c) {
		f, err := x.wordFields(w)
		if err != nil {
			return nil, err
		}
		return append(out, f...), nil
	}
	for bw, err := range expand.BracesSeq(x.ecfg, &c) {
		if err != nil {
			return nil, err
		}
		f, err := x.wordFields(bw)
		if err != nil {
			return nil, err
		}
		out = append(out, f...)
	}
	return out, nil
}

// Plain returns a word that is one literal with nothing to expand: no
// quotes, escapes, braces, tildes or glob characters.
func Plain(w *syntax.Word) (string, bool) {
	if len(w.Parts) != 1 {
		return "", false
	}
	lit, ok := w.Parts[0].(*syntax.Lit)
	if !ok || lit.Value == "" || !plainText(lit.Value) {
		return "", false
	}
	return lit.Value, true
}

// plainText reports whether s has none of the bytes that make a literal
// more than itself: {}~\$`'"@+!(), and the glob characters * and ? or a
// [ closed by a later ] (a lone [ or ], as in the test command, is not a
// pattern and is never looked up). It is one pass over s, without the
// set strings.ContainsAny builds on each call: every word of every
// command comes here.
func plainText(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '{', '}', '~', '\\', '$', '`', '\'', '"', '@', '+', '!', '(', ')', '*', '?':
			return false
		case '[':
			if strings.IndexByte(s[i+1:], ']') >= 0 {
				return false
			}
		}
	}
	return true
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

// Literal expands one word without splitting or globbing (nil is "").
func (x *Expander) Literal(w *syntax.Word) (string, error) {
	if w == nil {
		return "", nil
	}
	w = x.FailBadSubst(w) // badsubst.go
	if len(w.Parts) == 1 {
		if ae, ok := w.Parts[0].(*syntax.ArithmExp); ok {
			n, err := x.sh.ArithExp(ae)
			return strconv.Itoa(n), err
		}
	}
	w, err := x.lazyWord(w) // a default's word only if taken, before its $(( )) is
	if err != nil {
		return "", err
	}
	if w, err = x.sh.ResolveArith(w); err != nil { // $(( )) and subscripts as bash evaluates them
		return "", err
	}
	if w, err = x.glueWord(w); err != nil { // see glue.go
		return "", err
	}
	return expand.Literal(x.ecfg, w)
}

// printNode prints a node as shell source, for messages.
func printNode(n syntax.Node) string {
	var sb strings.Builder
	syntax.NewPrinter(syntax.Indent(4), syntax.FunctionNextLine(false), syntax.SpaceRedirects(true)).Print(&sb, n)
	return UnmaskTildeText(sb.String()) // ${x~~} as written (tildecase.go)
}

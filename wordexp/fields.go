package wordexp

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"mvdan.cc/sh/v3/syntax"
)

// This file turns words into argv the way bash does. expand.Fields splits
// every IFS character alike, so "a::b" with IFS=: loses its empty field,
// and it re-splits the quoted parts of ${x:-"a b"}. Here pipesh walks the
// word's parts itself, asks package expand for the value of each
// expansion (expand.Literal on a one-part word), and does the POSIX field
// splitting, tilde expansion and quote bookkeeping; globbing and brace
// expansion are still expand's.

// fpart is a piece of a field: quoted pieces are literal when globbing.
type fpart struct {
	val    string
	quoted bool
}

// fieldBuilder collects the fields of one word.
type fieldBuilder struct {
	x      *Expander
	ifs    string
	fields [][]fpart
	cur    []fpart
	// exists is set once the current field must be produced even if it
	// is empty: it holds a quoted part or text, or a non-whitespace IFS
	// character ended it.
	exists bool
	// pattern is set when expanding a pattern, where @(...) needs no
	// extglob.
	pattern bool
}

func (b *fieldBuilder) emit() {
	b.fields = append(b.fields, b.cur)
	b.cur = nil
	b.exists = false
}

// boundary ends the current field if there is one.
func (b *fieldBuilder) boundary() {
	if b.exists {
		b.emit()
	}
}

func (b *fieldBuilder) quoted(s string) {
	b.cur = append(b.cur, fpart{val: s, quoted: true})
	b.exists = true
}

func (b *fieldBuilder) lit(s string) {
	if s != "" {
		b.cur = append(b.cur, fpart{val: s})
		b.exists = true
	}
}

func (b *fieldBuilder) isIFS(r rune) bool { return strings.ContainsRune(b.ifs, r) }

func isIFSSpace(r rune) bool { return r == ' ' || r == '\t' || r == '\n' }

// split adds the result of an unquoted expansion: IFS whitespace runs
// separate fields, and each other IFS character (with the whitespace
// around it) ends a field, even an empty one.
func (b *fieldBuilder) split(s string) {
	if b.ifs == "" {
		b.lit(s)
		return
	}
	start := 0
	i := 0
	for i < len(s) {
		c, size := utf8.DecodeRuneInString(s[i:])
		if !b.isIFS(c) {
			i += size
			continue
		}
		b.lit(s[start:i])
		j := i
		for j < len(s) {
			c, size := utf8.DecodeRuneInString(s[j:])
			if !isIFSSpace(c) || !b.isIFS(c) {
				break
			}
			j += size
		}
		hard := false
		if j < len(s) {
			if c, size := utf8.DecodeRuneInString(s[j:]); b.isIFS(c) && !isIFSSpace(c) {
				hard = true
				j += size
				for j < len(s) {
					c, size := utf8.DecodeRuneInString(s[j:])
					if !isIFSSpace(c) || !b.isIFS(c) {
						break
					}
					j += size
				}
			}
		}
		if hard {
			b.emit()
		} else {
			b.boundary()
		}
		i, start = j, j
	}
	b.lit(s[start:])
}

// wordFields expands one word (after brace expansion) to fields.
func (x *Expander) wordFields(w *syntax.Word) ([]string, error) {
	w = x.FailBadSubst(w) // badsubst.go
	b := &fieldBuilder{x: x, ifs: " \t\n"}
	if vr := x.sh.Lookup("IFS"); vr.IsSet() {
		b.ifs = vr.String()
	}
	parts := joinLits(w.Parts)
	if !x.opts.Posix && assignLike(parts) {
		parts = x.assignTilde(parts, true)
	}
	if err := b.parts(parts, true, false); err != nil {
		return nil, err
	}
	b.boundary()
	var out []string
	for _, f := range b.fields {
		gl, err := x.globField(f)
		if err != nil {
			return nil, err
		}
		out = append(out, gl...)
	}
	return out, nil
}

// parts adds unquoted word parts; top is whether they begin a word, where
// a tilde prefix expands; inner is whether they are the word of ${x-word},
// whose literal text is split too.
func (b *fieldBuilder) parts(parts []syntax.WordPart, top, inner bool) error {
	add := b.lit
	if inner {
		add = b.split
	}
	x := b.x
	for i, p := range parts {
		switch p := p.(type) {
		case *syntax.Lit:
			s := p.Value
			if i == 0 && top && strings.HasPrefix(s, "~") {
				name, rest, slash := strings.Cut(s[1:], "/")
				if slash || len(parts) == 1 {
					if home, ok := x.TildeHome(name); ok {
						b.quoted(home)
						s = ""
						if slash {
							s = "/" + rest
						}
					}
				}
			}
			for {
				k := strings.IndexByte(s, '\\')
				if k < 0 || k == len(s)-1 {
					break
				}
				_, size := utf8.DecodeRuneInString(s[k+1:])
				add(s[:k])
				b.quoted(s[k+1 : k+1+size])
				s = s[k+1+size:]
			}
			add(s)
		case *syntax.SglQuoted:
			s := p.Value
			if p.Dollar {
				var err error
				if s, err = x.Literal(&syntax.Word{Parts: []syntax.WordPart{p}}); err != nil {
					return err
				}
			}
			b.quoted(s)
		case *syntax.DblQuoted:
			if err := b.dblQuoted(p); err != nil {
				return err
			}
		case *syntax.ParamExp:
			if err := b.param(p); err != nil {
				return err
			}
		case *syntax.CmdSubst, *syntax.ArithmExp:
			s, err := x.Literal(&syntax.Word{Parts: []syntax.WordPart{p}})
			if err != nil {
				return err
			}
			b.split(s)
		case *syntax.ProcSubst:
			s, err := x.Literal(&syntax.Word{Parts: []syntax.WordPart{p}})
			if err != nil {
				return err
			}
			b.lit(s)
		case *syntax.ExtGlob:
			if !x.opts.ExtGlob && !b.pattern {
				return fmt.Errorf("extended globbing operator used without the \"extglob\" option set")
			}
			pat, err := x.extGlobPattern(p.Pattern.Value)
			if err != nil {
				return err
			}
			b.lit(p.Op.String() + pat + ")")
		default:
			return fmt.Errorf("unsupported word part %T", p)
		}
	}
	return nil
}

// param adds an unquoted parameter expansion.
func (b *fieldBuilder) param(pe *syntax.ParamExp) error {
	x := b.x
	if npe, ok, err := x.indirectRef(pe); ok || err != nil {
		if err != nil {
			return err
		}
		pe = npe
	}
	if pe.Exp != nil && !pe.Length && !pe.Excl && pe.Param != nil {
		switch op := pe.Exp.Op; op {
		case syntax.DefaultUnset, syntax.DefaultUnsetOrNull, syntax.AlternateUnset, syntax.AlternateUnsetOrNull:
			// the chosen word keeps its own quoting: ${x:-"a b" c}
			set, err := x.paramSet(pe, false)
			if err != nil {
				return err
			}
			def := op == syntax.DefaultUnset || op == syntax.DefaultUnsetOrNull
			if set && def {
				plain := *pe
				plain.Exp = nil
				return b.param(&plain)
			}
			if set != def && pe.Exp.Word != nil {
				return b.parts(pe.Exp.Word.Parts, true, true)
			}
			return nil
		case syntax.AssignUnset, syntax.AssignUnsetOrNull, syntax.ErrorUnset, syntax.ErrorUnsetOrNull:
			// the word is not expanded when x counts as set
			if hasEffects(pe.Exp.Word) {
				if set, err := x.paramSet(pe, false); err != nil || set {
					plain := *pe
					plain.Exp = nil
					if err != nil {
						return err
					}
					return b.param(&plain)
				}
			}
		}
	}
	if elems, ok, err := x.listElems(pe); ok || err != nil {
		if err != nil {
			return err
		}
		if b.ifs != "" {
			_, size := utf8.DecodeRuneInString(b.ifs)
			b.split(strings.Join(elems, b.ifs[:size]))
			return nil
		}
		// bash joins these two "*" forms even with IFS empty
		switch {
		case pe.Names == syntax.NamesPrefix:
			b.lit(strings.Join(elems, ""))
			return nil
		case pe.Excl && indexLit(pe.Index) == "*":
			b.lit(strings.Join(elems, " "))
			return nil
		}
		for i, e := range elems {
			if i > 0 {
				b.boundary()
			}
			b.lit(e)
		}
		return nil
	}
	s, err := x.Literal(&syntax.Word{Parts: []syntax.WordPart{pe}})
	if err != nil {
		return err
	}
	b.split(s)
	return nil
}

// dblQuoted adds a double-quoted part: no splitting, but "$@" and
// "${a[@]}" still make one field per element.
func (b *fieldBuilder) dblQuoted(dq *syntax.DblQuoted) error {
	x := b.x
	if len(dq.Parts) == 0 {
		b.quoted("")
		return nil
	}
	var group []syntax.WordPart
	flush := func() error {
		if len(group) == 0 {
			return nil
		}
		s, err := x.Literal(&syntax.Word{Parts: []syntax.WordPart{&syntax.DblQuoted{Parts: group}}})
		group = nil
		if err != nil {
			return err
		}
		b.quoted(s)
		return nil
	}
	parts := append([]syntax.WordPart(nil), dq.Parts...)
	for i := 0; i < len(parts); i++ {
		p := parts[i]
		pe, ok := p.(*syntax.ParamExp)
		if !ok {
			group = append(group, p)
			continue
		}
		if npe, ok, err := x.indirectRef(pe); ok || err != nil {
			if err != nil {
				return err
			}
			pe = npe
		}
		if ppe, at := listForm(pe); ppe != nil && at {
			if err := flush(); err != nil {
				return err
			}
			elems, _, err := x.listElems(pe)
			if err != nil {
				return err
			}
			for j, e := range elems {
				if j > 0 {
					b.emit()
				}
				b.quoted(e)
			}
			continue
		}
		if pe.Exp != nil && !pe.Length && !pe.Excl && pe.Param != nil && isTakenOp(pe.Exp.Op) && hasEffects(pe.Exp.Word) {
			// "${x:=w}": w is not expanded when x counts as set
			set, err := x.paramSet(pe, true)
			if err != nil {
				return err
			}
			if set {
				plain := *pe
				plain.Exp = nil
				parts[i] = &plain
				i--
				continue
			}
		}
		if pe.Exp != nil && !pe.Length && !pe.Excl && pe.Param != nil {
			switch pe.Exp.Op {
			case syntax.DefaultUnset, syntax.DefaultUnsetOrNull, syntax.AlternateUnset, syntax.AlternateUnsetOrNull:
				if err := flush(); err != nil {
					return err
				}
				set, err := x.paramSet(pe, true)
				if err != nil {
					return err
				}
				op := pe.Exp.Op
				if def := op == syntax.DefaultUnset || op == syntax.DefaultUnsetOrNull; set && def {
					plain := *pe
					plain.Exp = nil
					parts[i] = &plain
					i--
					continue
				}
				plain := *pe
				plain.Exp = nil
				if _, at := listForm(&plain); at && !set && (op == syntax.AlternateUnset || op == syntax.AlternateUnsetOrNull) {
					if elems, _, err := x.listElems(&plain); err == nil && len(elems) == 0 {
						continue // like "$@" with no elements: no field at all
					}
				}
				def := op == syntax.DefaultUnset || op == syntax.DefaultUnsetOrNull
				if w := pe.Exp.Word; w != nil && set != def && hasAtList(w.Parts) {
					// "${x:-${a[@]}}" is one field per element, as "${a[@]}"
					if err := b.dblQuoted(&syntax.DblQuoted{Parts: flatDQ(w.Parts)}); err != nil {
						return err
					}
					continue
				}
				s, err := x.quotedDefault(pe, set)
				if err != nil {
					return err
				}
				b.quoted(s)
				continue
			}
		}
		group = append(group, pe) // rewritten by indirectRef, if it was
	}
	return flush()
}

// hasAtList reports whether parts are plain text and expansions with an
// "@" list among them ("${a[@]}" inside the word of ${x:-word}).
func hasAtList(parts []syntax.WordPart) bool {
	at := false
	for _, p := range flatDQ(parts) {
		switch p := p.(type) {
		case *syntax.SglQuoted, *syntax.DblQuoted:
			return false
		case *syntax.ParamExp:
			if ppe, isAt := listForm(p); ppe != nil && isAt {
				at = true
			}
		}
	}
	return at
}

// flatDQ returns parts with their double-quoted parts' insides in their
// place: quotes inside a double-quoted word only group.
func flatDQ(parts []syntax.WordPart) []syntax.WordPart {
	var out []syntax.WordPart
	for _, p := range parts {
		if dq, ok := p.(*syntax.DblQuoted); ok {
			out = append(out, flatDQ(dq.Parts)...)
			continue
		}
		out = append(out, p)
	}
	return out
}

// extGlobPattern expands the parameters and substitutions in the
// pattern of an extended glob, !($pat) as bash does: the parser keeps
// that text as it was written.
func (x *Expander) extGlobPattern(val string) (string, error) {
	if !strings.ContainsAny(val, "$`") {
		return val, nil
	}
	w, err := syntax.NewParser(syntax.Variant(syntax.LangBash)).Document(strings.NewReader(val))
	if err != nil {
		return val, nil // not a word the parser reads: as written
	}
	return x.Literal(w)
}

package shell

import (
	"fmt"
	"os/user"
	"strings"
	"unicode/utf8"

	"mvdan.cc/sh/v3/expand"
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
	r      *Runner
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
func (r *Runner) wordFields(w *syntax.Word) ([]string, error) {
	b := &fieldBuilder{r: r, ifs: " \t\n"}
	if vr := r.lookupVar("IFS"); vr.IsSet() {
		b.ifs = vr.String()
	}
	parts := joinLits(w.Parts)
	if !r.opts[optPosix] && assignLike(parts) {
		parts = r.assignTilde(parts, true)
	}
	if err := b.parts(parts, true, false); err != nil {
		return nil, err
	}
	b.boundary()
	var out []string
	for _, f := range b.fields {
		gl, err := r.globField(f)
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
	r := b.r
	for i, p := range parts {
		switch p := p.(type) {
		case *syntax.Lit:
			s := p.Value
			if i == 0 && top && strings.HasPrefix(s, "~") {
				name, rest, slash := strings.Cut(s[1:], "/")
				if slash || len(parts) == 1 {
					if home, ok := r.tildeHome(name); ok {
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
				if s, err = r.literal(&syntax.Word{Parts: []syntax.WordPart{p}}); err != nil {
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
			s, err := r.literal(&syntax.Word{Parts: []syntax.WordPart{p}})
			if err != nil {
				return err
			}
			b.split(s)
		case *syntax.ProcSubst:
			s, err := r.literal(&syntax.Word{Parts: []syntax.WordPart{p}})
			if err != nil {
				return err
			}
			b.lit(s)
		case *syntax.ExtGlob:
			if !r.shopts["extglob"] && !b.pattern {
				return fmt.Errorf("extended globbing operator used without the \"extglob\" option set")
			}
			b.lit(p.Op.String() + p.Pattern.Value + ")")
		default:
			return fmt.Errorf("unsupported word part %T", p)
		}
	}
	return nil
}

// param adds an unquoted parameter expansion.
func (b *fieldBuilder) param(pe *syntax.ParamExp) error {
	r := b.r
	if npe, ok, err := r.indirectRef(pe); ok || err != nil {
		if err != nil {
			return err
		}
		pe = npe
	}
	if pe.Exp != nil && !pe.Length && !pe.Excl && pe.Param != nil {
		switch op := pe.Exp.Op; op {
		case syntax.DefaultUnset, syntax.DefaultUnsetOrNull, syntax.AlternateUnset, syntax.AlternateUnsetOrNull:
			// the chosen word keeps its own quoting: ${x:-"a b" c}
			set, err := r.paramSet(pe, false)
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
		}
	}
	if elems, ok, err := r.listElems(pe); ok || err != nil {
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
	s, err := r.literal(&syntax.Word{Parts: []syntax.WordPart{pe}})
	if err != nil {
		return err
	}
	b.split(s)
	return nil
}

// paramSet reports whether the parameter of ${x-w} (${x:-w}) counts as
// set (set and not null).
func (r *Runner) paramSet(pe *syntax.ParamExp, quoted bool) (bool, error) {
	plain := *pe
	plain.Exp = nil
	if ppe, at := listForm(&plain); ppe != nil {
		// a list is unset when it has no elements, and null when its
		// elements joined (by IFS only for a quoted "*" form) are empty
		elems, _, err := r.listElems(&plain)
		if err != nil || len(elems) == 0 {
			return false, err
		}
		if op := pe.Exp.Op; op == syntax.DefaultUnset || op == syntax.AlternateUnset {
			return true, nil
		}
		sep := " "
		if quoted && !at {
			sep = r.lookupVar("IFS").String()
			if !r.lookupVar("IFS").IsSet() {
				sep = " "
			}
			if _, size := utf8.DecodeRuneInString(sep); size < len(sep) {
				sep = sep[:size]
			}
		}
		return strings.Join(elems, sep) != "", nil
	}
	probe := *pe
	op := syntax.AlternateUnset
	if pe.Exp.Op == syntax.DefaultUnsetOrNull || pe.Exp.Op == syntax.AlternateUnsetOrNull {
		op = syntax.AlternateUnsetOrNull
	}
	probe.Exp = &syntax.Expansion{Op: op, Word: &syntax.Word{Parts: []syntax.WordPart{&syntax.Lit{Value: "x"}}}}
	s, err := r.literal(&syntax.Word{Parts: []syntax.WordPart{&probe}})
	return s == "x", err
}

// listForm reports whether pe expands to a list ($@, ${a[*]}, ${!p@},
// ${!a[@]}), returning it rewritten to its "@" form; at says it was one.
func listForm(pe *syntax.ParamExp) (ppe *syntax.ParamExp, at bool) {
	if pe.Param == nil || pe.Length || pe.Width || pe.IsSet || pe.Exp != nil && isDefaultOp(pe.Exp.Op) {
		return nil, false
	}
	atWord := &syntax.Word{Parts: []syntax.WordPart{&syntax.Lit{Value: "@"}}}
	c := *pe
	switch {
	case pe.Names == syntax.NamesPrefixWords:
		return &c, true
	case pe.Names == syntax.NamesPrefix:
		c.Names = syntax.NamesPrefixWords
		return &c, false
	case pe.Excl && pe.Index == nil:
		return nil, false
	case pe.Param.Value == "@" && pe.Index == nil:
		return &c, true
	case pe.Param.Value == "*" && pe.Index == nil:
		c.Param = &syntax.Lit{ValuePos: pe.Param.ValuePos, ValueEnd: pe.Param.ValueEnd, Value: "@"}
		return &c, false
	}
	switch indexLit(pe.Index) {
	case "@":
		return &c, true
	case "*":
		c.Index = atWord
		return &c, false
	}
	return nil, false
}

func isDefaultOp(op syntax.ParExpOperator) bool {
	switch op {
	case syntax.DefaultUnset, syntax.DefaultUnsetOrNull, syntax.AlternateUnset, syntax.AlternateUnsetOrNull,
		syntax.AssignUnset, syntax.AssignUnsetOrNull, syntax.ErrorUnset, syntax.ErrorUnsetOrNull:
		return true
	}
	return false
}

func indexLit(x syntax.ArithmExpr) string {
	w, ok := x.(*syntax.Word)
	if !ok || len(w.Parts) != 1 {
		return ""
	}
	l, ok := w.Parts[0].(*syntax.Lit)
	if !ok {
		return ""
	}
	return l.Value
}

// listElems returns the elements of a list expansion; ok is false when pe
// is not one.
func (r *Runner) listElems(pe *syntax.ParamExp) (elems []string, ok bool, err error) {
	ppe, _ := listForm(pe)
	if ppe == nil {
		return nil, false, nil
	}
	if elems, ok, err := r.glueList(pe); ok {
		return elems, true, err // see paramglue.go
	}
	if ppe.Index != nil && ppe.Param != nil && ppe.Slice == nil {
		// expand reads an empty array's nil list as "not a list"
		switch vr := r.lookupVar(ppe.Param.Value); vr.Kind {
		case expand.Indexed:
			if len(vr.List) == 0 {
				return []string{}, true, nil
			}
		case expand.Associative:
			if len(vr.Map) == 0 {
				return []string{}, true, nil
			}
		}
	}
	w := &syntax.Word{Parts: []syntax.WordPart{&syntax.DblQuoted{Parts: []syntax.WordPart{ppe}}}}
	elems, err = expand.Fields(r.ecfg, w)
	return elems, true, r.wrapExpand(err)
}

// dblQuoted adds a double-quoted part: no splitting, but "$@" and
// "${a[@]}" still make one field per element.
func (b *fieldBuilder) dblQuoted(dq *syntax.DblQuoted) error {
	r := b.r
	if len(dq.Parts) == 0 {
		b.quoted("")
		return nil
	}
	var group []syntax.WordPart
	flush := func() error {
		if len(group) == 0 {
			return nil
		}
		s, err := r.literal(&syntax.Word{Parts: []syntax.WordPart{&syntax.DblQuoted{Parts: group}}})
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
		if npe, ok, err := r.indirectRef(pe); ok || err != nil {
			if err != nil {
				return err
			}
			pe = npe
		}
		if ppe, at := listForm(pe); ppe != nil && at {
			if err := flush(); err != nil {
				return err
			}
			elems, _, err := r.listElems(pe)
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
		if pe.Exp != nil && !pe.Length && !pe.Excl && pe.Param != nil {
			switch pe.Exp.Op {
			case syntax.DefaultUnset, syntax.DefaultUnsetOrNull, syntax.AlternateUnset, syntax.AlternateUnsetOrNull:
				if err := flush(); err != nil {
					return err
				}
				set, err := r.paramSet(pe, true)
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
					if elems, _, err := r.listElems(&plain); err == nil && len(elems) == 0 {
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
				s, err := r.quotedDefault(pe, set)
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

// quotedDefault expands "${x:-word}" (and +), where single quotes in word
// are plain characters, as in bash.
func (r *Runner) quotedDefault(pe *syntax.ParamExp, set bool) (string, error) {
	op := pe.Exp.Op
	def := op == syntax.DefaultUnset || op == syntax.DefaultUnsetOrNull
	if set && def {
		plain := *pe
		plain.Exp = nil
		return r.literal(&syntax.Word{Parts: []syntax.WordPart{&syntax.DblQuoted{Parts: []syntax.WordPart{&plain}}}})
	}
	if set == def || pe.Exp.Word == nil {
		return "", nil
	}
	return r.dqString(pe.Exp.Word.Parts)
}

// dqString expands parts as the inside of double quotes.
func (r *Runner) dqString(parts []syntax.WordPart) (string, error) {
	var sb strings.Builder
	for _, p := range parts {
		switch p := p.(type) {
		case *syntax.SglQuoted:
			if p.Dollar {
				sb.WriteString("$")
			}
			// the quotes are plain characters, and what they enclose
			// is still expanded
			s := p.Value
			if w, err := syntax.NewParser(syntax.Variant(syntax.LangBash)).Document(strings.NewReader(s)); err == nil {
				if s, err = expand.Document(r.ecfg, w); err != nil {
					return "", r.wrapExpand(err)
				}
			}
			sb.WriteString("'" + s + "'")
		case *syntax.DblQuoted:
			s, err := r.dqString(p.Parts)
			if err != nil {
				return "", err
			}
			sb.WriteString(s)
		case *syntax.Lit:
			s := p.Value
			for i := 0; i < len(s); i++ {
				if s[i] == '\\' && i+1 < len(s) && strings.IndexByte("\\$`\"}", s[i+1]) >= 0 {
					i++
				}
				sb.WriteByte(s[i])
			}
		default:
			s, err := r.literal(&syntax.Word{Parts: []syntax.WordPart{&syntax.DblQuoted{Parts: []syntax.WordPart{p}}}})
			if err != nil {
				return "", err
			}
			sb.WriteString(s)
		}
	}
	return sb.String(), nil
}

// tildeHome is the directory ~name stands for: $HOME (or the user's home
// when HOME is unset) for ~, the user's home for ~user.
func (r *Runner) tildeHome(name string) (string, bool) {
	if name == "" {
		if vr := r.lookupVar("HOME"); vr.IsSet() {
			return vr.String(), true
		}
		if u, err := user.Current(); err == nil {
			return u.HomeDir, true
		}
		return "", false
	}
	if !validUserName(name) {
		return "", false
	}
	u, err := user.Lookup(name)
	if err != nil {
		return "", false
	}
	return u.HomeDir, true
}

func validUserName(s string) bool {
	for _, c := range s {
		if !(c == '_' || c == '-' || c == '.' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

// assignLike reports whether a word looks like name=value, which bash
// tilde-expands after = and : even as a command argument.
func assignLike(parts []syntax.WordPart) bool {
	if len(parts) == 0 {
		return false
	}
	l, ok := parts[0].(*syntax.Lit)
	if !ok {
		return false
	}
	name, _, ok := strings.Cut(l.Value, "=")
	return ok && validName(name)
}

// assignTilde returns parts with the tilde prefixes of an assignment value
// (at the start, after '=' in the first part, and after each ':')
// replaced by the home directory, looking into ${x-word} words too.
func (r *Runner) assignTilde(parts []syntax.WordPart, named bool) []syntax.WordPart {
	var out []syntax.WordPart
	changed := false
	for i, p := range parts {
		switch p := p.(type) {
		case *syntax.Lit:
			s := p.Value
			var sb strings.Builder
			var pieces []syntax.WordPart
			atStart := i == 0
			j := 0
			if i == 0 && named {
				j = strings.IndexByte(s, '=') + 1
				sb.WriteString(s[:j])
				atStart = true
			}
			for j <= len(s) {
				if atStart && j < len(s) && s[j] == '~' {
					end := j + 1
					for end < len(s) && s[end] != '/' && s[end] != ':' {
						end++
					}
					if end < len(s) || i == len(parts)-1 {
						if home, ok := r.tildeHome(s[j+1 : end]); ok {
							if sb.Len() > 0 {
								pieces = append(pieces, &syntax.Lit{Value: sb.String()})
								sb.Reset()
							}
							pieces = append(pieces, &syntax.SglQuoted{Value: home})
							j = end
							changed = true
							atStart = false
							continue
						}
					}
				}
				if j == len(s) {
					break
				}
				atStart = s[j] == ':'
				if s[j] == '\\' && j+1 < len(s) {
					sb.WriteByte(s[j])
					j++
				}
				sb.WriteByte(s[j])
				j++
			}
			if sb.Len() > 0 {
				pieces = append(pieces, &syntax.Lit{Value: sb.String()})
			}
			out = append(out, pieces...)
		case *syntax.ParamExp:
			if p.Exp != nil && p.Exp.Word != nil && isDefaultOp(p.Exp.Op) {
				c := *p
				exp := *p.Exp
				w := *p.Exp.Word
				w.Parts = r.assignTilde(w.Parts, false)
				exp.Word = &w
				c.Exp = &exp
				out = append(out, &c)
				changed = true
				continue
			}
			out = append(out, p)
		default:
			out = append(out, p)
		}
	}
	if !changed {
		return parts
	}
	return out
}

// globField joins a field, or expands it to the paths its unquoted glob
// characters match.
func (r *Runner) globField(f []fpart) ([]string, error) {
	if len(f) == 1 && (f[0].quoted || !strings.ContainsAny(f[0].val, "*?[(")) {
		return []string{f[0].val}, nil
	}
	var raw strings.Builder
	meta, bracket := false, false
	for _, p := range f {
		raw.WriteString(p.val)
		if !p.quoted && (strings.ContainsAny(p.val, "*?") ||
			r.shopts["extglob"] && strings.Contains(p.val, "(")) {
			meta = true
		}
		bracket = bracket || !p.quoted && strings.Contains(p.val, "[")
	}
	if bracket && !meta {
		// a [ is a pattern only when a ] follows it
		s := raw.String()
		meta = strings.Contains(s[strings.IndexByte(s, '[')+1:], "]")
	}
	if !meta || r.opts[optNoGlob] {
		return []string{raw.String()}, nil
	}
	// Let expand glob a word rebuilt from the field: quoted pieces as
	// single-quoted text, braces and tildes quoted so they stay literal.
	var parts []syntax.WordPart
	var plain strings.Builder
	for _, p := range f {
		if p.quoted {
			parts = append(parts, &syntax.SglQuoted{Value: p.val})
			plain.WriteString(p.val)
			continue
		}
		s := p.val
		for s != "" {
			k := strings.IndexAny(s, "{}~")
			if k < 0 {
				parts = append(parts, &syntax.Lit{Value: s})
				break
			}
			if k > 0 {
				parts = append(parts, &syntax.Lit{Value: s[:k]})
			}
			parts = append(parts, &syntax.SglQuoted{Value: s[k : k+1]})
			s = s[k+1:]
		}
		for i := 0; i < len(p.val); i++ {
			if p.val[i] == '\\' && i+1 < len(p.val) {
				i++
			}
			plain.WriteByte(p.val[i])
		}
	}
	ignore := r.globIgnore() // GLOBIGNORE (globdots.go)
	r.globHidesDots = ignore == nil && !r.shopts["dotglob"] && fieldHidesDots(f)
	dotglob := r.ecfg.DotGlob
	r.ecfg.DotGlob = dotglob || ignore != nil
	res, err := expand.Fields(r.ecfg, &syntax.Word{Parts: parts})
	r.ecfg.DotGlob = dotglob
	r.globHidesDots = false
	if err != nil {
		return nil, r.wrapExpand(err)
	}
	if ignore != nil && !(len(res) == 1 && res[0] == plain.String()) {
		if res = r.dropIgnored(res, ignore); len(res) == 0 && !r.shopts["nullglob"] {
			res = []string{plain.String()} // all ignored: no match
		}
	}
	if len(res) == 1 && res[0] == plain.String() || len(res) == 0 {
		if r.shopts["failglob"] {
			return nil, fmt.Errorf("no match: %s", raw.String())
		}
	}
	if len(res) == 1 && res[0] == plain.String() {
		return []string{raw.String()}, nil
	}
	return res, nil
}

// assignValue expands the value of an assignment: one word, no splitting
// or globbing, with tilde expansion at its start and after each ':'.
func (r *Runner) assignValue(w *syntax.Word) (string, error) {
	if w == nil {
		return "", nil
	}
	return r.literal(&syntax.Word{Parts: unescapeLits(r.assignTilde(w.Parts, false))})
}

// leadingTilde returns parts with a tilde prefix at the start expanded,
// as for the words of [[ ]].
func (r *Runner) leadingTilde(parts []syntax.WordPart) []syntax.WordPart {
	if len(parts) == 0 {
		return parts
	}
	l, ok := parts[0].(*syntax.Lit)
	if !ok || !strings.HasPrefix(l.Value, "~") {
		return parts
	}
	name, rest, slash := strings.Cut(l.Value[1:], "/")
	if !slash && len(parts) > 1 {
		return parts
	}
	home, ok := r.tildeHome(name)
	if !ok {
		return parts
	}
	out := []syntax.WordPart{&syntax.SglQuoted{Value: home}}
	if slash {
		out = append(out, &syntax.Lit{Value: "/" + rest})
	}
	return append(out, parts[1:]...)
}

// testLiteral expands a [[ ]] operand: one word, tilde expanded.
func (r *Runner) testLiteral(w *syntax.Word) (string, error) {
	if w == nil {
		return "", nil
	}
	return r.literal(&syntax.Word{Parts: r.leadingTilde(w.Parts)})
}

// patternWord expands a word as a pattern for case and [[ == ]]: quoted
// parts match literally, including parentheses that extglob would read.
func (r *Runner) patternWord(w *syntax.Word) (string, error) {
	if w == nil {
		return "", nil
	}
	b := &fieldBuilder{r: r, pattern: true}
	if err := b.parts(w.Parts, true, false); err != nil {
		return "", r.wrapExpand(err)
	}
	var sb strings.Builder
	for i, f := range append(b.fields, b.cur) {
		if i > 0 {
			sb.WriteByte(' ')
		}
		for _, p := range f {
			if p.quoted {
				sb.WriteString(quotePattern(p.val))
			} else {
				sb.WriteString(p.val)
			}
		}
	}
	return sb.String(), nil
}

// quotePattern escapes s so that it matches itself, extglob operators
// included (pattern.QuoteMeta leaves parentheses alone).
func quotePattern(s string) string {
	if !strings.ContainsAny(s, "*?[]\\()|!+@") {
		return s
	}
	var sb strings.Builder
	for _, c := range s {
		if strings.ContainsRune("*?[]\\()|!+@", c) {
			sb.WriteByte('\\')
		}
		sb.WriteRune(c)
	}
	return sb.String()
}

// indirectRef turns ${!ref...} into ${target...} for the parameter
// ref names, whatever operator follows: expand looks the name up as a
// plain variable, so a target such as a[1], a[@] or m[key] read nothing,
// and it does not test the target in ${!ref-word}. A ref that is a
// nameref is left to expand: ${!ref} is then the name it refers to.
func (r *Runner) indirectRef(pe *syntax.ParamExp) (*syntax.ParamExp, bool, error) {
	if !pe.Excl || pe.Index != nil || pe.Names != 0 || pe.Param == nil || pe.Length || pe.Width || pe.IsSet {
		return nil, false, nil
	}
	if pe.Exp != nil {
		switch pe.Exp.Op {
		case syntax.DefaultUnset, syntax.DefaultUnsetOrNull, syntax.AlternateUnset, syntax.AlternateUnsetOrNull,
			syntax.AssignUnset, syntax.AssignUnsetOrNull, syntax.ErrorUnset, syntax.ErrorUnsetOrNull:
		case syntax.OtherParamOps:
			return nil, false, nil // ${!x@}: the names starting with x
		default:
			if !validName(pe.Param.Value) {
				return nil, false, nil
			}
		}
	}
	if vr := r.lookupVar(pe.Param.Value); vr.Kind == expand.NameRef {
		return nil, false, nil
	}
	ref := *pe
	ref.Excl = false
	ref.Exp, ref.Repl, ref.Slice = nil, nil, nil
	target, err := r.literal(&syntax.Word{Parts: []syntax.WordPart{&ref}})
	if err != nil || target == "" {
		return nil, false, err
	}
	w, err := syntax.NewParser(syntax.Variant(syntax.LangBash)).Document(strings.NewReader("${" + target + "}"))
	if err != nil || len(w.Parts) != 1 {
		return nil, false, fmt.Errorf("%s: invalid variable name", target)
	}
	tpe, ok := w.Parts[0].(*syntax.ParamExp)
	if !ok || tpe.Excl || tpe.Length || tpe.Exp != nil || tpe.Repl != nil || tpe.Slice != nil {
		return nil, false, fmt.Errorf("%s: invalid variable name", target)
	}
	c := *tpe
	c.Exp, c.Repl, c.Slice = pe.Exp, pe.Repl, pe.Slice
	if name, idx := c.Param.Value, indexLit(c.Index); c.Exp != nil && (name == "@" || name == "*" || idx == "@" || idx == "*") {
		// through a reference, bash tests a list for elements, not
		// for a null value: ${!ref:-w} with ref='a[@]' and a=("")
		// gives the empty element
		if op, ok := withoutColon[c.Exp.Op]; ok {
			c.Exp = &syntax.Expansion{Op: op, Word: c.Exp.Word}
		}
	}
	return &c, true, nil
}

// withoutColon maps each ${x:op} test for null to its ${x op} for unset.
var withoutColon = map[syntax.ParExpOperator]syntax.ParExpOperator{
	syntax.DefaultUnsetOrNull:   syntax.DefaultUnset,
	syntax.AlternateUnsetOrNull: syntax.AlternateUnset,
	syntax.AssignUnsetOrNull:    syntax.AssignUnset,
	syntax.ErrorUnsetOrNull:     syntax.ErrorUnset,
}

// joinLits merges adjacent literals, which brace expansion leaves apart,
// so that ~{/src,root} is seen as the tilde prefixes ~/src and ~root.
func joinLits(parts []syntax.WordPart) []syntax.WordPart {
	for i := 1; i < len(parts); i++ {
		_, a := parts[i-1].(*syntax.Lit)
		_, b := parts[i].(*syntax.Lit)
		if !a || !b {
			continue
		}
		out := append([]syntax.WordPart(nil), parts[:i-1]...)
		for _, p := range parts[i-1:] {
			if l, ok := p.(*syntax.Lit); ok && len(out) > 0 {
				if prev, ok := out[len(out)-1].(*syntax.Lit); ok {
					out[len(out)-1] = &syntax.Lit{ValuePos: prev.ValuePos, ValueEnd: l.ValueEnd, Value: prev.Value + l.Value}
					continue
				}
			}
			out = append(out, p)
		}
		return out
	}
	return parts
}

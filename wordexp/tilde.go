package wordexp

import (
	"os/user"
	"strings"

	"mvdan.cc/sh/v3/syntax"
)

// Tilde expansion: at the start of a word, and in assignment values
// after = and each :, as bash does it.

// TildeHome is the directory ~name stands for: $HOME (or the user's home
// when HOME is unset) for ~, the user's home for ~user.
func (x *Expander) TildeHome(name string) (string, bool) {
	if name == "" {
		if vr := x.sh.Lookup("HOME"); vr.IsSet() {
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
	return ok && syntax.ValidName(name)
}

// assignTilde returns parts with the tilde prefixes of an assignment value
// (at the start, after '=' in the first part, and after each ':')
// replaced by the home directory, looking into ${x-word} words too.
func (x *Expander) assignTilde(parts []syntax.WordPart, named bool) []syntax.WordPart {
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
						if home, ok := x.TildeHome(s[j+1 : end]); ok {
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
				w.Parts = x.assignTilde(w.Parts, false)
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

// AssignValue expands the value of an assignment: one word, no splitting
// or globbing, with tilde expansion at its start and after each ':'.
func (x *Expander) AssignValue(w *syntax.Word) (string, error) {
	if w == nil {
		return "", nil
	}
	if s, ok := Plain(w); ok {
		return s, nil // x=1, the common value: nothing to expand
	}
	w = x.FailBadSubst(w) // badsubst.go
	parts := w.Parts
	if hasTilde(parts) {
		parts = x.assignTilde(parts, false)
	}
	if parts = UnescapeLits(parts); len(parts) == len(w.Parts) && (len(parts) == 0 || &parts[0] == &w.Parts[0]) {
		return x.Literal(w) // unchanged: no word to make ($((i+1)), "$x")
	}
	return x.Literal(&syntax.Word{Parts: parts})
}

// hasTilde reports whether assignTilde may change parts: a literal has a
// '~', or the word of a ${x-word} form has one.
func hasTilde(parts []syntax.WordPart) bool {
	for _, p := range parts {
		switch p := p.(type) {
		case *syntax.Lit:
			if strings.IndexByte(p.Value, '~') >= 0 {
				return true
			}
		case *syntax.ParamExp:
			if p.Exp != nil && p.Exp.Word != nil && isDefaultOp(p.Exp.Op) && hasTilde(p.Exp.Word.Parts) {
				return true
			}
		}
	}
	return false
}

// leadingTilde returns parts with a tilde prefix at the start expanded,
// as for the words of [[ ]].
func (x *Expander) leadingTilde(parts []syntax.WordPart) []syntax.WordPart {
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
	home, ok := x.TildeHome(name)
	if !ok {
		return parts
	}
	out := []syntax.WordPart{&syntax.SglQuoted{Value: home}}
	if slash {
		out = append(out, &syntax.Lit{Value: "/" + rest})
	}
	return append(out, parts[1:]...)
}

// TestLiteral expands a [[ ]] operand: one word, tilde expanded.
func (x *Expander) TestLiteral(w *syntax.Word) (string, error) {
	if w == nil {
		return "", nil
	}
	w = x.FailBadSubst(w) // badsubst.go
	return x.Literal(&syntax.Word{Parts: x.leadingTilde(w.Parts)})
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

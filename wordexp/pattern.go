package wordexp

import (
	"regexp"
	"strings"

	"mvdan.cc/sh/v3/pattern"
	"mvdan.cc/sh/v3/syntax"
)

// Patterns: the pattern words of case, [[ == ]], ${x#pat} and
// ${x/pat/rep}, where quoted characters match themselves, and the
// operators that apply them to a value.

// Pattern expands a word as a pattern for case and [[ == ]]: quoted
// parts match literally, including parentheses that extglob would read.
func (x *Expander) Pattern(w *syntax.Word) (string, error) {
	if w == nil {
		return "", nil
	}
	w = x.FailBadSubst(w) // badsubst.go
	b := &fieldBuilder{x: x, pattern: true}
	if err := b.parts(w.Parts, true, false); err != nil {
		return "", err
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

// globRegexp compiles a shell pattern for matching anywhere in a string;
// ok is false for a pattern Go's regexp cannot express (!(...)).
func (x *Expander) globRegexp(pat, prefix, suffix string, shortest bool) (*regexp.Regexp, bool) {
	mode := pattern.Mode(0)
	if shortest {
		mode |= pattern.Shortest
	}
	if x.opts.ExtGlob {
		mode |= pattern.ExtendedOperators
	}
	expr, err := pattern.Regexp(pat, mode)
	if err != nil {
		return nil, false
	}
	rx, err := regexp.Compile(prefix + "(" + expr + ")" + suffix)
	if err != nil {
		return nil, false
	}
	if !shortest {
		rx.Longest()
	}
	return rx, true
}

// removeOp is ${x#pat}, ${x##pat}, ${x%pat} or ${x%%pat} on one string.
func (x *Expander) removeOp(exp *syntax.Expansion) (func(string) (string, error), error) {
	pat, err := x.patternText(exp.Word)
	if err != nil {
		return nil, err
	}
	shortest := exp.Op == syntax.RemSmallPrefix || exp.Op == syntax.RemSmallSuffix
	var rx *regexp.Regexp
	var ok bool
	switch {
	case exp.Op == syntax.RemSmallSuffix:
		// .* first takes all it can: the match starts as late as it can
		rx, ok = x.globRegexp(pat, "(?s)^.*", "$", true)
	case exp.Op == syntax.RemLargeSuffix:
		rx, ok = x.globRegexp(pat, "", "$", false)
	default:
		rx, ok = x.globRegexp(pat, "^", "", shortest)
	}
	return func(s string) (string, error) {
		if !ok {
			return s, nil
		}
		if loc := rx.FindStringSubmatchIndex(s); loc != nil {
			return s[:loc[2]] + s[loc[3]:], nil
		}
		return s, nil
	}, nil
}

// patternText expands the pattern word of ${x#pat} or ${x/pat/rep}:
// quoted characters match themselves.
func (x *Expander) patternText(w *syntax.Word) (string, error) {
	if w == nil {
		return "", nil
	}
	return x.Pattern(w)
}

// replaceOp is ${x/pat/rep}, ${x//pat/rep}, ${x/#pat/rep} and
// ${x/%pat/rep}: an unquoted & in rep stands for the matched text (bash
// 5.2's patsub_replacement).
func (x *Expander) replaceOp(rp *syntax.Replace) (func(string) (string, error), error) {
	orig := rp.Orig
	anchor := byte(0)
	if !rp.All && orig != nil && len(orig.Parts) > 0 {
		if l, ok := orig.Parts[0].(*syntax.Lit); ok && l.Value != "" && (l.Value[0] == '#' || l.Value[0] == '%') {
			anchor = l.Value[0]
			c := *orig
			c.Parts = append([]syntax.WordPart{&syntax.Lit{ValuePos: l.ValuePos, ValueEnd: l.ValueEnd, Value: l.Value[1:]}}, orig.Parts[1:]...)
			orig = &c
		}
	}
	pat, err := x.patternText(orig)
	if err != nil {
		return nil, err
	}
	with, err := x.replacement(rp.With)
	if err != nil {
		return nil, err
	}
	if pat == "" && anchor == 0 {
		return func(s string) (string, error) { return s, nil }, nil
	}
	prefix, suffix := "", ""
	switch anchor {
	case '#':
		prefix = "(?s)^"
	case '%':
		prefix, suffix = "(?s)", "$"
	default:
		prefix = "(?s)"
	}
	if x.opts.NoCaseMatch {
		prefix = "(?i)" + prefix // bash 5.2's ${x/pat/} follows nocasematch
	}
	rx, ok := x.globRegexp(pat, prefix, suffix, false)
	return func(s string) (string, error) {
		if !ok {
			return s, nil
		}
		var sb strings.Builder
		last := 0
		for pos := 0; pos <= len(s); {
			loc := rx.FindStringSubmatchIndex(s[pos:])
			if loc == nil {
				break
			}
			start, end := pos+loc[2], pos+loc[3]
			if end == start && pat != "" && anchor == 0 {
				// bash never replaces an empty match of a pattern
				if start >= len(s) {
					break
				}
				pos = start + 1
				continue
			}
			sb.WriteString(s[last:start])
			sb.WriteString(with(s[start:end]))
			last = end
			if !rp.All || anchor != 0 {
				break
			}
			pos = end
			if end == start {
				pos++
			}
		}
		sb.WriteString(s[last:])
		return sb.String(), nil
	}, nil
}

// replacement expands the replacement of ${x/pat/rep} into a function of
// the matched text.
func (x *Expander) replacement(w *syntax.Word) (func(string) string, error) {
	if w == nil {
		return func(string) string { return "" }, nil
	}
	b := &fieldBuilder{x: x, pattern: true}
	if err := b.parts(w.Parts, true, false); err != nil {
		return nil, err
	}
	var parts []fpart
	for i, f := range append(b.fields, b.cur) {
		if i > 0 {
			parts = append(parts, fpart{val: " ", quoted: true})
		}
		parts = append(parts, f...)
	}
	amp := false
	for _, p := range parts {
		amp = amp || !p.quoted && strings.Contains(p.val, "&")
	}
	if !amp {
		var sb strings.Builder
		for _, p := range parts {
			sb.WriteString(p.val)
		}
		s := sb.String()
		return func(string) string { return s }, nil
	}
	return func(m string) string {
		var sb strings.Builder
		for _, p := range parts {
			if p.quoted {
				sb.WriteString(p.val)
			} else {
				sb.WriteString(strings.ReplaceAll(p.val, "&", m))
			}
		}
		return sb.String()
	}, nil
}

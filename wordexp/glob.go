package wordexp

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"mvdan.cc/sh/v3/expand"
	"mvdan.cc/sh/v3/pattern"
	"mvdan.cc/sh/v3/syntax"
)

// Globbing: package expand matches the files, but bash's rules on what
// a pattern may match differ from its own (names starting with a dot,
// . and .., GLOBIGNORE, failglob), so pipesh decides those here.

// globField joins a field, or expands it to the paths its unquoted glob
// characters match.
func (x *Expander) globField(f []fpart) ([]string, error) {
	if len(f) == 1 && (f[0].quoted || !strings.ContainsAny(f[0].val, "*?[(")) {
		return []string{f[0].val}, nil
	}
	var raw strings.Builder
	meta, bracket := false, false
	for _, p := range f {
		raw.WriteString(p.val)
		if !p.quoted && (strings.ContainsAny(p.val, "*?") ||
			x.opts.ExtGlob && strings.Contains(p.val, "(")) {
			meta = true
		}
		bracket = bracket || !p.quoted && strings.Contains(p.val, "[")
	}
	if bracket && !meta {
		// a [ is a pattern only when a ] follows it
		s := raw.String()
		meta = strings.Contains(s[strings.IndexByte(s, '[')+1:], "]")
	}
	if !meta || x.opts.NoGlob {
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
	ignore := x.globIgnore() // GLOBIGNORE
	x.hidesDots = !x.opts.DotGlob && fieldHidesDots(f)
	res, err := expand.Fields(x.ecfg, &syntax.Word{Parts: parts})
	x.hidesDots = false
	if err != nil {
		return nil, err
	}
	if ignore != nil && !(len(res) == 1 && res[0] == plain.String()) {
		if res = x.dropIgnored(res, ignore); len(res) == 0 && !x.opts.NullGlob {
			res = []string{plain.String()} // all ignored: no match
		}
	}
	if len(res) == 1 && res[0] == plain.String() || len(res) == 0 {
		if x.opts.FailGlob {
			return nil, fmt.Errorf("no match: %s", raw.String())
		}
	}
	if len(res) == 1 && res[0] == plain.String() {
		return []string{raw.String()}, nil
	}
	return res, nil
}

// withDotEntries puts . and .. in front of a directory's entries, as
// readdir(3) gives them to bash: os.ReadDir leaves them out, and with
// shopt -u globskipdots a pattern starting with a dot matches them.
// (Under dotglob they stay out, since expand would let * match them,
// which bash never does.)
func (x *Expander) withDotEntries(dir string, entries []fs.DirEntry) []fs.DirEntry {
	if x.opts.GlobSkipDots || x.opts.DotGlob {
		return entries
	}
	var dots []fs.DirEntry
	for _, name := range []string{".", ".."} {
		if fi, err := os.Stat(filepath.Join(dir, name)); err == nil {
			dots = append(dots, fs.FileInfoToDirEntry(dotInfo{fi, name}))
		}
	}
	return append(dots, entries...)
}

// dotInfo is a directory's FileInfo under the name . or ..
type dotInfo struct {
	fs.FileInfo
	name string
}

func (d dotInfo) Name() string { return d.name }

// fieldHidesDots reports whether globbing the field f must leave out the
// names starting with a dot. bash matches such a name only where the
// pattern's component starts with a literal dot (or under dotglob), but
// expand lets a leading * match the empty string before a literal ".",
// so *.bats matched .bats. The answer holds for the whole field: when
// some glob components start with a dot and others do not, the field is
// left to expand as it is.
func fieldHidesDots(f []fpart) bool {
	hide, show := false, false
	start, dotStart, meta := true, false, false
	end := func() {
		if meta {
			if dotStart {
				show = true
			} else {
				hide = true
			}
		}
		start, dotStart, meta = true, false, false
	}
	for _, p := range f {
		for i := 0; i < len(p.val); i++ {
			c := p.val[i]
			if c == '/' {
				end()
				continue
			}
			if start {
				dotStart = c == '.'
				start = false
			}
			if p.quoted {
				continue
			}
			switch c {
			case '\\':
				i++
			case '*', '?', '[':
				meta = true
			}
		}
	}
	end()
	return hide && !show
}

// withoutDots drops the names starting with a dot from a directory's
// entries (see fieldHidesDots).
func withoutDots(entries []fs.DirEntry) []fs.DirEntry {
	out := entries[:0:0]
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), ".") {
			out = append(out, e)
		}
	}
	return out
}

// globIgnore returns GLOBIGNORE's patterns, or nil when it is unset,
// empty or still the environment's. Globs leave out what the patterns
// match; assigning GLOBIGNORE turned dotglob on, as in bash, so they
// match names starting with a dot unless shopt -u dotglob.
func (x *Expander) globIgnore() []string {
	if x.opts.InheritedGlobIgnore {
		return nil
	}
	vr := x.sh.Lookup("GLOBIGNORE")
	if !vr.IsSet() || vr.String() == "" {
		return nil
	}
	return strings.Split(vr.String(), ":")
}

// dropIgnored leaves out of a glob's matches the names GLOBIGNORE's
// patterns match, and . and .., which a glob never gives then.
func (x *Expander) dropIgnored(matches, pats []string) []string {
	var out []string
	for _, m := range matches {
		base := filepath.Base(m)
		keep := base != "." && base != ".."
		for _, p := range pats {
			if keep && p != "" && Match(p, m, x.opts.NoCaseMatch) {
				keep = false
			}
		}
		if keep {
			out = append(out, m)
		}
	}
	return out
}

// Match reports whether s matches the shell pattern pat, as case and
// [[ == ]] match: the whole string, extended operators always known,
// letters of either case alike when noCase (shopt nocasematch). A
// pattern Go's regexp cannot express matches only itself.
func Match(pat, s string, noCase bool) bool {
	mode := pattern.EntireString | pattern.ExtendedOperators
	if noCase {
		mode |= pattern.NoGlobCase
	}
	expr, err := pattern.Regexp(pat, mode)
	if err != nil {
		return pat == s
	}
	rx, err := regexp.Compile(expr)
	if err != nil {
		return pat == s
	}
	return rx.MatchString(s)
}

package shell

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// withDotEntries puts . and .. in front of a directory's entries, as
// readdir(3) gives them to bash: os.ReadDir leaves them out, and with
// shopt -u globskipdots a pattern starting with a dot matches them.
// (Under dotglob they stay out, since expand would let * match them,
// which bash never does.)
func (r *Runner) withDotEntries(dir string, entries []fs.DirEntry) []fs.DirEntry {
	if r.shopts["globskipdots"] || r.shopts["dotglob"] {
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

// globIgnore returns GLOBIGNORE's patterns, or nil when it is unset or
// empty. While it has some, globs match names starting with a dot as
// under dotglob, as in bash, and leave out what the patterns match.
func (r *Runner) globIgnore() []string {
	vr := r.lookupVar("GLOBIGNORE")
	if !vr.IsSet() || vr.String() == "" {
		return nil
	}
	return strings.Split(vr.String(), ":")
}

// dropIgnored leaves out of a glob's matches the names GLOBIGNORE's
// patterns match, and . and .., which a glob never gives then.
func (r *Runner) dropIgnored(matches, pats []string) []string {
	var out []string
	for _, m := range matches {
		base := filepath.Base(m)
		keep := base != "." && base != ".."
		for _, p := range pats {
			if keep && p != "" && r.match(p, m) {
				keep = false
			}
		}
		if keep {
			out = append(out, m)
		}
	}
	return out
}

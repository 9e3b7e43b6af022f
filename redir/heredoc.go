package redir

import (
	"io"
	"os"
	"strconv"
	"strings"

	"golang.org/x/sys/unix"
	"mvdan.cc/sh/v3/syntax"

	"pipesh/exec"
)

// hereBody is the text a here-document or here-string gives its fd.
func hereBody(sh Shell, rd *syntax.Redirect) (string, error) {
	if rd.Op == syntax.WordHdoc {
		body, err := sh.HereString(rd.Word)
		return body + "\n", err
	}
	if rd.Hdoc == nil {
		return "", nil
	}
	if quotedDelim(rd.Word) {
		// the body as written, nothing expanded
		var sb strings.Builder
		for _, p := range rd.Hdoc.Parts {
			if l, ok := p.(*syntax.Lit); ok {
				sb.WriteString(l.Value)
			}
		}
		s := sb.String()
		if rd.Op == syntax.DashHdoc {
			s = trimTabs(s)
		}
		return s, nil
	}
	body := rd.Hdoc
	if rd.Op == syntax.DashHdoc {
		body = stripHdocTabs(body)
	}
	return sh.HereDoc(body)
}

// quotedDelim reports whether a here-document's delimiter has quotes or
// a backslash in it, which leave its body unexpanded.
func quotedDelim(w *syntax.Word) bool {
	for _, p := range w.Parts {
		switch p := p.(type) {
		case *syntax.SglQuoted, *syntax.DblQuoted:
			return true
		case *syntax.Lit:
			if strings.ContainsAny(p.Value, `\`) {
				return true
			}
		}
	}
	return false
}

// hereFile returns a readable file holding body: a pipe when the body
// fits in the pipe buffer (no disk, no goroutine), else an unlinked temp
// file in the directory tempDir picks.
func hereFile(sh Shell, body string) (*os.File, error) {
	if len(body) < 60000 {
		pr, pw, err := exec.Pipe(nil)
		if err != nil {
			return nil, err
		}
		_, err = io.WriteString(pw, body)
		pw.Close()
		if err != nil {
			pr.Close()
			return nil, err
		}
		return pr, nil
	}
	f, err := os.CreateTemp(tempDir(sh.TMPDIR(), sh.Dir()), "pipesh-hdoc")
	if err != nil {
		return nil, err
	}
	os.Remove(f.Name())
	if _, err := io.WriteString(f, body); err != nil {
		f.Close()
		return nil, err
	}
	if _, err := f.Seek(0, 0); err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// tempDir is where the shell makes its temporary files, as bash picks
// it: tmpdir (the shell's TMPDIR, relative to cwd) if it names a
// directory the shell may write in, else the first such of /tmp,
// /var/tmp and /usr/tmp, else cwd.
func tempDir(tmpdir, cwd string) string {
	dirs := []string{"/tmp", "/var/tmp", "/usr/tmp"}
	if tmpdir != "" {
		dirs = append([]string{abs(cwd, tmpdir)}, dirs...)
	}
	for _, d := range dirs {
		if fi, err := os.Stat(d); err == nil && fi.IsDir() && unix.Access(d, unix.W_OK|unix.X_OK) == nil {
			return d
		}
	}
	return cwd
}

// Lineno returns w with every plain $LINENO in it, also inside double
// quotes, replaced by line: in a here-document body bash gives it the
// line of the command, where expand would use the body line it stands
// on (the words of a for loop take the line of for, too). w itself is
// returned when it has none.
func Lineno(w *syntax.Word, line int) *syntax.Word {
	parts, changed := linenoParts(w.Parts, line)
	if !changed {
		return w
	}
	return &syntax.Word{Parts: parts}
}

func linenoParts(parts []syntax.WordPart, line int) ([]syntax.WordPart, bool) {
	var out []syntax.WordPart
	for i, p := range parts {
		var np syntax.WordPart
		switch p := p.(type) {
		case *syntax.ParamExp:
			if p.Param == nil || p.Param.Value != "LINENO" || p.Exp != nil || p.Repl != nil || p.Slice != nil || p.Length || p.Excl || p.Index != nil {
				continue
			}
			np = &syntax.Lit{ValuePos: p.Pos(), ValueEnd: p.End(), Value: strconv.Itoa(line)}
		case *syntax.DblQuoted:
			inner, changed := linenoParts(p.Parts, line)
			if !changed {
				continue
			}
			dq := *p
			dq.Parts = inner
			np = &dq
		default:
			continue
		}
		if out == nil {
			out = append([]syntax.WordPart(nil), parts...)
		}
		out[i] = np
	}
	return out, out != nil
}

// stripHdocTabs removes the leading tabs of each line of a <<- body
// before expansion, as bash does, so tabs that come from expansions stay.
func stripHdocTabs(w *syntax.Word) *syntax.Word {
	nw := &syntax.Word{Parts: make([]syntax.WordPart, 0, len(w.Parts))}
	atStart := true
	for _, p := range w.Parts {
		lit, ok := p.(*syntax.Lit)
		if !ok {
			nw.Parts = append(nw.Parts, p)
			atStart = false
			continue
		}
		var sb strings.Builder
		for i := 0; i < len(lit.Value); i++ {
			c := lit.Value[i]
			if atStart && c == '\t' {
				continue
			}
			atStart = c == '\n'
			sb.WriteByte(c)
		}
		nl := *lit
		nl.Value = sb.String()
		nw.Parts = append(nw.Parts, &nl)
	}
	return nw
}

// trimTabs removes the leading tabs of each line of s.
func trimTabs(s string) string {
	lines := strings.SplitAfter(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimLeft(l, "\t")
	}
	return strings.Join(lines, "")
}

package repl

import (
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"pipesh/builtins"
	"pipesh/shell"
	"pipesh/wordexp"
)

// Programmable completion, as bash's: the command being completed is
// found around the cursor, its words split at COMP_WORDBREAKS, and the
// specification complete stored for it (complete -I for the first word,
// -E on an empty line, -D for a command without one) generates the
// candidates: its actions and word list, -G's glob, the -F function's
// COMPREPLY, the -C command's lines, then -X's filter and -P and -S.
// A function returning 124 after changing the specification (as
// bash-completion's loader does) makes the completion start again.

// defaultWordBreaks is bash's COMP_WORDBREAKS.
const defaultWordBreaks = " \t\n\"'><=;|&(:"

// compWord is one of COMP_WORDS, with its place in the command's text.
type compWord struct {
	text       string
	start, end int // byte offsets in the command's text
}

// programmable completes by a specification; ok is false where none
// applies (the default completion is used then).
func (c *shellCompleter) programmable(line []rune, pos int, listing bool) (Completion, bool) {
	text := string(line)
	point := len(string(line[:pos]))
	start, end := commandSpan(text, point)
	cmdText := text[start:end]
	p := point - start
	breaks := defaultWordBreaks
	if v := c.r.State().Var("COMP_WORDBREAKS"); v.IsSet() {
		breaks = v.String()
	}
	words := splitWords(cmdText, breaks)
	cword := len(words)
	for i, w := range words {
		if w.start <= p && p <= w.end {
			cword = i
			break
		}
		if w.start > p {
			cword = i
			break
		}
	}
	if cword == len(words) || words[cword].start > p {
		words = slices.Insert(words, cword, compWord{start: p, end: p})
	}
	cur := cmdText[words[cword].start:p]
	specs := c.r.State().CompSpecs()
	blank := strings.TrimSpace(cmdText) == ""
	cmd := ""
	if len(words) > 0 {
		cmd = unquoteWord(words[0].text)
	}
	lookup := func() (string, *builtins.CompSpec) {
		switch {
		case blank:
			return "", specs[builtins.EmptySpec]
		case cword == 0:
			return "", specs[builtins.InitialSpec]
		}
		if s := specs[cmd]; s != nil {
			return cmd, s
		}
		if s := specs[filepath.Base(cmd)]; s != nil {
			return cmd, s
		}
		return cmd, specs[builtins.DefaultSpec]
	}
	name, spec := lookup()
	if spec == nil {
		return Completion{}, false
	}
	texts := make([]string, len(words))
	for i, w := range words {
		texts[i] = w.text
	}
	prev := ""
	if cword > 0 {
		prev = texts[cword-1]
	}
	wordStart := pos - len([]rune(cur))
	compType := int('\t')
	if listing {
		compType = '?'
	}
	for tries := 0; ; tries++ {
		run := *spec
		run.Options = slices.Clone(spec.Options)
		cc := shell.CompletionContext{Words: texts, CWord: cword, Line: cmdText, Point: p, Key: '\t', Type: compType, Spec: &run}
		cands, retry := c.generate(&run, name, cur, prev, cc)
		if retry && tries < 3 {
			if _, again := lookup(); again != nil && again != spec {
				spec = again
				continue
			}
		}
		return c.candidates(&run, cur, wordStart, pos, line, cands), true
	}
}

// generate runs spec for the word cur of command name; retry reports a
// function's status 124.
func (c *shellCompleter) generate(spec *builtins.CompSpec, name, cur, prev string, cc shell.CompletionContext) (cands []string, retry bool) {
	word := unquoteWord(cur)
	cands = builtins.SpecWords(c.r.State(), spec, word)
	if spec.Glob != "" {
		pat := spec.Glob
		if !filepath.IsAbs(pat) {
			pat = filepath.Join(c.r.State().Dir(), pat)
		}
		matches, _ := filepath.Glob(pat)
		for _, m := range matches {
			if rel, err := filepath.Rel(c.r.State().Dir(), m); err == nil && !filepath.IsAbs(spec.Glob) {
				m = rel
			}
			cands = append(cands, m)
		}
	}
	args := []string{name, cur, prev}
	if spec.Func != "" {
		reply, status := c.r.CompletionFunc(c.ctx, spec.Func, args, cc)
		if status == 124 {
			return nil, true
		}
		cands = append(cands, reply...)
	}
	if spec.Command != "" {
		cands = append(cands, c.r.CompletionCommand(c.ctx, spec.Command, args, cc)...)
	}
	if f := spec.Filter; f != "" {
		negate := strings.HasPrefix(f, "!")
		f = strings.TrimPrefix(f, "!")
		f = strings.ReplaceAll(strings.ReplaceAll(f, `\&`, "\x00"), "&", word)
		f = strings.ReplaceAll(f, "\x00", "&")
		cands = slices.DeleteFunc(cands, func(w string) bool { return wordexp.Match(f, w, false) != negate })
	}
	if spec.Prefix != "" || spec.Suffix != "" {
		for i, w := range cands {
			cands[i] = spec.Prefix + w + spec.Suffix
		}
	}
	return cands, false
}

// candidates turns the words a specification generated for cur (which
// starts at rune wordStart of line and ends at pos) into the editor's,
// applying its -o options: default, bashdefault, dirnames and plusdirs
// add to them, filenames quotes them and marks directories, nospace
// and nosort keep the space and the order off.
func (c *shellCompleter) candidates(spec *builtins.CompSpec, cur string, wordStart, pos int, line []rune, words []string) Completion {
	word := unquoteWord(cur)
	filenames := spec.HasOption("filenames") || slices.Contains(spec.Actions, "file") || slices.Contains(spec.Actions, "directory")
	dirs := func() []string {
		return builtins.SpecWords(c.r.State(), &builtins.CompSpec{Actions: []string{"directory"}}, word)
	}
	if len(words) == 0 && spec.HasOption("dirnames") {
		words, filenames = dirs(), true
	}
	if spec.HasOption("plusdirs") {
		words, filenames = append(words, dirs()...), true
	}
	if len(words) == 0 {
		switch {
		case spec.HasOption("bashdefault"):
			return c.defaults(string(line[:pos]), pos)
		case spec.HasOption("default"):
			raw, quote, _ := lastWord(string(line[:pos]))
			raw = raw[len(raw)-min(len(raw), len(cur)):]
			return Completion{Start: wordStart, Cands: c.files(raw, unquoteWord(raw), quote)}
		}
		return Completion{Start: wordStart}
	}
	if !spec.HasOption("nosort") {
		sort.Strings(words)
		words = slices.Compact(words)
	}
	var quote byte
	if cur != "" && (cur[0] == '\'' || cur[0] == '"') {
		quote = cur[0]
	}
	out := make([]Candidate, 0, len(words))
	for _, w := range words {
		cand := Candidate{Text: w, Tail: " "}
		if filenames {
			isDir := false
			if info, err := os.Stat(c.abs(c.expandDir(w))); err == nil {
				isDir = info.IsDir()
			}
			if !spec.HasOption("noquote") {
				cand.Text = escapeWord(w, quote)
				if quote != 0 {
					cand.Text = string(quote) + cand.Text
					cand.Tail = string(quote) + " "
				}
			}
			cand.Display = w[strings.LastIndexByte(strings.TrimSuffix(w, "/"), '/')+1:]
			if isDir {
				cand.Tail = "/"
				if strings.HasSuffix(w, "/") {
					cand.Tail = ""
				}
				cand.Display = strings.TrimSuffix(cand.Display, "/") + "/"
			}
		}
		if spec.HasOption("nospace") && cand.Tail == " " {
			cand.Tail = ""
		}
		out = append(out, cand)
	}
	return Completion{Start: wordStart, Cands: out}
}

// abs is path made absolute against the shell's directory.
func (c *shellCompleter) abs(path string) string {
	if filepath.IsAbs(path) {
		return path
	}
	return filepath.Join(c.r.State().Dir(), path)
}

// commandSpan is the part of text holding the simple command at byte
// point: from after the control operator before it to the one after.
func commandSpan(text string, point int) (start, end int) {
	end = len(text)
	var quote byte
	for i := 0; i < len(text); i++ {
		ch := text[i]
		switch {
		case quote != 0:
			if ch == quote {
				quote = 0
			} else if ch == '\\' && quote == '"' {
				i++
			}
		case ch == '\\':
			i++
		case ch == '\'' || ch == '"':
			quote = ch
		case strings.IndexByte("|&;()\n`", ch) >= 0:
			if i < point {
				start = i + 1
			} else {
				return start, i
			}
		}
	}
	return start, end
}

// splitWords splits a command's text into COMP_WORDS as bash does:
// at unquoted blanks, and around runs of the other characters of
// breaks, which are words of their own.
func splitWords(text, breaks string) []compWord {
	var words []compWord
	start := -1
	inBreak := false
	flush := func(i int) {
		if start >= 0 {
			words = append(words, compWord{text: text[start:i], start: start, end: i})
			start = -1
		}
	}
	var quote byte
	for i := 0; i < len(text); i++ {
		ch := text[i]
		if quote != 0 {
			i, quote = stepQuoted(text, i, quote)
			continue
		}
		switch {
		case ch == ' ' || ch == '\t' || ch == '\n':
			flush(i)
		case ch != '\'' && ch != '"' && strings.IndexByte(breaks, ch) >= 0:
			if !inBreak {
				flush(i)
			}
			if start < 0 {
				start, inBreak = i, true
			}
		default:
			if inBreak {
				flush(i)
				inBreak = false
			}
			if start < 0 {
				start = i
			}
			switch ch {
			case '\\':
				i++
			case '\'', '"':
				quote = ch
			}
		}
		if start < 0 {
			inBreak = false
		}
	}
	flush(len(text))
	return words
}

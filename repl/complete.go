package repl

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"mvdan.cc/sh/v3/expand"
	"mvdan.cc/sh/v3/syntax"

	"pipesh/builtins"
	"pipesh/exec"
	"pipesh/shell"
)

// shellCompleter completes the word before the cursor: by the
// specification complete stored for the command (progcomp.go), and
// otherwise, or where the specification asks for it, by default:
// command names (builtins, functions, aliases, keywords, programs on
// PATH) where a command starts — at the beginning and after |, &&, ||,
// ;, &, ( and keywords such as then and do — $VAR names, ~user names,
// and file paths elsewhere (after $VAR/, ~/ and an = or : too), with
// spaces and other special characters backslash-quoted.
type shellCompleter struct {
	ctx context.Context
	r   *shell.Runner
}

// NewCompleter returns a completer reading r's completion
// specifications, variables, functions, aliases and current directory
// as they are at each completion, and running its completion functions
// under ctx.
func NewCompleter(ctx context.Context, r *shell.Runner) Completer {
	return &shellCompleter{ctx: ctx, r: r}
}

// Complete completes the word ending at pos in line.
func (c *shellCompleter) Complete(line []rune, pos int, listing bool) Completion {
	if comp, ok := c.programmable(line, pos, listing); ok {
		return comp
	}
	return c.defaults(string(line[:pos]), pos)
}

// defaults is the completion of the word at the end of text (which
// ends at rune pos of the line) when no specification applies.
func (c *shellCompleter) defaults(text string, pos int) Completion {
	raw, quote, cmdPos := lastWord(text)
	if quote == 0 && !strings.ContainsAny(raw, `'"\`) {
		// dd if=/et, PATH=/usr/b:/us, x=~/d: the path after the = or :
		if i := strings.LastIndexAny(raw, "=:"); i >= 0 && (!cmdPos || isAssignWord(raw)) {
			raw, cmdPos = raw[i+1:], false
		}
	}
	word := unquoteWord(raw)
	start := pos - len([]rune(raw))
	var full []string // whole words; the suffix after word is added to raw
	tail := func(string) string { return " " }
	switch {
	case strings.HasPrefix(word, "$") && !strings.ContainsAny(word, "/"):
		prefix := strings.TrimPrefix(strings.TrimPrefix(word, "$"), "{")
		brace := strings.HasPrefix(word, "${")
		for _, name := range c.varNames() {
			if strings.HasPrefix(name, prefix) {
				full = append(full, name)
			}
		}
		word = prefix
		tail = func(string) string {
			if brace {
				return "}"
			}
			return ""
		}
	case strings.HasPrefix(word, "~") && !strings.Contains(word, "/") && quote == 0:
		for _, u := range userNames() {
			if strings.HasPrefix("~"+u, word) {
				full = append(full, "~"+u)
			}
		}
		tail = func(string) string { return "/" }
	case cmdPos && !strings.Contains(word, "/"):
		full = c.commands(word)
	default:
		return Completion{Start: start, Cands: c.files(raw, word, quote)}
	}
	sort.Strings(full)
	var out []Candidate
	for i, f := range full {
		if i > 0 && full[i-1] == f {
			continue
		}
		out = append(out, Candidate{Text: raw + escapeWord(f[len(word):], quote), Tail: tail(f)})
	}
	return Completion{Start: start, Cands: out}
}

// passwd lists the users of /etc/passwd with their home directories.
func passwd() (names, homes []string) {
	data, err := exec.ReadFile("/etc/passwd")
	if err != nil {
		return nil, nil
	}
	for _, l := range strings.Split(string(data), "\n") {
		f := strings.Split(l, ":")
		if len(f) >= 6 && f[0] != "" && !strings.HasPrefix(f[0], "#") {
			names, homes = append(names, f[0]), append(homes, f[5])
		}
	}
	return names, homes
}

// userNames lists the users of /etc/passwd, for ~user.
func userNames() []string {
	names, _ := passwd()
	return names
}

// userHome is the home directory of the user name.
func userHome(name string) (string, bool) {
	names, homes := passwd()
	for i, n := range names {
		if n == name {
			return homes[i], true
		}
	}
	return "", false
}

func (c *shellCompleter) varNames() []string {
	var names []string
	c.r.State().EachVar(func(name string, vr expand.Variable) bool {
		if vr.IsSet() {
			names = append(names, name)
		}
		return true
	})
	return names
}

// commands lists command names starting with prefix.
func (c *shellCompleter) commands(prefix string) []string {
	var out []string
	add := func(n string) {
		if strings.HasPrefix(n, prefix) {
			out = append(out, n)
		}
	}
	for _, n := range builtins.Names() {
		add(n)
	}
	for _, n := range c.r.State().Funcs() {
		add(n)
	}
	for n := range c.r.State().Aliases() {
		add(n)
	}
	for _, n := range []string{"if", "then", "else", "elif", "fi", "case", "esac", "for", "while", "until", "do", "done", "function", "select", "time", "coproc"} {
		add(n)
	}
	for _, dir := range filepath.SplitList(c.r.State().Var("PATH").String()) {
		if dir == "" {
			dir = "."
		}
		entries, err := os.ReadDir(dir)
		if err != nil {
			continue
		}
		for _, e := range entries {
			if !strings.HasPrefix(e.Name(), prefix) {
				continue
			}
			info, err := os.Stat(filepath.Join(dir, e.Name()))
			if err == nil && !info.IsDir() && info.Mode()&0o111 != 0 {
				out = append(out, e.Name())
			}
		}
	}
	return out
}

// files lists the paths completing word (typed as raw): directories
// get a / as their tail, files a space (after the closing quote when
// the word is quoted). A leading ~/ or $VAR/ is looked up but kept as
// typed.
func (c *shellCompleter) files(raw, word string, quote byte) []Candidate {
	dirPart, base := "", word
	if i := strings.LastIndex(word, "/"); i >= 0 {
		dirPart, base = word[:i+1], word[i+1:]
	}
	dir := c.expandDir(dirPart)
	if dir == "" {
		dir = "."
	}
	if !filepath.IsAbs(dir) {
		dir = filepath.Join(c.r.State().Dir(), dir)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	var out []Candidate
	for _, e := range entries {
		name := e.Name()
		if !strings.HasPrefix(name, base) || (strings.HasPrefix(name, ".") && !strings.HasPrefix(base, ".")) {
			continue
		}
		isDir := e.IsDir()
		if e.Type()&os.ModeSymlink != 0 {
			if info, err := os.Stat(filepath.Join(dir, name)); err == nil {
				isDir = info.IsDir()
			}
		}
		cand := Candidate{Text: raw + escapeWord(name[len(base):], quote), Display: name}
		if isDir {
			cand.Tail, cand.Display = "/", name+"/"
		} else {
			if quote != 0 {
				cand.Tail = string(quote)
			}
			cand.Tail += " "
		}
		out = append(out, cand)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Text < out[j].Text })
	return out
}

// expandDir expands the ~, ~user, $VAR or ${VAR} a directory part of a
// word starts with.
func (c *shellCompleter) expandDir(dir string) string {
	switch {
	case strings.HasPrefix(dir, "~"):
		name, rest, _ := strings.Cut(dir[1:], "/")
		home := c.r.State().Var("HOME").String()
		if name != "" {
			h, ok := userHome(name)
			if !ok {
				return dir
			}
			home = h
		}
		return home + "/" + rest
	case strings.HasPrefix(dir, "${"):
		if name, rest, ok := strings.Cut(dir[2:], "}"); ok {
			return c.r.State().Var(name).String() + rest
		}
	case strings.HasPrefix(dir, "$"):
		name, rest, _ := strings.Cut(dir[1:], "/")
		return c.r.State().Var(name).String() + "/" + rest
	}
	return dir
}

// lastWord splits off the word being typed at the end of text: its raw
// text, the quote it is open in (0, ' or "), and whether it is where a
// command name goes.
func lastWord(text string) (raw string, quote byte, cmdPos bool) {
	cmdPos = true
	start := 0
	inWord := false
	redirect := false
	endWord := func(i int) {
		if !inWord {
			return
		}
		inWord = false
		w := text[start:i]
		switch {
		case redirect:
			redirect = false
		case cmdPos && (syntax.IsKeyword(w) || isAssignWord(w)):
			// still a command position: `then ls`, `x=1 ls`
		default:
			cmdPos = false
		}
	}
	for i := 0; i < len(text); i++ {
		ch := text[i]
		if quote != 0 {
			i, quote = stepQuoted(text, i, quote)
			continue
		}
		switch ch {
		case '\\':
			if !inWord {
				inWord, start = true, i
			}
			i++
		case '\'', '"':
			if !inWord {
				inWord, start = true, i
			}
			quote = ch
		case ' ', '\t', '\n':
			endWord(i)
		case '|', '&', ';', '(', ')', '{', '}', '`':
			if (ch == '{' || ch == '}') && inWord {
				continue
			}
			endWord(i)
			cmdPos = true
			redirect = false
		case '<', '>':
			endWord(i)
			redirect = true
		default:
			if !inWord {
				inWord, start = true, i
			}
		}
	}
	if !inWord {
		return "", quote, cmdPos && !redirect
	}
	return text[start:], quote, cmdPos && !redirect
}

func isAssignWord(w string) bool {
	i := strings.IndexByte(w, '=')
	return i > 0 && syntax.ValidName(strings.TrimSuffix(w[:i], "+"))
}

// unquoteWord removes the quoting of a partly typed word.
func unquoteWord(raw string) string {
	var sb strings.Builder
	var quote byte
	for i := 0; i < len(raw); i++ {
		ch := raw[i]
		switch {
		case quote != 0 && ch == quote:
			quote = 0
		case quote == 0 && (ch == '\'' || ch == '"'):
			quote = ch
		case ch == '\\' && quote != '\'' && i+1 < len(raw):
			i++
			sb.WriteByte(raw[i])
		default:
			sb.WriteByte(ch)
		}
	}
	return sb.String()
}

// escapeWord quotes s for insertion after a word open in quote.
func escapeWord(s string, quote byte) string {
	switch quote {
	case '\'':
		return strings.ReplaceAll(s, "'", `'\''`)
	case '"':
		var sb strings.Builder
		for i := 0; i < len(s); i++ {
			if strings.IndexByte("\"\\$`", s[i]) >= 0 {
				sb.WriteByte('\\')
			}
			sb.WriteByte(s[i])
		}
		return sb.String()
	}
	var sb strings.Builder
	for i := 0; i < len(s); i++ {
		if strings.IndexByte(" \t\n'\"\\$`|&;()<>*?[]{}!#~", s[i]) >= 0 {
			sb.WriteByte('\\')
		}
		sb.WriteByte(s[i])
	}
	return sb.String()
}

// stepQuoted steps over text[i] inside a quote opened by q: the quote
// ends at q, and in double quotes a backslash takes the next byte with it.
// It returns the index of the last byte taken and the quote still open
// (0 once it closed).
func stepQuoted(text string, i int, q byte) (int, byte) {
	switch {
	case text[i] == q:
		return i, 0
	case text[i] == '\\' && q == '"' && i+1 < len(text):
		return i + 1, q
	}
	return i, q
}

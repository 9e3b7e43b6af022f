package repl

import (
	"os"
	"path/filepath"
	"sort"
	"strings"

	"mvdan.cc/sh/v3/expand"
	"mvdan.cc/sh/v3/syntax"

	"pipesh/builtins"
	"pipesh/shell"
)

// shellCompleter completes the word before the cursor: command names
// (builtins, functions, aliases, keywords, programs on PATH) where a
// command starts — at the beginning and after |, &&, ||, ;, &, ( and
// keywords such as then and do — $VAR names, and file paths elsewhere,
// with spaces and other special characters backslash-quoted.
type shellCompleter struct{ r *shell.Runner }

// NewCompleter returns a completer reading r's variables, functions,
// aliases and current directory as they are at each completion.
func NewCompleter(r *shell.Runner) Completer { return &shellCompleter{r: r} }

// Complete returns the completions of the last word of text as suffixes,
// and the length in runes of the word typed so far.
func (c *shellCompleter) Complete(text string) ([]string, int) {
	raw, quote, cmdPos := lastWord(text)
	word := unquoteWord(raw)
	typed := len([]rune(raw))
	var full []string // whole words; the suffix after word is returned
	var after func(string) string
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
		after = func(string) string {
			if brace {
				return "}"
			}
			return ""
		}
	case cmdPos && !strings.Contains(word, "/"):
		full = c.commands(word)
		after = func(string) string { return " " }
	default:
		return c.files(word, quote), typed
	}
	sort.Strings(full)
	var out []string
	for i, f := range full {
		if i > 0 && full[i-1] == f {
			continue
		}
		out = append(out, escapeWord(f[len(word):], quote)+after(f))
	}
	return out, typed
}

func (c *shellCompleter) varNames() []string {
	var names []string
	c.r.EachVar(func(name string, vr expand.Variable) bool {
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
	for _, n := range c.r.Funcs() {
		add(n)
	}
	for n := range c.r.Aliases() {
		add(n)
	}
	for _, n := range []string{"if", "then", "else", "elif", "fi", "case", "esac", "for", "while", "until", "do", "done", "function", "select", "time", "coproc"} {
		add(n)
	}
	for _, dir := range filepath.SplitList(c.r.Var("PATH").String()) {
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

// files lists the paths completing word: directories get a /, files a
// space (and the closing quote when the word is quoted).
func (c *shellCompleter) files(word string, quote byte) []string {
	dirPart, base := "", word
	if i := strings.LastIndex(word, "/"); i >= 0 {
		dirPart, base = word[:i+1], word[i+1:]
	}
	dir := dirPart
	if strings.HasPrefix(dir, "~/") || dir == "~" {
		dir = c.r.Var("HOME").String() + dir[1:]
	}
	if dir == "" {
		dir = "."
	}
	if !filepath.IsAbs(dir) {
		dir = filepath.Join(c.r.Dir(), dir)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	var out []string
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
		s := escapeWord(name[len(base):], quote)
		if isDir {
			s += "/"
		} else {
			if quote != 0 {
				s += string(quote)
			}
			s += " "
		}
		out = append(out, s)
	}
	sort.Strings(out)
	return out
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
			if ch == quote {
				quote = 0
			} else if ch == '\\' && quote == '"' && i+1 < len(text) {
				i++
			}
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

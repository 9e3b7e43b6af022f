package builtins

import (
	"context"
	"os"
	"slices"
	"sort"
	"strings"

	"mvdan.cc/sh/v3/expand"
)

// This file holds the programmable completion builtins: complete and
// compopt store a specification per command (Completion.CompSpecs), compgen
// generates the words one describes. Scripts that register completions
// (bash-completion files, a tool's own) load and can list them.

const (
	completeUsage = "complete [-abcdefgjksuv] [-pr] [-DEI] [-o option] [-A action] [-G globpat] [-W wordlist] [-F function] [-C command] [-X filterpat] [-P prefix] [-S suffix] [name ...]"
	compgenUsage  = "compgen [-abcdefgjksuv] [-o option] [-A action] [-G globpat] [-W wordlist] [-F function] [-C command] [-X filterpat] [-P prefix] [-S suffix] [word]"
	compoptUsage  = "compopt [-o|+o option] [-DEI] [name ...]"
)

// CompSpec is one completion specification, as complete records it.
type CompSpec struct {
	Options []string // -o: bashdefault, default, dirnames, filenames, noquote, nosort, nospace, plusdirs
	Actions []string // -A (and the letters that stand for one), in bash's order
	Glob    string   // -G
	Words   string   // -W
	Func    string   // -F
	Command string   // -C
	Filter  string   // -X
	Prefix  string   // -P
	Suffix  string   // -S
}

// actionLetters are the one-letter forms of -A actions.
var actionLetters = map[byte]string{
	'a': "alias", 'b': "builtin", 'c': "command", 'd': "directory", 'e': "export",
	'f': "file", 'g': "group", 'j': "job", 'k': "keyword", 's': "service", 'u': "user", 'v': "variable",
}

// letterOf is the reverse of actionLetters, for printing.
var letterOf = func() map[string]byte {
	m := map[string]byte{}
	for k, v := range actionLetters {
		m[v] = k
	}
	return m
}()

var validActions = []string{"alias", "arrayvar", "binding", "builtin", "command", "directory",
	"disabled", "enabled", "export", "file", "function", "group", "helptopic", "hostname",
	"job", "keyword", "running", "service", "setopt", "shopt", "signal", "stopped", "user", "variable"}

var validCompOptions = []string{"bashdefault", "default", "dirnames", "filenames", "noquote", "nosort", "nospace", "plusdirs"}

// specFlags reads the options complete and compgen share into spec. It
// returns the remaining words, the letters of -p, -r and the -DEI
// selectors seen, and ok false after reporting a bad option.
func specFlags(c *Call, args []string, spec *CompSpec, extra, usageText string) (rest []string, seen string, ok bool) {
	flags, rest, ok := parseFlags(c, args, "abcdefgjksuvo:A:G:W:F:C:X:P:S:"+extra, usageText)
	if !ok {
		return nil, "", false
	}
	for _, f := range flags {
		switch f.name {
		case 'o':
			if !slices.Contains(validCompOptions, f.arg) {
				c.Sh.Errorf(c, "%s: invalid option name", f.arg)
				return nil, "", false
			}
			spec.Options = append(spec.Options, f.arg)
		case 'A':
			if !slices.Contains(validActions, f.arg) {
				c.Sh.Errorf(c, "%s: invalid action name", f.arg)
				return nil, "", false
			}
			spec.Actions = append(spec.Actions, f.arg)
		case 'G':
			spec.Glob = f.arg
		case 'W':
			spec.Words = f.arg
		case 'F':
			spec.Func = f.arg
		case 'C':
			spec.Command = f.arg
		case 'X':
			spec.Filter = f.arg
		case 'P':
			spec.Prefix = f.arg
		case 'S':
			spec.Suffix = f.arg
		default:
			if a, ok := actionLetters[f.name]; ok {
				spec.Actions = append(spec.Actions, a)
			} else {
				seen += string(f.name)
			}
		}
	}
	return rest, seen, true
}

// specLine prints spec for name as complete -p does.
func specLine(name string, s *CompSpec) string {
	var b strings.Builder
	b.WriteString("complete")
	for _, o := range s.Options {
		b.WriteString(" -o " + o)
	}
	for _, a := range s.Actions {
		if l, ok := letterOf[a]; ok {
			b.WriteString(" -" + string(l))
		} else {
			b.WriteString(" -A " + a)
		}
	}
	for _, p := range []struct {
		flag, val string
	}{{"-G", s.Glob}, {"-W", s.Words}, {"-P", s.Prefix}, {"-S", s.Suffix}, {"-X", s.Filter}, {"-C", s.Command}, {"-F", s.Func}} {
		if p.val != "" {
			v := p.val
			if p.flag != "-F" {
				v = "'" + strings.ReplaceAll(v, "'", `'\''`) + "'"
			}
			b.WriteString(" " + p.flag + " " + v)
		}
	}
	if name == "" {
		name = "''"
	}
	b.WriteString(" " + name)
	return b.String()
}

// complete stores (or with -p prints, with -r removes) the completion
// specifications of the named commands.
func complete(ctx context.Context, c *Call, sh Completion) int {
	out := NewOut(c.Stdout)
	var spec CompSpec
	names, seen, ok := specFlags(c, c.Args, &spec, "prDEI", completeUsage)
	if !ok {
		return 2
	}
	names = append(names, selectors(seen)...)
	specs := sh.CompSpecs()
	status := 0
	switch {
	case strings.Contains(seen, "r"):
		if len(names) == 0 {
			for n := range specs {
				delete(specs, n)
			}
		}
		for _, n := range names {
			if _, ok := specs[n]; !ok {
				c.Sh.Errorf(c, "%s: no completion specification", n)
				status = 1
				continue
			}
			delete(specs, n)
		}
	case strings.Contains(seen, "p") || len(names) == 0 && spec.isEmpty():
		if len(names) == 0 {
			names = make([]string, 0, len(specs))
			for n := range specs {
				names = append(names, n)
			}
			sort.Strings(names)
		}
		for _, n := range names {
			s, ok := specs[n]
			if !ok {
				c.Sh.Errorf(c, "%s: no completion specification", n)
				status = 1
				continue
			}
			out.WriteString(specLine(n, s) + "\n")
		}
	default:
		for _, n := range names {
			s := spec
			specs[n] = &s
		}
	}
	return out.Status(c, status)
}

// The names under which complete -D, -E and -I keep their
// specifications (and complete -p prints them, as bash does).
const (
	DefaultSpec = "-D" // a command with no specification of its own
	EmptySpec   = "-E" // an empty line
	InitialSpec = "-I" // the first word of a command
)

// selectors are the names the letters -D, -E and -I among seen select.
func selectors(seen string) []string {
	var names []string
	for _, l := range "DEI" {
		if strings.ContainsRune(seen, l) {
			names = append(names, "-"+string(l))
		}
	}
	return names
}

// HasOption reports whether spec has the -o option name.
func (s *CompSpec) HasOption(name string) bool { return slices.Contains(s.Options, name) }

func (s *CompSpec) isEmpty() bool {
	return len(s.Options) == 0 && len(s.Actions) == 0 && s.Glob == "" && s.Words == "" &&
		s.Func == "" && s.Command == "" && s.Filter == "" && s.Prefix == "" && s.Suffix == ""
}

// compopt changes the -o options of stored specifications (+o removes
// one). Outside a completion function a name is required.
func compopt(ctx context.Context, c *Call, sh Completion) int {
	var on, off []string
	var sel []string
	args := c.Args
	for len(args) > 0 {
		switch a := args[0]; {
		case (a == "-o" || a == "+o") && len(args) > 1:
			if !slices.Contains(validCompOptions, args[1]) {
				c.Sh.Errorf(c, "%s: invalid option name", args[1])
				return 2
			}
			if a == "-o" {
				on = append(on, args[1])
			} else {
				off = append(off, args[1])
			}
			args = args[2:]
			continue
		case a == "-D" || a == "-E" || a == "-I":
			sel = append(sel, a)
			args = args[1:]
			continue
		}
		break
	}
	args = append(skipDashDash(args), sel...)
	change := func(s *CompSpec) {
		s.Options = slices.DeleteFunc(slices.Clone(s.Options), func(o string) bool { return slices.Contains(off, o) })
		for _, o := range on {
			if !slices.Contains(s.Options, o) {
				s.Options = append(s.Options, o)
			}
		}
	}
	if len(args) == 0 {
		cur := sh.CurrentCompletion()
		if cur == nil {
			c.Sh.Errorf(c, "not currently executing completion function")
			return 1
		}
		change(cur) // the running completion's own copy
		return 0
	}
	specs := sh.CompSpecs()
	status := 0
	for _, n := range args {
		s, ok := specs[n]
		if !ok {
			c.Sh.Errorf(c, "%s: no completion specification", n)
			status = 1
			continue
		}
		ns := *s
		change(&ns)
		specs[n] = &ns
	}
	return status
}

// compgen prints the words a specification generates that start with
// the word given (all without one); status 1 if there are none.
func compgen(ctx context.Context, c *Call, sh SpecShell) int {
	out := NewOut(c.Stdout)
	var spec CompSpec
	rest, _, ok := specFlags(c, c.Args, &spec, "", compgenUsage)
	if !ok {
		return 2
	}
	word := ""
	if len(rest) > 0 {
		word = rest[0]
	}
	cands := SpecWords(sh, &spec, word)
	if len(cands) == 0 {
		return 1
	}
	for _, w := range cands {
		out.WriteString(spec.Prefix + w + spec.Suffix + "\n")
	}
	return out.Status(c, 0)
}

// SpecShell is what SpecWords reads of the shell: the names its actions
// list, IFS and PATH, and the directory files are listed from.
type SpecShell interface {
	Vars
	FuncTable
	AliasTable
	Options
	Dirs
}

// SpecWords lists the words starting with word that spec's actions
// (-A and its letters) and word list (-W, split at IFS) give, in that
// order, without -G, -F, -C, -X, -P or -S.
func SpecWords(sh SpecShell, spec *CompSpec, word string) []string {
	var cands []string
	for _, a := range spec.Actions {
		cands = append(cands, actionWords(sh, a, word)...)
	}
	if spec.Words != "" {
		ifs := " \t\n"
		if v := sh.Var("IFS"); v.IsSet() {
			ifs = v.String()
		}
		for _, w := range strings.FieldsFunc(spec.Words, func(r rune) bool { return strings.ContainsRune(ifs, r) }) {
			if strings.HasPrefix(w, word) {
				cands = append(cands, w)
			}
		}
	}
	return cands
}

// actionWords lists the names of one -A action that start with prefix.
func actionWords(sh SpecShell, action, prefix string) []string {
	var names []string
	add := func(n string) {
		if strings.HasPrefix(n, prefix) {
			names = append(names, n)
		}
	}
	switch action {
	case "function":
		for _, n := range sh.Funcs() {
			add(n)
		}
	case "alias":
		for n := range sh.Aliases() {
			add(n)
		}
	case "builtin", "enabled":
		for _, n := range Names() {
			add(n)
		}
	case "keyword":
		for _, n := range shellKeywords {
			add(n)
		}
	case "variable", "export", "arrayvar":
		sh.EachVar(func(n string, vr expand.Variable) bool {
			switch {
			case action == "export" && !vr.Exported, action == "arrayvar" && vr.Kind != expand.Indexed && vr.Kind != expand.Associative:
			default:
				add(n)
			}
			return true
		})
	case "setopt":
		for _, n := range sh.OptionNames() {
			add(n)
		}
	case "shopt":
		for _, n := range sh.ShoptNames() {
			add(n)
		}
	case "command":
		for _, a := range []string{"alias", "builtin", "function", "keyword"} {
			names = append(names, actionWords(sh, a, prefix)...)
		}
		seen := map[string]bool{}
		for _, dir := range strings.Split(sh.Var("PATH").String(), ":") {
			entries, _ := os.ReadDir(absPath(sh, dir))
			for _, e := range entries {
				n := e.Name()
				if seen[n] || !strings.HasPrefix(n, prefix) {
					continue
				}
				if info, err := e.Info(); err == nil && !info.IsDir() && info.Mode()&0o111 != 0 {
					seen[n] = true
					names = append(names, n)
				}
			}
		}
	case "file", "directory":
		dir, base := "", prefix
		if i := strings.LastIndexByte(prefix, '/'); i >= 0 {
			dir, base = prefix[:i+1], prefix[i+1:]
		}
		entries, _ := os.ReadDir(absPath(sh, dir+"."))
		for _, e := range entries {
			n := e.Name()
			if !strings.HasPrefix(n, base) || strings.HasPrefix(n, ".") && !strings.HasPrefix(base, ".") {
				continue
			}
			isDir := e.IsDir()
			if info, err := os.Stat(absPath(sh, dir+n)); err == nil {
				isDir = info.IsDir()
			}
			if action == "directory" && !isDir {
				continue
			}
			names = append(names, dir+n)
		}
	}
	sort.Strings(names)
	return names
}

// shellKeywords are bash's reserved words, for compgen -k.
var shellKeywords = []string{"!", "[[", "]]", "case", "coproc", "do", "done", "elif", "else", "esac",
	"fi", "for", "function", "if", "in", "select", "then", "time", "until", "while", "{", "}"}

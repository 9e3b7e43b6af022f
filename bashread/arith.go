package bashread

import (
	"strings"

	"mvdan.cc/sh/v3/syntax"
)

// FixArith rewrites what bash decides only when it runs or reads on, so
// that mvdan's parser, which rejects it outright, reads it as bash does:
//
//   - $(( ... )) or (( ... )) whose expression does not parse is still
//     arithmetic, an error when it is evaluated (bash: "1 + : syntax
//     error: operand expected"): its text is put in double quotes, which
//     arithmetic takes away again, so it reaches the evaluator as written;
//   - $(( or (( whose parentheses do not close together, as in
//     $((echo a; echo b) | wc -l), is a command substitution or subshell
//     of a subshell: a blank goes between the parentheses.
//
// It reports whether anything changed. src is a complete command that
// failed to parse; text in single quotes is left alone.
func FixArith(src string) (string, bool) {
	var sb strings.Builder
	changed := false
	last := 0
	quote := byte(0)
	for i := 0; i < len(src); i++ {
		c := src[i]
		switch {
		case quote == '\'':
			if c == '\'' {
				quote = 0
			}
			continue
		case c == '\\':
			i++
			continue
		case c == '\'' && quote == 0:
			quote = '\''
			continue
		case c == '"':
			if quote == '"' {
				quote = 0
			} else if quote == 0 {
				quote = '"'
			}
			continue
		case c != '(' || !strings.HasPrefix(src[i:], "(("):
			continue
		}
		dollar := i > 0 && src[i-1] == '$'
		if !dollar && (quote != 0 || !cmdStart(src[:i])) {
			continue
		}
		end, arith := closeArith(src, i+2)
		if end < 0 {
			continue
		}
		if !arith {
			sb.WriteString(src[last : i+1])
			sb.WriteByte(' ')
			last, changed = i+1, true
			continue
		}
		expr := src[i+2 : end]
		// the expression alone, as the parser reads it in its place
		if _, err := syntax.NewParser().Parse(strings.NewReader(src[i-btoi(dollar):end+2]), ""); err != nil {
			sb.WriteString(src[last : i+2])
			sb.WriteString(`"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(expr) + `"`)
			last, changed = end, true
		}
		i = end + 1
	}
	if !changed {
		return src, false
	}
	sb.WriteString(src[last:])
	return sb.String(), true
}

// closeArith finds where the text after (( at from closes: end is the
// offset of the first of the two )s when they close together (arith),
// or of the ) that closes the inner parenthesis alone (not arith); -1
// when they do not close in src.
func closeArith(src string, from int) (end int, arith bool) {
	depth := 2
	quote := byte(0)
	for j := from; j < len(src); j++ {
		c := src[j]
		switch {
		case quote == '\'':
			if c == '\'' {
				quote = 0
			}
		case c == '\\':
			j++
		case c == '\'' && quote == 0, c == '"' && quote == 0:
			quote = c
		case c == '"' && quote == '"':
			quote = 0
		case quote != 0:
		case c == '(':
			depth++
		case c == ')':
			depth--
			if depth == 1 {
				if j+1 < len(src) && src[j+1] == ')' {
					return j, true
				}
				return j, false
			}
		}
	}
	return -1, false
}

// cmdStart reports whether a (( after text starts a command: at the start
// of a line or list, or after a reserved word that starts one.
func cmdStart(text string) bool {
	text = strings.TrimRight(text, " \t")
	if text == "" || strings.ContainsAny(text[len(text)-1:], "\n;&|({") {
		return true
	}
	word := text[strings.LastIndexAny(text, " \t\n;&|({")+1:]
	switch word {
	case "then", "do", "else", "elif", "if", "while", "until", "!", "time":
		return true
	}
	return false
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

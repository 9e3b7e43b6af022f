package builtins

import "context"

// echoShell is what echo reads: shopt xpg_echo, and the locale's
// variables for what an escape makes.
type echoShell interface {
	Options
	Vars
}

// echo prints its arguments separated by spaces. As in bash, leading
// arguments made only of n, e and E letters are options ("-ne"), "--" is
// not special, and -e escapes follow echo's own dialect (\0nnn, \c).
// The shopt xpg_echo turns escapes on by default.
func echo(ctx context.Context, c *Call, sh echoShell) int {
	out := NewOut(c.Stdout)
	newline := true
	escapes, _ := sh.ShoptOption("xpg_echo")
	args := c.Args
	inUTF8 := utf8Locale(sh)
	for len(args) > 0 && isEchoOption(args[0]) {
		for _, f := range args[0][1:] {
			switch f {
			case 'n':
				newline = false
			case 'e':
				escapes = true
			case 'E':
				escapes = false
			}
		}
		args = args[1:]
	}
	for i, a := range args {
		if i > 0 {
			out.WriteString(" ")
		}
		if escapes {
			s, stop := unescape(a, escEcho, inUTF8, nil)
			out.WriteString(s)
			if stop {
				return out.Status(c, 0)
			}
			continue
		}
		out.WriteString(a)
	}
	if newline {
		out.WriteString("\n")
	}
	return out.Status(c, 0)
}

func isEchoOption(s string) bool {
	if len(s) < 2 || s[0] != '-' {
		return false
	}
	for i := 1; i < len(s); i++ {
		if s[i] != 'n' && s[i] != 'e' && s[i] != 'E' {
			return false
		}
	}
	return true
}

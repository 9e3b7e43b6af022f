package builtins

import "strings"

// flag is one parsed option of a builtin.
type flag struct {
	name byte
	arg  string
}

// parseFlags reads leading options as bash's internal_getopt does: spec
// lists option letters, a letter followed by ':' takes an argument (in the
// same word or the next). "--" ends the options, and so does "-" alone or
// any word not starting with '-'. On a bad option it prints bash's two
// lines ("NAME: -z: invalid option", "NAME: usage: ...") and returns
// ok == false; the caller then returns status 2.
func parseFlags(c *Call, args []string, spec, usageText string) (flags []flag, rest []string, ok bool) {
	for len(args) > 0 {
		a := args[0]
		if a == "--" {
			return flags, args[1:], true
		}
		if len(a) < 2 || a[0] != '-' {
			break
		}
		args = args[1:]
		for i := 1; i < len(a); i++ {
			ch := a[i]
			k := strings.IndexByte(spec, ch)
			if k < 0 || ch == ':' {
				c.Sh.Errorf(c, "-%c: invalid option", ch)
				usage(c, usageText)
				return nil, nil, false
			}
			if k+1 < len(spec) && spec[k+1] == ':' {
				arg := a[i+1:]
				if arg == "" {
					if len(args) == 0 {
						c.Sh.Errorf(c, "-%c: option requires an argument", ch)
						usage(c, usageText)
						return nil, nil, false
					}
					arg, args = args[0], args[1:]
				}
				flags = append(flags, flag{ch, arg})
				break
			}
			flags = append(flags, flag{ch, ""})
		}
	}
	return flags, args, true
}

// errorf reports err, a message from the Shell that already names its
// subject ("x: readonly variable"), the way bash does: without the
// builtin's name in front.
func errorf(c *Call, err error) {
	msg := err.Error()
	subject, rest, found := strings.Cut(msg, ": ")
	if !found {
		c.Sh.Errorf(c, "%s", msg)
		return
	}
	named := *c
	named.Name = subject
	c.Sh.Errorf(&named, "%s", rest)
}

package shell

import (
	"os"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"pipesh/timefmt"
)

// DefaultPS1 is the prompt when PS1 is unset.
const DefaultPS1 = "pipesh$ "

// Prompt returns the expanded primary (PS1) or continuation (PS2)
// prompt: bash's backslash escapes first, then parameter expansion, as
// with bash's promptvars.
func (r *Runner) Prompt(continuation bool) string {
	name, def := "PS1", DefaultPS1
	if continuation {
		name, def = "PS2", "> "
	}
	vr := r.lookupVar(name)
	ps := def
	if vr.IsSet() {
		ps = vr.String()
	}
	ps = r.promptEscapes(ps)
	if out, err := r.literalString(ps); err == nil {
		ps = out
	}
	return ps
}

// promptEscapes decodes \u \h \H \w \W \$ \n \s \v \V \j \d \t \T \A
// \@ \D{format} \! \# \e \a \r \\ \nnn, and drops \[ \] (readline
// measures ANSI codes itself).
func (r *Runner) promptEscapes(ps string) string {
	if !strings.Contains(ps, `\`) {
		return ps
	}
	var sb strings.Builder
	for i := 0; i < len(ps); i++ {
		c := ps[i]
		if c != '\\' || i+1 == len(ps) {
			sb.WriteByte(c)
			continue
		}
		i++
		switch e := ps[i]; e {
		case 'u':
			sb.WriteString(r.promptUser())
		case 'h', 'H':
			h, _ := os.Hostname()
			if e == 'h' {
				h, _, _ = strings.Cut(h, ".")
			}
			sb.WriteString(h)
		case 'w', 'W':
			dir := r.dir
			home := r.lookupVar("HOME").String()
			if e == 'W' {
				if dir != "/" && dir != home {
					dir = filepath.Base(dir)
				} else if dir == home && home != "" {
					dir = "~"
				}
			} else if home != "" && home != "/" && (dir == home || strings.HasPrefix(dir, home+"/")) {
				dir = "~" + dir[len(home):]
			}
			sb.WriteString(quotePromptVar(dir))
		case '$':
			if os.Geteuid() == 0 {
				sb.WriteByte('#')
			} else {
				sb.WriteByte('$')
			}
		case 'n':
			sb.WriteByte('\n')
		case 's':
			sb.WriteString(filepath.Base(r.sh.name))
		case 'v':
			sb.WriteString(strings.Join(strings.Split(Version, ".")[:2], "."))
		case 'V':
			sb.WriteString(Version)
		case 'j':
			sb.WriteString(strconv.Itoa(r.jobs.Len()))
		case 'd':
			sb.WriteString(time.Now().Format("Mon Jan 02"))
		case 't':
			sb.WriteString(time.Now().Format("15:04:05"))
		case 'T':
			sb.WriteString(time.Now().Format("03:04:05"))
		case 'A':
			sb.WriteString(time.Now().Format("15:04"))
		case '@':
			sb.WriteString(time.Now().Format("03:04 PM"))
		case 'D':
			if i+1 < len(ps) && ps[i+1] == '{' {
				if end := strings.IndexByte(ps[i+2:], '}'); end >= 0 {
					format := ps[i+2 : i+2+end]
					if format == "" {
						format = "%X"
					}
					sb.WriteString(quotePromptVar(timefmt.Strftime(format, time.Now().In(r.promptZone()))))
					i += end + 2
					continue
				}
			}
			sb.WriteString(`\D`)
		case '!', '#':
			n := 1
			if h := r.sh.hist; h != nil {
				if e == '!' {
					n = h.Next()
				} else {
					n = h.Commands() + 1
				}
			}
			sb.WriteString(strconv.Itoa(n))
		case 'r':
			sb.WriteByte('\r')
		case 'e':
			sb.WriteByte(0x1b)
		case 'a':
			sb.WriteByte(0x07)
		case '[', ']':
		case '\\':
			sb.WriteString(`\\`)
		case '0', '1', '2', '3':
			j := i
			for j < len(ps) && j < i+3 && ps[j] >= '0' && ps[j] <= '7' {
				j++
			}
			n, _ := strconv.ParseUint(ps[i:j], 8, 8)
			sb.WriteByte(byte(n))
			i = j - 1
		default:
			sb.WriteByte('\\')
			sb.WriteByte(e)
		}
	}
	return sb.String()
}

// quotePromptVar protects text inserted by an escape from the parameter
// expansion that follows.
func quotePromptVar(s string) string {
	r := strings.NewReplacer(`\`, `\\`, "$", `\$`, "`", "\\`")
	return r.Replace(s)
}

// promptZone is the zone of the prompt's times: TZ if it is exported
// (as the C library sees it), else the local one.
func (r *Runner) promptZone() *time.Location {
	vr := r.lookupVar("TZ")
	if !vr.Exported || !vr.IsSet() {
		return timefmt.LocalZone()
	}
	return timefmt.LoadZone(strings.TrimPrefix(vr.String(), ":"))
}

func (r *Runner) promptUser() string {
	if u := r.lookupVar("USER").String(); u != "" {
		return u
	}
	if u, err := user.Current(); err == nil {
		return u.Username
	}
	return strconv.Itoa(os.Getuid())
}

// Package prompt decodes the backslash escapes of bash's prompt strings
// (PS0, PS1, PS2, PS4 and ${x@P}): the user, host, directory, times, job
// and history numbers. The shell does the parameter expansion after it,
// and shows itself to the escapes through Shell.
package prompt

import (
	"os"
	osuser "os/user"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"pipesh/timefmt"
)

// Shell is what the escapes read of the shell; each method is asked only
// when the prompt holds an escape that needs it.
type Shell interface {
	// Var is a shell variable's value, whether it is set and whether it
	// is exported (HOME, USER, TZ).
	Var(name string) (value string, set, exported bool)
	Dir() string  // the working directory, for \w and \W
	Name() string // $0, for \s
	Jobs() int    // how many jobs the table holds, for \j
	// History is the number the next command gets in the history list
	// (\!) and how many commands this shell has run (\# is one more);
	// 1 and 0 with no history.
	History() (next, commands int)
}

// Decode decodes ps's \u \h \H \w \W \$ \n \s \v \V \j \d \t \T \A
// \@ \D{format} \! \# \e \a \r \\ \nnn, and drops \[ \] (readline
// measures ANSI codes itself); version is the shell's, for \v and \V.
// What an escape puts in is quoted against the parameter expansion
// that follows (backslash, $ and `), as bash's promptvars expects.
func Decode(ps string, sh Shell, version string) string {
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
			sb.WriteString(user(sh))
		case 'h', 'H':
			h, _ := os.Hostname()
			if e == 'h' {
				h, _, _ = strings.Cut(h, ".")
			}
			sb.WriteString(h)
		case 'w', 'W':
			dir := sh.Dir()
			home, _, _ := sh.Var("HOME")
			if e == 'W' {
				if dir != "/" && dir != home {
					dir = filepath.Base(dir)
				} else if dir == home && home != "" {
					dir = "~"
				}
			} else if home != "" && home != "/" && (dir == home || strings.HasPrefix(dir, home+"/")) {
				dir = "~" + dir[len(home):]
			}
			sb.WriteString(quote(dir))
		case '$':
			if os.Geteuid() == 0 {
				sb.WriteByte('#')
			} else {
				sb.WriteByte('$')
			}
		case 'n':
			sb.WriteByte('\n')
		case 's':
			sb.WriteString(filepath.Base(sh.Name()))
		case 'v':
			sb.WriteString(majorMinor(version))
		case 'V':
			sb.WriteString(version)
		case 'j':
			sb.WriteString(strconv.Itoa(sh.Jobs()))
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
					sb.WriteString(quote(timefmt.Strftime(format, time.Now().In(zone(sh)))))
					i += end + 2
					continue
				}
			}
			sb.WriteString(`\D`)
		case '!', '#':
			next, commands := sh.History()
			if e == '#' {
				next = commands + 1
			}
			sb.WriteString(strconv.Itoa(next))
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

// majorMinor is version up to its second dot (5.2 of 5.2.21).
func majorMinor(version string) string {
	if i := strings.IndexByte(version, '.'); i >= 0 {
		if j := strings.IndexByte(version[i+1:], '.'); j >= 0 {
			return version[:i+1+j]
		}
	}
	return version
}

// quote protects text inserted by an escape from the parameter
// expansion that follows.
func quote(s string) string {
	r := strings.NewReplacer(`\`, `\\`, "$", `\$`, "`", "\\`")
	return r.Replace(s)
}

// zone is the zone of the prompt's times: TZ if it is exported (as the
// C library sees it), else the local one.
func zone(sh Shell) *time.Location {
	tz, set, exported := sh.Var("TZ")
	if !exported || !set {
		return timefmt.LocalZone()
	}
	return timefmt.LoadZone(strings.TrimPrefix(tz, ":"))
}

// user is \u: $USER, else the user the process runs as.
func user(sh Shell) string {
	if u, _, _ := sh.Var("USER"); u != "" {
		return u
	}
	if u, err := osuser.Current(); err == nil {
		return u.Username
	}
	return strconv.Itoa(os.Getuid())
}

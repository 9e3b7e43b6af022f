// Package timefmt formats times as C's strftime does and loads time
// zones safely in a shell that starts programs: printf's %(...)T, the
// history's HISTTIMEFORMAT and the prompt's \D{...} share it; time's
// TIMEFORMAT is here too.
package timefmt

import (
	"fmt"
	"strings"
	"time"

	"pipesh/exec"
)

// LoadZone is time.LoadLocation of name (UTC if there is none such),
// read while no child can start: the time package opens zoneinfo files
// without close-on-exec, and a program started meanwhile would inherit
// the descriptor.
func LoadZone(name string) *time.Location {
	loc := time.UTC
	exec.NoFork(func() {
		if l, err := time.LoadLocation(name); err == nil {
			loc = l
		}
	})
	return loc
}

// LocalZone is time.Local, loaded (on first use, from /etc/localtime) as
// LoadZone loads a zone.
func LocalZone() *time.Location {
	loc := time.UTC
	exec.NoFork(func() {
		// naming it makes the time package load it, once
		if time.Local.String() != "" {
			loc = time.Local
		}
	})
	return loc
}

// Strftime formats t as C's strftime does for the common conversions.
// Like bash's buffer, a result of 128 bytes or more comes out empty.
func Strftime(format string, t time.Time) string {
	var b strings.Builder
	for i := 0; i < len(format); i++ {
		c := format[i]
		if c != '%' || i+1 == len(format) {
			b.WriteByte(c)
			continue
		}
		i++
		switch format[i] {
		case '%':
			b.WriteByte('%')
		case 'a':
			b.WriteString(t.Format("Mon"))
		case 'A':
			b.WriteString(t.Format("Monday"))
		case 'b', 'h':
			b.WriteString(t.Format("Jan"))
		case 'B':
			b.WriteString(t.Format("January"))
		case 'c':
			b.WriteString(t.Format("Mon Jan _2 15:04:05 2006"))
		case 'C':
			fmt.Fprintf(&b, "%02d", t.Year()/100)
		case 'd':
			fmt.Fprintf(&b, "%02d", t.Day())
		case 'D', 'x':
			b.WriteString(t.Format("01/02/06"))
		case 'e':
			fmt.Fprintf(&b, "%2d", t.Day())
		case 'F':
			b.WriteString(t.Format("2006-01-02"))
		case 'H':
			fmt.Fprintf(&b, "%02d", t.Hour())
		case 'I':
			fmt.Fprintf(&b, "%02d", (t.Hour()+11)%12+1)
		case 'j':
			fmt.Fprintf(&b, "%03d", t.YearDay())
		case 'k':
			fmt.Fprintf(&b, "%2d", t.Hour())
		case 'l':
			fmt.Fprintf(&b, "%2d", (t.Hour()+11)%12+1)
		case 'm':
			fmt.Fprintf(&b, "%02d", int(t.Month()))
		case 'M':
			fmt.Fprintf(&b, "%02d", t.Minute())
		case 'n':
			b.WriteByte('\n')
		case 'p':
			b.WriteString(t.Format("PM"))
		case 'r':
			b.WriteString(t.Format("03:04:05 PM"))
		case 'R':
			b.WriteString(t.Format("15:04"))
		case 's':
			fmt.Fprintf(&b, "%d", t.Unix())
		case 'S':
			fmt.Fprintf(&b, "%02d", t.Second())
		case 't':
			b.WriteByte('\t')
		case 'T', 'X':
			b.WriteString(t.Format("15:04:05"))
		case 'u':
			fmt.Fprintf(&b, "%d", (int(t.Weekday())+6)%7+1)
		case 'w':
			fmt.Fprintf(&b, "%d", int(t.Weekday()))
		case 'y':
			fmt.Fprintf(&b, "%02d", t.Year()%100)
		case 'Y':
			fmt.Fprintf(&b, "%d", t.Year())
		case 'z':
			b.WriteString(t.Format("-0700"))
		case 'Z':
			b.WriteString(t.Format("MST"))
		case 'G':
			y, _ := t.ISOWeek()
			fmt.Fprintf(&b, "%d", y)
		case 'V':
			_, w := t.ISOWeek()
			fmt.Fprintf(&b, "%02d", w)
		default:
			b.WriteByte('%')
			b.WriteByte(format[i])
		}
	}
	if b.Len() >= 128 {
		return ""
	}
	return b.String()
}

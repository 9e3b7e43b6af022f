package timefmt

import (
	"fmt"
	"strings"
	"time"
)

// Times is format with bash's TIMEFORMAT escapes expanded, as time
// reports a pipeline's times: %[p][l]R, U and S are the real, user and
// system time in seconds (p digits after the point, 0 to 3, 3 unless
// given; l: minutes and seconds, as 1m2.500s), %[p]P the CPU percentage
// ((user+sys)/real), %% a percent sign; any other % is kept as it is.
func Times(format string, real, user, sys time.Duration) string {
	var sb strings.Builder
	for i := 0; i < len(format); i++ {
		c := format[i]
		if c != '%' || i+1 >= len(format) {
			sb.WriteByte(c)
			continue
		}
		i++
		if format[i] == '%' {
			sb.WriteByte('%')
			continue
		}
		prec, long := 3, false
		if format[i] >= '0' && format[i] <= '9' {
			prec = int(format[i] - '0')
			if prec > 3 {
				prec = 3
			}
			i++
		}
		if i < len(format) && format[i] == 'l' {
			long = true
			i++
		}
		if i >= len(format) {
			break
		}
		var d time.Duration
		switch format[i] {
		case 'R':
			d = real
		case 'U':
			d = user
		case 'S':
			d = sys
		case 'P':
			if real > 0 {
				fmt.Fprintf(&sb, "%.*f", prec, float64(user+sys)*100/float64(real))
			}
			continue
		default:
			sb.WriteByte('%')
			sb.WriteByte(format[i])
			continue
		}
		secs := d.Seconds()
		if long {
			m := int(secs) / 60
			fmt.Fprintf(&sb, "%dm%.*fs", m, prec, secs-float64(m*60))
		} else {
			fmt.Fprintf(&sb, "%.*f", prec, secs)
		}
	}
	return sb.String()
}

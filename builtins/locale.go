package builtins

import (
	"strings"
	"time"

	"pipesh/timefmt"
)

// utf8Locale reports whether the shell's locale (LC_ALL, else LC_CTYPE,
// else LANG) is UTF-8. bash then counts and prints characters; in the C
// locale every byte is a character and bytes above 0x7f are unprintable.
func utf8Locale(sh Vars) bool {
	for _, name := range []string{"LC_ALL", "LC_CTYPE", "LANG"} {
		if v := sh.Var(name).String(); v != "" {
			v = strings.ToLower(v)
			return strings.Contains(v, "utf-8") || strings.Contains(v, "utf8")
		}
	}
	return false
}

// tzLocation is the zone printf's %(...)T uses: TZ as the shell exports
// it (an unexported TZ is ignored, as bash's strftime sees only the
// environment), else the process's local zone.
func tzLocation(sh Vars) *time.Location {
	vr := sh.Var("TZ")
	if !vr.Exported || !vr.IsSet() {
		return timefmt.LocalZone()
	}
	name := strings.TrimPrefix(vr.String(), ":")
	if name == "" {
		return time.UTC
	}
	return timefmt.LoadZone(name)
}

package builtins

import (
	"context"
	"strconv"
	"strings"
)

// wait waits for background jobs (all, or the given pids and %jobspecs)
// and returns the last one's status; -n waits for whichever ends first.
// The waiting itself is the interpreter's (JobTable.Wait); -p VAR is not
// supported because the interface does not report which job ended.
func wait(ctx context.Context, c *Call, sh JobTable) int {
	flags, ids, ok := parseFlags(c, c.Args, "fnp:", "wait [-fn] [-p var] [id ...]")
	if !ok {
		return 2
	}
	anyOne := false
	for _, f := range flags {
		if f.name == 'n' {
			anyOne = true
		}
	}
	var valid []string
	status := 0
	for _, id := range ids {
		if strings.HasPrefix(id, "%") {
			valid = append(valid, id)
			continue
		}
		if n, err := strconv.Atoi(id); err != nil || n <= 0 {
			c.Sh.Errorf(c, "`%s': not a pid or valid job spec", id)
			status = 1
			continue
		}
		valid = append(valid, id)
	}
	if len(ids) > 0 && len(valid) == 0 {
		return status
	}
	return sh.Wait(ctx, valid, anyOne)
}

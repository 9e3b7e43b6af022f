package builtins

import (
	"context"
)

// jobs lists the job table: -l adds pids, -p prints only process-group
// ids, -r and -s keep running or stopped jobs; -n is accepted.
func jobs(ctx context.Context, c *Call, sh JobTable) int {
	flags, specs, ok := parseFlags(c, c.Args, "lnprs", "jobs [-lnprs] [jobspec ...]")
	if !ok {
		return 2
	}
	var fl []byte
	for _, f := range flags {
		fl = append(fl, f.name)
	}
	out := NewOut(c.Stdout)
	if err := sh.ListJobs(out, string(fl), specs); err != nil {
		out.Flush()
		c.Sh.Errorf(c, "%v", err)
		return 1
	}
	if out.Flush() != nil {
		return StatusBrokenPipe
	}
	return 0
}

// fg resumes a job (the current one by default) in the foreground and
// returns its status.
func fg(ctx context.Context, c *Call, sh JobTable) int {
	_, specs, ok := parseFlags(c, c.Args, "", "fg [job_spec]")
	if !ok {
		return 2
	}
	spec := ""
	if len(specs) > 0 {
		spec = specs[0]
	}
	st, err := sh.Foreground(ctx, spec)
	if err != nil {
		c.Sh.Errorf(c, "%v", err)
		return 1
	}
	return st
}

// bg resumes stopped jobs in the background.
func bg(ctx context.Context, c *Call, sh JobTable) int {
	_, specs, ok := parseFlags(c, c.Args, "", "bg [job_spec ...]")
	if !ok {
		return 2
	}
	if len(specs) == 0 {
		specs = []string{""}
	}
	status := 0
	for _, s := range specs {
		if err := sh.Background(s); err != nil {
			c.Sh.Errorf(c, "%v", err)
			status = 1
		}
	}
	return status
}

// disown removes jobs from the table (-a: all of them); -h and -r are
// accepted.
func disown(ctx context.Context, c *Call, sh JobTable) int {
	flags, specs, ok := parseFlags(c, c.Args, "ahr", "disown [-h] [-ar] [jobspec ... | pid ...]")
	if !ok {
		return 2
	}
	all := false
	for _, f := range flags {
		if f.name == 'a' {
			all = true
		}
	}
	if err := sh.Disown(specs, all); err != nil {
		c.Sh.Errorf(c, "%v", err)
		return 1
	}
	return 0
}

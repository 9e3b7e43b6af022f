// The shell never needs GOMAXPROCS to follow a change of its cgroup's
// CPU limit; without it the runtime starts no goroutine to watch for one.
// With containermaxprocs off the runtime also closes the cgroup files it
// read at start instead of keeping two descriptors open (at 3 and 4, the
// numbers scripts use) for the life of the shell; GOMAXPROCS is then the
// CPUs the shell may run on, which for a shell is plenty.
//go:debug updatemaxprocs=0
//go:debug containermaxprocs=0

// Command pipesh is a shell whose heart is a pipeline executor.
//
// Usage:
//
//	pipesh [options] [script [args...]]
//	pipesh [options] -c 'commands' [name [args...]]
//
// With no script and standard input not a terminal, it reads commands
// from standard input.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"strings"

	"golang.org/x/sys/unix"

	"pipesh/errmsg"
	"pipesh/exec"
	"pipesh/privilege"
	"pipesh/repl"
	"pipesh/shell"
)

const usage = `Usage: pipesh [option ...] [script [arg ...]]
       pipesh [option ...] -c commands [name [arg ...]]

Options:
  -c          read commands from the first argument
  -s          read commands from standard input
  -i          interactive
  -n          parse only, run nothing
  -e, -u, -x, -f, -v, -a, -C, -m, -p
              as set -e etc. (-p: privileged, see README)
  -o NAME     set an option (+o NAME unsets it)
  --rcfile FILE
              an interactive shell runs FILE, not ~/.pipeshrc, at start
  --norc      an interactive shell runs no startup file
  -l, --login a login shell: /etc/profile and ~/.pipesh_profile or
              ~/.profile at start, ~/.pipesh_logout at exit
  --noprofile a login shell reads no profile
  --posix     POSIX mode: $ENV, not $BASH_ENV or ~/.pipeshrc, is read
  --ipctrace  trace every pipe, socketpair, spawn, close and wait
  --ipcgraph FILE
              write a Graphviz DOT picture of what ran to FILE
  --help      show this help
  --version   show the version
`

func main() {
	os.Exit(profiled(func() int { return run(os.Args, os.Stdin, os.Stdout, os.Stderr) }))
}

// run is main without os.Exit, for tests.
func run(argv []string, stdin, stdout, stderr *os.File) int {
	if len(argv) > 1 && argv[1] == "test" {
		return testMain(argv[2:], stdin, stdout, stderr)
	}
	if (len(argv) == 3 || len(argv) == 4) && argv[1] == shell.SubshellFlag {
		return subshellMain(argv[2], stdin, stdout, stderr)
	}
	fdCheck := startFdCheck()
	defer fdCheck.done()
	name, args := "pipesh", []string(nil)
	if len(argv) > 0 {
		name, args = argv[0], argv[1:]
	}
	// as bash: POSIX mode from the start
	inv, err := parseArgs(args, os.Getenv("POSIXLY_CORRECT") != "")
	if err != nil {
		errmsg.Report(stderr, err)
		if ue, ok := err.(*usageError); ok && ue.withUsage {
			io.WriteString(stderr, usage)
		}
		return 2
	}
	if inv.show != "" {
		io.WriteString(stdout, inv.show)
		return 0
	}
	boot := newStartup(name, inv.login, inv.flags, inv.opts, inv.posix)
	if boot.setuid && !boot.privileged {
		// as bash: a setuid start without -p becomes the real user
		if err := privilege.Drop(); err != nil {
			errmsg.Report(stderr, err)
		}
	}
	cfg := shell.Config{
		Name:       name,
		Stdin:      stdin,
		Stdout:     stdout,
		Stderr:     stderr,
		Env:        os.Environ(),
		Fds:        inheritedFds(),
		Privileged: boot.privileged || boot.setuid,
		Login:      boot.login,
		LogoutFile: "~/.pipesh_logout", // bash: ~/.bash_logout
	}
	if inv.ipcgraph != "" {
		cfg.Options = append(cfg.Options, "ipcgraph="+inv.ipcgraph)
	}
	if inv.ipctrace {
		cfg.Options = append(cfg.Options, "ipctrace")
	}
	var src io.Reader
	srcName := name
	invoke := ""
	args = inv.args
	switch {
	case inv.wantCmd:
		src = strings.NewReader(args[0])
		srcName = "-c"
		cfg.CommandString = true
		cfg.Interactive = inv.interact
		invoke = "c"
		if len(args) > 1 {
			cfg.Name = args[1]
			cfg.Args = args[2:]
		}
	case len(args) > 0 && !inv.readStdin:
		f, err := openScript(args[0])
		if err != nil {
			errmsg.Report(stderr, &errmsg.Error{What: args[0], Err: err})
			return 127
		}
		defer f.Close()
		src = f
		srcName = args[0]
		cfg.Name = args[0]
		cfg.Args = args[1:]
	default:
		cfg.Args = args
		if inv.interact || isTerminal(stdin) && isTerminal(stderr) {
			cfg.Interactive = true
			return runREPL(cfg, inv, boot, fdCheck)
		}
		src = stdin
		srcName = "stdin"
		invoke = "s"
	}
	r, err := shell.New(cfg)
	if err != nil {
		errmsg.Report(stderr, err)
		return 2
	}
	fdCheck.watch(r)
	if invoke != "s" {
		// bash shows s in $- only once the startup files have run
		r.SetInvocation(invoke)
	}
	if err := applyFlags(r, inv); err != nil {
		errmsg.Report(stderr, err)
		return 2
	}
	boot.follow(r)
	if !inv.noExec {
		if boot.readsProfile() && !inv.noprofile {
			boot.runProfile(context.Background(), r)
		}
		switch {
		case r.Exited():
		case !cfg.Interactive && boot.readsBashEnv():
			r.RunEnvFile(context.Background(), r.EnvFilePath("BASH_ENV"))
		case cfg.Interactive && boot.readsENV():
			r.RunEnvFile(context.Background(), r.EnvFilePath("ENV"))
		case cfg.Interactive && boot.readsRC() && !inv.norc:
			// -i -c: the startup file runs as for the REPL, but sourced
			r.RunEnvFile(context.Background(), rcPath(inv.rcfile))
		}
	}
	boot.afterFiles(r)
	r.SetInvocation(invoke)
	var status int
	switch {
	case r.Exited():
		// exit in $BASH_ENV: the script does not run
		status = r.Finish(context.Background())
	case src == io.Reader(stdin):
		// standard input is read as bash reads it, a line at a time
		status = r.RunStream(context.Background(), stdin, srcName, inv.noExec)
	default:
		data, err := io.ReadAll(src)
		if err != nil {
			errmsg.Report(stderr, &errmsg.Error{What: srcName, Err: err})
			return 2
		}
		status = r.RunScript(context.Background(), string(data), srcName, inv.noExec)
	}
	if sig := r.KilledBy(); sig != 0 {
		fdCheck.done()
		// end as bash does, by the signal itself, so the parent (a
		// script's caller, a terminal) sees an interrupt
		signal.Reset(sig)
		runtime.LockOSThread()
		unix.Tgkill(os.Getpid(), unix.Gettid(), sig)
	}
	return status
}

// runREPL runs the interactive shell of cfg, with its startup files.
func runREPL(cfg shell.Config, inv *invocation, boot startup, fds *fdCheck) int {
	var r *shell.Runner
	var opts repl.Options
	if boot.readsProfile() && !inv.noprofile {
		opts.Profile = func(ctx context.Context) { boot.runProfile(ctx, r) }
	}
	if boot.readsRC() && !inv.norc {
		// as bash runs ~/.bashrc: an interactive shell
		opts.RCFile = rcPath(inv.rcfile)
	}
	var err error
	if r, err = shell.New(cfg); err != nil {
		errmsg.Report(cfg.Stderr, err)
		return 2
	}
	fds.watch(r)
	applyFlags(r, inv)
	boot.follow(r)
	if boot.readsENV() {
		opts.RCFile = r.EnvFilePath("ENV")
	}
	boot.afterFiles(r)
	return repl.Run(context.Background(), r, opts)
}

// openScript opens the script named on the command line. As in bash, a
// name without a slash that is not in the current directory is looked
// for in PATH, and the file is kept at a high descriptor (255 when free).
func openScript(name string) (*os.File, error) {
	f, err := exec.Open(name)
	if errors.Is(err, fs.ErrNotExist) && !strings.Contains(name, "/") {
		if path := scriptInPath(name); path != "" {
			f, err = exec.Open(path)
		}
	}
	if err != nil {
		return nil, err
	}
	return exec.MoveHigh(f), nil
}

// rcPath is the interactive startup file: --rcfile's, or ~/.pipeshrc
// ("" without HOME).
func rcPath(rcfile string) string {
	if rcfile != "" {
		return rcfile
	}
	if home := os.Getenv("HOME"); home != "" {
		return filepath.Join(home, ".pipeshrc")
	}
	return ""
}

// applyFlags sets the command line's flags and options (set -x, -o
// NAME, -O NAME; posix first when asked for) in r, in the order given.
func applyFlags(r *shell.Runner, inv *invocation) error {
	for _, f := range inv.flags {
		if !r.SetFlag(f[1], f[0] == '-') {
			return fmt.Errorf("%s: invalid option", f)
		}
	}
	opts := inv.opts
	if inv.posix {
		opts = append([]string{"posix"}, opts...)
	}
	for _, o := range opts {
		on := !strings.HasPrefix(o, "!")
		if err := r.State().SetOption(strings.TrimPrefix(o, "!"), on); err != nil {
			return err
		}
	}
	for _, o := range inv.shopts {
		on := !strings.HasPrefix(o, "!")
		if err := r.State().SetShopt(strings.TrimPrefix(o, "!"), on); err != nil {
			return err
		}
	}
	return nil
}

// scriptInPath finds a script named on the command line in PATH, as bash
// does when it is not in the current directory: the first readable
// regular file of that name ("" if none).
func scriptInPath(name string) string {
	for _, dir := range filepath.SplitList(os.Getenv("PATH")) {
		if dir == "" {
			continue
		}
		p := filepath.Join(dir, name)
		if st, err := os.Stat(p); err == nil && st.Mode().IsRegular() && unix.Access(p, unix.R_OK) == nil {
			return p
		}
	}
	return ""
}

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
	"runtime/pprof"
	"strings"

	"golang.org/x/sys/unix"

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
  --posix     POSIX mode: $ENV, not $BASH_ENV or ~/.pipeshrc, is read
  --ipctrace  trace every pipe, socketpair, spawn, close and wait
  --ipcgraph FILE
              write a Graphviz DOT picture of what ran to FILE
  --help      show this help
  --version   show the version
`

func main() {
	if path := os.Getenv("PIPESH_CPUPROFILE"); path != "" {
		// for finding where the interpreter spends its time
		if f, err := os.Create(path); err == nil {
			pprof.StartCPUProfile(f)
			st := run(os.Args, os.Stdin, os.Stdout, os.Stderr)
			pprof.StopCPUProfile()
			f.Close()
			os.Exit(st)
		}
	}
	os.Exit(run(os.Args, os.Stdin, os.Stdout, os.Stderr))
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
	name := "pipesh"
	if len(argv) > 0 {
		name = argv[0]
	}
	args := argv[1:]
	var (
		cmdString *string
		readStdin bool
		noExec    bool
		opts      []string
		flags     []string
		interact  bool
		ipctrace  bool
		ipcgraph  string
		wantCmd   bool
		shopts    []string
		rcfile    string // --rcfile: instead of ~/.pipeshrc
		norc      bool
		posix     = os.Getenv("POSIXLY_CORRECT") != "" // as bash: POSIX mode from the start
	)
	for len(args) > 0 {
		a := args[0]
		if a == "--" {
			args = args[1:]
			break
		}
		if a == "--help" {
			io.WriteString(stdout, usage)
			return 0
		}
		if a == "--version" {
			fmt.Fprintf(stdout, "pipesh %s\n", shell.Version)
			return 0
		}
		if a == "--ipcgraph" || strings.HasPrefix(a, "--ipcgraph=") {
			if g, ok := strings.CutPrefix(a, "--ipcgraph="); ok {
				ipcgraph = g
				args = args[1:]
			} else if len(args) < 2 {
				fmt.Fprintf(stderr, "pipesh: --ipcgraph: option requires an argument\n")
				return 2
			} else {
				ipcgraph = args[1]
				args = args[2:]
			}
			continue
		}
		if a == "--ipctrace" {
			ipctrace = true
			args = args[1:]
			continue
		}
		switch a {
		case "--norc":
			norc = true
			args = args[1:]
			continue
		case "--posix":
			posix = true
			args = args[1:]
			continue
		case "--noprofile", "--login", "--noediting", "--restricted", "--verbose":
			// accepted like bash's; pipesh reads no profile
			args = args[1:]
			continue
		case "--rcfile", "--init-file":
			if len(args) < 2 {
				fmt.Fprintf(stderr, "pipesh: %s: option requires an argument\n", a)
				return 2
			}
			rcfile = args[1]
			args = args[2:]
			continue
		case "-":
			// like --: the end of the options (bash also turns off -v -x)
			args = args[1:]
		}
		if a == "-" {
			break
		}
		if strings.HasPrefix(a, "--") {
			fmt.Fprintf(stderr, "pipesh: %s: invalid option\n%s", a, usage)
			return 2
		}
		if len(a) < 2 || (a[0] != '-' && a[0] != '+') {
			break
		}
		on := a[0] == '-'
		args = args[1:]
		for i := 1; i < len(a); i++ {
			switch c := a[i]; c {
			case 'c':
				// as in bash, -c is a flag: the command is the first
				// argument after all the options
				wantCmd = true
			case 'O', 'o':
				// -o NAME / +o NAME, -O NAME / +O NAME: "!" marks an unset
				if len(args) == 0 {
					fmt.Fprintf(stderr, "pipesh: -%c: option requires an argument\n", c)
					return 2
				}
				name := args[0]
				if !on {
					name = "!" + name
				}
				if c == 'O' {
					shopts = append(shopts, name)
				} else {
					opts = append(opts, name)
				}
				args = args[1:]
			case 's':
				readStdin = true
			case 'i':
				interact = true
			case 'n':
				noExec = true
			case 'l', 'r':
				// login, restricted: accepted, no effect
			default:
				if strings.IndexByte("abefhkmptuvxBCEHPT", c) < 0 {
					fmt.Fprintf(stderr, "pipesh: -%c: invalid option\n%s", c, usage)
					return 2
				}
				flags = append(flags, string(a[0])+string(c))
			}
		}
	}
	if wantCmd {
		if len(args) == 0 {
			fmt.Fprintf(stderr, "pipesh: -c: option requires an argument\n")
			return 2
		}
		s := args[0]
		cmdString = &s
		args = args[1:]
	}
	boot := newStartup(name, flags, opts, posix)
	if boot.setuid && !boot.privileged {
		// as bash: a setuid start without -p becomes the real user
		if err := shell.DropPrivileges(); err != nil {
			fmt.Fprintf(stderr, "pipesh: %v\n", err)
		}
	}
	if posix {
		opts = append([]string{"posix"}, opts...)
	}
	cfg := shell.Config{
		Name:       name,
		Stdin:      stdin,
		Stdout:     stdout,
		Stderr:     stderr,
		Env:        os.Environ(),
		Fds:        inheritedFds(),
		Privileged: boot.privileged || boot.setuid,
	}
	if ipcgraph != "" {
		cfg.Options = append(cfg.Options, "ipcgraph="+ipcgraph)
	}
	if ipctrace {
		cfg.Options = append(cfg.Options, "ipctrace")
	}
	for _, o := range shopts {
		opts = append(opts, "shopt:"+o)
	}
	var src io.Reader
	srcName := name
	invoke := ""
	switch {
	case cmdString != nil:
		src = strings.NewReader(*cmdString)
		srcName = "-c"
		cfg.CommandString = true
		cfg.Interactive = interact
		invoke = "c"
		if len(args) > 0 {
			cfg.Name = args[0]
			cfg.Args = args[1:]
		}
	case len(args) > 0 && !readStdin:
		f, err := os.Open(args[0])
		if errors.Is(err, fs.ErrNotExist) && !strings.Contains(args[0], "/") {
			// as bash: a script name without a slash that is not in
			// the current directory is looked for in PATH
			if path := scriptInPath(args[0]); path != "" {
				f, err = os.Open(path)
			}
		}
		if err != nil {
			fmt.Fprintf(stderr, "pipesh: %s: %s\n", args[0], errText(err))
			return 127
		}
		defer f.Close()
		src = f
		srcName = args[0]
		cfg.Name = args[0]
		cfg.Args = args[1:]
	default:
		cfg.Args = args
		if interact || isTerminal(stdin) && isTerminal(stderr) {
			cfg.Interactive = true
			if boot.readsRC() && !norc {
				// as bash runs ~/.bashrc: an interactive shell
				cfg.RCFile = rcPath(rcfile)
			}
			r, err := shell.New(cfg)
			if err != nil {
				fmt.Fprintf(stderr, "pipesh: %v\n", err)
				return 2
			}
			fdCheck.watch(r)
			applyFlags(r, flags, opts)
			boot.follow(r)
			if boot.readsENV() {
				r.SetRCFile(r.EnvFilePath("ENV"))
			}
			boot.afterFiles(r)
			return shell.REPL(context.Background(), r)
		}
		src = stdin
		srcName = "stdin"
		invoke = "s"
	}
	r, err := shell.New(cfg)
	if err != nil {
		fmt.Fprintf(stderr, "pipesh: %v\n", err)
		return 2
	}
	fdCheck.watch(r)
	if invoke != "s" {
		// bash shows s in $- only once the startup files have run
		r.SetInvocation(invoke)
	}
	if msg := applyFlags(r, flags, opts); msg != "" {
		fmt.Fprintf(stderr, "pipesh: %s\n", msg)
		return 2
	}
	var status int
	boot.follow(r)
	if !noExec {
		switch {
		case !cfg.Interactive && boot.readsBashEnv():
			r.RunEnvFile(context.Background(), r.EnvFilePath("BASH_ENV"))
		case cfg.Interactive && boot.readsENV():
			r.RunEnvFile(context.Background(), r.EnvFilePath("ENV"))
		case cfg.Interactive && boot.readsRC() && !norc:
			// -i -c: the startup file runs as for the REPL, but sourced
			r.RunEnvFile(context.Background(), rcPath(rcfile))
		}
	}
	boot.afterFiles(r)
	r.SetInvocation(invoke)
	switch {
	case r.Exited():
		// exit in $BASH_ENV: the script does not run
		status = r.Finish(context.Background())
	case src == io.Reader(stdin):
		// standard input is read as bash reads it, a line at a time
		status = r.RunStream(context.Background(), stdin, srcName, noExec)
	default:
		data, err := io.ReadAll(src)
		if err != nil {
			fmt.Fprintf(stderr, "pipesh: %s: %s\n", srcName, errText(err))
			return 2
		}
		status = r.RunScript(context.Background(), string(data), srcName, noExec)
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

func applyFlags(r *shell.Runner, flags, opts []string) string {
	for _, f := range flags {
		if !r.SetFlag(f[1], f[0] == '-') {
			return f + ": invalid option"
		}
	}
	for _, o := range opts {
		if name, ok := strings.CutPrefix(o, "shopt:"); ok {
			on := !strings.HasPrefix(name, "!")
			if err := r.SetShopt(strings.TrimPrefix(name, "!"), on); err != nil {
				return err.Error()
			}
			continue
		}
		on := !strings.HasPrefix(o, "!")
		if err := r.SetOption(strings.TrimPrefix(o, "!"), on); err != nil {
			return err.Error()
		}
	}
	return ""
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

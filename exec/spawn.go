package exec

import (
	"errors"
	"io"
	"os"
	"runtime"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
)

// Proc describes a child to start.
type Proc struct {
	// Path is the executable; Argv its arguments, Argv[0] included.
	Path string
	Argv []string
	Env  []string
	Dir  string
	// Files is the child's fd map: entry i becomes fd i; a nil entry is
	// closed in the child. Nothing else is inherited.
	Files []*os.File
	// Setpgid puts the child in process group Pgid (0: its own new group).
	Setpgid bool
	Pgid    int
	// Foreground makes the child's group the foreground group of the
	// terminal on fd Ctty (a parent fd); implies Setpgid.
	Foreground bool
	Ctty       int
	// Regroup: when the group Pgid is gone (its last member exited, so
	// the kernel refuses to join it), the child starts a new group
	// instead, which takes the terminal if RegroupForeground.
	Regroup           bool
	RegroupForeground bool
	// Shell, if set, runs a file the kernel cannot execute for want of a
	// #! line (ENOEXEC), as Shell Path Argv[1:], as shells do.
	Shell string
	// Release, if set, is called once, on the caller's goroutine, after
	// the child's Files are taken and before its program can run, even
	// if the spawn then fails. Closing there the parent's copies of what
	// it gives away means the program never sees them in its parent's
	// fd table (/proc/PPID/fd), as after a fork; nor does it see Go's
	// fork-exec status pipe. Files may be closed by Release.
	Release func()
	// Failed, if set, is called when the program cannot be started, on
	// the thread that tried, with the error and the child's would-be
	// stderr (Files[2], nil if it has none; valid only during the call):
	// the caller reports the failure there, where the program's own
	// messages were to go, as a forked shell child does. Spawn's error
	// is still returned.
	Failed func(err error, stderr io.Writer)
}

// SpawnError tells why a child could not be started.
type SpawnError struct {
	Path string
	Err  error
}

func (e *SpawnError) Error() string { return "spawn " + e.Path + ": " + e.Err.Error() }

// Unwrap returns the cause, a syscall.Errno for exec failures.
func (e *SpawnError) Unwrap() error { return e.Err }

// Child is a started process.
type Child struct {
	Pid   int
	Start time.Time
	// NewGroup: the child leads a process group of its own (Setpgid with
	// Pgid 0, or Regroup).
	NewGroup bool
	t        Tracer
}

// Spawn starts p. ETXTBSY, which Go's concurrent forks can cause while
// another goroutine briefly holds a just-written executable open, is
// retried a few times.
//
// The fork is made on an OS thread of its own whose descriptor table is
// a private copy of the process's (unshare CLONE_FILES), taken before
// p.Release runs: the child gets its Files from that copy, while the
// process's own table, which /proc/PID/fd shows, no longer holds what
// Release closed, and never held the status pipe. Without a Release the
// fork is made on the calling thread (a thread of its own costs an OS
// thread's start and end, and would hide only the status pipe, which is
// then in the process's table while the child starts); where no such
// thread can be had, or when t traces the spawn, the fork is made first
// and Release runs after it.
func Spawn(t Tracer, p *Proc) (*Child, error) {
	files := make([]uintptr, len(p.Files))
	for i, f := range p.Files {
		if f == nil {
			files[i] = ^uintptr(0)
		} else {
			files[i] = f.Fd()
		}
	}
	var child *Child
	var err error
	fork := func() {
		child, err = spawnFds(p, files)
		switch {
		case err != nil && p.Failed != nil:
			var stderr io.Writer
			if len(files) > 2 && files[2] != ^uintptr(0) {
				stderr = fdWriter(files[2])
			}
			p.Failed(err, stderr)
		case err == nil && t != nil:
			t.Trace(Event{Kind: EvSpawn, Pid: child.Pid, Argv: p.Argv, Files: p.Files})
		}
	}
	// traced, the files are described as the spawn event is written, so
	// the release comes after it, in the order the notes tell it; with
	// nothing to release, the thread of its own (which costs one OS
	// thread's start and end) would hide only the status pipe
	if t != nil || p.Release == nil || !onPrivateTable(release(p), fork) {
		fork()
		release(p)()
	}
	if err != nil {
		return nil, &SpawnError{Path: p.Path, Err: err}
	}
	child.t = t
	return child, nil
}

// fdWriter writes to a raw descriptor of the calling thread's table: no
// *os.File is made for it, whose finalizer could later close the number
// in the process's table.
type fdWriter uintptr

func (w fdWriter) Write(b []byte) (int, error) { return unix.Write(int(w), b) }

func release(p *Proc) func() {
	if p.Release == nil {
		return func() {}
	}
	return p.Release
}

// spawnFds forks and execs p with the fd map files, retrying as Spawn
// and Proc say.
func spawnFds(p *Proc, files []uintptr) (*Child, error) {
	attr := &syscall.ProcAttr{
		Dir:   p.Dir,
		Env:   p.Env,
		Files: files,
		Sys: &syscall.SysProcAttr{
			Setpgid:    p.Setpgid || p.Foreground,
			Pgid:       p.Pgid,
			Foreground: p.Foreground,
			Ctty:       p.Ctty,
		},
	}
	path, argv := p.Path, p.Argv
	for try := 0; ; try++ {
		pid, err := syscall.ForkExec(path, argv, attr)
		switch {
		case err == nil:
			newGroup := attr.Sys.Setpgid && attr.Sys.Pgid == 0
			return &Child{Pid: pid, Start: time.Now(), NewGroup: newGroup}, nil
		case errors.Is(err, syscall.ETXTBSY) && try < 20:
			// a sleep of the thread, not of the goroutine: a Go timer
			// made here could start the runtime's netpoller, whose
			// descriptors would then be this thread's alone (see
			// onPrivateTable) and vanish with it
			ts := unix.NsecToTimespec(int64(time.Millisecond << min(try, 5)))
			unix.Nanosleep(&ts, nil)
		case errors.Is(err, syscall.ENOEXEC) && p.Shell != "" && path == p.Path:
			path, argv = p.Shell, append([]string{p.Shell, p.Path}, p.Argv[1:]...)
		case errors.Is(err, syscall.EPERM) && p.Regroup && attr.Sys.Pgid != 0:
			attr.Sys.Pgid = 0
			attr.Sys.Foreground = p.RegroupForeground
			attr.Sys.Ctty = p.Ctty
		default:
			return nil, err
		}
	}
}

// onPrivateTable runs release on the calling goroutine and then fork on
// a locked OS thread whose descriptor table became a private copy of the
// process's before release ran. The thread is not the thread group's
// leader, whose table is the one /proc/PID/fd shows, and it ends when
// fork returns (a goroutine that exits locked takes its thread with it),
// so the copy, with whatever fork opened in it, goes too: fork must not
// make anything the rest of the process uses (a Go timer, which starts
// the netpoller, is one). It reports false, having run neither, if no
// private table could be made.
func onPrivateTable(release, fork func()) bool {
	ready := make(chan bool)
	goOn := make(chan struct{})
	done := make(chan struct{})
	var body func()
	body = func() {
		runtime.LockOSThread()
		if unix.Gettid() == unix.Getpid() {
			// the leader: keep it locked here, so that another
			// goroutine, on another thread, does the work
			go body()
			<-done
			runtime.UnlockOSThread()
			return
		}
		if err := unix.Unshare(unix.CLONE_FILES); err != nil {
			runtime.UnlockOSThread()
			ready <- false
			return
		}
		ready <- true
		<-goOn
		fork()
		close(done)
		// return still locked: the thread, and its table, end here
	}
	go body()
	if !<-ready {
		return false
	}
	release()
	close(goOn)
	<-done
	return true
}

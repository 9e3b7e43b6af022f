package pipetest

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
)

// The supervisor is a small process between the runner and the shell of
// each run. It is a child subreaper (PR_SET_CHILD_SUBREAPER), so every
// process the script starts stays its descendant even when its parent
// exits; when the shell has exited it knows exactly which of them are
// still running, kills them and says so. It also enforces the run's
// timeout on the whole tree and measures the tree's resource use.
//
// The runner starts it as SUPERVISOR... REPORT TIMEOUT MODE SHELL ARGS...,
// where SUPERVISOR... is Config.Supervisor (for pipesh, "pipesh test
// --supervise") and MODE is "exec" to watch every exec for inherited
// descriptors (see execWatch) or "-"; it writes its findings to the file
// REPORT as JSON.

// report is what the supervisor found.
type report struct {
	Status   int       `json:"status"` // the shell's; 128+N when killed by signal N
	TimedOut bool      `json:"timed_out,omitempty"`
	Leftover []process `json:"leftover,omitempty"` // alive after the shell exited
	// ExecLeaks are descriptors programs inherited against the rule of
	// execWatch; WatchErr says why execs could not be watched.
	ExecLeaks []string `json:"exec_leaks,omitempty"`
	WatchErr  string   `json:"watch_error,omitempty"`
	Rusage    rusage   `json:"rusage"`
	Err       string   `json:"error,omitempty"`
}

type process struct {
	Pid int    `json:"pid"`
	Cmd string `json:"cmd"`
}

// rusage is the resource use of the shell and everything it started.
type rusage struct {
	User, Sys, Elapsed time.Duration
	MaxRSSKiB          int64
}

// Supervise is the supervisor's main: args are REPORT TIMEOUT MODE
// SHELL ARGS.... It returns the exit status for the supervisor process.
func Supervise(args []string, stderr io.Writer) int {
	if len(args) < 4 || (args[2] != "exec" && args[2] != "-") {
		fmt.Fprintln(stderr, "pipesh test --supervise: want REPORT TIMEOUT exec|- SHELL [ARG...]")
		return 2
	}
	reportPath := args[0]
	timeout, err := time.ParseDuration(args[1])
	if err != nil {
		fmt.Fprintf(stderr, "pipesh test --supervise: %v\n", err)
		return 2
	}
	rep := supervise(args[3], args[3:], timeout, args[2] == "exec")
	data, _ := json.Marshal(rep)
	if err := os.WriteFile(reportPath, data, 0o644); err != nil {
		fmt.Fprintf(stderr, "pipesh test --supervise: %v\n", err)
		return 2
	}
	return 0
}

func supervise(shell string, argv []string, timeout time.Duration, watchExec bool) report {
	var rep report
	if err := unix.Prctl(unix.PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0); err != nil {
		rep.Err = "PR_SET_CHILD_SUBREAPER: " + err.Error()
		return rep
	}
	var watch *execWatch
	if watchExec {
		// the filter is the thread's, and the shell is forked from it
		runtime.LockOSThread()
		w, err := startExecWatch()
		if err != nil {
			rep.WatchErr = err.Error()
		} else {
			watch = w
			go watch.loop()
		}
	}
	// SIGTERM (the runner interrupted) ends the run as a timeout does. It
	// is caught from before the shell starts: a script quick enough to
	// have started jobs before the supervisor listened would otherwise
	// outlive a supervisor that SIGTERM's default action had killed.
	term := make(chan os.Signal, 1)
	signal.Notify(term, syscall.SIGTERM)
	wd, _ := os.Getwd()
	start := time.Now()
	// The shell leads a process group of its own: a script's "kill 0"
	// must not reach the supervisor, and a timeout kills the group.
	pid, err := syscall.ForkExec(shell, argv, &syscall.ProcAttr{
		Dir:   wd,
		Env:   os.Environ(),
		Files: []uintptr{0, 1, 2},
		Sys:   &syscall.SysProcAttr{Setpgid: true},
	})
	if err != nil {
		rep.Err = fmt.Sprintf("starting %s: %v", shell, err)
		rep.Status = 127
		return rep
	}
	// Nothing of ours may keep the run's stdout or stderr open once the
	// shell is done with them: the runner waits for their end.
	devnull, err := os.OpenFile(os.DevNull, os.O_RDWR, 0)
	if err == nil {
		for fd := 0; fd <= 2; fd++ {
			unix.Dup2(int(devnull.Fd()), fd)
		}
		devnull.Close()
	}

	var (
		mu       sync.Mutex
		shellEnd bool
	)
	stop := func(timedOut bool) {
		mu.Lock()
		defer mu.Unlock()
		if shellEnd {
			return
		}
		rep.TimedOut = timedOut
		syscall.Kill(-pid, syscall.SIGKILL)
		killTree(os.Getpid())
	}
	timer := time.AfterFunc(timeout, func() { stop(true) })
	defer timer.Stop()
	go func() {
		if _, ok := <-term; ok {
			stop(false)
		}
	}()

	// Reap every child as init does, until the shell itself ends.
	for {
		var ws syscall.WaitStatus
		got, err := syscall.Wait4(-1, &ws, 0, nil)
		if errors.Is(err, syscall.EINTR) {
			continue
		}
		if err != nil {
			rep.Err = "wait: " + err.Error()
			return rep
		}
		if got == pid {
			if ws.Signaled() {
				rep.Status = 128 + int(ws.Signal())
			} else {
				rep.Status = ws.ExitStatus()
			}
			break
		}
	}
	rep.Rusage.Elapsed = time.Since(start)
	mu.Lock()
	shellEnd = true
	mu.Unlock()

	// Whatever still runs outlived the script. A process on its way out
	// (it may just have written the last line the shell read) is given
	// LeftoverGrace to end; what still runs then is recorded and killed.
	rep.Leftover = reapLeftovers(LeftoverGrace)
	if watch != nil {
		rep.ExecLeaks = watch.found()
	}
	var ru unix.Rusage
	if unix.Getrusage(unix.RUSAGE_CHILDREN, &ru) == nil {
		rep.Rusage.User = time.Duration(ru.Utime.Nano())
		rep.Rusage.Sys = time.Duration(ru.Stime.Nano())
		rep.Rusage.MaxRSSKiB = ru.Maxrss
	}
	return rep
}

// LeftoverGrace is how long after the shell's exit its leftovers may
// take to end on their own before check: reaped counts them. Nothing
// waits for it when they are all gone sooner.
const LeftoverGrace = 200 * time.Millisecond

// reapLeftovers reaps every remaining child, as they end or, after
// grace, by killing them; it returns those it had to kill.
func reapLeftovers(grace time.Duration) []process {
	done := make(chan struct{})
	go func() {
		// every child's exit, until there are none (ECHILD)
		defer close(done)
		for {
			var ws syscall.WaitStatus
			_, err := syscall.Wait4(-1, &ws, 0, nil)
			if err != nil && !errors.Is(err, syscall.EINTR) {
				return
			}
		}
	}()
	t := time.NewTimer(grace)
	defer t.Stop()
	select {
	case <-done:
		return nil
	case <-t.C:
	}
	var left []process
	seen := map[int]bool{}
	for {
		kids := children()
		if len(kids) == 0 {
			break
		}
		for _, k := range kids {
			if exiting(k) || seen[k] {
				continue
			}
			seen[k] = true
			left = append(left, process{Pid: k, Cmd: cmdline(k)})
			killTree(k)
		}
		// their children are ours now, and the next round's
		select {
		case <-done:
			return left
		default:
		}
		waitAnyExit(done)
	}
	<-done
	return left
}

// waitAnyExit blocks until some child changes state or done closes,
// without reaping (the reaper goroutine does that).
func waitAnyExit(done chan struct{}) {
	select {
	case <-done:
		return
	default:
	}
	var info unix.Siginfo
	unix.Waitid(unix.P_ALL, 0, &info, unix.WEXITED|unix.WNOWAIT, nil)
}

// children lists the supervisor's live children.
func children() []int {
	return childrenOf(os.Getpid())
}

func childrenOf(pid int) []int {
	tasks, _ := filepath.Glob(fmt.Sprintf("/proc/%d/task/*/children", pid))
	var kids []int
	for _, t := range tasks {
		data, err := os.ReadFile(t)
		if err != nil {
			continue
		}
		for _, f := range strings.Fields(string(data)) {
			if n, err := strconv.Atoi(f); err == nil {
				kids = append(kids, n)
			}
		}
	}
	sort.Ints(kids)
	return kids
}

// killTree kills pid and its descendants, each stopped first so that it
// starts no more, then its children killed, then itself.
func killTree(pid int) {
	if pid != os.Getpid() {
		syscall.Kill(pid, syscall.SIGSTOP)
	}
	for _, k := range childrenOf(pid) {
		killTree(k)
	}
	if pid != os.Getpid() {
		syscall.Kill(pid, syscall.SIGKILL)
	}
}

// pfExiting is the kernel's PF_EXITING task flag (include/linux/sched.h).
const pfExiting = 0x4

// exiting reports whether pid is a zombie or has begun to exit.
func exiting(pid int) bool {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return true // gone already
	}
	s := string(data)
	i := strings.LastIndexByte(s, ')')
	if i < 0 {
		return false
	}
	f := strings.Fields(s[i+1:])
	if len(f) < 7 {
		return false
	}
	if f[0] == "Z" || f[0] == "X" {
		return true
	}
	flags, err := strconv.ParseUint(f[6], 10, 64)
	return err == nil && flags&pfExiting != 0
}

// cmdline is pid's command line, spaces between the words.
func cmdline(pid int) string {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/cmdline", pid))
	if err != nil || len(data) == 0 {
		return "?"
	}
	return strings.ReplaceAll(strings.TrimRight(string(data), "\x00"), "\x00", " ")
}

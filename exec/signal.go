package exec

import (
	"fmt"
	"syscall"

	"golang.org/x/sys/unix"
)

// SignalText is strsignal's text for sig, as bash prints it when a job
// is killed ("Killed", "Terminated").
func SignalText(sig syscall.Signal) string {
	switch sig {
	case syscall.SIGKILL:
		return "Killed"
	case syscall.SIGTERM:
		return "Terminated"
	case syscall.SIGSEGV:
		return "Segmentation fault"
	case syscall.SIGABRT:
		return "Aborted"
	case syscall.SIGHUP:
		return "Hangup"
	case syscall.SIGQUIT:
		return "Quit"
	case syscall.SIGUSR1:
		return "User defined signal 1"
	case syscall.SIGUSR2:
		return "User defined signal 2"
	case syscall.SIGALRM:
		return "Alarm clock"
	case syscall.SIGBUS:
		return "Bus error"
	case syscall.SIGFPE:
		return "Floating point exception"
	case syscall.SIGILL:
		return "Illegal instruction"
	case syscall.SIGTRAP:
		return "Trace/breakpoint trap"
	}
	if s := unix.SignalName(sig); s != "" {
		return s
	}
	return fmt.Sprintf("Unknown signal %d", int(sig))
}

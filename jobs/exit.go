package jobs

import (
	"bytes"
	"io"
	"strconv"
	"strings"
	"syscall"
)

// HoldsExit is bash's look at the jobs as an interactive shell is about
// to exit: with a job stopped (or, when checkRunning, as with shopt
// checkjobs, one running) it writes why on w ("There are stopped
// jobs.", with checkRunning followed by the jobs as jobs lists them)
// and reports true. Whether the exit is then refused is the shell's.
func (t *Table) HoldsExit(w io.Writer, checkRunning bool) bool {
	switch {
	case t.Stopped():
		io.WriteString(w, "There are stopped jobs.\n")
	case checkRunning && t.running():
		io.WriteString(w, "There are running jobs.\n")
	default:
		return false
	}
	if checkRunning {
		t.List(w, "", nil)
	}
	return true
}

// running reports whether a job is running, as jobs -rp would list one
// (which marks it reported as running, and takes none from the table).
func (t *Table) running() bool {
	var pids bytes.Buffer
	t.List(&pids, "rp", nil)
	return pids.Len() > 0
}

// Signal is kill's reach into the table: id is a job spec (%N, %+, ...)
// or a pid, and a pid is the table's only when it is the virtual pid $!
// gave an in-process job (a job's, or a disowned one's). handled is
// false for other pids, which are left to the caller to signal as
// processes; a spec that names no job is handled, with its error.
func (t *Table) Signal(id string, sig syscall.Signal) (handled bool, err error) {
	if !strings.HasPrefix(id, "%") {
		if pid, err := strconv.Atoi(id); err != nil || pid < VirtualPidBase {
			return false, nil
		}
	}
	if _, err := t.Find(id); err != nil {
		if strings.HasPrefix(id, "%") {
			return true, err
		}
		return t.SignalDisowned(id, sig)
	}
	return true, t.Kill(id, sig)
}

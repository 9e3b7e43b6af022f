package main

import (
	"os"
	osexec "os/exec"
	"strconv"
	"strings"
	"testing"
)

// procStat is what /proc/PID/stat says of a process: its state letter,
// process group and CPU time (user + system, in clock ticks).
type procStat struct {
	state string
	pgrp  int
	cpu   int
}

// readStat reads /proc/PID/stat; ok is false once the process is gone.
func readStat(pid int) (st procStat, ok bool) {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return st, false
	}
	// the fields after the parenthesised command, from state (field 3)
	f := strings.Fields(string(b[strings.LastIndexByte(string(b), ')')+2:]))
	if len(f) < 13 {
		return st, false
	}
	st.state = f[0]
	st.pgrp, _ = strconv.Atoi(f[2])
	utime, _ := strconv.Atoi(f[11])
	stime, _ := strconv.Atoi(f[12])
	st.cpu = utime + stime
	return st, true
}

// groupMembers lists the processes of process group pg.
func groupMembers(pg int) []int {
	entries, _ := os.ReadDir("/proc")
	var pids []int
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		if st, ok := readStat(pid); ok && st.pgrp == pg {
			pids = append(pids, pid)
		}
	}
	return pids
}

// TestREPLCtrlZLoopStage: Ctrl-Z on a pipeline whose first stage is a
// loop stops the whole job, loop included, since under job control that
// stage is a child process in the job's group (shell/childsub.go): the
// shell's own CPU time stops growing while the job is stopped, and fg
// makes the loop run again until Ctrl-C ends it.
func TestREPLCtrlZLoopStage(t *testing.T) {
	tm := startTerm(t, "")
	shell := tm.cmd.Process.Pid
	tm.send("while :; do :; done | cat\r")

	// the job is in the foreground with both its programs exec'd: the
	// loop as a pipesh subshell child, and cat
	var loop, cat int
	tm.waitFor("the loop and cat in the foreground group", func() bool {
		pg := tm.fgGroup()
		if pg == shell {
			return false
		}
		loop, cat = 0, 0
		for _, pid := range groupMembers(pg) {
			cmdline, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/cmdline")
			if err != nil {
				return false
			}
			switch args := strings.Split(string(cmdline), "\x00"); {
			case len(args) > 1 && args[1] == "--subshell":
				loop = pid
			case strings.HasSuffix(args[0], "cat"):
				cat = pid
			}
		}
		return loop != 0 && cat != 0
	})
	cpu := func(pid int) int {
		st, ok := readStat(pid)
		if !ok {
			t.Fatalf("process %d is gone; screen:\n%s", pid, tm.screen())
		}
		return st.cpu
	}
	start := cpu(loop)
	tm.waitFor("the loop to use CPU", func() bool { return cpu(loop) > start+5 })

	tm.send("\x1a")
	tm.expect("Stopped")
	tm.expect("P$ ")
	tm.waitShellFg()
	for _, pid := range []int{loop, cat} {
		tm.waitFor("process "+strconv.Itoa(pid)+" stopped", func() bool {
			st, ok := readStat(pid)
			return ok && st.state == "T"
		})
	}
	tm.run("jobs", "[1]+  Stopped")

	// While the job is stopped nothing of it runs, in the shell either:
	// over the time a spinning process of the test takes to use 50
	// ticks of CPU, the shell (which would share the CPU with the
	// spinner if the loop ran in it) and the loop use almost none.
	spin := osexec.Command("sh", "-c", "while :; do :; done")
	if err := spin.Start(); err != nil {
		t.Fatalf("start spinner: %v", err)
	}
	defer func() { spin.Process.Kill(); spin.Wait() }()
	spin0, shell0, loop0 := cpu(spin.Process.Pid), cpu(shell), cpu(loop)
	tm.waitFor("the spinner to use 50 ticks", func() bool { return cpu(spin.Process.Pid) >= spin0+50 })
	if d := cpu(shell) - shell0; d > 10 {
		t.Errorf("the shell used %d ticks of CPU while its job was stopped", d)
	}
	if d := cpu(loop) - loop0; d != 0 {
		t.Errorf("the stopped loop used %d ticks of CPU", d)
	}
	spin.Process.Kill()
	spin.Wait()

	// fg continues the whole job in the foreground: the loop runs again
	tm.send("fg\r")
	tm.expect("cat\n")
	tm.waitFor("the job in the foreground again", func() bool { return tm.fgGroup() != shell })
	stopped := cpu(loop)
	tm.waitFor("the loop to run again", func() bool { return cpu(loop) > stopped+5 })
	if st, _ := readStat(cat); st.state == "T" {
		t.Errorf("cat still stopped after fg")
	}

	tm.send("\x03")
	tm.expect("P$ ")
	tm.waitShellFg()
	// reaped, not left a zombie
	tm.waitFor("the loop to be reaped", func() bool {
		_, ok := readStat(loop)
		return !ok
	})
	tm.run("echo st=$?; jobs; echo end$((1))", "st=130\nend1\n")
	tm.exit(0)
}

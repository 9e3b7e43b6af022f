package main

import (
	"bytes"
	"fmt"
	"os"
	osexec "os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/creack/pty"
	"golang.org/x/sys/unix"
)

// The REPL tests drive the real binary on a pseudo-terminal: they type,
// and wait (with a deadline, never a sleep) for what should appear on the
// screen or for the terminal's foreground group to change.

const replDeadline = 15 * time.Second

// term is pipesh running on a pty.
type term struct {
	t    *testing.T
	ptm  *os.File
	cmd  *osexec.Cmd
	mu   sync.Mutex
	cond *sync.Cond
	out  []byte // everything the shell wrote
	off  int    // how far expect has consumed
	eof  bool
	home string
}

var ansi = regexp.MustCompile(`\x1b\[[0-9;?]*[A-Za-z]|\r`)

// startTerm starts pipesh on a new pty in a fresh HOME, with env added.
func startTerm(t *testing.T, home string, env ...string) *term {
	t.Helper()
	return startTermArgs(t, home, nil, env...)
}

// startTermArgs is startTerm with command-line arguments for pipesh.
func startTermArgs(t *testing.T, home string, args []string, env ...string) *term {
	t.Helper()
	return startTermArgv0(t, home, "", args, env...)
}

// startTermArgv0 is startTermArgs with argv[0] argv0 ("" for the
// binary's path).
func startTermArgv0(t *testing.T, home, argv0 string, args []string, env ...string) *term {
	t.Helper()
	return startTermProg(t, needPipesh(t), home, argv0, args, env...)
}

// startTermProg is startTermArgv0 for the program bin (pipesh, or bash
// to compare with).
func startTermProg(t *testing.T, bin, home, argv0 string, args []string, env ...string) *term {
	t.Helper()
	return startTermProgSize(t, bin, home, argv0, args, &pty.Winsize{Rows: 50, Cols: 200}, env...)
}

// startTermProgSize is startTermProg on a terminal of the given size.
func startTermProgSize(t *testing.T, bin, home, argv0 string, args []string, size *pty.Winsize, env ...string) *term {
	t.Helper()
	if home == "" {
		home = t.TempDir()
	}
	cmd := osexec.Command(bin, args...)
	if argv0 != "" {
		cmd.Args[0] = argv0
	}
	cmd.Dir = home
	cmd.Env = append([]string{"HOME=" + home, "PATH=" + os.Getenv("PATH"), "TERM=dumb", "PS1=P$ ", "PS2=> "}, env...)
	ptm, err := pty.StartWithSize(cmd, size)
	if err != nil {
		t.Skipf("no pty: %v", err)
	}
	tm := &term{t: t, ptm: ptm, cmd: cmd, home: home}
	tm.cond = sync.NewCond(&tm.mu)
	go func() {
		buf := make([]byte, 4096)
		for {
			n, err := ptm.Read(buf)
			tm.mu.Lock()
			tm.out = append(tm.out, buf[:n]...)
			if err != nil {
				tm.eof = true
			}
			tm.cond.Broadcast()
			tm.mu.Unlock()
			if err != nil {
				return
			}
		}
	}()
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
		ptm.Close()
	})
	tm.expect("P$ ")
	return tm
}

func (tm *term) send(s string) {
	tm.t.Helper()
	if _, err := tm.ptm.WriteString(s); err != nil {
		tm.t.Fatalf("write to pty: %v", err)
	}
}

// screen is the output so far without terminal escapes and CRs.
// run types a command line and waits for its output and the next prompt.
func (tm *term) run(line, want string) {
	tm.t.Helper()
	tm.send(line + "\r")
	tm.expect(want)
	tm.expect("P$ ")
}

func (tm *term) screen() string {
	tm.mu.Lock()
	defer tm.mu.Unlock()
	return ansi.ReplaceAllString(string(tm.out), "")
}

// await waits, holding tm.mu, until check reports the shell's output
// done; past replDeadline or at EOF the test fails with what check last
// said was missing.
func (tm *term) await(check func() (done bool, missing string)) {
	tm.t.Helper()
	deadline := time.Now().Add(replDeadline)
	timer := time.AfterFunc(replDeadline, func() {
		tm.mu.Lock()
		tm.cond.Broadcast()
		tm.mu.Unlock()
	})
	defer timer.Stop()
	tm.mu.Lock()
	defer tm.mu.Unlock()
	for {
		done, missing := check()
		if done {
			return
		}
		if tm.eof || time.Now().After(deadline) {
			tm.t.Fatal(missing)
		}
		tm.cond.Wait()
	}
}

// expect waits for s to appear (escapes and CRs removed) after what
// earlier expects consumed, and consumes up to its end.
func (tm *term) expect(s string) {
	tm.t.Helper()
	tm.await(func() (bool, string) {
		clean := ansi.ReplaceAllString(string(tm.out[tm.off:]), "")
		if !strings.Contains(clean, s) {
			return false, fmt.Sprintf("did not see %q; screen after last match:\n%s", s, clean)
		}
		// advance the raw offset past the match
		raw := tm.out[tm.off:]
		for k := 0; k <= len(raw); k++ {
			if strings.Contains(ansi.ReplaceAllString(string(raw[:k]), ""), s) {
				tm.off += k
				break
			}
		}
		return true, ""
	})
}

// fgGroup is the terminal's foreground process group.
func (tm *term) fgGroup() int {
	pg, err := unix.IoctlGetInt(int(tm.ptm.Fd()), unix.TIOCGPGRP)
	if err != nil {
		tm.t.Fatalf("TIOCGPGRP: %v", err)
	}
	return pg
}

// waitFor polls cond (a state of the kernel, not the screen) until it
// holds or the deadline passes.
func (tm *term) waitFor(what string, cond func() bool) {
	tm.t.Helper()
	deadline := time.Now().Add(replDeadline)
	for !cond() {
		if time.Now().After(deadline) {
			tm.t.Fatalf("timed out waiting for %s; screen:\n%s", what, tm.screen())
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// waitCooked waits until the terminal is in canonical (cooked) mode, as
// the shell leaves it while a command runs.
func (tm *term) waitCooked() {
	tm.t.Helper()
	tm.waitFor("the terminal in cooked mode", func() bool {
		tio, err := unix.IoctlGetTermios(int(tm.ptm.Fd()), unix.TCGETS)
		return err == nil && tio.Lflag&unix.ICANON != 0
	})
}

// waitJobFg waits until a job, not the shell, owns the terminal.
func (tm *term) waitJobFg() {
	tm.t.Helper()
	// the group leader takes the terminal between fork and exec; a
	// signal sent before the exec would stop a half-started child
	self, _ := os.Readlink("/proc/" + strconv.Itoa(tm.cmd.Process.Pid) + "/exe")
	tm.waitFor("a job in the foreground", func() bool {
		pg := tm.fgGroup()
		if pg == tm.cmd.Process.Pid {
			return false
		}
		exe, err := os.Readlink("/proc/" + strconv.Itoa(pg) + "/exe")
		return err == nil && exe != self
	})
}

// waitJobFgN waits until the foreground job has n programs that have all
// exec'd: a Ctrl-Z typed before a pipeline's last program has joined its
// group would stop only part of it (no person types that fast).
func (tm *term) waitJobFgN(n int) {
	tm.t.Helper()
	self, _ := os.Readlink("/proc/" + strconv.Itoa(tm.cmd.Process.Pid) + "/exe")
	tm.waitFor(fmt.Sprintf("a job of %d programs in the foreground", n), func() bool {
		pg := tm.fgGroup()
		if pg == tm.cmd.Process.Pid {
			return false
		}
		entries, _ := os.ReadDir("/proc")
		count := 0
		for _, e := range entries {
			pid, err := strconv.Atoi(e.Name())
			if err != nil {
				continue
			}
			stat, err := os.ReadFile("/proc/" + e.Name() + "/stat")
			if err != nil {
				continue
			}
			// the fields after the parenthesised command: state ppid pgrp
			rest := string(stat[strings.LastIndexByte(string(stat), ')')+2:])
			f := strings.Fields(rest)
			if len(f) < 3 || f[2] != strconv.Itoa(pg) {
				continue
			}
			if exe, err := os.Readlink("/proc/" + strconv.Itoa(pid) + "/exe"); err != nil || exe == self {
				return false
			}
			count++
		}
		return count >= n
	})
}

// waitShellFg waits until the shell owns the terminal again.
func (tm *term) waitShellFg() {
	tm.t.Helper()
	tm.waitFor("the shell in the foreground", func() bool { return tm.fgGroup() == tm.cmd.Process.Pid })
}

// exit ends the shell and checks it exits with status want.
func (tm *term) exit(want int) {
	tm.t.Helper()
	tm.send("exit " + strconv.Itoa(want) + "\r")
	tm.waitExit(want)
}

// waitExit waits for the shell to exit and checks its status is want.
func (tm *term) waitExit(want int) {
	tm.t.Helper()
	done := make(chan error, 1)
	go func() { done <- tm.cmd.Wait() }()
	select {
	case err := <-done:
		code := 0
		if ee, ok := err.(*osexec.ExitError); ok {
			code = ee.ExitCode()
		} else if err != nil {
			tm.t.Fatalf("wait: %v", err)
		}
		if code != want {
			tm.t.Fatalf("exit status %d, want %d", code, want)
		}
	case <-time.After(replDeadline):
		tm.t.Fatalf("shell did not exit; screen:\n%s", tm.screen())
	}
}

func TestREPLContinuation(t *testing.T) {
	tm := startTerm(t, "")
	tm.send("if true; then\r")
	tm.expect("> ")
	tm.send("echo cont$((40+2))\r")
	tm.expect("> ")
	tm.run("fi", "cont42\n")
	tm.send("echo 'open\r")
	tm.expect("> ")
	tm.send("quote'\r")
	tm.expect("open\nquote\n")
	tm.send("echo back\\\r")
	tm.expect("> ")
	tm.send("slash\r")
	tm.expect("backslash\n")
	tm.send("cat <<EOF\r")
	tm.expect("> ")
	tm.send("here$((1+1))\r")
	tm.send("EOF\r")
	tm.expect("here2\n")
	tm.send("echo x |\r")
	tm.expect("> ")
	tm.send("tr x y\r")
	tm.expect("y\n")
	// a syntax error runs nothing and the prompt comes back
	tm.run("echo ran$((1)) )", "encountered `)`")
	tm.send("echo st=$?\r")
	tm.expect("st=2\n")
	tm.exit(3)
}

func TestREPLChildGetsInput(t *testing.T) {
	tm := startTerm(t, "")
	// Ctrl-Z at the prompt is only a bell: it must not leave readline
	// reading the next line meant for a program
	tm.send("\x1a")
	tm.send("cat\r")
	tm.waitJobFg()
	tm.send("line1\r")
	tm.expect("line1\nline1\n")
	tm.send("line2\r")
	tm.expect("line2\nline2\n")
	tm.send("\x04")
	tm.expect("P$ ")
	tm.send("read x; echo got:$x\r")
	tm.expect("got:$x\n") // the echoed command line
	// the line for read is typed once the shell has put the terminal back
	// in cooked mode for the command: typed while the editor's raw mode
	// still held, its Enter would stay a CR, which no canonical read ends at
	tm.waitCooked()
	tm.run("hello", "got:hello\n")
	tm.exit(0)
}

func TestREPLHistory(t *testing.T) {
	home := t.TempDir()
	tm := startTerm(t, home)
	tm.send("echo hist$((1+1))\r")
	tm.expect("hist2\n")
	tm.send("for i in 1; do\r")
	tm.expect("> ")
	tm.send("echo multi$i\r")
	tm.expect("> ")
	tm.run("done", "multi1\n")
	tm.exit(0)

	path := filepath.Join(home, ".pipesh_history")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	want := "echo hist$((1+1))\nfor i in 1; do\\\necho multi$i\\\ndone\nexit 0\n"
	if string(data) != want {
		t.Fatalf("history file:\n%q\nwant\n%q", data, want)
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Fatalf("history file mode %v, want 0600", fi.Mode().Perm())
	}

	tm = startTerm(t, home)
	// up twice: the multi-line command, as one entry
	tm.send("\x1b[A\x1b[A")
	tm.expect("do echo multi$i; done")
	tm.run("", "multi1\n")
	// Ctrl-R finds the older command
	tm.send("\x12hist")
	tm.expect("hist$((1+1))")
	tm.run("", "hist2\n")
	tm.exit(0)
}

func TestREPLCompletion(t *testing.T) {
	home := t.TempDir()
	bin := filepath.Join(home, "bin")
	os.Mkdir(bin, 0o755)
	os.WriteFile(filepath.Join(bin, "zzuniquecmd"), []byte("#!/bin/sh\necho ran-unique \"$@\"\n"), 0o755)
	os.WriteFile(filepath.Join(home, "my file.txt"), []byte("inside-the-file\n"), 0o644)
	os.Mkdir(filepath.Join(home, "subdir"), 0o755)
	os.WriteFile(filepath.Join(home, "subdir", "deep.txt"), []byte("deep-content\n"), 0o644)
	tm := startTerm(t, home, "PATH="+bin+":"+os.Getenv("PATH"))
	tm.send("zzuniq\t")
	tm.expect("zzuniquecmd ")
	tm.send("a\r")
	tm.expect("ran-unique a\n")
	tm.send("cat my\t")
	tm.expect(`cat my\ file.txt `)
	tm.send("\r")
	tm.expect("inside-the-file\n")
	tm.send("echo x | zzuniq\t")
	tm.expect("| zzuniquecmd ")
	tm.send("\r")
	tm.expect("ran-unique\n")
	tm.send("cat sub\t")
	tm.expect("cat subdir/")
	tm.send("de\t")
	tm.expect("subdir/deep.txt ")
	tm.send("\r")
	tm.expect("deep-content\n")
	tm.send("ZZVAR_X=1\r")
	tm.expect("P$ ")
	tm.send("echo $ZZVAR\t")
	tm.expect("$ZZVAR_X")
	tm.send("\r")
	tm.expect("1\n")
	tm.exit(0)
}

func TestREPLCtrlC(t *testing.T) {
	tm := startTerm(t, "")
	tm.send("sleep 100; echo not-$((6*7))\r")
	tm.waitJobFg()
	tm.send("\x03")
	tm.expect("P$ ")
	tm.waitShellFg()
	tm.send("echo st=$?\r")
	tm.expect("st=130\n")
	// Ctrl-C at the prompt discards the line
	tm.send("echo discarded\x03")
	tm.expect("P$ ")
	tm.send("echo after$((1+1))\r")
	tm.expect("after2\n")
	if strings.Contains(tm.screen(), "not-42") {
		t.Fatalf("the rest of the line ran after Ctrl-C:\n%s", tm.screen())
	}
	tm.exit(0)
}

func TestREPLStopJobsFg(t *testing.T) {
	tm := startTerm(t, "")
	tm.send("sleep 100\r")
	tm.waitJobFg()
	tm.send("\x1a")
	tm.expect("[1]+  Stopped                 sleep 100\n")
	tm.expect("P$ ")
	tm.waitShellFg()
	tm.send("echo st=$?\r")
	tm.expect("st=148\n")
	tm.send("jobs\r")
	tm.expect("[1]+  Stopped                 sleep 100\n")
	tm.send("fg %1\r")
	tm.expect("sleep 100\n")
	tm.waitJobFg()
	tm.send("\x03")
	tm.expect("P$ ")
	tm.send("jobs; echo none$((1))\r")
	tm.expect("none1\n")
	// Ctrl-D with a stopped job warns once
	tm.send("sleep 100 | cat\r")
	tm.waitJobFgN(2)
	tm.send("\x1a")
	tm.expect("Stopped")
	tm.expect("P$ ")
	tm.send("\x04")
	tm.expect("There are stopped jobs.")
	tm.expect("P$ ")
	tm.send("kill %1\r")
	tm.expect("P$ ")
	tm.send("echo end$((1))\r")
	tm.expect("end1\n")
	tm.exit(0)
}

// fifo makes a named pipe; a program opening it blocks until the test
// writes, so the test decides when a job ends.
func fifo(t *testing.T, dir string) string {
	p := filepath.Join(dir, "f")
	if err := unix.Mkfifo(p, 0o600); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	return p
}

func release(t *testing.T, path string) {
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("x")
	f.Close()
}

func TestREPLBgWait(t *testing.T) {
	home := t.TempDir()
	f := fifo(t, home)
	tm := startTerm(t, home)
	tm.send("head -c 1 f\r")
	tm.waitJobFg()
	tm.send("\x1a")
	tm.expect("Stopped                 head -c 1 f\n")
	tm.expect("P$ ")
	tm.send("bg\r")
	tm.expect("[1]+ head -c 1 f &\n")
	tm.send("wait %1; echo waited=$?\r")
	tm.expect("waited=$?") // the command line, echoed
	release(t, f)
	tm.expect("waited=0\n")
	tm.exit(0)
}

func TestREPLBackgroundDone(t *testing.T) {
	home := t.TempDir()
	f := fifo(t, home)
	tm := startTerm(t, home)
	tm.run("head -c 1 f >/dev/null &", "[1] ")
	m := regexp.MustCompile(`\[1\] (\d+)\n`).FindStringSubmatch(tm.screen())
	if m == nil {
		t.Fatalf("no [1] PID line:\n%s", tm.screen())
	}
	pid, _ := strconv.Atoi(m[1])
	cmdline, err := os.ReadFile("/proc/" + m[1] + "/cmdline")
	if err != nil || !bytes.HasPrefix(cmdline, []byte("head\x00")) {
		t.Fatalf("[1] %d is not head's pid: %q %v", pid, cmdline, err)
	}
	tm.send("echo bang=$!\r")
	tm.expect("bang=" + m[1] + "\n")
	release(t, f)
	tm.waitFor("head reaped", func() bool { return syscall.Kill(pid, 0) == syscall.ESRCH })
	tm.notice("[1]+  Done                    head -c 1 f > /dev/null\n")
	tm.exit(0)
}

// TestREPLCtrlCLoop interrupts a loop the shell runs itself: SIGINT
// reaches the shell, which abandons the command and stays alive.
func TestREPLCtrlCLoop(t *testing.T) {
	tm := startTerm(t, "")
	tm.send("while :; do :; done; echo not-$((6*7))\r")
	tm.expect("not-$((6*7))\n")
	// the shell may not be running the loop yet when the first ^C
	// arrives (it is then ignored, as at bash's prompt), so repeat it
	// until the prompt returns
	deadline := time.Now().Add(replDeadline)
	for !strings.Contains(tm.screen()[strings.LastIndex(tm.screen(), "not-$((6*7))"):], "P$ ") {
		if time.Now().After(deadline) {
			t.Fatalf("loop not interrupted:\n%s", tm.screen())
		}
		tm.send("\x03")
		time.Sleep(20 * time.Millisecond)
	}
	tm.expect("P$ ")
	tm.send("echo alive$((1))\r")
	tm.expect("alive1\n")
	if strings.Contains(tm.screen(), "not-42") {
		t.Fatalf("the rest of the line ran after Ctrl-C:\n%s", tm.screen())
	}
	tm.exit(0)
}

// TestREPLStartupFile: ~/.pipeshrc runs before the first prompt, errors
// in it are reported and the rest runs; --rcfile names another file and
// --norc runs none.
func TestREPLStartupFile(t *testing.T) {
	home := t.TempDir()
	rc := "HISTFILE=$HOME/rc_history\nRCVAR=from-pipeshrc\nnosuchcmd_rc\nalias rcal='echo aliased-$((2*3))'\nrcfn() { echo fn-$RCVAR; }\n"
	os.WriteFile(filepath.Join(home, ".pipeshrc"), []byte(rc), 0o644)
	tm := startTerm(t, home)
	if !strings.Contains(tm.screen(), "nosuchcmd_rc: command not found") {
		t.Fatalf("error in ~/.pipeshrc not reported:\n%s", tm.screen())
	}
	tm.send("echo v=$RCVAR; rcal; rcfn\r")
	tm.expect("v=from-pipeshrc\naliased-6\nfn-from-pipeshrc\n")
	tm.exit(0)
	// the history is opened after the startup file, which chose its file
	if data, err := os.ReadFile(filepath.Join(home, "rc_history")); err != nil || !strings.HasPrefix(string(data), "echo v=$RCVAR") {
		t.Fatalf("HISTFILE set in ~/.pipeshrc not used: %q %v", data, err)
	}

	other := filepath.Join(home, "other.rc")
	os.WriteFile(other, []byte("OTHER=other-$((1+1))\necho ok )\nOTHER=not-reached\n"), 0o644)
	tm = startTermArgs(t, home, []string{"--rcfile", other})
	if !strings.Contains(tm.screen(), "other.rc: line 2: syntax error near unexpected token `)'") {
		t.Fatalf("syntax error in --rcfile not reported:\n%s", tm.screen())
	}
	tm.send("echo v=$RCVAR o=$OTHER\r")
	tm.expect("v= o=other-2\n")
	tm.exit(0)

	tm = startTermArgs(t, home, []string{"--norc"})
	tm.send("echo v=$RCVAR o=$OTHER end\r")
	tm.expect("v= o= end\n")
	tm.exit(0)
}

// TestREPLHistoryBuiltin: history numbers the entries as bash does,
// from the history file on; history N shows the last N; -c empties the
// list.
func TestREPLHistoryBuiltin(t *testing.T) {
	home := t.TempDir()
	os.WriteFile(filepath.Join(home, ".pipesh_history"), []byte("echo from-file\n"), 0o600)
	tm := startTerm(t, home)
	tm.send("echo one\r")
	tm.expect("one\n")
	tm.send("for i in 1; do\r")
	tm.expect("> ")
	tm.send("echo $i\r")
	tm.expect("> ")
	tm.send("done\r")
	tm.expect("1\n")
	tm.run("history", "    1  echo from-file\n    2  echo one\n    3  for i in 1; do echo $i; done\n    4  history\n")
	tm.run("history 2", "    4  history\n    5  history 2\n")
	tm.run("history | tail -n 1", "    6  history | tail -n 1\n")
	tm.send("history x; echo st=$?\r")
	tm.expect("history: x: numeric argument required\n")
	tm.expect("st=1\n")
	tm.send("history -c\r")
	tm.expect("P$ ")
	tm.run("history", "    1  history\n")
	// readline's copy is gone too: Up recalls only the last command
	tm.send("\x1b[A\x1b[A\r")
	tm.expect("    1  history\n    2  history\n")
	tm.exit(0)
}

// TestREPLExitStoppedJobs: exit with a stopped job warns and stays; an
// exit on the very next line leaves.
func TestREPLExitStoppedJobs(t *testing.T) {
	tm := startTerm(t, "")
	tm.send("sleep 100\r")
	tm.waitJobFg()
	tm.send("\x1a")
	tm.expect("[1]+  Stopped                 sleep 100\n")
	tm.expect("P$ ")
	tm.waitShellFg()
	tm.run("exit 5", "There are stopped jobs.\n")
	tm.send("echo st=$?\r")
	tm.expect("st=1\n")
	// another command in between: the next exit warns again
	tm.run("exit", "There are stopped jobs.\n")
	tm.exit(4)
}

// TestREPLPromptCommand: PROMPT_COMMAND runs before every prompt and
// leaves $? and PIPESTATUS alone.
func TestREPLPromptCommand(t *testing.T) {
	tm := startTerm(t, "", "PROMPT_COMMAND=echo pc-ran-$((n+=1)); false | true")
	if !strings.Contains(tm.screen(), "pc-ran-1\n") {
		t.Fatalf("PROMPT_COMMAND did not run before the first prompt:\n%s", tm.screen())
	}
	tm.run("(exit 7) | (exit 3)", "pc-ran-2\n")
	tm.send("echo st=$? ps=${PIPESTATUS[*]}\r")
	tm.expect("st=3 ps=7 3\n")
	tm.expect("pc-ran-3\n")
	tm.run("PROMPT_COMMAND=(pc_a=1 'echo arr-$pc_a')", "arr-1\n")
	tm.exit(0)
}

// TestREPLBackgroundKilled: a background job ended by a signal is
// reported before the next prompt as bash does.
func TestREPLBackgroundKilled(t *testing.T) {
	tm := startTerm(t, "")
	tm.run("sleep 100 &", "[1] ")
	m := regexp.MustCompile(`\[1\] (\d+)\n`).FindStringSubmatch(tm.screen())
	if m == nil {
		t.Fatalf("no [1] PID line:\n%s", tm.screen())
	}
	pid, _ := strconv.Atoi(m[1])
	tm.send("kill %1\r")
	tm.expect("P$ ")
	// the shell reaps it; the notice comes at the prompt after that
	tm.waitFor("sleep reaped", func() bool { return syscall.Kill(pid, 0) == syscall.ESRCH })
	tm.notice("[1]+  Terminated              sleep 100\n")
	tm.exit(0)
}

// notice presses Enter until a prompt shows the job notice want: the
// shell reports a job at the first prompt after it has seen it end, and
// the program may be reaped a moment before its job is done.
func (tm *term) notice(want string) {
	tm.t.Helper()
	for i := 0; ; i++ {
		tm.send("\r")
		tm.expect("P$ ")
		if strings.Contains(tm.screen(), want) {
			return
		}
		if i == 50 {
			tm.t.Fatalf("no prompt showed %q; screen:\n%s", want, tm.screen())
		}
	}
}

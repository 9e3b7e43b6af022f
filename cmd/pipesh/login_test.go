package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

// TestREPLLogin: an interactive shell whose argv[0] starts with - is a
// login shell, as bash: it reads /etc/profile (seen by what Debian's
// does to PATH) and ~/.pipesh_profile (with job control on, as bash runs
// its profiles), not ~/.pipeshrc; Ctrl-D prints
// logout, runs ~/.pipesh_logout, and with huponexit hangs up the jobs.
func TestREPLLogin(t *testing.T) {
	home := t.TempDir()
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(home, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(".pipesh_profile", `case $PATH in *:/extra) echo "PATH kept";; *) echo "PATH from /etc/profile";; esac
shopt login_shell
case $- in *m*) echo "profile with job control";; esac
PS1='P$ '
`)
	write(".pipeshrc", "echo rc read\n")
	// to a file: the terminal's last output may be lost as the shell exits
	write(".pipesh_logout", "echo logged out > \"$HOME/logout\"\n")
	tm := startTermArgv0(t, home, "-pipesh", nil, "PATH=/usr/bin:/bin:/extra")
	if s := tm.screen(); !strings.Contains(s, "PATH from /etc/profile") || !strings.Contains(s, "login_shell    \ton") || !strings.Contains(s, "profile with job control") || strings.Contains(s, "rc read") {
		t.Fatalf("login startup: screen:\n%s", s)
	}
	tm.send("sleep 1000 &\r")
	tm.expect("[1] ")
	tm.expect("\n")
	m := regexp.MustCompile(`\[1\] ([0-9]+)\n`).FindStringSubmatch(tm.screen())
	if m == nil {
		t.Fatalf("no job pid; screen:\n%s", tm.screen())
	}
	pid, _ := strconv.Atoi(m[1])
	tm.expect("P$ ")
	t.Cleanup(func() { syscall.Kill(pid, syscall.SIGKILL) })
	tm.run("shopt -s huponexit", "")
	tm.send("\x04")
	tm.expect("logout\n")
	tm.waitExit(0)
	if out, err := os.ReadFile(filepath.Join(home, "logout")); string(out) != "logged out\n" {
		t.Errorf("~/.pipesh_logout did not run: %q %v", out, err)
	}
	tm.waitFor("the job to be hung up", func() bool {
		stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
		return err != nil || strings.Contains(string(stat), ") Z ")
	})
}

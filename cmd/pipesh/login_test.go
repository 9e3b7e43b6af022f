package main

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestREPLLogin: an interactive shell whose argv[0] starts with - is a
// login shell, as bash: it reads /etc/profile (seen by what Debian's
// does to PATH) and ~/.pipesh_profile, not ~/.pipeshrc; Ctrl-D prints
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
PS1='P$ '
`)
	write(".pipeshrc", "echo rc read\n")
	write(".pipesh_logout", "echo logging out\n")
	fifo := filepath.Join(home, "job")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	// the job is the fifo's only writer: EOF comes when it dies
	eof := make(chan error, 1)
	go func() {
		f, err := os.Open(fifo)
		if err == nil {
			_, err = io.Copy(io.Discard, f)
			f.Close()
		}
		eof <- err
	}()
	t.Cleanup(func() {
		if f, err := os.OpenFile(fifo, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
			f.Close() // unblocks the reader if the job never started
		}
	})
	tm := startTermArgv0(t, home, "-pipesh", nil, "PATH=/usr/bin:/bin:/extra")
	if s := tm.screen(); !strings.Contains(s, "PATH from /etc/profile") || !strings.Contains(s, "login_shell    \ton") || strings.Contains(s, "rc read") {
		t.Fatalf("login startup: screen:\n%s", s)
	}
	tm.run("sleep 1000 > job &", "[1] ")
	tm.run("shopt -s huponexit", "")
	tm.send("\x04")
	tm.expect("logout\n")
	tm.expect("logging out\n")
	select {
	case err := <-eof:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(replDeadline):
		t.Fatalf("the job was not hung up; screen:\n%s", tm.screen())
	}
}

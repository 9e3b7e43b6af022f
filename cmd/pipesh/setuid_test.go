package main

import (
	"fmt"
	"io"
	"os"
	osexec "os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"golang.org/x/sys/unix"
)

// The ids of the setuid test: the copy belongs to owner and is run by
// runner. Neither needs a passwd entry.
const (
	suidOwner  = 4242
	suidRunner = 65534 // nobody on most systems
)

// setuidDir makes a directory for setuid copies on a file system that
// honours the setuid bit (not mounted nosuid), reachable by suidRunner.
// It skips the test where there is none or the test is not root.
func setuidDir(t *testing.T) string {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("needs root to chown a setuid copy")
	}
	wd, _ := os.Getwd()
	for _, base := range []string{os.TempDir(), "/var/tmp", wd} {
		var st unix.Statfs_t
		if unix.Statfs(base, &st) != nil || st.Flags&unix.ST_NOSUID != 0 {
			continue
		}
		dir, err := os.MkdirTemp(base, "pipesh-suid-")
		if err != nil {
			continue
		}
		t.Cleanup(func() { os.RemoveAll(dir) })
		if err := os.Chmod(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		t.Logf("setuid copies in %s", dir)
		return dir
	}
	t.Skip("no file system here allows setuid programs")
	return ""
}

// setuidCopy copies the program at src into dir as name, owned by
// suidOwner (user and group), with the extra mode bits (os.ModeSetuid,
// os.ModeSetgid).
func setuidCopy(t *testing.T, src, dir, name string, bits os.FileMode) string {
	t.Helper()
	in, err := os.Open(src)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	dst := filepath.Join(dir, name)
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o755)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
	// chown clears the setuid bit, so chmod comes after it
	if err := os.Chown(dst, suidOwner, suidOwner); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dst, 0o755|bits); err != nil {
		t.Fatal(err)
	}
	return dst
}

// TestSetuidStart runs a setuid copy of pipesh as an unprivileged user
// and checks what bash 5.2 does in that case: without -p the shell
// becomes the real user for good (real, effective and saved ids) and
// reads no startup file; with -p it keeps the effective id until set +p;
// either way SHELLOPTS from the environment is ignored, and under -p cd
// does not search CDPATH. A setuid copy of bash, when there is a bash,
// must print the same.
func TestSetuidStart(t *testing.T) {
	bin := needPipesh(t)
	dir := setuidDir(t)
	rcfile := filepath.Join(dir, "env.sh")
	if err := os.WriteFile(rcfile, []byte("echo startup file read\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	shells := map[string]string{"pipesh": setuidCopy(t, bin, dir, "pipesh", os.ModeSetuid)}
	if bash, err := osexec.LookPath("bash"); err == nil {
		shells["bash"] = setuidCopy(t, bash, dir, "bash", os.ModeSetuid)
	}
	// the ids the shell process has: real, effective, saved, file system
	const ids = `grep ^Uid: /proc/$$/status | tr -s '\t ' ' '; `
	script := ids + `echo "UID=$UID EUID=$EUID id=$(id -u) -=$-"; ` +
		`cd tmp 2>/dev/null && echo "CDPATH used"; ` +
		`set +p; ` + ids + `echo "-=$-"`
	r, o := suidRunner, suidOwner
	want := map[string]string{
		"": fmt.Sprintf("Uid: %[1]d %[1]d %[1]d %[1]d\n", r) +
			fmt.Sprintf("UID=%[1]d EUID=%[1]d id=%[1]d -=hBc\n", r) +
			"/tmp\nCDPATH used\n" +
			fmt.Sprintf("Uid: %[1]d %[1]d %[1]d %[1]d\n-=hBc\n", r),
		"-p": fmt.Sprintf("Uid: %[1]d %[2]d %[2]d %[2]d\n", r, o) +
			fmt.Sprintf("UID=%d EUID=%d id=%d -=hpBc\n", r, o, o) +
			fmt.Sprintf("Uid: %[1]d %[1]d %[1]d %[1]d\n-=hBc\n", r),
	}
	for name, sh := range shells {
		for _, flag := range []string{"", "-p"} {
			t.Run(strings.TrimSpace(name+" "+flag), func(t *testing.T) {
				args := []string{"-c", script}
				if flag != "" {
					args = append([]string{flag}, args...)
				}
				// no tmp in dir: cd tmp finds /tmp only by CDPATH
				out, stderr, err := runAsRunner(sh, dir, []string{"PATH=/usr/bin:/bin", "CDPATH=/",
					"BASH_ENV=" + rcfile, "ENV=" + rcfile, "SHELLOPTS=xtrace"}, args...)
				if err != nil {
					t.Fatalf("%v\nstderr: %s", err, stderr)
				}
				if out != want[flag] {
					t.Errorf("stdout:\n%s\nwant:\n%s", out, want[flag])
				}
				if stderr != "" {
					t.Errorf("stderr (SHELLOPTS=xtrace must be ignored): %s", stderr)
				}
			})
		}
	}
}

// TestSetgidStart is TestSetuidStart for a setgid copy: the group ids
// are dropped (or kept with -p) as the user ids are for setuid.
func TestSetgidStart(t *testing.T) {
	bin := needPipesh(t)
	dir := setuidDir(t)
	shells := map[string]string{"pipesh": setuidCopy(t, bin, dir, "pipesh", os.ModeSetgid)}
	if bash, err := osexec.LookPath("bash"); err == nil {
		shells["bash"] = setuidCopy(t, bash, dir, "bash", os.ModeSetgid)
	}
	const ids = `grep ^Gid: /proc/$$/status | tr -s '\t ' ' '; `
	script := ids + `echo "-=$-"; set +p; ` + ids
	r, o := suidRunner, suidOwner
	want := map[string]string{
		"": fmt.Sprintf("Gid: %[1]d %[1]d %[1]d %[1]d\n-=hBc\n", r) +
			fmt.Sprintf("Gid: %[1]d %[1]d %[1]d %[1]d\n", r),
		"-p": fmt.Sprintf("Gid: %[1]d %[2]d %[2]d %[2]d\n-=hpBc\n", r, o) +
			fmt.Sprintf("Gid: %[1]d %[1]d %[1]d %[1]d\n", r),
	}
	for name, sh := range shells {
		for _, flag := range []string{"", "-p"} {
			t.Run(strings.TrimSpace(name+" "+flag), func(t *testing.T) {
				args := []string{"-c", script}
				if flag != "" {
					args = append([]string{flag}, args...)
				}
				out, stderr, err := runAsRunner(sh, dir, []string{"PATH=/usr/bin:/bin"}, args...)
				if err != nil {
					t.Fatalf("%v\nstderr: %s", err, stderr)
				}
				if out != want[flag] || stderr != "" {
					t.Errorf("stdout:\n%s\nwant:\n%s\nstderr: %s", out, want[flag], stderr)
				}
			})
		}
	}
}

// runAsRunner runs the program sh with args as suidRunner (user and
// group, no supplementary groups) in dir with the environment env.
func runAsRunner(sh, dir string, env []string, args ...string) (stdout, stderr string, err error) {
	cmd := osexec.Command(sh, args...)
	cmd.Dir = dir
	cmd.Env = env
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{
		Uid: suidRunner, Gid: suidRunner, Groups: []uint32{}}}
	var errb strings.Builder
	cmd.Stderr = &errb
	out, err := cmd.Output()
	return string(out), errb.String(), err
}

// TestRootIgnoresPS4 checks that a shell run as root takes no PS4 from
// the environment, as bash 5.2 does: PS4 is expanded for set -x, so an
// exported PS4 could run commands as root. It keeps PS4 exported.
func TestRootIgnoresPS4(t *testing.T) {
	bin := needPipesh(t)
	if os.Geteuid() != 0 {
		t.Skip("not root")
	}
	for _, sh := range []string{bin, "bash"} {
		if _, err := osexec.LookPath(sh); err != nil {
			continue
		}
		cmd := osexec.Command(sh, "-c", `printenv PS4; true`)
		cmd.Env = []string{"PATH=/usr/bin:/bin", "SHELLOPTS=xtrace", "PS4=$(echo injected >&2)"}
		var stderr strings.Builder
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("%s: %v", sh, err)
		}
		if string(out) != "+ \n" || stderr.String() != "+ printenv PS4\n+ true\n" {
			t.Errorf("%s: stdout %q stderr %q, want %q and the two commands traced with \"+ \"",
				sh, out, stderr.String(), "+ \n")
		}
	}
}

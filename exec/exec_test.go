package exec

import (
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"

	"golang.org/x/sys/unix"
)

// TestMain marks descriptors the test binary inherited close-on-exec, as
// pipesh does at start: Spawn hands children exactly their fd map only
// when nothing else in the process is inheritable.
func TestMain(m *testing.M) {
	entries, _ := os.ReadDir("/proc/self/fd")
	for _, e := range entries {
		var fd int
		if _, err := fmt.Sscan(e.Name(), &fd); err == nil && fd > 2 {
			unix.CloseOnExec(fd)
		}
	}
	os.Exit(m.Run())
}

// recorder is a Tracer that keeps the events.
type recorder struct {
	mu     sync.Mutex
	events []Event
}

func (r *recorder) Trace(ev Event) {
	r.mu.Lock()
	r.events = append(r.events, ev)
	r.mu.Unlock()
}

func (r *recorder) kinds() []EventKind {
	r.mu.Lock()
	defer r.mu.Unlock()
	var ks []EventKind
	for _, ev := range r.events {
		ks = append(ks, ev.Kind)
	}
	return ks
}

func cloexec(t *testing.T, f *os.File) bool {
	t.Helper()
	flags, err := unix.FcntlInt(f.Fd(), unix.F_GETFD, 0)
	if err != nil {
		t.Fatal(err)
	}
	return flags&unix.FD_CLOEXEC != 0
}

func TestPipeIsCloseOnExec(t *testing.T) {
	rec := &recorder{}
	r, w, err := Pipe(rec)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	if !cloexec(t, r) || !cloexec(t, w) {
		t.Error("pipe ends must be close-on-exec, or every child would inherit them")
	}
	if got := rec.kinds(); !slices.Equal(got, []EventKind{EvPipe}) {
		t.Errorf("events %v, want one pipe event", got)
	}
}

func TestSocketpairShutdownGivesEOF(t *testing.T) {
	a, b, err := Socketpair(nil)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	defer b.Close()
	if !cloexec(t, a) || !cloexec(t, b) {
		t.Error("socket ends must be close-on-exec")
	}
	if _, err := a.WriteString("ping\n"); err != nil {
		t.Fatal(err)
	}
	if err := Shutdown(nil, a); err != nil {
		t.Fatal(err)
	}
	// the peer reads what was sent, then EOF, although a is still open
	got, err := io.ReadAll(b)
	if err != nil || string(got) != "ping\n" {
		t.Fatalf("read %q, %v; want ping and EOF", got, err)
	}
	// and the peer can still answer
	if _, err := b.WriteString("pong"); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 4)
	if _, err := io.ReadFull(a, buf); err != nil || string(buf) != "pong" {
		t.Fatalf("reply %q, %v", buf, err)
	}
}

// run spawns argv with fds 0-2 from files plus extra, and returns what it
// wrote to its stdout and its status.
func run(t *testing.T, argv []string, extra ...*os.File) (string, Status) {
	t.Helper()
	r, w, err := Pipe(nil)
	if err != nil {
		t.Fatal(err)
	}
	devnull, err := os.Open(os.DevNull)
	if err != nil {
		t.Fatal(err)
	}
	defer devnull.Close()
	files := append([]*os.File{devnull, w, os.Stderr}, extra...)
	c, err := Spawn(nil, &Proc{Path: argv[0], Argv: argv, Env: os.Environ(), Dir: "/", Files: files})
	w.Close()
	if err != nil {
		r.Close()
		t.Fatal(err)
	}
	out, err := io.ReadAll(r)
	r.Close()
	if err != nil {
		t.Fatal(err)
	}
	st, err := c.Wait(false)
	if err != nil {
		t.Fatal(err)
	}
	return string(out), st
}

func TestSpawnGivesExactlyTheFdMap(t *testing.T) {
	// an fd the test holds open (close-on-exec, as all Go files) must
	// not appear; the extra entry must appear as fd 3
	held, err := os.Open(os.DevNull)
	if err != nil {
		t.Fatal(err)
	}
	defer held.Close()
	extra, err := os.Open("/etc/hostname")
	if err != nil {
		extra, _ = os.Open(os.DevNull)
	}
	defer extra.Close()
	out, st := run(t, []string{"/bin/sh", "-c", "ls /proc/$$/fd"}, extra)
	if st.ExitCode() != 0 {
		t.Fatalf("status %v", st)
	}
	fds := strings.Fields(out)
	slices.Sort(fds)
	// ls lists sh's fds (its own directory fd is in ls, not sh)
	want := []string{"0", "1", "2", "3"}
	for _, fd := range fds {
		if !slices.Contains(want, fd) {
			t.Errorf("child has fd %s it was not given (all: %v)", fd, fds)
		}
	}
	for _, fd := range want {
		if !slices.Contains(fds, fd) {
			t.Errorf("child lacks fd %s (all: %v)", fd, fds)
		}
	}
}

func TestSpawnRunsInDir(t *testing.T) {
	out, _ := run(t, []string{"/bin/pwd"})
	if strings.TrimSpace(out) != "/" {
		t.Errorf("pwd printed %q, want /", out)
	}
}

func TestStatusDecoding(t *testing.T) {
	tests := []struct {
		script string
		code   int
		text   string
	}{
		{"exit 0", 0, "exit 0"},
		{"exit 3", 3, "exit 3"},
		{"kill -TERM $$", 128 + int(syscall.SIGTERM), "killed by SIGTERM"},
		{"kill -KILL $$", 128 + int(syscall.SIGKILL), "killed by SIGKILL"},
	}
	for _, tt := range tests {
		_, st := run(t, []string{"/bin/sh", "-c", tt.script})
		if st.ExitCode() != tt.code || st.String() != tt.text {
			t.Errorf("%s: status %d %q, want %d %q", tt.script, st.ExitCode(), st.String(), tt.code, tt.text)
		}
	}
}

func TestSpawnErrors(t *testing.T) {
	dir := t.TempDir()
	notExec := dir + "/plain"
	if err := os.WriteFile(notExec, []byte("echo hi\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		path string
		want syscall.Errno
	}{
		{dir + "/missing", syscall.ENOENT},
		{notExec, syscall.EACCES},
	}
	for _, tt := range tests {
		_, err := Spawn(nil, &Proc{Path: tt.path, Argv: []string{tt.path}, Files: []*os.File{os.Stdin, os.Stdout, os.Stderr}})
		var se *SpawnError
		if !errors.As(err, &se) || !errors.Is(err, tt.want) {
			t.Errorf("%s: error %v, want a *SpawnError wrapping %v", tt.path, err, tt.want)
		}
	}
}

func TestTracerSeesSpawnAndWait(t *testing.T) {
	rec := &recorder{}
	c, err := Spawn(rec, &Proc{Path: "/bin/true", Argv: []string{"true"}, Files: []*os.File{nil, nil, nil}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Wait(false); err != nil {
		t.Fatal(err)
	}
	got := rec.kinds()
	if len(got) < 2 || got[0] != EvSpawn || got[len(got)-1] != EvWait {
		t.Errorf("events %v, want spawn first and wait last", got)
	}
}

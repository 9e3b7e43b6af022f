package privilege

import (
	"os"
	"testing"
)

// A test binary is not setuid: nothing is raised, and Drop is a no-op
// that succeeds and leaves the ids as they were. (The setuid start
// itself is tested with a real setuid copy of pipesh in cmd/pipesh.)
func TestNotRaised(t *testing.T) {
	if Raised() {
		t.Skip("the test binary runs setuid or setgid")
	}
	uid, gid := os.Getuid(), os.Getgid()
	if err := Drop(); err != nil {
		t.Fatalf("Drop: %v", err)
	}
	if os.Getuid() != uid || os.Geteuid() != uid || os.Getgid() != gid || os.Getegid() != gid {
		t.Fatal("Drop changed the ids of a process that was not raised")
	}
}

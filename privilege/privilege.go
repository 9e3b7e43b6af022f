// Package privilege is what a shell started setuid or setgid does about
// it: telling that it was, and giving the privileges up for good, as
// bash does at the start without -p and for set +p.
package privilege

import (
	"fmt"
	"os"
	"syscall"
)

// Raised reports whether the process's effective user or group id
// differs from the real one: a setuid or setgid start.
func Raised() bool {
	return os.Getuid() != os.Geteuid() || os.Getgid() != os.Getegid()
}

// Drop sets the real, effective and saved user and group ids to the
// real ones. It does nothing when they are equal already; the group
// goes first, while the user may still change it.
func Drop() error {
	uid, gid := os.Getuid(), os.Getgid()
	if os.Getegid() != gid {
		if err := syscall.Setresgid(gid, gid, gid); err != nil {
			return fmt.Errorf("cannot set gid to %d: effective gid %d: %w", gid, os.Getegid(), err)
		}
	}
	if os.Geteuid() != uid {
		if err := syscall.Setresuid(uid, uid, uid); err != nil {
			return fmt.Errorf("cannot set uid to %d: effective uid %d: %w", uid, os.Geteuid(), err)
		}
	}
	return nil
}

package childstate

import (
	"fmt"
	"io"
	"os"

	"golang.org/x/sys/unix"
)

// File returns cs encoded in a memory file (memfd, close-on-exec), read
// from its start, for the child to read on an fd of its own. It is
// written whole before the child starts: encoded while the subshell
// still holds the scopes it shares (once it lets go, its parent may
// change them in place), and read by the child at its pace, whatever
// becomes of the parent meanwhile. The caller closes the file once the
// child has it.
func (cs *State) File() (*os.File, error) {
	mfd, err := unix.MemfdCreate("pipesh-subshell-state", unix.MFD_CLOEXEC)
	if err != nil {
		return nil, fmt.Errorf("memfd_create: %w", err)
	}
	f := os.NewFile(uintptr(mfd), "subshell-state")
	if err := cs.Encode(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("writing its state: %w", err)
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

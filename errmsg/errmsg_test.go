package errmsg

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"syscall"
	"testing"
)

func TestText(t *testing.T) {
	_, openErr := os.Open("/nonexistent/file")
	for _, c := range []struct {
		err  error
		want string
	}{
		{syscall.ENOENT, "No such file or directory"},
		{openErr, "No such file or directory"},
		{fmt.Errorf("reading: %w", syscall.EACCES), "Permission denied"},
		{&fs.PathError{Op: "read", Path: "x", Err: errors.New("file already closed")}, "file already closed"},
		{errors.New("no match: *.c"), "no match: *.c"},
	} {
		if got := Text(c.err); got != c.want {
			t.Errorf("Text(%v) = %q, want %q", c.err, got, c.want)
		}
	}
}

func TestError(t *testing.T) {
	_, openErr := os.Open("/nonexistent/file")
	err := error(&Error{What: "script.sh", Err: openErr})
	if got, want := err.Error(), "script.sh: No such file or directory"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	if !errors.Is(err, fs.ErrNotExist) {
		t.Error("an *Error does not unwrap to its cause")
	}
	var sb strings.Builder
	Report(&sb, fmt.Errorf("wrapped: %w", err))
	if got, want := sb.String(), "pipesh: wrapped: script.sh: No such file or directory\n"; got != want {
		t.Errorf("Report wrote %q, want %q", got, want)
	}
}

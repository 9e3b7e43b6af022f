package shell

import (
	"io/fs"
	"os"
	"path/filepath"
)

// withDotEntries puts . and .. in front of a directory's entries, as
// readdir(3) gives them to bash: os.ReadDir leaves them out, and with
// shopt -u globskipdots a pattern starting with a dot matches them.
// (Under dotglob they stay out, since expand would let * match them,
// which bash never does.)
func (r *Runner) withDotEntries(dir string, entries []fs.DirEntry) []fs.DirEntry {
	if r.shopts["globskipdots"] || r.shopts["dotglob"] {
		return entries
	}
	var dots []fs.DirEntry
	for _, name := range []string{".", ".."} {
		if fi, err := os.Stat(filepath.Join(dir, name)); err == nil {
			dots = append(dots, fs.FileInfoToDirEntry(dotInfo{fi, name}))
		}
	}
	return append(dots, entries...)
}

// dotInfo is a directory's FileInfo under the name . or ..
type dotInfo struct {
	fs.FileInfo
	name string
}

func (d dotInfo) Name() string { return d.name }

package history

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// mapShell is a shell whose variables are a map.
type mapShell map[string]string

func (m mapShell) Var(name string) (string, bool) { v, ok := m[name]; return v, ok }
func (m mapShell) SetVar(name, value string)      { m[name] = value }
func (m mapShell) Shopt(string) bool              { return false }

func testHistory(vars map[string]string) *History {
	return &History{sh: mapShell(vars)}
}

// TestHistoryAdd: HISTCONTROL, HISTIGNORE and HISTSIZE are read at each
// command, so changes apply at once.
func TestHistoryAdd(t *testing.T) {
	vars := map[string]string{"HISTCONTROL": "ignoreboth", "HISTIGNORE": `ls*:&:a\:b`}
	h := testHistory(vars)
	for _, c := range []string{"echo a", "echo a", " secret", "ls -l", "pwd", "pwd", "a:b", "echo a"} {
		h.Add(c)
	}
	if want := []string{"echo a", "pwd", "echo a"}; !slices.Equal(h.entries, want) {
		t.Errorf("entries %q, want %q", h.entries, want)
	}
	vars["HISTCONTROL"] = "erasedups"
	vars["HISTIGNORE"] = ""
	h.Add("pwd")
	if want := []string{"echo a", "echo a", "pwd"}; !slices.Equal(h.entries, want) {
		t.Errorf("erasedups: entries %q, want %q", h.entries, want)
	}
	vars["HISTSIZE"] = "2"
	h.Add("date")
	if want := []string{"pwd", "date"}; !slices.Equal(h.entries, want) || h.base != 2 {
		t.Errorf("HISTSIZE=2: entries %q base %d", h.entries, h.base)
	}
	vars["HISTSIZE"] = "0"
	if h.Add("x") || len(h.entries) != 0 {
		t.Errorf("HISTSIZE=0 kept %q", h.entries)
	}
}

// TestHistoryFile: entries with newlines and timestamps survive the
// file; HISTFILESIZE trims it.
func TestHistoryFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "hist")
	vars := map[string]string{"HISTFILE": path, "HISTTIMEFORMAT": "%F "}
	h := testHistory(vars)
	h.Add("for i in 1\ndo echo $i\ndone")
	h.Add("#1 is a comment")
	h.Add("echo c")
	cmds, times, err := readHistoryFile(path)
	if err != nil || !slices.Equal(cmds, h.entries) || len(times) != 3 || times[0].Unix() != h.times[0].Unix() {
		t.Fatalf("read back %q %v %v, want %q", cmds, times, err, h.entries)
	}
	vars["HISTFILESIZE"] = "1"
	h.Add("echo d")
	data, _ := os.ReadFile(path)
	cmds, _, _ = readHistoryFile(path)
	if !slices.Equal(cmds, []string{"echo c", "echo d"}) {
		t.Errorf("after HISTFILESIZE=1 and a command, the file is:\n%s", data)
	}
	if info, err := os.Stat(path); err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("file mode: %v %v", info.Mode(), err)
	}
}

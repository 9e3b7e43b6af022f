package cmdhash

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func writeFile(t *testing.T, path string, mode os.FileMode) {
	t.Helper()
	if err := os.WriteFile(path, []byte("#!/bin/sh\n"), mode); err != nil {
		t.Fatal(err)
	}
}

func TestFindRemembersPerPath(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	writeFile(t, filepath.Join(a, "tool"), 0o755)
	writeFile(t, filepath.Join(b, "tool"), 0o755)
	var c Cache
	for range 2 {
		p, err := c.Find(a+":"+b, "/", "tool")
		if err != nil || p != filepath.Join(a, "tool") {
			t.Fatalf("Find = %q, %v", p, err)
		}
	}
	if got := c.List(a + ":" + b); len(got) != 1 || got[0].Hits != 2 {
		t.Fatalf("List = %+v, want tool with 2 hits", got)
	}
	// another PATH value sees none of them
	if got := c.List(b); len(got) != 0 {
		t.Fatalf("List(other PATH) = %+v", got)
	}
	// a remembered path is used even after the file goes
	os.Remove(filepath.Join(a, "tool"))
	if p, _ := c.Find(a+":"+b, "/", "tool"); p != filepath.Join(a, "tool") {
		t.Fatalf("Find after removal = %q, want the remembered path", p)
	}
	c.Clear()
	if p, _ := c.Find(a+":"+b, "/", "tool"); p != filepath.Join(b, "tool") {
		t.Fatalf("Find after Clear = %q", p)
	}
}

func TestSearch(t *testing.T) {
	dir := t.TempDir()
	sub := filepath.Join(dir, "sub")
	os.Mkdir(sub, 0o755)
	writeFile(t, filepath.Join(sub, "noexec"), 0o644)
	os.Mkdir(filepath.Join(sub, "adir"), 0o755)
	// a relative directory is taken from dir; a non-executable file is
	// returned only when nothing executable follows, and not remembered
	var c Cache
	p, err := c.Find("sub", dir, "noexec")
	if err != nil || p != filepath.Join(sub, "noexec") {
		t.Fatalf("Find(noexec) = %q, %v", p, err)
	}
	if got := c.List("sub"); len(got) != 0 {
		t.Fatalf("a non-executable match was remembered: %+v", got)
	}
	if _, err := c.Find("sub", dir, "adir"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("Find(a directory) err = %v, want ErrNotFound", err)
	}
	if _, _, err := Search("", dir, "nothing"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("Search(nothing) err = %v", err)
	}
}

func TestAdd(t *testing.T) {
	var c Cache
	find := func(name string) (string, error) { return "/bin/" + name, nil }
	if err := c.Add("/bin", "ls", find); err != nil {
		t.Fatal(err)
	}
	if got := c.List("/bin"); len(got) != 1 || got[0] != (Entry{Name: "ls", Path: "/bin/ls"}) {
		t.Fatalf("List = %+v", got)
	}
	fail := errors.New("no")
	if err := c.Add("/bin", "ls", func(string) (string, error) { return "", fail }); err != fail {
		t.Fatalf("Add err = %v", err)
	}
	if got := c.List("/bin"); len(got) != 0 {
		t.Fatalf("a failed Add left %+v", got)
	}
}

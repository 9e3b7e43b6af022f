package main

import (
	"os"
	"path/filepath"
	"testing"
)

// TestREPLHistExpand: history references are expanded at the prompt,
// the expanded line is echoed and recorded; errors drop the line; :p
// records without running; set +H and histchars change it.
func TestREPLHistExpand(t *testing.T) {
	home := t.TempDir()
	tm := startTerm(t, home)
	tm.run("echo one two three", "one two three\n")
	tm.send("echo !!\r")
	tm.expect("echo echo one two three\n")
	tm.expect("echo one two three\n")
	tm.expect("P$ ")
	tm.send("echo !$ !^ !-2:2-3\r")
	tm.expect("echo three echo two three\n")
	tm.expect("three echo two three\n")
	tm.expect("P$ ")
	tm.send("^three^3^\r")
	tm.expect("echo 3 echo two three\n")
	tm.expect("3 echo two three\n")
	tm.expect("P$ ")
	tm.send("echo !nosuch; echo ran\r")
	tm.expect("pipesh: !nosuch: event not found\n")
	tm.expect("P$ ")
	tm.send("echo !1:s/one/1/:p\r")
	tm.expect("echo echo 1 two three\n")
	tm.expect("P$ ")
	tm.send("echo 'a!!' \"b!\" c!\r")
	tm.expect("a!! b! c!\n")
	tm.expect("P$ ")
	tm.send("set +H\r")
	tm.expect("P$ ")
	tm.send("echo !!\r")
	tm.expect("\n!!\n")
	tm.expect("P$ ")
	tm.send("set -H; histchars=%\r")
	tm.expect("P$ ")
	tm.send("echo %%:0 !!\r")
	tm.expect("echo set !!\n")
	tm.expect("set !!\n")
	tm.expect("P$ ")
	tm.run("history 5", "    7  set +H\n    8  echo !!\n    9  set -H; histchars=%\n   10  echo set !!\n   11  history 5\n")
	tm.exit(0)
	data, err := os.ReadFile(filepath.Join(home, ".pipesh_history"))
	if err != nil {
		t.Fatal(err)
	}
	if want := "echo echo one two three\n"; !containsLine(string(data), want) {
		t.Errorf("history file lacks the expanded %q:\n%s", want, data)
	}
}

func containsLine(s, line string) bool {
	for len(s) > 0 {
		i := 0
		for i < len(s) && s[i] != '\n' {
			i++
		}
		if i < len(s) {
			i++
		}
		if s[:i] == line {
			return true
		}
		s = s[i:]
	}
	return false
}

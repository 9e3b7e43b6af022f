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
	tm.send("echo 'x\r")
	tm.expect("> ")
	tm.send("!!'\r")
	tm.expect("x\n!!\n")
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
	tm.run("history 5", "    8  set +H\n    9  echo !!\n   10  set -H; histchars=%\n   11  echo set !!\n   12  history 5\n")
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

// TestREPLFc: fc lists, re-runs with a substitution and runs what an
// editor leaves, each run command taking fc's place in the history.
func TestREPLFc(t *testing.T) {
	tm := startTerm(t, "")
	tm.run("echo aa a", "aa a\n")
	tm.run("echo b", "b\n")
	tm.run("fc -l", "1\t echo aa a\n2\t echo b\n")
	tm.run("fc -l -n -r 1", "\t fc -l\n\t echo b\n\t echo aa a\n")
	tm.send("fc -s a=x 1\r")
	tm.expect("echo xx x\n")
	tm.expect("xx x\n")
	tm.expect("P$ ")
	tm.send("fc -s nosuch\r")
	tm.expect("fc: no command found\n")
	tm.expect("P$ ")
	tm.send("FCEDIT='sed -i s/b/c/' fc 2\r")
	tm.expect("echo c\n")
	tm.expect("c\n")
	tm.expect("P$ ")
	tm.send("fc -e 'sed -i s/echo/printf/' -2 -1; echo st=$?\r")
	tm.expect("st=0\n")
	tm.run("fc -e false; echo st=$?", "st=1\n")
	tm.run("fc -l 5", "5\t echo xx x\n6\t fc -s nosuch\n7\t echo c\n8\t fc -s nosuch\n9\t printf c\n10\t fc -e false; echo st=$?\n")
	tm.run("fc -lx", "fc: -x: invalid option\n")
	tm.exit(0)
}

// TestREPLHistoryOptions: history -s -d -p -w -r -a -n, HISTCONTROL,
// HISTSIZE and HISTFILESIZE set at the prompt, HISTTIMEFORMAT.
func TestREPLHistoryOptions(t *testing.T) {
	home := t.TempDir()
	hf := filepath.Join(home, ".pipesh_history")
	var old string
	for i := 1; i <= 10; i++ {
		old += "echo old" + string(rune('0'+i%10)) + "\n"
	}
	os.WriteFile(hf, []byte(old), 0o600)
	tm := startTerm(t, home, "HISTFILESIZE=5")
	// the file is cut to HISTFILESIZE entries, the list keeps HISTSIZE
	tm.run("echo $HISTSIZE $HISTFILESIZE; history 2", "500 5\n   10  echo old0\n   11  echo $HISTSIZE $HISTFILESIZE; history 2\n")
	tm.run("history -s echo added; history 2", "   11  echo $HISTSIZE $HISTFILESIZE; history 2\n   12  echo added\n")
	tm.run("history -d 1; history -d -2; history 3", "    9  echo old0\n   10  echo $HISTSIZE $HISTFILESIZE; history 2\n   11  history -d 1; history -d -2; history 3\n")
	tm.run("echo one; history -p '!!' 'x!-1:0'", "one\nhistory -d 1; history -d -2; history 3\nxhistory\n")
	tm.run("HISTCONTROL=ignorespace:ignoredups", "")
	tm.run(" echo secret", "secret\n")
	tm.run("echo dup", "dup\n")
	tm.run("echo dup", "dup\n")
	tm.run("history 3", "   12  HISTCONTROL=ignorespace:ignoredups\n   13  echo dup\n   14  history 3\n")
	tm.run("HISTSIZE=3; history", "   13  echo dup\n   14  history 3\n   15  HISTSIZE=3; history\n")
	tm.run("history", "   14  history 3\n   15  HISTSIZE=3; history\n   16  history\n")
	tm.run("HISTTIMEFORMAT='<%Y> '; history 1", "   17  <2")
	tm.run("unset HISTTIMEFORMAT; history -w; HISTFILESIZE=2", "")
	tm.run("cat ~/.pipesh_history", "unset HISTTIMEFORMAT; history -w; HISTFILESIZE=2\ncat ~/.pipesh_history\n")
	tm.exit(0)
	data, _ := os.ReadFile(hf)
	if string(data) != "cat ~/.pipesh_history\nexit 0\n" {
		t.Errorf("history file:\n%s", data)
	}
	tm2 := startTerm(t, home)
	tm2.run("history -c; history -r; history", "    1  cat ~/.pipesh_history\n    2  exit 0\n    3  history -c; history -r; history\n")
	tm2.run("echo x >> $HISTFILE; history -n; history 2", "    4  echo x >> $HISTFILE; history -n; history 2\n    5  x\n")
	tm2.send("history -a ~/other; cat ~/other\r")
	tm2.expect("echo x >> $HISTFILE; history -n; history 2\n")
	tm2.expect("x\nhistory -a ~/other; cat ~/other\n")
	tm2.expect("P$ ")
	// a subshell changes its own copy
	tm2.run("(history -d 1; history -c); history | head -n 1", "    1  cat ~/.pipesh_history\n")
	tm2.exit(0)
}

// TestREPLPromptEscapes: \! is the history number of the command to be
// typed, \# the command number, \D{format} strftime's, \s the shell.
func TestREPLPromptEscapes(t *testing.T) {
	tm := startTerm(t, "")
	tm.send(`PS1='[\! \# \D{<%%>} \s] '` + "\r")
	tm.expect("[2 2 <%> pipesh] ")
	tm.send(" echo hidden; HISTCONTROL=ignorespace\r")
	tm.expect("[3 3 <%> pipesh] ")
	tm.send(" echo hidden\r")
	tm.expect("hidden\n[3 4 <%> pipesh] ")
	tm.send("PS1='P$ '\r")
	tm.expect("P$ ")
	tm.exit(0)
}

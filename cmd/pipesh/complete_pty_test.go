package main

import (
	"os"
	osexec "os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// progRC is a startup file registering completion specifications of
// each kind, and functions to run the completed lines with.
const progRC = `
say() { echo "say:$*"; }
complete -W 'alpha beta gamma' say
_rep() { COMPREPLY=("w:$COMP_CWORD:${COMP_WORDS[0]}:$COMP_LINE:$COMP_POINT:$COMP_KEY:$COMP_TYPE"); }
rep() { echo "rep:$*"; }
complete -F _rep rep
ns() { echo "ns:$*"; }
complete -o nospace -W 'key=' ns
_fn() { local IFS=$'\n'; COMPREPLY=($(compgen -f -- "$2")); }
fn() { echo "fn:$*"; }
complete -o filenames -F _fn fn
lst() { echo "lst:$*"; }
complete -W 'aa1 aa2 aa3' lst
many() { echo "many:$*"; }
complete -W "$(echo w{1..150})" many
_co() { compopt -o nospace; COMPREPLY=(opt=); }
co() { echo "co:$*"; }
complete -F _co co
_words() { COMPREPLY=("${#COMP_WORDS[@]}:${COMP_WORDS[*]}:$COMP_CWORD:$2:$3"); }
_ty() { COMPREPLY=("t$COMP_TYPE-a" "t$COMP_TYPE-b"); }
ty() { echo "ty:$*"; }
complete -F _ty ty
wb() { echo "wb:$*"; }
complete -F _words wb
`

// TestREPLProgCompletion: Tab completes by complete's specifications:
// -W, -F with the COMP_ variables and COMPREPLY (which may replace the
// word), -o nospace and filenames, compopt in the function, COMP_WORDS
// split at COMP_WORDBREAKS, Tab-Tab's listing and its question past 100
// candidates, and complete -D with a loader returning 124.
func TestREPLProgCompletion(t *testing.T) {
	home := t.TempDir()
	os.WriteFile(filepath.Join(home, ".pipeshrc"), []byte(progRC), 0o644)
	os.WriteFile(filepath.Join(home, "sp ace.txt"), nil, 0o644)
	os.Mkdir(filepath.Join(home, "dd"), 0o755)
	tm := startTerm(t, home)

	tm.complete("say al", "say alpha ", "", "say:alpha\n")

	tm.complete("rep x", "rep w:1:rep:rep x:5:9:9 ", "", "rep:w:1:rep:rep x:5:9:9\n")

	tm.complete("ns k", "ns key=", "v", "ns:key=v\n")

	tm.complete("fn sp", `fn sp\ ace.txt `, "", "fn:sp ace.txt\n")
	tm.complete("fn d", "fn dd/", "", "fn:dd/\n")

	tm.complete("co o", "co opt=", "x", "co:opt=x\n")

	// --opt=va: COMP_WORDS has the = as a word of its own
	tm.send("wb --opt=va\t")
	tm.expect("wb --opt=4:wb --opt = va:3:va:=")
	tm.send("\x03")
	tm.expect("P$ ")

	// COMP_TYPE is 9 for a Tab that completes, 63 for the one listing
	tm.send("ty \t")
	tm.expect("ty t9-")
	tm.send("\t")
	tm.expect("t63-a  t63-b")
	tm.send("\x03")
	tm.expect("P$ ")

	// the common prefix and a bell, then the listing in columns
	tm.send("lst a\t")
	tm.expect("lst aa")
	tm.send("\t")
	tm.expect("aa1  aa2  aa3")
	tm.expect("P$ lst aa")
	tm.run("2", "lst:aa2\n")

	tm.send("many w\t\t")
	tm.expect("Display all 150 possibilities? (y or n)")
	tm.send("n")
	tm.expect("P$ many w")
	tm.send("\t")
	tm.expect("Display all 150 possibilities? (y or n)")
	tm.send("y")
	tm.expect("w1 ")
	tm.expect("w99")
	tm.expect("P$ many w")
	tm.run("42", "many:w42\n")

	// a default specification that loads one and asks again
	tm.run("_late() { complete -W 'loaded-word' \"$1\"; return 124; }; complete -D -F _late", "")
	tm.complete("echo lo", "echo loaded-word ", "", "loaded-word\n")
	tm.run("complete -p echo", "complete -W 'loaded-word' echo\n")
	tm.exit(0)
}

// TestREPLDefaultCompletion: without a specification, ~user, $VAR/ and
// the path after an = complete as in bash.
func TestREPLDefaultCompletion(t *testing.T) {
	home := t.TempDir()
	os.Mkdir(filepath.Join(home, "dd"), 0o755)
	os.WriteFile(filepath.Join(home, "dd", "inner.txt"), []byte("inner-text\n"), 0o644)
	tm := startTerm(t, home)
	tm.send("echo ~roo\t")
	tm.expect("echo ~root/")
	tm.send("\x03")
	tm.expect("P$ ")
	tm.send("cat $HOME/d\t")
	tm.expect("cat $HOME/dd/")
	tm.complete("in", "cat $HOME/dd/inner.txt ", "", "inner-text\n")
	tm.complete("dd status=none if=dd/in", "if=dd/inner.txt ", "", "inner-text\n")
	tm.exit(0)
}

// TestREPLBashCompletion loads Debian's bash_completion (the package
// bash-completion, which CI installs): it registers as many
// specifications as under bash, and Tab completes apt-get ins.
func TestREPLBashCompletion(t *testing.T) {
	const file = "/usr/share/bash-completion/bash_completion"
	if _, err := os.Stat(file); err != nil {
		t.Skipf("%s is not installed (Debian package bash-completion; .ci/run installs it): %v", file, err)
	}
	home := t.TempDir()
	bash := osexec.Command("bash", "--norc", "--noprofile", "-c", ". "+file+"; complete -p | wc -l")
	bash.Env = []string{"HOME=" + home, "PATH=" + os.Getenv("PATH")}
	out, err := bash.Output()
	if err != nil {
		t.Fatalf("bash loading %s: %v", file, err)
	}
	want := strings.TrimSpace(string(out))
	os.WriteFile(filepath.Join(home, ".pipeshrc"), []byte(". "+file+"\n"), 0o644)
	tm := startTerm(t, home)
	tm.run("complete -p | wc -l", want+"\n")
	tm.send("apt-get ins\t")
	tm.expect("apt-get install ")
	tm.send("\x03")
	tm.expect("P$ ")
	tm.exit(0)
}

// TestREPLGitCompletion loads bash_completion and, through its loader,
// git's completion file (Debian's git package), whose zsh-only ${(...)}
// expansions sit in branches bash never takes: git chec Tab completes
// to git checkout, and a second Tab after it lists the branches.
func TestREPLGitCompletion(t *testing.T) {
	const file = "/usr/share/bash-completion/bash_completion"
	const gitFile = "/usr/share/bash-completion/completions/git"
	for _, f := range []string{file, gitFile} {
		if _, err := os.Stat(f); err != nil {
			t.Skipf("%s is not installed (Debian packages bash-completion and git; .ci/run installs them): %v", f, err)
		}
	}
	gitPath, err := osexec.LookPath("git")
	if err != nil {
		t.Skipf("no git: %v", err)
	}
	home := t.TempDir()
	repo := filepath.Join(home, "repo")
	for _, args := range [][]string{
		{"init", "-q", "-b", "main", repo},
		{"-C", repo, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "--allow-empty", "-m", "first"},
		{"-C", repo, "branch", "feature-x"},
	} {
		cmd := osexec.Command(gitPath, args...)
		cmd.Env = []string{"HOME=" + home, "PATH=" + os.Getenv("PATH")}
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	os.WriteFile(filepath.Join(home, ".pipeshrc"), []byte(". "+file+"\ncd repo\n"), 0o644)
	tm := startTerm(t, home)
	tm.send("git chec\t")
	tm.expect("git checkout ")
	tm.send("feat\t")
	tm.expect("git checkout feature-x ")
	tm.send("\x03")
	tm.expect("P$ ")
	tm.run("complete -p git", "complete -o bashdefault -o default -o nospace -F __git_wrap__git_main git\n")
	tm.exit(0)
}

// complete types typed and Tab, waits until the line shows shown, then
// types more and Enter and waits for out.
func (tm *term) complete(typed, shown, more, out string) {
	tm.t.Helper()
	tm.send(typed + "\t")
	tm.expect(shown)
	tm.run(more, out)
}

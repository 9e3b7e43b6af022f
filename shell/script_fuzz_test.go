package shell

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// FuzzScript runs whole scripts, with no program reachable (PATH is empty
// and names with a slash are skipped) and a deadline per input: the shell
// must end, and never report an internal error (a recovered panic).
// Builtins that act on the process or the machine (exec, kill, ulimit,
// umask, trap, cd, suspend, wait, fg) are left out, and so is reading
// stdin: what is left is the interpreter itself.
func FuzzScript(f *testing.F) {
	for _, s := range []string{
		"x=1; y=$((x+2)); echo $y ${x:-d} \"${a[@]}\"",
		"f() { local i; for i in 1 2 3; do echo $i; done | while IFS= read -r l; do echo \"<$l>\"; done; }; f",
		"a=(1 2 3); a[5]=x; declare -A m=([k]=v); echo ${#a[@]} ${!m[@]} ${a[@]:1:2}",
		"case $1 in a|b) echo ab;; *) echo other;; esac; [[ x == x* && -n $x ]] && echo yes",
		"cat=$(echo hi | { read v; echo $v; }); echo \"$cat\" >out; echo $(<out)",
		"coproc C { echo ping; }; read -u ${C[0]} l; echo $l",
		"echo <(echo p) >(true) | { read a b; echo $a; }",
		"set -e; false || true; (exit 3); echo unreached",
		"printf '%s %d %q\\n' a 12 'b c'; printf -v v '%05.2f' 3.14159; echo $v",
		"e='echo $((e+1))'; eval \"$e\"; alias ll='echo al'; ll",
		"declare -n r=x; r=5; echo $x; unset -n r; shopt -s extglob; echo @(a|b)",
		"while :; do :; done",
		"f() { f; }; f",
		"echo ${x@Q$} ${A[i+1]} $(( 1 + )) ${x^^$'\\xff'}",
	} {
		f.Add(s)
	}
	null, err := os.OpenFile(os.DevNull, os.O_RDWR, 0)
	if err != nil {
		f.Fatal(err)
	}
	defer null.Close()
	f.Fuzz(func(t *testing.T, src string) {
		for _, bad := range []string{"/", "exec", "kill", "ulimit", "umask", "trap", "cd", "suspend", "wait", "fg", "read -e", "$$", "BASHPID"} {
			if strings.Contains(src, bad) {
				return
			}
		}
		dir := t.TempDir()
		errf, err := os.Create(filepath.Join(dir, ".stderr"))
		if err != nil {
			t.Fatal(err)
		}
		defer errf.Close()
		r, err := New(Config{Name: "fuzz", Stdin: null, Stdout: null, Stderr: errf, Env: []string{"LC_ALL=C", "PATH="}, Dir: dir})
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		r.runString(ctx, src, "fuzz")
		r.Finish(ctx)
		msg, _ := os.ReadFile(errf.Name())
		if i := strings.Index(string(msg), "internal error"); i >= 0 {
			t.Fatalf("script %q: %s", src, msg[i:])
		}
	})
}

package shell

import (
	"os"
	"strings"
	"testing"

	"mvdan.cc/sh/v3/expand"
	"mvdan.cc/sh/v3/syntax"
)

// FuzzWordExpansion parses arbitrary words and expands them through
// pipesh's glue (field splitting, parameter-expansion rewrites,
// arithmetic): it must give fields or an error, never a panic. Words
// that would run commands ($(...), <(...)) are skipped, and globbing is
// off, so the test touches nothing outside the shell's variables.
func FuzzWordExpansion(f *testing.F) {
	for _, s := range []string{
		`$x "$@" ${a[@]} "${a[@]}" ${#a[@]} ${!a[@]}`, `${x:-"a b" c} ${x:=~} ${x#*/} ${x%%.*}`,
		`${s/#a/b} ${s//a/&} ${s^^} ${m[k]} ${#m[@]} ${a[-1]} ${a[@]:1:2}`, `$((x+1)) ${a[$((1+1))]}`,
		`'q'"d$x"$'\cA\t' ~ ~root x=~/a`, `${!ref} ${!ref:-w} ${x@Q} ${a[@]@Q}`,
		`{a,b}{1..3} {z..A} a{,}b`, `$* "$*" ${*:2}`,
	} {
		f.Add(s, " \t\n")
		f.Add(s, "_:")
	}
	null, err := os.OpenFile(os.DevNull, os.O_RDWR, 0)
	if err != nil {
		f.Fatal(err)
	}
	defer null.Close()
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, words, ifs string) {
		file, err := syntax.NewParser(syntax.Variant(syntax.LangBash)).Parse(strings.NewReader("echo "+words), "")
		if err != nil || len(file.Stmts) != 1 {
			return
		}
		call, ok := file.Stmts[0].Cmd.(*syntax.CallExpr)
		if !ok {
			return
		}
		runs := false
		syntax.Walk(call, func(n syntax.Node) bool {
			switch n.(type) {
			case *syntax.CmdSubst, *syntax.ProcSubst:
				runs = true
			}
			return !runs
		})
		if runs {
			return
		}
		r, err := New(Config{Name: "fuzz", Args: []string{"p 1", "", "p3"}, Stdin: null, Stdout: null, Stderr: null, Env: []string{"LC_ALL=C"}, Dir: dir})
		if err != nil {
			t.Fatal(err)
		}
		r.opts[optNoGlob] = true
		r.syncExpand()
		r.setVar("IFS", str(ifs))
		r.setVar("x", str("a b/c.d"))
		r.setVar("s", str("aaa"))
		r.setVar("ref", str("a[@]"))
		r.setVar("a", expand.Variable{Set: true, Kind: expand.Indexed, List: []string{"1", "", "x y"}})
		r.setVar("m", expand.Variable{Set: true, Kind: expand.Associative, Map: map[string]string{"k": "v", "": "e"}})
		r.fields(call.Args)
		for _, w := range call.Args {
			r.literal(w)
		}
	})
}

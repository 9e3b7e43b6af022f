package builtins

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// cdFake is what cd and pwd use.
type cdFake struct {
	fakeCore
	*fakeVars
	*fakeDirs
	*fakeOptions
}

// TestCdBash runs sequences of cd and pwd through our builtins and bash,
// in a tree with a symlink, and compares everything printed.
func TestCdBash(t *testing.T) {
	root, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{"real/sub", "cp/inside"} {
		if err := os.MkdirAll(filepath.Join(root, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	os.WriteFile(filepath.Join(root, "file"), nil, 0o644)
	os.Symlink(filepath.Join(root, "real"), filepath.Join(root, "link"))
	seqs := [][][]string{
		{{"cd", "link/sub"}, {"pwd"}, {"pwd", "-P"}, {"cd", ".."}, {"pwd"}, {"cd", "-"}, {"pwd"}},
		{{"cd", "-P", "link/sub"}, {"pwd"}, {"cd", "-L", "../../link"}, {"pwd"}},
		{{"cd", "/nope"}, {"cd", "file"}, {"cd", "a", "b"}, {"cd", "-z"}, {"cd", ""}, {"pwd"}},
		{{"cd", "-"}},
		{{"cd"}, {"pwd"}},
		{{"cdpath", "cp"}, {"cd", "inside"}, {"pwd"}, {"cd", "real"}, {"pwd"}},
		{{"cdpath", ":cp"}, {"cd", "real"}, {"cd", "-"}, {"cd", "./inside"}},
	}
	for _, seq := range seqs {
		sh := &cdFake{fakeVars: newFakeVars(), fakeDirs: newFakeDirs(), fakeOptions: newFakeOptions()}
		sh.dir = root
		sh.vars["PWD"] = varStr(root)
		sh.vars["HOME"] = varStr(filepath.Join(root, "real"))
		script := "cd " + shq([]string{root}) + "; unset OLDPWD; HOME=" + shq([]string{filepath.Join(root, "real")}) + "\n"
		var got strings.Builder
		for _, cmd := range seq {
			if cmd[0] == "cdpath" {
				sh.vars["CDPATH"] = varStr(strings.ReplaceAll(cmd[1], "cp", filepath.Join(root, "cp")))
				script += "CDPATH=" + shq([]string{strings.ReplaceAll(cmd[1], "cp", filepath.Join(root, "cp"))}) + "\n"
				continue
			}
			out, errs, st := runBuiltin(t, sh, nil, cmd[0], cmd[1:]...)
			got.WriteString(out + errs + "=" + string(rune('0'+st)) + "\n")
			script += shq(cmd) + " 2>&1; echo =$?\n"
		}
		want, _, _ := bashRun(t, script, nil)
		want = lineRE.ReplaceAllString(want, "line 1:")
		if got.String() != want {
			t.Errorf("%q:\n got %q\nwant %q", seq, got.String(), want)
		}
	}
}

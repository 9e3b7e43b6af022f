package builtins

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"mvdan.cc/sh/v3/expand"
)

// TestReadBash feeds each input to our read and bash's, through a pipe and
// through a regular file, and compares the variables, the status and what
// is left on the input afterwards.
func TestReadBash(t *testing.T) {
	type tc struct {
		in   string
		ifs  *string
		args []string
	}
	s := func(v string) *string { return &v }
	cases := []tc{
		{"x:y:\nnext\n", s(":"), []string{"a", "b"}},
		{"x:y:\n", s(":"), []string{"a"}},
		{"x:y::\n", s(":"), []string{"a", "b"}},
		{"x::y\n", s(":"), []string{"a", "b", "c"}},
		{" x : y : z \n", s(" :"), []string{"a", "b"}},
		{" x : y : z : \n", s(" :"), []string{"a", "b"}},
		{"  lead  trail  \nrest\n", nil, nil},
		{"  lead  trail  \n", nil, []string{"a"}},
		{"a\\ b c\\\\d e\n", nil, []string{"a", "b"}},
		{"a\\\nb c\n", nil, []string{"a", "b"}},
		{"a\\\nb c\n", nil, []string{"-r", "a", "b"}},
		{"ab cd\n", s(""), []string{"a", "b"}},
		{"partial", nil, []string{"a"}},
		{"", nil, []string{"a"}},
		{"x y\nz\n", nil, []string{"-r", "-n", "1", "a"}},
		{"é y\n", nil, []string{"-n", "1", "a"}},
		{"ab\ncdef\n", nil, []string{"-N", "4", "a"}},
		{"a b:c d\n", s(":"), []string{"-d", ":", "a", "b"}},
		{"a\x00b\n", nil, []string{"a"}},
		{"a b\nc\n", nil, []string{"-d", "", "a"}},
		{"one two  three \nfour\n", nil, []string{"-a", "arr"}},
		{"a\\ b  c\\\n", nil, []string{"a", "b", "c"}},
		{"\\  x\n", nil, []string{"a"}},
		{" \\ x \n", nil, nil},
		{"a b c d\n", nil, []string{"-n", "3", "a", "b"}},
		{"abc\n", nil, []string{"-n0", "a"}},
		{"x\n", nil, []string{"-z"}},
		{"x\n", nil, []string{"1a"}},
		{"x\n", nil, []string{"-n", "q", "a"}},
		{"x\n", nil, []string{"-t", "abc", "a"}},
	}
	for _, c := range cases {
		for _, kind := range []string{"pipe", "file"} {
			sh := newReadFake()
			ifsSet := "unset IFS"
			if c.ifs != nil {
				sh.vars["IFS"] = varStr(*c.ifs)
				ifsSet = "IFS=" + shq([]string{*c.ifs})
			}
			in := inputFile(t, kind, c.in)
			_, gotErr, status := runBuiltin(t, sh, in, "read", c.args...)
			rest := readRest(t, in)
			got := fmt.Sprintf("%d %s|%s", status, dumpVars(sh), rest)
			if testing.Verbose() {
				t.Logf("%s read %q: %q", kind, c.args, got)
			}

			script := ifsSet + "; read " + shq(c.args) + `; st=$?; unset IFS; printf '%d ' $st; for v in a b c REPLY; do [[ -v $v ]] && printf '%s=[%s] ' $v "${!v}"; done; [[ -v arr ]] && printf 'arr=[%s] ' "${arr[@]}"; printf '|'; cat`
			want, wantErr, _ := bashRun(t, script, strings.NewReader(c.in))
			wantErr = lineRE.ReplaceAllString(wantErr, "line 1:")
			if got != want || gotErr != wantErr {
				t.Errorf("%s read %q <<< %q:\n got %q %q\nwant %q %q", kind, c.args, c.in, got, gotErr, want, wantErr)
			}
		}
	}
}

func inputFile(t *testing.T, kind, data string) *os.File {
	t.Helper()
	if kind == "file" {
		f, err := os.CreateTemp(t.TempDir(), "in")
		if err != nil {
			t.Fatal(err)
		}
		f.WriteString(data)
		f.Seek(0, 0)
		t.Cleanup(func() { f.Close() })
		return f
	}
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	go func() { w.WriteString(data); w.Close() }()
	t.Cleanup(func() { r.Close() })
	return r
}

func readRest(t *testing.T, f *os.File) string {
	var b strings.Builder
	buf := make([]byte, 100)
	for {
		n, err := f.Read(buf)
		b.Write(buf[:n])
		if err != nil {
			return b.String()
		}
	}
}

// readFake is what read uses.
type readFake struct {
	fakeCore
	*fakeVars
	fakeFds
	fakeFlow
}

func newReadFake() *readFake { return &readFake{fakeVars: newFakeVars()} }

func dumpVars(sh *readFake) string {
	var b strings.Builder
	for _, v := range []string{"a", "b", "c", "REPLY"} {
		if vr, ok := sh.vars[v]; ok {
			fmt.Fprintf(&b, "%s=[%s] ", v, vr.Str)
		}
	}
	if vr, ok := sh.vars["arr"]; ok && vr.Kind == expand.Indexed {
		for _, e := range vr.List {
			fmt.Fprintf(&b, "arr=[%s] ", e)
		}
	}
	return b.String()
}

// TestReadTimeout checks that -t gives up with status 142, keeps the
// partial line as bash 5 does, and leaves no reader behind on the pipe.
func TestReadTimeout(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	w.WriteString("ab")
	sh := newReadFake()
	_, _, status := runBuiltin(t, sh, r, "read", "-t", "0.1", "a")
	if status != 142 || sh.vars["a"].Str != "ab" {
		t.Fatalf("status %d, a=%q", status, sh.vars["a"].Str)
	}
	// Nothing may still be reading: the next byte goes to the next reader.
	w.WriteString("c\n")
	buf := make([]byte, 2)
	if n, _ := r.Read(buf); string(buf[:n]) != "c\n" {
		t.Fatalf("next reader got %q", buf[:n])
	}
	if _, _, status := runBuiltin(t, sh, r, "read", "-t", "0"); status != 1 {
		t.Fatalf("-t 0 on an empty pipe: status %d", status)
	}
	w.WriteString("x")
	if _, _, status := runBuiltin(t, sh, r, "read", "-t", "0"); status != 0 {
		t.Fatalf("-t 0 with input waiting: status %d", status)
	}
}

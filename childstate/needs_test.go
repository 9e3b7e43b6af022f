package childstate

import (
	"reflect"
	"strings"
	"testing"

	"mvdan.cc/sh/v3/syntax"
)

func TestTouchesProcess(t *testing.T) {
	funcs := map[string]string{
		"setmask":  "umask 022",
		"indirect": "setmask",
		"plain":    "echo hi",
		"loop":     "loop; echo again", // recursion is looked into once
	}
	bodies := map[string]syntax.Node{}
	for name, src := range funcs {
		f, err := syntax.NewParser().Parse(strings.NewReader(src), "")
		if err != nil {
			t.Fatal(err)
		}
		bodies[name] = f
	}
	body := func(name string) (syntax.Node, bool) {
		n, ok := bodies[name]
		return n, ok
	}
	tests := []struct {
		src  string
		want bool
	}{
		{"echo hi | cat", false},
		{"umask 077", true},
		{"ulimit -n 10", true},
		{"trap 'echo x' INT", true},
		{"exec 3>&-", true},
		{"builtin umask", true},
		{"command exec ls", true},
		{"echo $BASHPID", true},
		{"echo ${BASHPID}", true},
		{"x=$(echo $BASHPID)", true},
		{"echo umask", false},
		{"setmask", true},
		{"indirect", true},
		{"plain; loop", false},
		{"if true; then (umask); fi", true},
	}
	for _, tt := range tests {
		f, err := syntax.NewParser().Parse(strings.NewReader(tt.src), "")
		if err != nil {
			t.Fatal(err)
		}
		if got := TouchesProcess(f, body); got != tt.want {
			t.Errorf("TouchesProcess(%q) = %v, want %v", tt.src, got, tt.want)
		}
	}
}

// TestFile: the state written to its memory file reads back from the
// file's start.
func TestFile(t *testing.T) {
	cs := &State{Code: "echo hi", Params: []string{"a", "b"}, Status: 7}
	f, err := cs.File()
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var got State
	if err := got.Decode(f); err != nil {
		t.Fatal(err)
	}
	if got.Code != cs.Code || !reflect.DeepEqual(got.Params, cs.Params) || got.Status != cs.Status {
		t.Errorf("read back %+v, want %+v", got, *cs)
	}
}

package funcenv

import (
	"errors"
	"testing"
)

func TestName(t *testing.T) {
	if got := Name("f"); got != "BASH_FUNC_f%%" {
		t.Errorf("Name(f) = %q", got)
	}
}

func TestIsEntry(t *testing.T) {
	for _, c := range []struct {
		name, val string
		want      bool
	}{
		{"BASH_FUNC_f%%", "() { :; }", true},
		{"BASH_FUNC_%%", "() { :; }", false},
		{"BASH_FUNC_f", "() { :; }", false},
		{"BASH_FUNC_f%%", "echo hi", false},
		{"f", "() { :; }", false},
	} {
		if got := IsEntry(c.name, c.val); got != c.want {
			t.Errorf("IsEntry(%q, %q) = %v, want %v", c.name, c.val, got, c.want)
		}
	}
}

func TestDecode(t *testing.T) {
	fd, err := Decode("BASH_FUNC_greet%%", "() {  echo hi\n}")
	if err != nil || fd == nil || fd.Name.Value != "greet" {
		t.Fatalf("Decode(greet) = %v, %v; want the function greet", fd, err)
	}
	// a name no function can have is passed over without a word
	if fd, err := Decode("BASH_FUNC_a/b%%", "() { :; }"); fd != nil || err != nil {
		t.Errorf("Decode(a/b) = %v, %v; want nothing", fd, err)
	}
	for _, c := range []struct{ val, warning string }{
		{"() { :; }; echo pwned", "ignoring function definition attempt"},
		{"() { echo", ""},
		{"() ", ""},
	} {
		fd, err := Decode("BASH_FUNC_f%%", c.val)
		var ie *ImportError
		if fd != nil || !errors.As(err, &ie) || ie.Func != "f" || ie.Warning != c.warning {
			t.Errorf("Decode(f, %q) = %v, %v; want an ImportError for f warning %q", c.val, fd, err, c.warning)
			continue
		}
		if got, want := ie.Error(), "error importing function definition for `f'"; got != want {
			t.Errorf("error = %q, want %q", got, want)
		}
	}
}

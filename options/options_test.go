package options

import (
	"strings"
	"testing"
)

// TestNamesRoundTrip: every option but Interactive has a name that finds
// it again, and the names are listed once each, in Opt order.
func TestNamesRoundTrip(t *testing.T) {
	list := Names()
	if len(list) != int(Count)-1 {
		t.Fatalf("Names has %d names, want %d", len(list), Count-1)
	}
	for o := range Count {
		name := o.Name()
		if o == Interactive {
			if name != "" {
				t.Errorf("Interactive is named %q, want none", name)
			}
			continue
		}
		if got, ok := ByName(name); !ok || got != o {
			t.Errorf("ByName(%q) = %v, %v; want %v", name, got, ok, o)
		}
		if list[o] != name {
			t.Errorf("Names()[%d] = %q, want %q", o, list[o], name)
		}
	}
	if _, ok := ByName(""); ok {
		t.Error(`ByName("") found an option`)
	}
	if Opt(-1).Name() != "" || Count.Name() != "" {
		t.Error("a value that is no option has a name")
	}
	if o, ok := ByName("pipefail"); !ok || o != PipeFail {
		t.Errorf("ByName(pipefail) = %v, %v", o, ok)
	}
}

// TestLetters: $-'s order holds every letter set knows, and i, which is
// Interactive's and set's never.
func TestLetters(t *testing.T) {
	for i := 0; i < len(LetterOrder); i++ {
		c := LetterOrder[i]
		if _, ok := ByLetter(c); ok == (c == 'i') {
			t.Errorf("ByLetter(%q) found = %v", c, ok)
		}
	}
	for c := range letters {
		if !strings.ContainsRune(LetterOrder, rune(c)) {
			t.Errorf("letter %q is missing from LetterOrder", c)
		}
	}
	if o, ok := ByLetter('e'); !ok || o != ErrExit {
		t.Errorf("ByLetter('e') = %v, %v; want ErrExit", o, ok)
	}
}

// TestShopts: the defaults cover exactly the shopt options, with bash's
// defaults, and a caller's copies are its own.
func TestShopts(t *testing.T) {
	names := ShoptNames()
	def := DefaultShopts()
	if len(def) != len(names) {
		t.Fatalf("DefaultShopts has %d options, ShoptNames %d", len(def), len(names))
	}
	for _, n := range names {
		if _, ok := def[n]; !ok || !IsShopt(n) {
			t.Errorf("shopt %s: in defaults %v, IsShopt %v", n, ok, IsShopt(n))
		}
	}
	if !def["cmdhist"] || def["extglob"] {
		t.Errorf("cmdhist = %v, extglob = %v; want on, off", def["cmdhist"], def["extglob"])
	}
	if IsShopt("pipefail") {
		t.Error("pipefail, a set -o option, taken for a shopt one")
	}
	names[0] = "changed"
	def["extglob"] = true
	if ShoptNames()[0] == "changed" || DefaultShopts()["extglob"] {
		t.Error("a caller's change reached the tables")
	}
}

package options

import "testing"

func TestFlagsAndLists(t *testing.T) {
	var on [Count]bool
	if got := Flags(&on); got != "" {
		t.Errorf("Flags(none) = %q", got)
	}
	for _, o := range []Opt{Xtrace, ErrExit, Interactive, HashAll, BraceExpand, PipeFail} {
		on[o] = true
	}
	// $-'s order is bash's, not the letters'; pipefail has no letter
	if got, want := Flags(&on), "ehixB"; got != want {
		t.Errorf("Flags = %q, want %q", got, want)
	}
	// interactive has no set -o name, so SHELLOPTS leaves it out
	if got, want := SetoList(&on), "braceexpand:errexit:hashall:pipefail:xtrace"; got != want {
		t.Errorf("SetoList = %q, want %q", got, want)
	}
	sh := map[string]bool{"nullglob": true, "extglob": true, "cmdhist": false, "no_such": true}
	if got, want := ShoptList(sh), "extglob:nullglob"; got != want {
		t.Errorf("ShoptList = %q, want %q", got, want)
	}
}

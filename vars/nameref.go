package vars

import (
	"strings"

	"mvdan.cc/sh/v3/expand"
)

// maxRefChain bounds how far a chain of namerefs is followed, so that a
// circular one (declare -n a=b b=a) ends instead of looping.
const maxRefChain = 16

// RefTarget follows the namerefs starting at name and returns the
// variable an assignment to name changes, with the subscript the last
// reference holds (declare -n r='a[1]'), if any. A name that is not a
// nameref is its own target; so is every name while no nameref was ever
// made in the process, which costs no lookup.
func (s *Store) RefTarget(name string) (target, index string) {
	target = name
	if !s.fam.namerefs.Load() {
		return target, ""
	}
	for range maxRefChain {
		_, vr, ok := s.top.lookup(target)
		if !ok || vr.Kind != expand.NameRef || vr.Str == "" {
			break
		}
		target = vr.Str
		if i := strings.IndexByte(target, '['); i > 0 && strings.HasSuffix(target, "]") {
			return target[:i], target[i+1 : len(target)-1]
		}
	}
	return target, ""
}

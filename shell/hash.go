package shell

import (
	"sort"
	"strings"

	"pipesh/builtins"
)

// The command path cache, as the hash builtin sees it. Entries are kept
// per PATH value, so assigning PATH forgets them as bash does.

// hashList returns the remembered commands for the current PATH, sorted
// by name.
func (r *Runner) hashList() []builtins.HashEntry {
	prefix := r.lookupVar("PATH").String() + "\x00"
	r.sh.mu.Lock()
	defer r.sh.mu.Unlock()
	var list []builtins.HashEntry
	for key, p := range r.sh.hash {
		if name, ok := strings.CutPrefix(key, prefix); ok {
			list = append(list, builtins.HashEntry{Name: name, Path: p, Hits: r.sh.hits[key]})
		}
	}
	sort.Slice(list, func(i, j int) bool { return list[i].Name < list[j].Name })
	return list
}

// hashClear forgets every remembered command (hash -r).
func (r *Runner) hashClear() {
	r.sh.mu.Lock()
	defer r.sh.mu.Unlock()
	clear(r.sh.hash)
	clear(r.sh.hits)
}

// hashAdd looks name up on PATH and remembers it with no hits.
func (r *Runner) hashAdd(name string) error {
	key := r.lookupVar("PATH").String() + "\x00" + name
	r.sh.mu.Lock()
	delete(r.sh.hash, key)
	r.sh.mu.Unlock()
	p, err := r.lookPath(name)
	if err != nil {
		return err
	}
	r.sh.mu.Lock()
	defer r.sh.mu.Unlock()
	if _, ok := r.sh.hash[key]; ok {
		r.sh.hits[key] = 0
	} else {
		r.sh.hash[key] = p // a non-executable match bash also records
		r.sh.hits[key] = 0
	}
	return nil
}

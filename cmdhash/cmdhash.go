// Package cmdhash is the command path cache behind bash's hash table:
// where a command name was found on PATH, and how often it was used
// since. Entries are kept per PATH value, so assigning PATH forgets
// them as bash does (an entry of another PATH is never seen again).
//
// It is also the search itself: how bash finds a name on PATH.
package cmdhash

import (
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"syscall"
)

// ErrNotFound is Find's error for a name on no directory of PATH.
var ErrNotFound = errors.New("command not found")

// Entry is one remembered command: its name, the path it was found
// at, and how many times it has been used since.
type Entry struct {
	Name, Path string
	Hits       int
}

// Cache is a shell's table of remembered command paths. Its zero value
// is empty and ready; it is safe for concurrent use (a shell and its
// in-process subshells share one).
type Cache struct {
	mu    sync.Mutex
	paths map[string]string // by key(PATH, name)
	hits  map[string]int
}

// key is the map key of name under the PATH value pathVar.
func key(pathVar, name string) string { return pathVar + "\x00" + name }

// Find finds name (which has no slash) on pathVar as bash does:
// first the cache, then each directory in turn, relative ones taken
// from dir. The first executable regular file wins and is remembered;
// failing that, the first non-executable one is returned (and not
// remembered), for the caller's "Permission denied". A remembered path
// is used even if the file has gone since, as bash without checkhash
// does (Clear forgets).
func (c *Cache) Find(pathVar, dir, name string) (string, error) {
	k := key(pathVar, name)
	c.mu.Lock()
	if p, ok := c.paths[k]; ok {
		c.hits[k]++
		c.mu.Unlock()
		return p, nil
	}
	c.mu.Unlock()
	p, exec, err := Search(pathVar, dir, name)
	if err != nil {
		return "", err
	}
	if exec {
		c.mu.Lock()
		c.init()
		c.paths[k] = p
		c.hits[k] = 1
		c.mu.Unlock()
	}
	return p, nil
}

// Search looks name up on pathVar's directories (an empty one is ".",
// a relative one is taken from dir) without the cache. It returns the
// first executable regular file, or else the first regular file that is
// not executable by this process (exec false), or ErrNotFound.
func Search(pathVar, dir, name string) (path string, exec bool, err error) {
	var firstNoExec string
	for _, d := range filepath.SplitList(pathVar) {
		if d == "" {
			d = "."
		}
		p := filepath.Join(d, name)
		if !filepath.IsAbs(p) {
			p = filepath.Join(dir, p)
		}
		fi, err := os.Stat(p)
		if err != nil || fi.IsDir() {
			continue
		}
		if fi.Mode()&0o111 == 0 || syscall.Access(p, 1) != nil {
			if firstNoExec == "" {
				firstNoExec = p
			}
			continue
		}
		return p, true, nil
	}
	if firstNoExec != "" {
		return firstNoExec, false, nil
	}
	return "", false, ErrNotFound
}

// init makes the maps; c.mu is held.
func (c *Cache) init() {
	if c.paths == nil {
		c.paths, c.hits = map[string]string{}, map[string]int{}
	}
}

// List returns the commands remembered for the PATH value pathVar,
// sorted by name.
func (c *Cache) List(pathVar string) []Entry {
	prefix := key(pathVar, "")
	c.mu.Lock()
	defer c.mu.Unlock()
	var list []Entry
	for k, p := range c.paths {
		if name, ok := strings.CutPrefix(k, prefix); ok {
			list = append(list, Entry{Name: name, Path: p, Hits: c.hits[k]})
		}
	}
	sort.Slice(list, func(i, j int) bool { return list[i].Name < list[j].Name })
	return list
}

// Clear forgets every remembered command (hash -r).
func (c *Cache) Clear() {
	c.mu.Lock()
	defer c.mu.Unlock()
	clear(c.paths)
	clear(c.hits)
}

// Add is hash name: name is looked up afresh with find (the shell's own
// lookup, which remembers what it finds on PATH) and remembered with
// no hits. A non-executable match is recorded too, as bash does.
func (c *Cache) Add(pathVar, name string, find func(name string) (string, error)) error {
	k := key(pathVar, name)
	c.mu.Lock()
	delete(c.paths, k)
	c.mu.Unlock()
	p, err := find(name)
	if err != nil {
		return err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.init()
	if _, ok := c.paths[k]; !ok {
		c.paths[k] = p
	}
	c.hits[k] = 0
	return nil
}

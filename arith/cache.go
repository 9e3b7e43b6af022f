package arith

import (
	"sync"
	"sync/atomic"
)

// A Cache holds the parsed form of expression texts, so that a text
// evaluated again (a loop's i+1, a variable holding an expression) is
// not parsed again. It holds at most cacheMax texts of at most
// cacheMaxText bytes: when it is full it starts afresh, so that texts
// made anew each time (eval in a loop) cannot grow it without bound.
// A Cache is safe for concurrent use; the zero value is empty.
type Cache struct {
	m sync.Map // string -> *program
	n atomic.Int32
}

const (
	cacheMax     = 4096
	cacheMaxText = 1024
)

// program returns the parsed form of s, parsing it if it is not kept.
func (c *Cache) program(s string) *program {
	if p, ok := c.m.Load(s); ok {
		return p.(*program)
	}
	p := parse(s)
	if len(s) > cacheMaxText {
		return p
	}
	if c.n.Add(1) > cacheMax {
		c.m.Clear()
		c.n.Store(1)
	}
	c.m.Store(s, p)
	return p
}

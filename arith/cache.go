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
	m sync.Map // string -> *Expr
	n atomic.Int32
}

const (
	cacheMax     = 4096
	cacheMaxText = 1024
)

// Parse parses the expression text s. It never fails: as in bash, an
// error in the text is reported when the expression is evaluated, after
// what comes before it has been done. A text parsed before is not parsed
// again; a nil Cache parses every time.
func (c *Cache) Parse(s string) *Expr {
	if c == nil {
		return parse(s)
	}
	if p, ok := c.m.Load(s); ok {
		return p.(*Expr)
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

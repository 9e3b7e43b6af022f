package arith

import (
	"sync"
	"sync/atomic"
	"unsafe"
)

// A Cache holds the parsed form of expression texts, so that a text
// evaluated again (a loop's i+1, a variable holding an expression) is
// not parsed again. It keeps texts of at most cacheMaxText bytes, and
// about cacheMaxBytes of them and their parsed forms: when it is full it
// starts afresh, so that texts made anew each time (eval in a loop)
// cannot grow it without bound. A Cache is safe for concurrent use; the
// zero value is empty.
type Cache struct {
	m    sync.Map     // string -> *Expr
	size atomic.Int64 // bytes held, roughly
}

const (
	cacheMaxBytes = 1 << 20
	cacheMaxText  = 1024
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
	cost := int64(2*len(s)) + int64(len(p.code))*int64(unsafe.Sizeof(instr{})+unsafe.Sizeof(ref{})) + 64
	if c.size.Add(cost) > cacheMaxBytes {
		c.m.Clear()
		c.size.Store(cost)
	}
	c.m.Store(s, p)
	return p
}

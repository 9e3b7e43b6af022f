// Package capture reads a command substitution's output whole, without
// holding every outgrown copy of it while it grows.
package capture

import (
	"io"
	"os"

	"golang.org/x/sys/unix"
)

// A command substitution's output is captured whole before it becomes
// a word. Copying it into a growing buffer would hold each outgrown copy
// until the collector frees it (x=$(head -c 1G ...) peaked near 5 GB):
// instead, past its first block the output is kept in chunks mapped
// outside the Go heap, and copied once into the destination grown to
// the exact size, each chunk unmapped as soon as it is copied. The peak
// is then the output's size and one chunk.

const (
	captureSmall = 64 << 10 // read into the heap up to this much
	captureChunk = 4 << 20  // then into mapped chunks of this size
)

// grower is a destination that can make room ahead (strings.Builder,
// bytes.Buffer).
type grower interface {
	io.Writer
	Grow(n int)
}

// Copy copies everything f gives until EOF to w, and returns the first
// read or write error other than EOF. When w can Grow (strings.Builder,
// bytes.Buffer), it is grown once to the output's exact size; f is the
// caller's to close.
func Copy(w io.Writer, f *os.File) error {
	g, ok := w.(grower)
	if !ok {
		_, err := io.Copy(w, f)
		return err
	}
	small := make([]byte, 0, 512) // $(echo hi) needs no more
	for len(small) < captureSmall {
		if len(small) == cap(small) {
			small = append(small, 0)[:len(small)]
		}
		n, err := f.Read(small[len(small):cap(small)])
		small = small[:len(small)+n]
		if err == io.EOF {
			_, werr := g.Write(small)
			return werr
		}
		if err != nil {
			g.Write(small)
			return err
		}
	}
	var chunks [][]byte
	defer func() {
		for _, c := range chunks {
			if c != nil { // not yet written and unmapped by flush
				unix.Munmap(c[:cap(c)])
			}
		}
	}()
	total := len(small)
	var rerr error
	for rerr == nil {
		c, err := unix.Mmap(-1, 0, captureChunk, unix.PROT_READ|unix.PROT_WRITE, unix.MAP_PRIVATE|unix.MAP_ANONYMOUS)
		if err != nil {
			// no room for a mapping: the rest goes through the heap
			g.Grow(total)
			g.Write(small)
			if err := flush(g, chunks); err != nil {
				return err
			}
			_, err := io.Copy(g, f)
			return err
		}
		c = c[:0]
		for len(c) < cap(c) {
			n, err := f.Read(c[len(c):cap(c)])
			c = c[:len(c)+n]
			if err != nil {
				rerr = err
				break
			}
		}
		total += len(c)
		chunks = append(chunks, c)
	}
	g.Grow(total)
	if _, err := g.Write(small); err != nil {
		return err
	}
	if err := flush(g, chunks); err != nil {
		return err
	}
	if rerr == io.EOF {
		return nil
	}
	return rerr
}

// flush writes the chunks to w in order, unmapping each once written
// (and setting it to nil).
func flush(w io.Writer, chunks [][]byte) error {
	for i, c := range chunks {
		_, err := w.Write(c)
		unix.Munmap(c[:cap(c)])
		chunks[i] = nil
		if err != nil {
			return err
		}
	}
	return nil
}

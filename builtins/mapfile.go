package builtins

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"mvdan.cc/sh/v3/expand"
	"mvdan.cc/sh/v3/syntax"
)

const mapfileUsage = "mapfile [-d delim] [-n count] [-O origin] [-s count] [-t] [-u fd] [-C callback] [-c quantum] [array]"

// mapfileOpts are mapfile's (and readarray's) options.
type mapfileOpts struct {
	delim    byte
	count    int  // lines to store; 0: all
	origin   int  // index of the first line stored
	keep     bool // -O: add to the array instead of emptying it first
	skip     int  // lines to discard first
	chop     bool // -t: drop the delimiter
	fd       int
	callback string
	quantum  int
}

// mapfileShell is what mapfile touches: the array, the fd it reads (-u),
// and the shell its callback (-C) runs in.
type mapfileShell interface {
	Vars
	Fds
	Evaluator
}

// mapfile reads lines into an indexed array, MAPFILE by default. Like
// read, it takes from the fd no more than it stores, so that with -n the
// rest of the input is left for the next command.
func mapfile(ctx context.Context, c *Call, sh mapfileShell) int {
	flags, names, ok := parseFlags(c, c.Args, "d:u:n:O:tC:c:s:", mapfileUsage)
	if !ok {
		return 2
	}
	o := mapfileOpts{delim: '\n', quantum: 5000}
	// number parses a count as bash's legal_number does: blanks around
	// it and a sign are allowed, the value must fit.
	number := func(s string, min int64) (int, bool) {
		n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 32)
		return int(n), err == nil && n >= min
	}
	for _, f := range flags {
		var good bool
		switch f.name {
		case 'd':
			o.delim, good = 0, true
			if f.arg != "" {
				o.delim = f.arg[0]
			}
		case 'u':
			if o.fd, good = number(f.arg, 0); !good {
				c.Sh.Errorf(c, "%s: invalid file descriptor specification", f.arg)
				return 1
			}
			if file, ok := sh.Fd(o.fd); !ok || file == nil {
				c.Sh.Errorf(c, "%d: invalid file descriptor: Bad file descriptor", o.fd)
				return 1
			}
		case 'n':
			if o.count, good = number(f.arg, 0); !good {
				c.Sh.Errorf(c, "%s: invalid line count", f.arg)
				return 1
			}
		case 'O':
			if o.origin, good = number(f.arg, 0); !good {
				c.Sh.Errorf(c, "%s: invalid array origin", f.arg)
				return 1
			}
			o.keep = true
		case 't':
			o.chop = true
		case 'C':
			o.callback = f.arg
		case 'c':
			if o.quantum, good = number(f.arg, 1); !good {
				c.Sh.Errorf(c, "%s: invalid callback quantum", f.arg)
				return 1
			}
		case 's':
			if o.skip, good = number(f.arg, 0); !good {
				c.Sh.Errorf(c, "%s: invalid line count", f.arg)
				return 1
			}
		}
	}
	name := "MAPFILE"
	if len(names) > 0 {
		// bash uses the first name and ignores the rest
		name = names[0]
		if name == "" {
			c.Sh.Errorf(c, "empty array variable name")
			return 2
		}
	}
	if !syntax.ValidName(name) {
		c.Sh.Errorf(c, "`%s': not a valid identifier", name)
		return 1
	}

	arr, err := mapfileTarget(sh, name, o.keep)
	if err != nil {
		errorf(c, err)
		return 1
	}
	if !o.keep {
		// emptied before any line is read, so the callback sees it so
		if err := sh.SetVar(name, arr.variable()); err != nil {
			errorf(c, err)
			return 1
		}
	}

	in := c.Stdin
	if o.fd != 0 {
		in, _ = sh.Fd(o.fd)
	}
	if in == nil {
		// bash's read fails at once: an empty array and success
		return 0
	}
	src := newByteSource(ctx, in, time.Time{})
	defer src.unread()
	for range o.skip {
		if _, ok := mapfileLine(src, o.delim); !ok {
			break
		}
	}
	index := o.origin
	for n := 1; o.count == 0 || n <= o.count; n++ {
		line, ok := mapfileLine(src, o.delim)
		if !ok {
			break
		}
		if o.chop && strings.HasSuffix(line, string(o.delim)) {
			line = line[:len(line)-1]
		}
		if o.callback != "" && n%o.quantum == 0 {
			// the callback runs before the line is stored, and with the
			// fd where the lines so far leave it
			if err := sh.SetVar(name, arr.variable()); err != nil {
				errorf(c, err)
				return 1
			}
			src.unread()
			sh.Eval(ctx, fmt.Sprintf("%s %d '%s'", o.callback, index,
				strings.ReplaceAll(line, "'", `'\''`)))
		}
		arr.set(index, line)
		index++
	}
	if err := sh.SetVar(name, arr.variable()); err != nil {
		errorf(c, err)
		return 1
	}
	return 0
}

// mapfileLine reads up to and including the delimiter. A line holding a
// NUL byte ends there, as bash's C strings do; a read error counts as the
// end of the input, which bash does not report.
func mapfileLine(src *byteSource, delim byte) (string, bool) {
	var b []byte
	nul := -1
	for {
		c, err := src.readByte()
		if err != nil {
			break
		}
		if c == 0 && nul < 0 {
			nul = len(b)
		}
		b = append(b, c)
		if c == delim {
			break
		}
	}
	if len(b) == 0 {
		return "", false
	}
	if nul >= 0 {
		b = b[:nul]
	}
	return string(b), true
}

// sparseArray is the array mapfile builds, index by index.
type sparseArray struct {
	base    expand.Variable
	indexes []int
	values  []string
}

// mapfileTarget finds or makes the array mapfile stores into: an
// associative array or readonly variable is an error; a string becomes
// element 0; without keep the array starts empty.
func mapfileTarget(sh Vars, name string, keep bool) (*sparseArray, error) {
	vr := sh.Var(name)
	if vr.ReadOnly {
		return nil, fmt.Errorf("%s: readonly variable", name)
	}
	if vr.Kind == expand.Associative {
		return nil, fmt.Errorf("mapfile: %s: not an indexed array", name)
	}
	a := &sparseArray{base: vr}
	if !keep {
		return a, nil
	}
	switch {
	case vr.Kind == expand.Indexed && vr.Indexes == nil:
		for i, v := range vr.List {
			a.indexes = append(a.indexes, i)
			a.values = append(a.values, v)
		}
	case vr.Kind == expand.Indexed:
		a.indexes = slices.Clone(vr.Indexes)
		a.values = slices.Clone(vr.List)
	case vr.IsSet():
		a.indexes, a.values = []int{0}, []string{vr.String()}
	}
	return a, nil
}

func (a *sparseArray) set(i int, v string) {
	pos, found := slices.BinarySearch(a.indexes, i)
	if found {
		a.values[pos] = v
		return
	}
	a.indexes = slices.Insert(a.indexes, pos, i)
	a.values = slices.Insert(a.values, pos, v)
}

// variable is the array as a variable, dense when it has no gaps.
func (a *sparseArray) variable() expand.Variable {
	vr := a.base
	vr.Set, vr.Kind, vr.Str, vr.Map = true, expand.Indexed, "", nil
	vr.List = slices.Clone(a.values)
	if vr.List == nil {
		vr.List = []string{}
	}
	vr.Indexes = nil
	if n := len(a.indexes); n > 0 && a.indexes[n-1] != n-1 {
		vr.Indexes = slices.Clone(a.indexes)
	}
	return vr
}

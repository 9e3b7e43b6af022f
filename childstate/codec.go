package childstate

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"slices"
	"time"

	"mvdan.cc/sh/v3/expand"

	"pipesh/callstack"
)

// A child subshell's state travels as a plain sequence of numbers and
// length-prefixed strings, in State's field order. Strings are bytes
// (a value that is not UTF-8 arrives as it left, which JSON would not
// keep), and nothing is registered at init, which gob would cost every
// start of pipesh.

type stateWriter struct {
	w   *bufio.Writer
	buf [binary.MaxVarintLen64]byte
}

func (e *stateWriter) int(n int) {
	e.w.Write(e.buf[:binary.PutVarint(e.buf[:], int64(n))])
}

func (e *stateWriter) bool(b bool) {
	if b {
		e.int(1)
	} else {
		e.int(0)
	}
}

func (e *stateWriter) str(s string) {
	e.int(len(s))
	e.w.WriteString(s)
}

func (e *stateWriter) strs(list []string) {
	e.int(len(list))
	for _, s := range list {
		e.str(s)
	}
}

func (e *stateWriter) ints(list []int) {
	e.int(len(list))
	for _, n := range list {
		e.int(n)
	}
}

// strMap writes m in sorted order, so the same state is the same bytes.
func (e *stateWriter) strMap(m map[string]string) {
	keys := sortedKeys(m)
	e.int(len(keys))
	for _, k := range keys {
		e.str(k)
		e.str(m[k])
	}
}

func (e *stateWriter) variable(v expand.Variable) {
	e.bool(v.Set)
	e.bool(v.Local)
	e.bool(v.Exported)
	e.bool(v.ReadOnly)
	e.int(int(v.Kind))
	e.str(v.Str)
	e.bool(v.List != nil)
	e.strs(v.List)
	e.bool(v.Indexes != nil)
	e.ints(v.Indexes)
	e.bool(v.Map != nil)
	e.strMap(v.Map)
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// Encode writes cs to w, the same state as the same bytes.
func (cs *State) Encode(w io.Writer) error {
	e := &stateWriter{w: bufio.NewWriter(w)}
	e.int(len(cs.Scopes))
	for i, sc := range cs.Scopes {
		keys := sortedKeys(sc)
		e.int(len(keys))
		for _, k := range keys {
			e.str(k)
			e.variable(sc[k])
		}
		var attrs map[string]uint8
		if i < len(cs.Attrs) {
			attrs = cs.Attrs[i]
		}
		e.int(len(attrs))
		for _, k := range sortedKeys(attrs) {
			e.str(k)
			e.int(int(attrs[k]))
		}
	}
	e.strs(cs.Funcs)
	e.strMap(cs.Aliases)
	e.int(len(cs.Opts))
	for _, b := range cs.Opts {
		e.bool(b)
	}
	e.int(len(cs.Shopts))
	for _, k := range sortedKeys(cs.Shopts) {
		e.str(k)
		e.bool(cs.Shopts[k])
	}
	e.strMap(cs.Traps)
	e.strMap(cs.Shown)
	e.str(cs.Dir)
	e.strs(cs.Params)
	e.str(cs.Arg0)
	e.str(cs.Name)
	e.int(cs.PID)
	e.int(cs.PPID)
	e.int(int(cs.Start.UnixNano()))
	e.int(cs.Status)
	e.int(cs.LastBg)
	e.str(cs.LastArg)
	e.int(int(cs.Line))
	e.int(cs.FuncDepth)
	e.int(cs.NoErrExit)
	e.int(len(cs.Frames))
	for _, f := range cs.Frames {
		e.str(f.Name)
		e.str(f.File)
		e.int(int(f.Line))
		e.strs(f.Args)
		e.bool(f.HasArgs)
		e.bool(f.Fn)
	}
	e.strMap(cs.FuncFiles)
	e.strs(cs.FuncExport)
	e.strs(cs.DirStack)
	e.ints(cs.PipeStatus)
	e.bool(cs.DashC)
	e.str(cs.Invoke)
	e.str(cs.Code)
	e.bool(cs.Unwrap)
	e.int(cs.HistBase)
	e.strs(cs.HistEntries)
	e.compSpecs(cs.CompSpecs)
	return e.w.Flush()
}

type stateReader struct {
	r   *bufio.Reader
	err error
}

// maxStateString bounds a string's length as read, so a damaged state is
// an error, not an allocation of gigabytes.
const maxStateString = 1 << 30

func (d *stateReader) int() int {
	if d.err != nil {
		return 0
	}
	n, err := binary.ReadVarint(d.r)
	if err != nil {
		d.err = err
	}
	return int(n)
}

func (d *stateReader) bool() bool { return d.int() != 0 }

func (d *stateReader) count() int {
	n := d.int()
	if n < 0 || n > maxStateString {
		if d.err == nil {
			d.err = fmt.Errorf("bad length %d", n)
		}
		return 0
	}
	return n
}

func (d *stateReader) str() string {
	n := d.count()
	if d.err != nil || n == 0 {
		return ""
	}
	b := make([]byte, n)
	if _, err := io.ReadFull(d.r, b); err != nil {
		d.err = err
		return ""
	}
	return string(b)
}

func (d *stateReader) strs() []string {
	n := d.count()
	var list []string
	for i := 0; i < n && d.err == nil; i++ {
		list = append(list, d.str())
	}
	return list
}

func (d *stateReader) ints() []int {
	n := d.count()
	var list []int
	for i := 0; i < n && d.err == nil; i++ {
		list = append(list, d.int())
	}
	return list
}

func (d *stateReader) strMap() map[string]string {
	n := d.count()
	m := make(map[string]string, n)
	for i := 0; i < n && d.err == nil; i++ {
		k := d.str()
		m[k] = d.str()
	}
	return m
}

func (d *stateReader) variable() expand.Variable {
	var v expand.Variable
	v.Set, v.Local, v.Exported, v.ReadOnly = d.bool(), d.bool(), d.bool(), d.bool()
	v.Kind = expand.ValueKind(d.int())
	v.Str = d.str()
	hasList := d.bool()
	v.List = d.strs()
	if hasList && v.List == nil {
		v.List = []string{}
	}
	hasIdx := d.bool()
	v.Indexes = d.ints()
	if hasIdx && v.Indexes == nil {
		v.Indexes = []int{}
	}
	hasMap := d.bool()
	m := d.strMap()
	if hasMap {
		v.Map = m
	}
	return v
}

// Decode reads what Encode wrote into cs, which should be the zero
// State. A state cut short or damaged is an error
// (io.ErrUnexpectedEOF when it ends early), never a partial state taken
// as whole.
func (cs *State) Decode(r io.Reader) error {
	d := &stateReader{r: bufio.NewReader(r)}
	for n := d.count(); n > 0 && d.err == nil; n-- {
		k := d.count()
		sc := make(map[string]expand.Variable, k)
		for ; k > 0 && d.err == nil; k-- {
			name := d.str()
			sc[name] = d.variable()
		}
		cs.Scopes = append(cs.Scopes, sc)
		var attrs map[string]uint8
		for k := d.count(); k > 0 && d.err == nil; k-- {
			if attrs == nil {
				attrs = map[string]uint8{}
			}
			name := d.str()
			attrs[name] = uint8(d.int())
		}
		cs.Attrs = append(cs.Attrs, attrs)
	}
	cs.Funcs = d.strs()
	cs.Aliases = d.strMap()
	for n := d.count(); n > 0 && d.err == nil; n-- {
		cs.Opts = append(cs.Opts, d.bool())
	}
	n := d.count()
	cs.Shopts = make(map[string]bool, n)
	for ; n > 0 && d.err == nil; n-- {
		k := d.str()
		cs.Shopts[k] = d.bool()
	}
	cs.Traps = d.strMap()
	cs.Shown = d.strMap()
	cs.Dir = d.str()
	cs.Params = d.strs()
	cs.Arg0 = d.str()
	cs.Name = d.str()
	cs.PID = d.int()
	cs.PPID = d.int()
	cs.Start = time.Unix(0, int64(d.int()))
	cs.Status = d.int()
	cs.LastBg = d.int()
	cs.LastArg = d.str()
	cs.Line = uint(d.int())
	cs.FuncDepth = d.int()
	cs.NoErrExit = d.int()
	for n := d.count(); n > 0 && d.err == nil; n-- {
		var f callstack.Frame
		f.Name = d.str()
		f.File = d.str()
		f.Line = uint(d.int())
		f.Args = d.strs()
		f.HasArgs = d.bool()
		f.Fn = d.bool()
		cs.Frames = append(cs.Frames, f)
	}
	cs.FuncFiles = d.strMap()
	cs.FuncExport = d.strs()
	cs.DirStack = d.strs()
	cs.PipeStatus = d.ints()
	cs.DashC = d.bool()
	cs.Invoke = d.str()
	cs.Code = d.str()
	cs.Unwrap = d.bool()
	cs.HistBase = d.int()
	cs.HistEntries = d.strs()
	cs.CompSpecs = d.compSpecs()
	if errors.Is(d.err, io.EOF) {
		return io.ErrUnexpectedEOF
	}
	return d.err
}

// compSpecs writes a table of specifications.
func (e *stateWriter) compSpecs(m map[string]*CompSpec) {
	e.int(len(m))
	for _, name := range sortedKeys(m) {
		s := m[name]
		e.str(name)
		e.strs(s.Options)
		e.strs(s.Actions)
		for _, v := range []string{s.Glob, s.Words, s.Func, s.Command, s.Filter, s.Prefix, s.Suffix} {
			e.str(v)
		}
	}
}

// compSpecs reads what stateWriter.compSpecs wrote; nil for none.
func (d *stateReader) compSpecs() map[string]*CompSpec {
	n := d.count()
	if n == 0 {
		return nil
	}
	m := make(map[string]*CompSpec, n)
	for ; n > 0 && d.err == nil; n-- {
		name := d.str()
		s := &CompSpec{Options: d.strs(), Actions: d.strs()}
		for _, v := range []*string{&s.Glob, &s.Words, &s.Func, &s.Command, &s.Filter, &s.Prefix, &s.Suffix} {
			*v = d.str()
		}
		m[name] = s
	}
	return m
}

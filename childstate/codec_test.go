package childstate

import (
	"bytes"
	"reflect"
	"testing"
	"time"

	"mvdan.cc/sh/v3/expand"

	"pipesh/callstack"
)

// TestChildStateRoundTrip: every kind of state a child subshell is
// handed comes back as it went, bytes that are not UTF-8 included.
func TestChildStateRoundTrip(t *testing.T) {
	cs := &State{
		Scopes: []map[string]expand.Variable{
			{
				"s":     {Set: true, Kind: expand.String, Str: "a\xffb", Exported: true},
				"a":     {Set: true, Kind: expand.Indexed, List: []string{"1", "", "z"}, Indexes: []int{0, 3, 9}},
				"empty": {Set: true, Kind: expand.Indexed, List: []string{}},
				"m":     {Set: true, Kind: expand.Associative, Map: map[string]string{"k": "v", "": "e"}, ReadOnly: true},
				"n":     {Set: true, Kind: expand.NameRef, Str: "s"},
				"decl":  {Kind: expand.String, Exported: true},
			},
			{"l": {Set: true, Local: true, Kind: expand.String, Str: "local"}},
		},
		Attrs:     []map[string]uint8{{"a": 1, "s": 4}, nil}, // the shell's -i and -u bits
		Funcs:     []string{"f () \n{ \n    echo f\n}"},
		Aliases:   map[string]string{"ll": "ls -l"},
		Opts:      []bool{true, false, true},
		Shopts:    map[string]bool{"extglob": true, "nullglob": false},
		Traps:     map[string]string{"INT": ""},
		Shown:     map[string]string{"EXIT": "echo bye", "INT": ""},
		Dir:       "/tmp/x y",
		Params:    []string{"p 1", "", "\x00?"},
		Arg0:      "script.sh",
		Name:      "script.sh",
		PID:       1234,
		PPID:      1,
		Start:     time.Unix(0, 1700000000123456789),
		Status:    3,
		LastBg:    99,
		LastArg:   "last",
		Line:      42,
		FuncDepth: 2,
		NoErrExit: 1,
		Frames: callstack.Stack{
			{Name: "main", File: "script.sh", Args: []string{"a"}},
			{Name: "f", File: "lib sh", Line: 7, Args: []string{"x", ""}, HasArgs: true, Fn: true},
		},
		FuncFiles:   map[string]string{"f": "lib sh"},
		FuncExport:  []string{"f"},
		DirStack:    []string{"/tmp", "/"},
		PipeStatus:  []int{0, 141},
		DashC:       true,
		Invoke:      "c",
		Code:        "\n\n( echo $LINENO )",
		Unwrap:      true,
		HistBase:    5,
		HistEntries: []string{"echo one", "for i; do\\\necho $i; done"},
		CompSpecs: map[string]*CompSpec{
			"git": {Options: []string{"nospace"}, Actions: []string{"file"}, Func: "_git", Words: "a b"},
			"x":   {Prefix: "p", Suffix: "s", Glob: "*.c", Command: "c", Filter: "!*"},
		},
	}
	var buf bytes.Buffer
	if err := cs.Encode(&buf); err != nil {
		t.Fatal(err)
	}
	var got State
	if err := got.Decode(bytes.NewReader(buf.Bytes())); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(&got, cs) {
		t.Errorf("round trip changed the state:\n got %+v\nwant %+v", got, *cs)
	}
	// a state cut short is an error, never a partial state taken as whole
	var cut State
	if err := cut.Decode(bytes.NewReader(buf.Bytes()[:buf.Len()/2])); err == nil {
		t.Error("a truncated state decoded without error")
	}
}

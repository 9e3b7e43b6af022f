package main

import (
	"pipesh/shell"
	"reflect"
	"testing"
)

func TestParseArgs(t *testing.T) {
	for _, c := range []struct {
		args []string
		want invocation
	}{
		{[]string{"-c", "echo $0", "name", "a"}, invocation{wantCmd: true, args: []string{"echo $0", "name", "a"}}},
		// letters cluster; o and O take the next words in order; + unsets
		{[]string{"-exo", "pipefail", "+O", "extglob", "-c", "cmd"}, invocation{wantCmd: true, flags: []string{"-e", "-x"}, opts: []string{"pipefail"}, shopts: []string{"!extglob"}, args: []string{"cmd"}}},
		{[]string{"-oO", "errexit", "nullglob", "s.sh"}, invocation{opts: []string{"errexit"}, shopts: []string{"nullglob"}, args: []string{"s.sh"}}},
		{[]string{"+o", "posix", "+e", "s.sh", "-x"}, invocation{opts: []string{"!posix"}, flags: []string{"+e"}, args: []string{"s.sh", "-x"}}},
		{[]string{"-sin", "-l", "-r", "a"}, invocation{readStdin: true, interact: true, noExec: true, login: true, args: []string{"a"}}},
		{[]string{"--noprofile", "+l", "a"}, invocation{noprofile: true, login: true, args: []string{"a"}}},
		{[]string{"--norc", "--rcfile", "rc", "--posix", "--ipctrace", "--ipcgraph=g.dot", "--login"}, invocation{norc: true, rcfile: "rc", posix: true, ipctrace: true, ipcgraph: "g.dot", login: true, args: []string{}}},
		{[]string{"--init-file", "rc", "--ipcgraph", "g.dot", "--", "-c"}, invocation{rcfile: "rc", ipcgraph: "g.dot", args: []string{"-c"}}},
		{[]string{"-", "-x"}, invocation{args: []string{"-x"}}},
		{[]string{"+", "x"}, invocation{args: []string{"+", "x"}}},
		{[]string{"--version", "--bogus"}, invocation{show: "pipesh " + shell.Version + "\n"}},
		{[]string{"--help"}, invocation{show: usage}},
	} {
		got, err := parseArgs(c.args, false)
		if err != nil {
			t.Errorf("parseArgs(%q): %v", c.args, err)
			continue
		}
		if !reflect.DeepEqual(*got, c.want) {
			t.Errorf("parseArgs(%q) =\n%+v, want\n%+v", c.args, *got, c.want)
		}
	}
}

func TestParseArgsErrors(t *testing.T) {
	for _, c := range []struct {
		args      []string
		msg       string
		withUsage bool
	}{
		{[]string{"-c"}, "-c: option requires an argument", false},
		{[]string{"-o"}, "-o: option requires an argument", false},
		{[]string{"+O"}, "-O: option requires an argument", false},
		{[]string{"-eq"}, "-q: invalid option", true},
		{[]string{"+q"}, "-q: invalid option", true},
		{[]string{"--rcfile"}, "--rcfile: option requires an argument", false},
		{[]string{"--ipcgraph"}, "--ipcgraph: option requires an argument", false},
		{[]string{"--bogus", "--help"}, "--bogus: invalid option", true},
		{[]string{"--norc=1"}, "--norc=1: invalid option", true},
	} {
		_, err := parseArgs(c.args, false)
		ue, ok := err.(*usageError)
		if !ok || ue.msg != c.msg || ue.withUsage != c.withUsage {
			t.Errorf("parseArgs(%q): error %#v, want %q (usage %v)", c.args, err, c.msg, c.withUsage)
		}
	}
}

func TestParseArgsPosixFromEnvironment(t *testing.T) {
	inv, err := parseArgs([]string{"s.sh"}, true)
	if err != nil || !inv.posix {
		t.Errorf("POSIX mode from the start is lost: %+v, %v", inv, err)
	}
}

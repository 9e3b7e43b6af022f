package builtins

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"pipesh/testops"
)

// testShell is what the test operators read of the shell: variables (-v,
// -R), options (-o), fds (-t) and the directory files are taken against.
type testShell interface {
	arithShell
	Fds
	Dirs
}

// test and [ evaluate a conditional expression with bash's rules: up to
// four arguments are read by the POSIX argument-count rules, longer
// expressions by a parser with ! ( ) -a -o. A syntax error gives status 2.
// The operators themselves are package testops', shared with [[ ]].
func testCmd(ctx context.Context, c *Call, sh testShell) int {
	args := c.Args
	if c.Name == "[" {
		if len(args) == 0 || args[len(args)-1] != "]" {
			c.Sh.Errorf(c, "missing `]'")
			return 2
		}
		args = args[:len(args)-1]
	}
	t := &testParser{sh: sh, args: args}
	ok, err := t.run()
	if err != nil {
		c.Sh.Errorf(c, "%s", err)
		return 2
	}
	if ok {
		return 0
	}
	return 1
}

// testError is a syntax or integer error; it unwinds the parser.
type testError struct{ msg string }

func (e *testError) Error() string { return e.msg }

type testParser struct {
	sh   testShell
	args []string
	pos  int
}

func (t *testParser) fail(format string, a ...any) {
	panic(&testError{fmt.Sprintf(format, a...)})
}

func (t *testParser) run() (ok bool, err error) {
	defer func() {
		if r := recover(); r != nil {
			te, isTest := r.(*testError)
			if !isTest {
				panic(r)
			}
			err = te
		}
	}()
	ok = t.posix()
	if t.pos < len(t.args) {
		if strings.HasPrefix(t.args[t.pos], "-") {
			t.fail("syntax error: `%s' unexpected", t.args[t.pos])
		}
		t.fail("too many arguments")
	}
	return ok, nil
}

// posix applies the argument-count rules of POSIX test, which bash follows
// for up to four arguments.
func (t *testParser) posix() bool {
	a := t.args
	switch len(a) {
	case 0:
		return false
	case 1:
		t.pos = 1
		return a[0] != ""
	case 2:
		t.pos = 2
		return t.two(a[0], a[1])
	case 3:
		t.pos = 3
		return t.three(a[0], a[1], a[2])
	case 4:
		if a[0] == "!" {
			t.pos = 4
			return !t.three(a[1], a[2], a[3])
		}
		if a[0] == "(" && a[3] == ")" {
			t.pos = 4
			return t.two(a[1], a[2])
		}
	}
	return t.expr()
}

func (t *testParser) two(a, b string) bool {
	if a == "!" {
		return b == ""
	}
	if !testops.IsUnaryTestOp(a) {
		t.fail("%s: unary operator expected", a)
	}
	return t.unary(a, b)
}

func (t *testParser) three(a, b, c string) bool {
	switch {
	case testops.IsBinaryTestOp(b):
		return t.binary(a, b, c)
	case b == "-a":
		return a != "" && c != ""
	case b == "-o":
		return a != "" || c != ""
	case a == "!":
		return !t.two(b, c)
	case a == "(" && c == ")":
		return b != ""
	}
	t.fail("%s: binary operator expected", b)
	return false
}

func (t *testParser) expr() bool {
	v := t.and()
	for t.pos < len(t.args) && t.args[t.pos] == "-o" {
		t.pos++
		r := t.and()
		v = v || r
	}
	return v
}

func (t *testParser) and() bool {
	v := t.term()
	for t.pos < len(t.args) && t.args[t.pos] == "-a" {
		t.pos++
		r := t.term()
		v = v && r
	}
	return v
}

func (t *testParser) term() bool {
	a := t.args
	if t.pos >= len(a) {
		t.fail("argument expected")
	}
	if a[t.pos] == "!" {
		neg := false
		for t.pos < len(a) && a[t.pos] == "!" {
			neg = !neg
			t.pos++
		}
		return t.term() != neg
	}
	if a[t.pos] == "(" {
		t.pos++
		v := t.expr()
		if t.pos >= len(a) {
			t.fail("`)' expected")
		}
		if a[t.pos] != ")" {
			t.fail("`)' expected, found %s", a[t.pos])
		}
		t.pos++
		return v
	}
	if t.pos+3 <= len(a) && testops.IsBinaryTestOp(a[t.pos+1]) {
		t.pos += 3
		return t.binary(a[t.pos-3], a[t.pos-2], a[t.pos-1])
	}
	if t.pos+2 <= len(a) && testops.IsUnaryTestOp(a[t.pos]) {
		if a[t.pos] == "-t" {
			// -t takes an optional fd; a non-number is not its argument.
			if _, err := strconv.Atoi(strings.TrimSpace(a[t.pos+1])); err != nil {
				t.pos++
				return t.unary("-t", "1")
			}
		}
		t.pos += 2
		return t.unary(a[t.pos-2], a[t.pos-1])
	}
	t.pos++
	return a[t.pos-1] != ""
}

func (t *testParser) unary(op, arg string) bool {
	return testops.UnaryTest(testEnv{t.sh}, op, arg)
}

func (t *testParser) binary(a, op, b string) bool {
	var env testops.Env
	if op == "-nt" || op == "-ot" || op == "-ef" {
		// only the file comparisons look at the shell: the boxing of
		// testEnv would cost an allocation per [ $i -lt $n ]
		env = testEnv{t.sh}
	}
	ok, err := testops.BinaryTest(env, op, a, b)
	if err != nil {
		t.fail("%s", err)
	}
	return ok
}

// testEnv is what the test operators see of the shell, with arithmetic
// for subscripts as arithIndex evaluates it.
type testEnv struct{ testShell }

func (e testEnv) EvalArith(expr string) (int, error) { return arithIndex(e.testShell, expr) }

package arith

import (
	"errors"
	"fmt"
	"os/exec"
	"strconv"
	"strings"
	"testing"
)

// testVars is a set of variables for the evaluator: strings, dense
// indexed arrays and associative arrays.
type testVars struct {
	str      map[string]string
	list     map[string][]string
	assoc    map[string]map[string]string
	readonly map[string]bool
	noUnset  bool
}

func newTestVars() *testVars {
	return &testVars{str: map[string]string{}, list: map[string][]string{}, assoc: map[string]map[string]string{}, readonly: map[string]bool{}}
}

func (v *testVars) IsAssoc(name string) bool { _, ok := v.assoc[name]; return ok }
func (v *testVars) NoUnset() bool            { return v.noUnset }

func (v *testVars) Get(name string, sub Sub) (string, bool) {
	if m, ok := v.assoc[name]; ok {
		key := "0"
		if sub.Text != "" {
			key = sub.Key
		}
		s, ok := m[key]
		return s, ok
	}
	if l, ok := v.list[name]; ok {
		i := sub.Index
		if i < 0 {
			i += len(l)
		}
		if i < 0 || i >= len(l) {
			return "", false
		}
		return l[i], true
	}
	s, ok := v.str[name]
	if sub.Index != 0 {
		return "", false
	}
	return s, ok
}

func (v *testVars) Set(name string, sub Sub, val string) error {
	if v.readonly[name] {
		return fmt.Errorf("%s: readonly variable", name)
	}
	if m, ok := v.assoc[name]; ok {
		key := "0"
		if sub.Text != "" {
			key = sub.Key
		}
		m[key] = val
		return nil
	}
	if sub.Text == "" {
		if l, ok := v.list[name]; ok {
			l[0] = val
			return nil
		}
		v.str[name] = val
		return nil
	}
	l := v.list[name]
	if s, ok := v.str[name]; ok && l == nil {
		l = []string{s}
		delete(v.str, name)
	}
	i := sub.Index
	if i < 0 {
		i += len(l)
	}
	if i < 0 {
		return fmt.Errorf("%s[%s]: bad array subscript", name, sub.Text)
	}
	for len(l) <= i {
		l = append(l, "")
	}
	l[i] = val
	v.list[name] = l
	return nil
}

// exampleVars are the variables the table tests read.
func exampleVars() *testVars {
	v := newTestVars()
	v.str["e"] = "2+3"
	v.str["five"] = "5"
	v.str["rec"] = "rec"
	v.str["bad"] = "42x"
	v.list["arr"] = []string{"10", "20", "30"}
	v.assoc["asc"] = map[string]string{"k": "7", "0": "9"}
	return v
}

// evalTests are expressions with their value, or the whole message of
// their error.
var evalTests = []struct {
	in   string
	want int64
	err  string
}{
	{in: "", want: 0},
	{in: "   ", want: 0},
	{in: "1+2*3", want: 7},
	{in: "(1+2)*3", want: 9},
	{in: "2**3**2", want: 512},
	{in: "-2**2", want: 4},
	{in: "7/2, 7%-2, -7/2", want: -3},
	{in: "1 ? 2 : 3", want: 2},
	{in: "0 ? 2 : 0 ? 3 : 4", want: 4},
	{in: "1 || 1/0", want: 1},
	{in: "0 && 1/0", want: 0},
	{in: "0 ? 1/0 : 5", want: 5},
	{in: "1 ? 5 : 1/0", want: 5},
	{in: "2 || 0, 0 || 3, 0 || 0, 2 && 3", want: 1},
	{in: "1 < 2 == 1", want: 1},
	{in: "!0 + ~0", want: 0},
	{in: "1 << 63", want: -1 << 63},
	{in: "5 << -1", want: -1 << 63},
	{in: "16 >> -1", want: 0},
	{in: "-9223372036854775807 - 1", want: -1 << 63},
	{in: "(-9223372036854775807 - 1) / -1", want: -1 << 63},
	{in: "(-9223372036854775807 - 1) % -1", want: 0},
	{in: "9223372036854775807 + 1", want: -1 << 63},
	{in: "010 + 0x10 + 0X1f", want: 8 + 16 + 31},
	{in: "2#101 + 16#ff + 36#Z + 62#Z + 64#@_", want: 5 + 255 + 35 + 61 + 4031},
	{in: "0x", want: 0},
	{in: "10#08", want: 8},
	{in: "e*2", want: 10},
	{in: "five", want: 5},
	{in: "unset_var + 1", want: 1},
	{in: "arr + arr[1] + arr[-1] + arr[1+1]", want: 10 + 20 + 30 + 30},
	{in: "arr[7]", want: 0},
	{in: "asc + asc[k] + asc['k']", want: 9 + 7 + 7},
	{in: "x = 3, x += 2, x *= 3, x -= 1, x /= 2, x %= 4, x <<= 3, x >>= 1, x &= 6, x |= 1, x ^= 2", want: 7},
	{in: "y = 5, y++ + ++y", want: 12},
	{in: "z = 5, z-- - --z", want: 2},
	{in: "1 - -2", want: 3},
	{in: "--1", want: 1},
	{in: "1/0", err: `1/0: division by 0 (error token is "0")`},
	{in: " 1 / 0 ", err: `1 / 0 : division by 0 (error token is "0 ")`},
	{in: "5 % 0", err: `5 % 0: division by 0 (error token is "0")`},
	{in: "2**-1", err: `2**-1: exponent less than 0 (error token is "1")`},
	{in: "2+", err: `2+: syntax error: operand expected (error token is "+")`},
	{in: "'1' + 2", err: `'1' + 2: syntax error: operand expected (error token is "'1' + 2")`},
	{in: "1 2", err: `1 2: syntax error in expression (error token is "2")`},
	{in: "1 @", err: `1 @: syntax error: invalid arithmetic operator (error token is "@")`},
	{in: "5 + 5.4", err: `5 + 5.4: syntax error: invalid arithmetic operator (error token is ".4")`},
	{in: "09", err: `09: value too great for base (error token is "09")`},
	{in: "09 + 1", err: `09: value too great for base (error token is "09")`},
	{in: "42x", err: `42x: value too great for base (error token is "42x")`},
	{in: "2#2", err: `2#2: value too great for base (error token is "2#2")`},
	{in: "2#", err: `2#: invalid integer constant (error token is "2#")`},
	{in: "65#1", err: `65#1: invalid arithmetic base (error token is "65#1")`},
	{in: "bad + 1", err: `42x: value too great for base (error token is "42x")`},
	{in: "rec", err: `rec: expression recursion level exceeded (error token is "rec")`},
	{in: "(1 + 2) = 3", err: `(1 + 2) = 3: attempted assignment to non-variable (error token is "= 3")`},
	{in: "1 ? 2", err: "1 ? 2: `:' expected for conditional expression (error token is \"2\")"},
	{in: "a[1", err: `a[1: bad array subscript (error token is "a[1")`},
	{in: "arr[ ]", err: `arr[ ]: bad array subscript (error token is "arr[ ]")`},
	// errors in a part that is not evaluated are syntax errors still
	{in: "0 && (1 +)", err: `0 && (1 +): syntax error: operand expected (error token is ")")`},
	{in: "1 || 09", err: `1 || 09: value too great for base (error token is "09")`},
	// what is done before an error is done first
	{in: "1/0 09", err: `1/0 09: value too great for base (error token is "09")`},
	{in: "2**-1 +", err: `2**-1 +: exponent less than 0 (error token is "+")`},
}

func TestEval(t *testing.T) {
	cache := new(Cache)
	for _, c := range []*Cache{nil, cache, cache} { // parsed, cached, from the cache
		for _, tt := range evalTests {
			got, err := Eval(tt.in, exampleVars(), c)
			switch {
			case tt.err != "":
				if err == nil || err.Error() != tt.err {
					t.Errorf("%q: got %d, %v; want error %s", tt.in, got, err, tt.err)
				}
			case err != nil:
				t.Errorf("%q: unexpected error %v", tt.in, err)
			case got != tt.want:
				t.Errorf("%q = %d, want %d", tt.in, got, tt.want)
			}
		}
	}
}

func TestEvalAssigns(t *testing.T) {
	v := newTestVars()
	v.assoc["m"] = map[string]string{}
	v.str["x"] = "1/0" // about to be assigned: not read
	for _, s := range []string{"a[2] = 7", "a[2] += 1", "a[0]++", "m[key] = 4", "m[key]++", "i = 1, a[i+2] = 9", "x = 5"} {
		if _, err := Eval(s, v, nil); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
	if got := strings.Join(v.list["a"], " "); got != "1  8 9" {
		t.Errorf("a = %q, want 1 8 9 at 0 2 3", got)
	}
	if got := v.assoc["m"]["key"]; got != "5" {
		t.Errorf("m[key] = %q, want 5", got)
	}
	if got := v.str["x"]; got != "5" {
		t.Errorf("x = %q, want 5", got)
	}
}

// TestEvalSubscriptOnce: the subscript of a[...]++ and a[...] op= is
// evaluated once, for the read and the store, as in bash.
func TestEvalSubscriptOnce(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"a[i++]++", "1 2 2 3"},
		{"a[i++] += 5", "1 6 2 3"},
		{"++a[i++]", "1 2 2 3"},
		{"a[i++] = 5", "1 5 2 3"},
		{"a[i++] *= a[i++] += 1", "2 3 3 3"},
	} {
		v := newTestVars()
		v.list["a"] = []string{"1", "2", "3"}
		v.str["i"] = "0"
		if _, err := Eval(tt.in, v, nil); err != nil {
			t.Fatalf("%s: %v", tt.in, err)
		}
		if got := v.str["i"] + " " + strings.Join(v.list["a"], " "); got != tt.want {
			t.Errorf("%s: i a = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestEvalNoUnset(t *testing.T) {
	v := newTestVars()
	v.noUnset = true
	_, err := Eval("1 + nope[2]", v, nil)
	var ue *UnboundError
	if !errors.As(err, &ue) || err.Error() != "nope[2]: unbound variable" {
		t.Errorf("got %v, want nope[2]: unbound variable", err)
	}
	if n, err := Eval("0 && nope", v, nil); n != 0 || err != nil {
		t.Errorf("0 && nope = %d, %v; want 0 (not read)", n, err)
	}
}

func TestEvalSetError(t *testing.T) {
	v := newTestVars()
	v.readonly["r"] = true
	if _, err := Eval("r = 1", v, nil); err == nil || err.Error() != "r: readonly variable" {
		t.Errorf("got %v, want r: readonly variable", err)
	}
	if _, err := Eval("b[-1] = 1", v, nil); err == nil || err.Error() != "b[-1]: bad array subscript" {
		t.Errorf("got %v, want b[-1]: bad array subscript", err)
	}
}

// TestErrorFromCacheIsFresh: a caller may set Cmd on the error it gets;
// that must not reach the next evaluation of the same text.
func TestErrorFromCacheIsFresh(t *testing.T) {
	c := new(Cache)
	for range 2 {
		_, err := Eval("1 +", newTestVars(), c)
		var ae *Error
		if !errors.As(err, &ae) {
			t.Fatalf("got %v, want an *Error", err)
		}
		if ae.Cmd != "" {
			t.Fatalf("Cmd = %q from an earlier caller", ae.Cmd)
		}
		ae.Cmd = "(("
	}
}

func TestCacheBounded(t *testing.T) {
	c := new(Cache)
	for i := range 100_000 {
		if _, err := Eval(strconv.Itoa(i)+" + 1", nil, c); err != nil {
			t.Fatal(err)
		}
	}
	if n := c.size.Load(); n < 1 || n > cacheMaxBytes {
		t.Errorf("cache holds %d bytes, want 1 to %d", n, cacheMaxBytes)
	}
	kept := 0
	c.m.Range(func(any, any) bool { kept++; return true })
	if kept < 100 || kept > cacheMaxBytes/100 {
		t.Errorf("cache keeps %d texts", kept)
	}
	long := strings.Repeat("1+", cacheMaxText) + "1"
	if n, err := Eval(long, nil, c); err != nil || n != cacheMaxText+1 {
		t.Fatalf("long text = %d, %v", n, err)
	}
	if _, ok := c.m.Load(long); ok {
		t.Errorf("a text over %d bytes was kept", cacheMaxText)
	}
}

// bashTests are expressions without variables whose value or error
// message is compared with bash's.
var bashTests = []string{
	"1+2*3", "2**62", "2**63", "-2**2", "7/-2", "-7%3", "1<<64", "1<<-1",
	"~5", "!3", "1?2:3", "0?2:3", "0||0", "3&&4", "0x1F + 0X1f", "017",
	"2#1010", "36#zz", "64#_", "1,2,3", "(((1)))", "5>3==1", "1 ^ 3 | 4 & 5",
	"1/0", "5%0", "2**-1", "1+", "+", "1 2", "1 @", "5.4", "09", "2#2",
	"2#", "65#1", "1#1", "(1)=2", "1?2", "1?:2", "(1", "1)", "a[1", "0&&(1+)",
	"1||09", "1/0 09", "x=5,x+=2,x", "x++ + ++x", "3 = 4", "1/0+2", "1 / (0) ",
	"1 %  0 * 3", "x=1, x /= 0 + 0", "1/0?1:2", "4 / -0 + 1", "1+(1/0)*2",
	// only a lone variable is assigned
	"-x = 3", "1 ? 2 : x = 3", "1 + x = 3", "0 && x = 3", "x == y = 3", "++x = 3",
	"1 + x += 3", "x = y = 3", "x , y = 3",
	// a character that starts no token fails as it is read
	"1/0 @", "(2) @", "1 >= (2) @", "((1) @)", "(1 @)", "x++ @", "x=5, (2) @", "1 + $",
	// a negative exponent fails even where nothing is evaluated
	"0 && 2**-1", "1 || x**-1", "1 ? 2 : 3**~x", "0 ? 2**-1 : 3", "1 || (1 ? 5 : 2**-1)",
	"0 && 2**(1/0 - 2)", "0 && 2**(x++ - 1)", "0 && (x /= 0) ** -1", "1 || 2**(x=-1)",
	"0 && 2 ** -1 ** 1", "x = 1, 0 && 2**-1",
}

func TestEvalLikeBash(t *testing.T) {
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("no bash")
	}
	for _, e := range bashTests {
		// the text reaches bash's evaluator as it is, through $1
		out, err := exec.Command(bash, "-c", `echo "$(($1))"`, "bash", e).CombinedOutput()
		want := strings.TrimSuffix(string(out), "\n")
		if err != nil {
			_, want, _ = strings.Cut(want, "line 1: ")
		}
		n, gerr := Eval(e, newTestVars(), nil)
		got := strconv.FormatInt(n, 10)
		if gerr != nil {
			got = gerr.Error()
		}
		if got != want {
			t.Errorf("$((%s)): got %q, bash %q", e, got, want)
		}
	}
}

package arithsrc

import (
	"strings"
	"testing"

	"mvdan.cc/sh/v3/syntax"

	"pipesh/arith"
)

// fakeShell expands $name from vars and counts the expansions; it
// evaluates a nested $(( )) as 7, and a subscript or slice bound as the
// length of its text (enough to see which was asked for).
type fakeShell struct {
	vars    map[string]string
	assoc   map[string]bool
	expands int
}

func (f *fakeShell) Expand(part syntax.WordPart) (string, error) {
	f.expands++
	switch p := part.(type) {
	case *syntax.ParamExp:
		return f.vars[p.Param.Value], nil
	case *syntax.SglQuoted:
		return p.Value, nil
	}
	return "?", nil
}

func (f *fakeShell) ArithExp(x *syntax.ArithmExp) (int, error) { return 7, nil }

func (f *fakeShell) Arith(x syntax.ArithmExpr) (int, error) {
	s, _, err := Text(f, x, -1, -1, false)
	return len(s), err
}

func (f *fakeShell) IsAssoc(name string) bool { return f.assoc[name] }

// firstArithm parses src and returns its first $(( )).
func firstArithm(t *testing.T, src string) *syntax.ArithmExp {
	t.Helper()
	file, err := syntax.NewParser().Parse(strings.NewReader(src), "")
	if err != nil {
		t.Fatal(err)
	}
	var ae *syntax.ArithmExp
	syntax.Walk(file, func(n syntax.Node) bool {
		if x, ok := n.(*syntax.ArithmExp); ok && ae == nil {
			ae = x
		}
		return ae == nil
	})
	if ae == nil {
		t.Fatalf("no $(( )) in %q", src)
	}
	return ae
}

func TestText(t *testing.T) {
	tests := []struct {
		src     string
		unquote bool
		want    string
		static  bool
	}{
		{"echo $(( 1 +  2 ))", false, " 1 +  2 ", true},
		{"echo $((x*2))", false, "x*2", true},
		{"echo $(( $x * 2 ))", false, " 1+2 * 2 ", false},
		{"echo $(( ${x} ))", false, " 1+2 ", false},
		{"echo $(( a[i+1] ))", false, " a[i+1] ", true},
		{"echo $(( a[i]++ ))", false, " a[i]++ ", true},
		{"echo $(( -(1) ))", false, " -(1) ", true},
		{"echo $(( 'x' + 1 ))", false, " 'x' + 1 ", true},
		{"echo $(( $'x' ))", false, " $'x' ", true},
		{"echo $(( 'x' + 1 ))", true, " x + 1 ", false},
		{"echo $(( 1 + $((2)) ))", false, " 1 + 7 ", false},
	}
	for _, tt := range tests {
		sh := &fakeShell{vars: map[string]string{"x": "1+2"}}
		ae := firstArithm(t, tt.src)
		from, to := int(ae.Left.Offset())+3, int(ae.Right.Offset())
		got, static, err := Text(sh, ae.X, from, to, tt.unquote)
		if err != nil {
			t.Errorf("%s: %v", tt.src, err)
			continue
		}
		if got != tt.want || static != tt.static {
			t.Errorf("%s: got %q, static %v; want %q, static %v", tt.src, got, static, tt.want, tt.static)
		}
	}
}

func TestTextNil(t *testing.T) {
	s, static, err := Text(&fakeShell{}, nil, -1, -1, false)
	if s != "" || !static || err != nil {
		t.Errorf("Text(nil) = %q, %v, %v", s, static, err)
	}
}

func TestCacheKeepsOnlyStatic(t *testing.T) {
	var c Cache
	var exprs arith.Cache
	sh := &fakeShell{vars: map[string]string{"x": "3"}}
	static := firstArithm(t, "echo $(( i + 1 ))").X
	for range 2 {
		s, e, err := c.Expr(sh, &exprs, static, -1, -1, false)
		if err != nil || e == nil || s != "" {
			t.Fatalf("static: got %q, %v, %v; want a parsed Expr", s, e, err)
		}
		if e.Text() != "i + 1" {
			t.Errorf("static: text %q", e.Text())
		}
	}
	dynamic := firstArithm(t, "echo $(( $x + 1 ))").X
	for i := range 2 {
		s, e, err := c.Expr(sh, &exprs, dynamic, -1, -1, false)
		if err != nil || e != nil || s != "3 + 1" {
			t.Fatalf("dynamic: got %q, %v, %v; want its text", s, e, err)
		}
		if sh.expands != i+1 {
			t.Errorf("dynamic: expanded %d times after %d uses", sh.expands, i+1)
		}
	}
}

func TestResolve(t *testing.T) {
	tests := []struct{ src, want string }{
		{`echo ${a[i+1]}`, `${a[3]}`},          // an indexed array's subscript, evaluated
		{`echo ${m[i+1]}`, `${m['i+1']}`},      // associative: the key is the text
		{`echo ${x:1+1:22}`, `${x:3:2}`},       // slice bounds
		{`echo "$((1))${a[2]}"`, `"7${a[2]}"`}, // inside quotes; a literal index stays
		{`echo ${x-${a[j]}}`, `${x-${a[1]}}`},  // the word of ${x-word}
		{`echo plain$x`, `plain$x`},            // nothing to do
	}
	for _, tt := range tests {
		file, err := syntax.NewParser().Parse(strings.NewReader(tt.src), "")
		if err != nil {
			t.Fatal(err)
		}
		w := file.Stmts[0].Cmd.(*syntax.CallExpr).Args[1]
		sh := &fakeShell{assoc: map[string]bool{"m": true}}
		got, err := Resolve(sh, w)
		if err != nil {
			t.Errorf("%s: %v", tt.src, err)
			continue
		}
		var sb strings.Builder
		syntax.NewPrinter().Print(&sb, got)
		if sb.String() != tt.want {
			t.Errorf("%s: got %s, want %s", tt.src, sb.String(), tt.want)
		}
		if tt.want == tt.src[len("echo "):] && got != w {
			t.Errorf("%s: a word with nothing to resolve was copied", tt.src)
		}
	}
}

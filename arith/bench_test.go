package arith

import "testing"

// The benchmarks evaluate texts a script evaluates again and again,
// with the parsed form kept (Cache) and parsed each time (nil), over
// variables held in maps.

func benchEval(b *testing.B, s string, cache *Cache) {
	v := newTestVars()
	v.str["i"] = "12345"
	v.str["n"] = "300000"
	v.list["a"] = []string{"1", "2", "3", "4"}
	if _, err := Eval(s, v, cache); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Eval(s, v, cache); err != nil {
			b.Fatal(err)
		}
	}
}

// the loop counter: i=$((i+1))
func BenchmarkCounter(b *testing.B)        { benchEval(b, "i+1", new(Cache)) }
func BenchmarkCounterNoCache(b *testing.B) { benchEval(b, "i+1", nil) }

// a condition with an element and a ternary
const benchExpr = " (i * 3 + a[2]) % 7 == 0 && i < n ? i / 2 : a[i % 4] << 1 "

func BenchmarkExpr(b *testing.B)        { benchEval(b, benchExpr, new(Cache)) }
func BenchmarkExprNoCache(b *testing.B) { benchEval(b, benchExpr, nil) }

// an assignment: ((i += 1))
func BenchmarkAssign(b *testing.B)        { benchEval(b, "i += 1", new(Cache)) }
func BenchmarkAssignNoCache(b *testing.B) { benchEval(b, "i += 1", nil) }

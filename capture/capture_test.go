package capture

import (
	"bytes"
	"io"
	"os"
	"strings"
	"testing"
)

// TestCopy: outputs of every size, from none to several mapped chunks
// and not a multiple of anything, arrive whole and in order, in a
// destination that grows and in one that does not.
func TestCopy(t *testing.T) {
	for _, size := range []int{0, 1, 511, captureSmall, captureSmall + 1, captureChunk + captureSmall + 7, 2*captureChunk + 3} {
		data := make([]byte, size)
		for i := range data {
			data[i] = byte('a' + i%26 + i/captureChunk)
		}
		for _, grows := range []bool{true, false} {
			pr, pw, err := os.Pipe()
			if err != nil {
				t.Fatal(err)
			}
			go func() {
				pw.Write(data)
				pw.Close()
			}()
			var buf bytes.Buffer
			var w io.Writer = &buf
			if !grows {
				w = struct{ io.Writer }{&buf} // hides Grow
			}
			err = Copy(w, pr)
			pr.Close()
			if err != nil {
				t.Errorf("%d bytes (grows %v): %v", size, grows, err)
			}
			if !bytes.Equal(buf.Bytes(), data) {
				t.Errorf("%d bytes (grows %v): got %d bytes, not the same", size, grows, buf.Len())
			}
		}
	}
}

// TestCopyReadError: a read error other than EOF is returned, after what
// was read before it.
func TestCopyReadError(t *testing.T) {
	pr, pw, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	pw.Close()
	pr.Close() // reading a closed file fails
	var sb strings.Builder
	if err := Copy(&sb, pr); err == nil {
		t.Error("Copy of a closed file reported no error")
	}
}

// BenchmarkCapture is the capture of a 16 MiB command substitution
// output: bytes allocated per op should stay near 16 MiB.
func BenchmarkCapture(b *testing.B) {
	data := strings.Repeat("a", 16<<20)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		pr, pw, err := os.Pipe()
		if err != nil {
			b.Fatal(err)
		}
		go func() {
			pw.WriteString(data)
			pw.Close()
		}()
		var sb strings.Builder
		if err := Copy(&sb, pr); err != nil {
			b.Fatal(err)
		}
		pr.Close()
		if sb.Len() != len(data) {
			b.Fatalf("captured %d bytes", sb.Len())
		}
	}
}

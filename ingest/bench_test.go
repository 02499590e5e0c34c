package ingest

import (
	"bufio"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

// writeFashionMNIST writes a file shaped like Fashion-MNIST's training set
// (60000 rows, label 0–9, 784 pixels 0–255, about half of them 0) as CSV
// and as LibSVM, seeded, and returns the two paths.
func writeFashionMNIST(tb testing.TB, dir string, rows int) (csvPath, svmPath string) {
	tb.Helper()
	const cols = 784
	csvPath = filepath.Join(dir, "fashion.csv")
	svmPath = filepath.Join(dir, "fashion.svm")
	cf, err := os.Create(csvPath)
	if err != nil {
		tb.Fatal(err)
	}
	sf, err := os.Create(svmPath)
	if err != nil {
		tb.Fatal(err)
	}
	cw, sw := bufio.NewWriterSize(cf, 1<<20), bufio.NewWriterSize(sf, 1<<20)
	line := []byte("label")
	for j := 1; j <= cols; j++ {
		line = append(line, ",pixel"...)
		line = strconv.AppendInt(line, int64(j), 10)
	}
	cw.Write(append(line, '\n'))
	r := rand.New(rand.NewPCG(1, 2))
	var sl []byte
	for i := 0; i < rows; i++ {
		y := int64(r.IntN(10))
		line = strconv.AppendInt(line[:0], y, 10)
		sl = strconv.AppendInt(sl[:0], y, 10)
		for j := 1; j <= cols; j++ {
			v := int64(0)
			if r.IntN(2) == 0 {
				v = int64(r.IntN(255) + 1)
			}
			line = append(line, ',')
			line = strconv.AppendInt(line, v, 10)
			if v != 0 {
				sl = append(sl, ' ')
				sl = strconv.AppendInt(sl, int64(j), 10)
				sl = append(sl, ':')
				sl = strconv.AppendInt(sl, v, 10)
			}
		}
		cw.Write(append(line, '\n'))
		sw.Write(append(sl, '\n'))
	}
	for _, err := range []error{cw.Flush(), sw.Flush(), cf.Close(), sf.Close()} {
		if err != nil {
			tb.Fatal(err)
		}
	}
	return csvPath, svmPath
}

// BenchmarkRead reads a generated Fashion-MNIST-sized file (60000×784,
// 131 MB as CSV, 175 MB as LibSVM) from disk; MB/s is file bytes per
// second.
func BenchmarkRead(b *testing.B) {
	csvPath, svmPath := writeFashionMNIST(b, b.TempDir(), 60000)
	for _, bm := range []struct {
		name, path string
		opt        Options
	}{
		{"CSV", csvPath, Options{}},
		{"CSV/Float32", csvPath, Options{Float32: true}},
		{"LibSVM", svmPath, Options{}},
	} {
		b.Run(bm.name, func(b *testing.B) {
			st, err := os.Stat(bm.path)
			if err != nil {
				b.Fatal(err)
			}
			b.SetBytes(st.Size())
			b.ReportAllocs()
			for b.Loop() {
				if _, _, err := ReadFile(bm.path, nil, bm.opt); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

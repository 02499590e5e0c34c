package cli

import (
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestBadInputs is the catalogue of bad inputs: each gives exit code 1, a
// one-line error starting "xent: " that names the place, and leaves an
// output file that existed before the run as it was.
func TestBadInputs(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := write("good.csv", "label,a,b\n0,1,2\n1,3,1\n0,0.5,2.5\n1,2.5,0.5\n")
	model := filepath.Join(dir, "model.json")
	if code, _, errOut := runCLI(t, "train", "--data", good, "--quiet", "--out", model); code != ExitOK {
		t.Fatalf("training the good model: %s", errOut)
	}
	modelBytes, _ := os.ReadFile(model)
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(bytes.Repeat([]byte("0,1,2\n"), 2000))
	zw.Close()
	truncated := write("trunc.csv.gz", string(gz.Bytes()[:gz.Len()/2]))
	future := write("future.json", strings.Replace(string(modelBytes), `"version": 1`, `"version": 7`, 1))
	damaged := write("damaged.json", string(modelBytes[:len(modelBytes)/2]))
	garbage := write("garbage.json", "\x00\x01 not a model")

	tests := []struct {
		name string
		args []string
		want string // a piece of the error line naming the place
	}{
		{"empty file", []string{"train", "--data", write("empty.csv", "")}, "empty.csv"},
		{"header only", []string{"train", "--data", write("header.csv", "label,a,b\n")}, "header.csv:2"},
		{"ragged row", []string{"train", "--data", write("ragged.csv", "label,a,b\n0,1,2\n1,2\n")}, "ragged.csv:3"},
		{"non-numeric value", []string{"train", "--data", write("text.csv", "label,a,b\n0,1,2\n1,x,3\n")}, "text.csv:3:3"},
		{"NaN", []string{"train", "--data", write("nan.csv", "label,a,b\n0,1,NaN\n1,2,3\n")}, "nan.csv:2:5"},
		{"Inf", []string{"train", "--data", write("inf.csv", "label,a,b\n0,1,2\n1,-Inf,3\n")}, "inf.csv:3:3"},
		{"one class only", []string{"train", "--data", write("one.csv", "label,a\n1,1\n1,2\n")}, "one.csv"},
		{"unknown label at evaluation", []string{"eval", "--model", model, "--data", write("unknown.csv", "label,a,b\n0,1,2\n7,1,1\n")}, "unknown.csv:3"},
		{"missing column at prediction", []string{"predict", "--model", model, "--data", write("nocol.csv", "label,a\n0,1\n")}, "nocol.csv"},
		{"LibSVM index 0", []string{"train", "--data", write("zero.svm", "1 0:1 2:3\n0 1:1\n")}, "zero.svm:1"},
		{"LibSVM unsorted indices", []string{"train", "--data", write("unsorted.svm", "1 3:1 2:3\n0 1:1\n")}, "unsorted.svm:1"},
		{"LibSVM duplicate index", []string{"train", "--data", write("dup.svm", "1 2:1 2:3\n0 1:1\n")}, "dup.svm:1"},
		{"truncated gzip", []string{"train", "--data", truncated}, "trunc.csv.gz"},
		{"model of a future version", []string{"eval", "--model", future, "--data", good}, "future.json: format version 7"},
		{"damaged model", []string{"eval", "--model", damaged, "--data", good}, "damaged.json"},
		{"not a model", []string{"predict", "--model", garbage, "--data", good}, "garbage.json"},
		{"missing input", []string{"train", "--data", filepath.Join(dir, "nope.csv")}, "nope.csv"},
		{"missing model", []string{"eval", "--model", filepath.Join(dir, "nope.json"), "--data", good}, "nope.json"},
		{"unwritable output", []string{"train", "--data", good, "--out", filepath.Join(dir, "no-such-dir", "m.json")}, "no-such-dir"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := filepath.Join(dir, "existing-output.json")
			if err := os.WriteFile(out, []byte("precious"), 0o644); err != nil {
				t.Fatal(err)
			}
			args := tt.args
			if !slices.Contains(args, "--out") && args[0] != "eval" {
				args = append(args, "--out", out)
			}
			if args[0] == "train" {
				args = append(args, "--quiet")
			}
			code, _, errOut := runCLI(t, args...)
			if code != ExitError {
				t.Errorf("exit %d, want %d (stderr %q)", code, ExitError, errOut)
			}
			lines := strings.Split(strings.TrimRight(errOut, "\n"), "\n")
			if len(lines) != 1 || !strings.HasPrefix(lines[0], "xent: ") || !strings.Contains(lines[0], tt.want) {
				t.Errorf("stderr %q: want one line starting \"xent: \" naming %q", errOut, tt.want)
			}
			if b, _ := os.ReadFile(out); string(b) != "precious" {
				t.Errorf("the existing output file was changed to %q", b)
			}
		})
	}
}

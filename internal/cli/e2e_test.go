package cli

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

// buildBinary builds cmd/xent once into a temporary folder.
func buildBinary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the binary; skipped with -short")
	}
	bin := filepath.Join(t.TempDir(), "xent")
	if runtime.GOOS == "windows" {
		bin += ".exe"
	}
	cmd := exec.Command("go", "build", "-o", bin, "github.com/xent-ml/xent/cmd/xent")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// copyRepoData copies a data file of the repository's own golden copy
// (not $XENT_GOLDEN_DIR, whose data files may differ) into dir under name.
func copyRepoData(t *testing.T, file, dir, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "golden", filepath.FromSlash(file)))
	if err != nil {
		t.Fatal(err)
	}
	dst := filepath.Join(dir, name)
	if err := os.WriteFile(dst, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return dst
}

// csvToLibSVM converts a label-first CSV file into LibSVM text.
func csvToLibSVM(t *testing.T, csvPath string) []byte {
	t.Helper()
	b, err := os.ReadFile(csvPath)
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	for i, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		if i == 0 {
			continue
		}
		fields := strings.Split(line, ",")
		out.WriteString(fields[0])
		for j, v := range fields[1:] {
			if v != "0" && v != "0.0" {
				out.WriteString(" " + strconv.Itoa(j+1) + ":" + v)
			}
		}
		out.WriteByte('\n')
	}
	return out.Bytes()
}

// TestEndToEnd runs the built binary over a temporary folder as a newcomer
// would from the README: a CSV file and a LibSVM file to models,
// predictions, an evaluation report, a calibrated model and plots.
func TestEndToEnd(t *testing.T) {
	bin := buildBinary(t)
	dir := t.TempDir()
	run := func(args ...string) (stdout, stderr string) {
		t.Helper()
		cmd := exec.Command(bin, args...)
		cmd.Dir = dir
		var o, e bytes.Buffer
		cmd.Stdout, cmd.Stderr = &o, &e
		if err := cmd.Run(); err != nil {
			t.Fatalf("xent %s: %v\n%s", strings.Join(args, " "), err, e.String())
		}
		return o.String(), e.String()
	}
	nonEmpty := func(name string, min int64) {
		t.Helper()
		fi, err := os.Stat(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if fi.Size() < min {
			t.Errorf("%s: %d bytes, want at least %d", name, fi.Size(), min)
		}
	}

	// CSV: breast cancer, binary logistic regression.
	copyRepoData(t, "data/breast_cancer.csv", dir, "cancer.csv")
	out, _ := run("train", "--data", "cancer.csv", "--model", "logistic", "--scale", "standard", "--C", "1", "--valid-fraction", "0.2", "--out", "cancer.json")
	if !strings.Contains(out, "wrote cancer.json") {
		t.Errorf("train output does not name the model file:\n%s", out)
	}
	out, _ = run("predict", "--model", "cancer.json", "--data", "cancer.csv")
	if lines := strings.Split(strings.TrimSpace(out), "\n"); len(lines) != 570 || lines[0] != "label" {
		t.Errorf("predict: %d lines, first %q; want 570 starting with \"label\"", len(lines), lines[0])
	}
	run("predict", "--model", "cancer.json", "--data", "cancer.csv", "--proba", "--out", "proba.csv")
	nonEmpty("proba.csv", 10000)
	out, _ = run("eval", "--model", "cancer.json", "--data", "cancer.csv", "--json")
	var rep evalReport
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("eval --json: %v\n%s", err, out)
	}
	if rep.Samples != 569 || rep.Accuracy < 0.95 || rep.LogLoss > 0.2 || rep.ROCAUC == nil || len(rep.Confusion) != 2 {
		t.Errorf("eval report %+v", rep)
	}
	out, _ = run("calibrate", "--model", "cancer.json", "--data", "cancer.csv", "--method", "platt", "--out", "calibrated.json")
	if !strings.Contains(out, "log loss") {
		t.Errorf("calibrate output: %s", out)
	}
	run("eval", "--model", "calibrated.json", "--data", "cancer.csv")
	for _, p := range [][]string{
		{"plot", "training", "--model", "cancer.json", "--out", "training.png"},
		{"plot", "calibration", "--model", "cancer.json", "--data", "cancer.csv", "--out", "reliability.svg"},
		{"plot", "roc", "--model", "cancer.json", "--data", "cancer.csv", "--out", "roc.png"},
		{"plot", "loss-curve", "--compare", "mse", "--out", "loss.png"},
	} {
		run(p...)
		nonEmpty(p[len(p)-1], 5000)
	}
	out, _ = run("cv", "--data", "cancer.csv", "--C", "0.01,0.1,1", "--folds", "3", "--quiet")
	if !strings.Contains(out, "best C =") {
		t.Errorf("cv output: %s", out)
	}

	// LibSVM, gzip-compressed: iris, softmax regression and an MLP.
	iris := copyRepoData(t, "data/iris.csv", dir, "iris.csv")
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(csvToLibSVM(t, iris))
	zw.Close()
	if err := os.WriteFile(filepath.Join(dir, "iris.svm.gz"), gz.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	out, _ = run("train", "--data", "iris.svm.gz", "--model", "softmax", "--json", "--quiet", "--out", "iris.json")
	var s trainSummary
	if err := json.Unmarshal([]byte(out), &s); err != nil || s.Classes != 3 || !s.Converged {
		t.Errorf("train --json on LibSVM: %v %+v", err, s)
	}
	out, _ = run("eval", "--model", "iris.json", "--data", "iris.svm.gz")
	if !strings.Contains(out, "one-vs-rest") {
		t.Errorf("multiclass eval: %s", out)
	}
	run("train", "--data", "iris.svm.gz", "--model", "logistic", "--hash", "16", "--scale", "maxabs", "--quiet", "--out", "hashed.json")
	if out, _ = run("eval", "--model", "hashed.json", "--data", "iris.svm.gz", "--json"); !strings.Contains(out, `"accuracy"`) {
		t.Errorf("eval of the hashed model: %s", out)
	}
	run("train", "--data", "iris.svm.gz", "--model", "mlp", "--hidden", "8", "--epochs", "50", "--scale", "maxabs", "--seed", "1", "--quiet", "--out", "net.json")
	run("calibrate", "--model", "net.json", "--data", "iris.svm.gz", "--method", "temperature", "--out", "net-t.json")
	run("plot", "calibration", "--model", "net-t.json", "--data", "iris.svm.gz", "--per-class", "--bins", "5", "--out", "net-rel.png")
	nonEmpty("net-rel.png", 5000)

	// Standard input.
	cmd := exec.Command(bin, "predict", "--model", "cancer.json", "--data", "-", "--format", "csv")
	cmd.Dir = dir
	csvBytes, _ := os.ReadFile(filepath.Join(dir, "cancer.csv"))
	cmd.Stdin = bytes.NewReader(csvBytes)
	if o, err := cmd.Output(); err != nil || strings.Count(string(o), "\n") != 570 {
		t.Errorf("predict from standard input: %v, %d lines", err, strings.Count(string(o), "\n"))
	}
}

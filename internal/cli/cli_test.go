package cli

import (
	"bytes"
	"context"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// runCLI runs the command with args and returns its exit code and streams.
func runCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(context.Background(), args, &streams{In: strings.NewReader(""), Out: &out, Err: &errb})
	return code, out.String(), errb.String()
}

// checkPNG fails unless path is a decodable PNG of at least 300×200 pixels.
func checkPNG(t *testing.T, path string) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if b := img.Bounds(); b.Dx() < 300 || b.Dy() < 200 {
		t.Errorf("%s: %v image, want at least 300×200", path, b)
	}
}

func TestDemo(t *testing.T) {
	dir := t.TempDir()
	code, out, errOut := runCLI(t, "demo", "--out", dir)
	if code != ExitOK {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	// The test log loss must be within 1e-3 of scikit-learn's optimum on the
	// same split and C: 0.086028 (bench/demo_parity.py, scikit-learn 1.2.1,
	// LogisticRegression(C=1, tol=1e-10)).
	m := regexp.MustCompile(`(?m)^\s*test\s+([0-9.]+)\s+([0-9.]+)$`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("no test line in output:\n%s", out)
	}
	ll, _ := strconv.ParseFloat(m[1], 64)
	acc, _ := strconv.ParseFloat(m[2], 64)
	if d := ll - 0.086028; d > 1e-3 || d < -1e-3 {
		t.Errorf("test log loss %v, scikit-learn's optimum 0.086028", ll)
	}
	if acc < 0.95 {
		t.Errorf("test accuracy %v, want ≥ 0.95", acc)
	}
	for _, name := range []string{"loss-curve.png", "training-curve.png"} {
		path := filepath.Join(dir, name)
		if !strings.Contains(out, "wrote "+path) {
			t.Errorf("output does not name %s:\n%s", path, out)
		}
		checkPNG(t, path)
	}
	if strings.Contains(errOut, "warning") {
		t.Errorf("unexpected warning: %s", errOut)
	}
}

func TestPlotLossCurve(t *testing.T) {
	dir := t.TempDir()
	for _, tt := range []struct {
		name string
		args []string
	}{
		{"loss.png", nil},
		{"loss.svg", []string{"--compare", "mse"}},
	} {
		path := filepath.Join(dir, tt.name)
		code, _, errOut := runCLI(t, append([]string{"plot", "loss-curve", "--out", path}, tt.args...)...)
		if code != ExitOK {
			t.Fatalf("%s: exit %d, stderr %q", tt.name, code, errOut)
		}
		fi, err := os.Stat(path)
		if err != nil || fi.Size() < 5000 {
			t.Errorf("%s: %v, size %v", tt.name, err, fi)
		}
	}
	checkPNG(t, filepath.Join(dir, "loss.png"))
}

func TestUsageErrors(t *testing.T) {
	dir := t.TempDir()
	train := filepath.Join(dir, "train.csv")
	if err := os.WriteFile(train, []byte("label,a,w\n0,1,1\n1,3,2\n0,0.5,1\n1,2.5,1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	svm := filepath.Join(dir, "train.svm")
	if err := os.WriteFile(svm, []byte("0 1:1\n1 1:2\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "m.json")
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"unknown command", []string{"fly"}, ExitUsage, `xent: unknown command "fly"`},
		{"unknown flag", []string{"demo", "--bogus"}, ExitUsage, "xent: unknown flag: --bogus"},
		{"missing --out", []string{"plot", "loss-curve"}, ExitUsage, `xent: required flag(s) "out" not set`},
		{"bad --compare", []string{"plot", "loss-curve", "--out", "x.png", "--compare", "hinge"}, ExitUsage, `xent: --compare "hinge": want mse`},
		{"bad --C", []string{"demo", "--C", "-1"}, ExitUsage, "xent: --C -1: want a positive number"},
		{"extra argument", []string{"demo", "now"}, ExitUsage, `xent: xent demo takes no arguments, got "now"`},
		{"unknown figure", []string{"plot", "histogram"}, ExitUsage, `xent: unknown figure "histogram"`},
		{"output replaces the input", []string{"train", "--data", train, "--out", train}, ExitUsage, "is also an input"},
		{"linear flag on mlp", []string{"train", "--data", train, "--model", "mlp", "--C", "2", "--out", out}, ExitUsage, "--C applies to the linear models"},
		{"mlp flag on logistic", []string{"train", "--data", train, "--hidden", "5", "--out", out}, ExitUsage, "--hidden applies to --model mlp"},
		{"CSV flag on LibSVM", []string{"train", "--data", svm, "--weight", "w", "--out", out}, ExitUsage, "--weight applies to CSV input"},
		{"L1 with Newton", []string{"train", "--data", train, "--penalty", "l1", "--solver", "newton", "--out", out}, ExitUsage, "--solver newton cannot minimize --penalty l1"},
		{"zero class weights", []string{"train", "--data", train, "--class-weight", "0,0", "--out", out}, ExitUsage, "every weight is 0"},
		{"infinite tol", []string{"train", "--data", train, "--tol", "inf", "--out", out}, ExitUsage, "--tol +Inf"},
		{"too many bins", []string{"eval", "--model", out, "--data", train, "--bins", "2000000000"}, ExitUsage, "--bins 2000000000"},
		{"cv infinite C", []string{"cv", "--data", train, "--C", "0.1,inf"}, ExitUsage, "--C"},
		{"explicit zero", []string{"train", "--data", train, "--max-iter", "0", "--out", out}, ExitUsage, "--max-iter 0: want a positive number"},
		{"zero pos-weight", []string{"train", "--data", train, "--pos-weight", "0", "--out", out}, ExitUsage, "--pos-weight 0"},
		{"diverging adam", []string{"train", "--data", train, "--solver", "adam", "--lr", "1e6", "--out", out}, ExitError, "training diverged"},
		{"too many folds", []string{"cv", "--data", train, "--folds", "500"}, ExitUsage, "--folds 500"},
		{"diverging training", []string{"train", "--data", train, "--solver", "adam", "--lr", "1e300", "--out", out}, ExitError, "training diverged"},
		{"bad extension", []string{"plot", "loss-curve", "--out", filepath.Join(t.TempDir(), "x.gif")}, ExitUsage, "want a .png or .svg file"},
		{"unwritable output", []string{"plot", "loss-curve", "--out", "/nonexistent-dir/x.png"}, ExitError, "/nonexistent-dir"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errOut := runCLI(t, tt.args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d (stderr %q)", code, tt.code, errOut)
			}
			if lines := strings.Split(strings.TrimRight(errOut, "\n"), "\n"); len(lines) != 1 || !strings.HasPrefix(lines[0], "xent: ") || !strings.Contains(lines[0], tt.want) {
				t.Errorf("stderr %q, want one line starting \"xent: \" containing %q", errOut, tt.want)
			}
		})
	}
}

func TestHelpHasExamples(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"demo", "--help"}, {"plot", "--help"}, {"plot", "loss-curve", "--help"}} {
		code, out, _ := runCLI(t, args...)
		if code != ExitOK || !strings.Contains(out, "Examples:") {
			t.Errorf("%v: exit %d, examples shown %v", args, code, strings.Contains(out, "Examples:"))
		}
	}
}

func TestPredictIgnoresLabelsAndWeights(t *testing.T) {
	dir := t.TempDir()
	train := filepath.Join(dir, "train.csv")
	test := filepath.Join(dir, "test.csv")
	model := filepath.Join(dir, "m.json")
	os.WriteFile(train, []byte("label,a,w\n0,1,1\n1,3,2\n0,0.5,1\n1,2.5,1\n"), 0o644)
	// Prediction needs neither labels nor weights: bad ones do not matter.
	os.WriteFile(test, []byte("label,a,w\n,1,-1\n,3,NaN\n"), 0o644)
	if code, _, errOut := runCLI(t, "train", "--data", train, "--weight", "w", "--quiet", "--out", model); code != ExitOK {
		t.Fatalf("train: %s", errOut)
	}
	code, out, errOut := runCLI(t, "predict", "--model", model, "--data", test)
	if code != ExitOK || out != "label\n0\n1\n" {
		t.Errorf("predict: exit %d, output %q, stderr %q; want labels 0 and 1", code, out, errOut)
	}
}

package cli

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"

	"github.com/xent-ml/xent/data"
	"github.com/xent-ml/xent/ingest"
	"github.com/xent-ml/xent/modelfile"
)

// loadModel reads a model file and the input schema saved in it.
func loadModel(path string) (*modelfile.Model, *ingest.Schema, error) {
	if path == "" {
		return nil, nil, usagef("--model is required")
	}
	m, err := modelfile.Load(path)
	if err != nil {
		return nil, nil, err
	}
	schema := new(ingest.Schema)
	if len(m.Schema) == 0 {
		return nil, nil, fmt.Errorf("%s: the model holds no input schema", path)
	}
	if err := json.Unmarshal(m.Schema, schema); err != nil {
		return nil, nil, fmt.Errorf("%s: input schema: %w", path, err)
	}
	if err := schema.Validate(); err != nil {
		return nil, nil, fmt.Errorf("%s: input schema: %w", path, err)
	}
	// The schema decides which class and feature each column of the data
	// is, the model which class each probability is: they must agree.
	if !slices.Equal(schema.Classes, m.Classes) {
		return nil, nil, fmt.Errorf("%s: damaged model file: the input schema's classes %q differ from the model's %q", path, schema.Classes, m.Classes)
	}
	if schema.NumFeatures != m.NFeatures {
		return nil, nil, fmt.Errorf("%s: damaged model file: the input schema has %d features, the model %d", path, schema.NumFeatures, m.NFeatures)
	}
	if schema.FeatureNames != nil && m.FeatureNames != nil && !slices.Equal(schema.FeatureNames, m.FeatureNames) {
		return nil, nil, fmt.Errorf("%s: damaged model file: the input schema's feature names differ from the model's", path)
	}
	return m, schema, nil
}

// readForModel reads the data file named by f with the model's schema.
func readForModel(io *streams, schema *ingest.Schema, f *inputFlags, labels bool) (*data.Dataset, error) {
	return readWithSchema(io, schema, f.Data, f, labels)
}

// checkOutput fails early, before any long work, when the folder that
// should receive the output does not exist, or when the output would
// replace one of the command's inputs.
func checkOutput(outFlag, out string, inputs ...string) error {
	if err := checkOutputDir(out); err != nil {
		return err
	}
	for _, in := range inputs {
		if in == "" || in == "-" {
			continue
		}
		if samePath(out, in) {
			return usagef("--%s %s is also an input of this command; write to another file", outFlag, out)
		}
	}
	return nil
}

// samePath reports whether a and b name the same file.
func samePath(a, b string) bool {
	fa, errA := os.Stat(a)
	fb, errB := os.Stat(b)
	if errA == nil && errB == nil {
		return os.SameFile(fa, fb)
	}
	absA, errA := filepath.Abs(a)
	absB, errB := filepath.Abs(b)
	return errA == nil && errB == nil && absA == absB
}

// checkOutputDir fails early, before any long work, when the folder that
// should receive path does not exist.
func checkOutputDir(path string) error {
	dir := filepath.Dir(path)
	fi, err := os.Stat(dir)
	if err != nil {
		return fmt.Errorf("%s: cannot write there: %w", path, err)
	}
	if !fi.IsDir() {
		return fmt.Errorf("%s: cannot write there: %s is not a folder", path, dir)
	}
	return nil
}

// predictFile loads the model at modelPath, reads the data file named by f
// with the model's schema (with or without labels) and returns the model,
// the data and the n×K probabilities of its rows. With raw, a calibration
// saved in the model is removed first, so the probabilities are the
// model's own.
func predictFile(io *streams, modelPath string, f *inputFlags, labels, raw bool) (*modelfile.Model, *data.Dataset, []float64, error) {
	m, schema, err := loadModel(modelPath)
	if err != nil {
		return nil, nil, nil, err
	}
	d, err := readForModel(io, schema, f, labels)
	if err != nil {
		return nil, nil, nil, err
	}
	if raw {
		m.Calibration = nil
	}
	proba, err := m.PredictProba(nil, d.X)
	if err != nil {
		return nil, nil, nil, err
	}
	return m, d, proba, nil
}

package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/pflag"

	"github.com/xent-ml/xent/data"
	"github.com/xent-ml/xent/ingest"
)

// inputFlags are the flags of every command that reads a data file.
type inputFlags struct {
	Data        string
	Format      string
	Label       string
	Weight      string
	Columns     []string
	Drop        []string
	Categorical []string
	Missing     string
	Float32     bool
}

// bindInput binds the reading flags; training commands also get the flags
// that choose columns, which later commands take from the model's schema.
func (f *inputFlags) bindInput(fs *pflag.FlagSet, training bool) {
	fs.StringVar(&f.Data, "data", "", `data file (CSV or LibSVM, optionally .gz); "-" reads standard input (then --format is required)`)
	fs.StringVar(&f.Format, "format", "", "input format: csv or libsvm (default: from the file name: .csv; .svm, .libsvm, .svmlight)")
	fs.BoolVar(&f.Float32, "float32", false, "store the features as float32 (half the memory; sums stay float64)")
	if !training {
		return
	}
	fs.StringVar(&f.Label, "label", "label", "CSV column holding the class labels")
	fs.StringVar(&f.Weight, "weight", "", "CSV column holding sample weights (default: none, all 1)")
	fs.StringSliceVar(&f.Columns, "columns", nil, "CSV feature columns to use, comma-separated (default: all but label, weight and --drop)")
	fs.StringSliceVar(&f.Drop, "drop", nil, "CSV columns to leave out, comma-separated")
	fs.StringSliceVar(&f.Categorical, "categorical", nil, "CSV columns holding categories, one-hot encoded with the categories seen in training")
	fs.StringVar(&f.Missing, "impute", "error", "missing CSV values: error, mean (training mean) or zero")
}

// options returns the ingest options the flags describe.
func (f *inputFlags) options() (ingest.Options, error) {
	var o ingest.Options
	if f.Format != "" {
		format, err := ingest.ParseFormat(f.Format)
		if err != nil {
			return o, usagef("--format %q: want csv or libsvm", f.Format)
		}
		o.Format = format
	}
	if f.Data == "-" && f.Format == "" {
		return o, usagef("--data -: reading standard input needs --format csv or --format libsvm")
	}
	if f.Missing != "" {
		m, err := ingest.ParseMissing(f.Missing)
		if err != nil {
			return o, usagef("--impute %q: want error, mean or zero", f.Missing)
		}
		o.Missing = m
	}
	if format, err := inputFormat(o.Format, f.Data); err == nil && format == ingest.LibSVM {
		for _, c := range []struct {
			flag string
			set  bool
		}{{"label", f.Label != "" && f.Label != "label"}, {"weight", f.Weight != ""}, {"columns", f.Columns != nil}, {"drop", f.Drop != nil}, {"categorical", f.Categorical != nil}, {"impute", f.Missing != "" && f.Missing != "error"}} {
			if c.set {
				return o, usagef("--%s applies to CSV input; %s is LibSVM", c.flag, f.Data)
			}
		}
	}
	o.LabelColumn = f.Label
	o.WeightColumn = f.Weight
	o.Columns = f.Columns
	o.Drop = f.Drop
	o.Categorical = f.Categorical
	o.Float32 = f.Float32
	return o, nil
}

// readTraining reads a training file and learns its schema.
func readTraining(io *streams, f *inputFlags, flagName string) (*data.Dataset, *ingest.Schema, error) {
	if f.Data == "" {
		return nil, nil, usagef("%s is required", flagName)
	}
	o, err := f.options()
	if err != nil {
		return nil, nil, err
	}
	return ingest.ReadFile(f.Data, io.In, o)
}

// readWithSchema reads path with a model's schema, so that columns,
// encodings and classes line up with training. With labels false the
// label column may be absent and labels are not read.
func readWithSchema(io *streams, schema *ingest.Schema, path string, f *inputFlags, labels bool) (*data.Dataset, error) {
	if path == "" {
		return nil, usagef("--data is required")
	}
	o := ingest.Options{Classes: schema.Classes, Float32: f.Float32}
	if f.Format != "" {
		format, err := ingest.ParseFormat(f.Format)
		if err != nil {
			return nil, usagef("--format %q: want csv or libsvm", f.Format)
		}
		o.Format = format
	}
	if path == "-" && f.Format == "" {
		o.Format = schema.Format
	}
	if !labels {
		// Prediction reads neither labels nor sample weights.
		o.Labels = ingest.LabelsIgnore
		noWeights := *schema
		noWeights.WeightColumn = ""
		schema = &noWeights
	}
	return schema.ReadFile(path, io.In, o)
}

// enumFlag checks that v is one of the allowed values of flag.
func enumFlag(flag, v string, allowed ...string) error {
	for _, a := range allowed {
		if v == a {
			return nil
		}
	}
	return usagef("--%s %q: want %s", flag, v, strings.Join(allowed, ", "))
}

// parseInts parses a comma-separated list of positive integers.
func parseInts(flag, s string) ([]int, error) {
	if s == "" {
		return nil, nil
	}
	var out []int
	for _, part := range strings.Split(s, ",") {
		var v int
		if _, err := fmt.Sscan(strings.TrimSpace(part), &v); err != nil || v <= 0 {
			return nil, usagef("--%s %q: want positive integers separated by commas", flag, s)
		}
		out = append(out, v)
	}
	return out, nil
}

// inputFormat returns the explicit format, else the one the file name
// implies.
func inputFormat(explicit ingest.Format, path string) (ingest.Format, error) {
	if explicit != ingest.FormatAuto {
		return explicit, nil
	}
	return ingest.DetectFormat(path)
}

package ingest

import (
	"fmt"
	"math"

	"github.com/xent-ml/xent/data"
)

// Schema is what reading a training file learned, and what reading a file
// at prediction or evaluation time must apply so that features and classes
// line up: [Schema.Read] reads another file with it. It is JSON-serializable
// for the model file.
type Schema struct {
	// Format is the training file's format, CSV or LibSVM.
	Format Format `json:"format"`
	// LabelColumn is the CSV label column.
	LabelColumn string `json:"label_column,omitempty"`
	// WeightColumn is the CSV sample-weight column, if any.
	WeightColumn string `json:"weight_column,omitempty"`
	// Columns lists the CSV source columns of the features, in feature
	// order; a categorical column contributes one feature per category.
	Columns []Column `json:"columns,omitempty"`
	// Missing is the imputation policy for missing CSV values.
	Missing Missing `json:"missing"`
	// NumFeatures is the number of features (columns of X).
	NumFeatures int `json:"num_features"`
	// FeatureNames names the features (nil for LibSVM).
	FeatureNames []string `json:"feature_names,omitempty"`
	// Classes lists the class labels; class index k is Classes[k].
	Classes []string `json:"classes"`
}

// Column is one CSV source column of a [Schema].
type Column struct {
	// Name is the column's header name.
	Name string `json:"name"`
	// Categorical marks a one-hot encoded column.
	Categorical bool `json:"categorical,omitempty"`
	// Categories lists a categorical column's categories in feature order.
	Categories []string `json:"categories,omitempty"`
	// Fill replaces a missing value of a numeric column when Missing is
	// MissingMean (the training mean) or MissingZero (0).
	Fill float64 `json:"fill,omitempty"`
}

// width returns the number of features the column contributes.
func (c *Column) width() int {
	if c.Categorical {
		return len(c.Categories)
	}
	return 1
}

// Validate checks that s is consistent, as after loading it from a file:
// a known format; for CSV, distinct column names different from the label
// and weight columns, distinct categories, finite fill values, and
// NumFeatures and FeatureNames matching the columns; distinct classes.
// Errors wrap [ErrFormat], [ErrColumn] or data.ErrClasses.
func (s *Schema) Validate() error {
	switch s.Format {
	case CSV:
		seen := map[string]bool{s.LabelColumn: true}
		if s.WeightColumn != "" {
			if s.WeightColumn == s.LabelColumn {
				return fmt.Errorf("ingest: schema: weight column %q is the label column: %w", s.WeightColumn, ErrColumn)
			}
			seen[s.WeightColumn] = true
		}
		p := 0
		for i := range s.Columns {
			c := &s.Columns[i]
			if seen[c.Name] {
				return fmt.Errorf("ingest: schema: column %q repeated or used as label or weight: %w", c.Name, ErrColumn)
			}
			seen[c.Name] = true
			if c.Categorical {
				if _, err := data.NewLabelIndex(c.Categories); err != nil {
					return fmt.Errorf("ingest: schema: column %q categories: %w", c.Name, err)
				}
			} else if c.Categories != nil {
				return fmt.Errorf("ingest: schema: numeric column %q has categories: %w", c.Name, ErrColumn)
			}
			if math.IsNaN(c.Fill) || math.IsInf(c.Fill, 0) {
				return fmt.Errorf("ingest: schema: column %q fill %v: %w", c.Name, c.Fill, ErrNotFinite)
			}
			p += c.width()
		}
		if p != s.NumFeatures || len(s.FeatureNames) != p {
			return fmt.Errorf("ingest: schema: %d features from the columns, NumFeatures %d, %d feature names: %w",
				p, s.NumFeatures, len(s.FeatureNames), ErrColumn)
		}
	case LibSVM:
		if s.NumFeatures < 0 || s.NumFeatures > math.MaxInt32 {
			return fmt.Errorf("ingest: schema: NumFeatures = %d: %w", s.NumFeatures, ErrIndex)
		}
		if s.FeatureNames != nil && len(s.FeatureNames) != s.NumFeatures {
			return fmt.Errorf("ingest: schema: %d feature names for %d features: %w", len(s.FeatureNames), s.NumFeatures, ErrColumn)
		}
	default:
		return fmt.Errorf("ingest: schema: format %v: %w", s.Format, ErrFormat)
	}
	if _, err := data.NewLabelIndex(s.Classes); err != nil {
		return fmt.Errorf("ingest: schema: %w", err)
	}
	return nil
}

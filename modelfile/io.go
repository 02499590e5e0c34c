package modelfile

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/xent-ml/xent/calibrate"
	"github.com/xent-ml/xent/internal/atomicfile"
	"github.com/xent-ml/xent/preprocess"
)

// Save writes m to path atomically (see package internal/atomicfile): a
// reader of path sees the old file or the complete new one, and a failure
// leaves an existing file as it was. The content is gzip-compressed when
// path ends in ".gz". Save validates m first; errors are an [*Error] naming
// path and wrapping [ErrInvalid] or the I/O cause.
func (m *Model) Save(path string) error {
	b, err := m.encode()
	if err != nil {
		return &Error{Path: path, Err: err}
	}
	err = atomicfile.Write(path, func(w io.Writer) error {
		if !strings.HasSuffix(path, ".gz") {
			_, err := w.Write(b)
			return err
		}
		bw := bufio.NewWriter(w)
		gz := gzip.NewWriter(bw)
		if _, err := gz.Write(b); err != nil {
			return err
		}
		if err := gz.Close(); err != nil {
			return err
		}
		return bw.Flush()
	})
	if err != nil {
		return &Error{Path: path, Err: err}
	}
	return nil
}

// Write writes m to w as uncompressed JSON in the format described in
// FORMAT.md, after validating it (errors wrap [ErrInvalid]).
func (m *Model) Write(w io.Writer) error {
	b, err := m.encode()
	if err != nil {
		return &Error{Err: err}
	}
	_, err = w.Write(b)
	return err
}

// marshal is json.Marshal without HTML escaping, so that labels such as
// "<=50K" stay readable.
func marshal(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// encode validates m and returns its file content: one top-level field per
// line, in the order of FORMAT.md, list fields of objects one element per
// line.
func (m *Model) encode() ([]byte, error) {
	if _, err := m.check(true); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInvalid, err)
	}
	var buf bytes.Buffer
	first := true
	field := func(key string, v any) error {
		b, err := marshal(v)
		if err != nil {
			return fmt.Errorf("%w: field %s: %w", ErrInvalid, key, err)
		}
		if !first {
			buf.WriteString(",\n")
		}
		first = false
		fmt.Fprintf(&buf, "  %q: ", key)
		buf.Write(b)
		return nil
	}
	list := func(key string, n int, elem func(i int) any) error {
		if !first {
			buf.WriteString(",\n")
		}
		first = false
		fmt.Fprintf(&buf, "  %q: [", key)
		for i := range n {
			b, err := marshal(elem(i))
			if err != nil {
				return fmt.Errorf("%w: field %s[%d]: %w", ErrInvalid, key, i, err)
			}
			if i > 0 {
				buf.WriteByte(',')
			}
			buf.WriteString("\n    ")
			buf.Write(b)
		}
		buf.WriteString("\n  ]")
		return nil
	}
	buf.WriteString("{\n")
	type kv struct {
		key  string
		v    any
		skip bool
	}
	fields := []kv{
		{"format", FormatName, false},
		{"version", Version, false},
		{"created_by", m.CreatedBy, m.CreatedBy == ""},
		{"kind", m.Kind, false},
		{"classes", m.Classes, false},
		{"n_features", m.NFeatures, false},
		{"feature_names", m.FeatureNames, m.FeatureNames == nil},
	}
	for _, f := range fields {
		if !f.skip {
			if err := field(f.key, f.v); err != nil {
				return nil, err
			}
		}
	}
	if len(m.Preprocess) > 0 {
		if err := list("preprocess", len(m.Preprocess), func(i int) any { return m.Preprocess[i] }); err != nil {
			return nil, err
		}
	}
	if m.Kind == MLP {
		if err := field("activation", m.Activation); err != nil {
			return nil, err
		}
		if err := list("layers", len(m.Layers), func(i int) any { return m.Layers[i] }); err != nil {
			return nil, err
		}
	} else {
		if err := field("coef", m.Coef); err != nil {
			return nil, err
		}
		if err := field("intercept", m.Intercept); err != nil {
			return nil, err
		}
	}
	rest := []kv{
		{"calibration", m.Calibration, m.Calibration == nil},
		{"hyperparameters", m.Hyperparameters, m.Hyperparameters == nil},
		{"training", m.Training, m.Training == nil},
	}
	for _, f := range rest {
		if !f.skip {
			if err := field(f.key, f.v); err != nil {
				return nil, err
			}
		}
	}
	if m.History != nil {
		if err := list("history", len(m.History), func(i int) any { return m.History[i] }); err != nil {
			return nil, err
		}
	}
	if len(m.Schema) > 0 {
		if err := field("schema", m.Schema); err != nil {
			return nil, err
		}
	}
	buf.WriteString("\n}\n")
	return buf.Bytes(), nil
}

// Load reads the model file at path (gzip-compressed or not, whatever its
// name) and validates it. Errors are an [*Error] naming path: the file
// cannot be opened; it is not a model file ([ErrNotModel]); its format
// version is newer than [Version] ([ErrVersion]); or it is damaged
// ([ErrDamaged]: truncated or malformed JSON with its line and column, a
// missing field, a length that does not match a shape, a non-finite
// parameter, a value out of range).
func Load(path string) (*Model, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, &Error{Path: path, Err: err}
	}
	defer f.Close()
	return read(f, path)
}

// Read reads a model file from r, as [Load] does; error messages name no
// file.
func Read(r io.Reader) (*Model, error) { return read(r, "") }

func read(r io.Reader, name string) (*Model, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, &Error{Path: name, Err: err}
	}
	if len(b) >= 2 && b[0] == 0x1f && b[1] == 0x8b {
		gz, err := gzip.NewReader(bytes.NewReader(b))
		if err == nil {
			b, err = io.ReadAll(gz)
		}
		if err != nil {
			return nil, &Error{Path: name, Err: fmt.Errorf("%w: gzip: %w", ErrDamaged, err)}
		}
	}
	m, err := decode(b)
	if err != nil {
		return nil, &Error{Path: name, Err: err}
	}
	return m, nil
}

// wire is the decoding form of a model file: pointers tell missing fields
// from zero values.
type wire struct {
	Kind            *Kind               `json:"kind"`
	Classes         []string            `json:"classes"`
	NFeatures       *int                `json:"n_features"`
	FeatureNames    []string            `json:"feature_names"`
	Coef            []float64           `json:"coef"`
	Intercept       []float64           `json:"intercept"`
	Activation      *Activation         `json:"activation"`
	Layers          []Layer             `json:"layers"`
	Preprocess      preprocess.Pipeline `json:"preprocess"`
	Calibration     *calibrate.Model    `json:"calibration"`
	Hyperparameters map[string]any      `json:"hyperparameters"`
	Training        *Training           `json:"training"`
	History         []Iteration         `json:"history"`
	Schema          json.RawMessage     `json:"schema"`
	CreatedBy       string              `json:"created_by"`
}

// position returns the 1-based line and column of byte offset off in b.
func position(b []byte, off int64) (line, col int) {
	off = min(max(off, 0), int64(len(b)))
	pre := b[:off]
	line = 1 + bytes.Count(pre, []byte("\n"))
	col = int(off) - (bytes.LastIndexByte(pre, '\n') + 1) + 1
	return line, col
}

// jsonErr describes a decoding error of b with its position.
func jsonErr(b []byte, err error) error {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		// Offset counts the bytes read, the offending one included.
		line, col := position(b, se.Offset-1)
		if se.Offset >= int64(len(b)) || errors.Is(err, io.ErrUnexpectedEOF) {
			return fmt.Errorf("%w: truncated JSON: %v (line %d, column %d)", ErrDamaged, se, line, col)
		}
		return fmt.Errorf("%w: invalid JSON at line %d, column %d: %v", ErrDamaged, line, col, se)
	case errors.As(err, &te):
		line, col := position(b, te.Offset)
		field := te.Field
		if field == "" {
			field = "top level"
		}
		return fmt.Errorf("%w: field %s: cannot store JSON %s in a Go %v (line %d, column %d)", ErrDamaged, field, te.Value, te.Type, line, col)
	case errors.Is(err, io.ErrUnexpectedEOF):
		return fmt.Errorf("%w: truncated JSON", ErrDamaged)
	}
	return fmt.Errorf("%w: %w", ErrDamaged, err)
}

// header reads the "format" and "version" fields at the top of b.
func header(b []byte) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	tok, err := dec.Token()
	if err != nil || tok != json.Delim('{') {
		why := "it does not start with a JSON object"
		if len(bytes.TrimSpace(b)) == 0 {
			why = "it is empty"
		}
		return fmt.Errorf("%w: %s", ErrNotModel, why)
	}
	var format *string
	var version json.RawMessage
	var scanErr error
	for dec.More() && (format == nil || version == nil) {
		tok, err := dec.Token()
		if err != nil {
			scanErr = err
			break
		}
		key, _ := tok.(string)
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			scanErr = err
			break
		}
		switch key {
		case "format":
			var s string
			if json.Unmarshal(raw, &s) != nil {
				return fmt.Errorf("%w: \"format\" is %s, want %q", ErrNotModel, raw, FormatName)
			}
			format = &s
		case "version":
			version = raw
		}
	}
	switch {
	case format == nil && scanErr != nil:
		return fmt.Errorf("%w: no \"format\" field before the JSON ends or breaks: %v", ErrNotModel, scanErr)
	case format == nil:
		return fmt.Errorf("%w: no \"format\": %q field", ErrNotModel, FormatName)
	case *format != FormatName:
		return fmt.Errorf("%w: \"format\" is %q, want %q", ErrNotModel, *format, FormatName)
	case version == nil && scanErr != nil:
		return jsonErr(b, scanErr)
	case version == nil:
		return fmt.Errorf("%w: no \"version\" field", ErrDamaged)
	}
	var v int
	if err := json.Unmarshal(version, &v); err != nil {
		return fmt.Errorf("%w: \"version\" is %s, want a positive integer", ErrDamaged, version)
	}
	if v > Version {
		return versionError{v}
	}
	if v < 1 {
		return fmt.Errorf("%w: \"version\" is %d, want a positive integer", ErrDamaged, v)
	}
	return nil
}

// decode parses and validates a model file's content.
func decode(b []byte) (*Model, error) {
	if err := header(b); err != nil {
		return nil, err
	}
	var w wire
	if err := json.Unmarshal(b, &w); err != nil {
		return nil, jsonErr(b, err)
	}
	missing := func(name string) error { return fmt.Errorf("%w: no %q field", ErrDamaged, name) }
	switch {
	case w.Kind == nil:
		return nil, missing("kind")
	case w.Classes == nil:
		return nil, missing("classes")
	case w.NFeatures == nil:
		return nil, missing("n_features")
	case *w.Kind == MLP && w.Activation == nil:
		return nil, missing("activation")
	}
	m := &Model{
		Kind:            *w.Kind,
		Classes:         w.Classes,
		NFeatures:       *w.NFeatures,
		FeatureNames:    w.FeatureNames,
		Coef:            w.Coef,
		Intercept:       w.Intercept,
		Layers:          w.Layers,
		Preprocess:      w.Preprocess,
		Calibration:     w.Calibration,
		Hyperparameters: w.Hyperparameters,
		Training:        w.Training,
		History:         w.History,
		Schema:          w.Schema,
		CreatedBy:       w.CreatedBy,
	}
	if w.Activation != nil {
		m.Activation = *w.Activation
	}
	if string(m.Schema) == "null" {
		m.Schema = nil
	}
	if _, err := m.check(true); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrDamaged, err)
	}
	return m, nil
}

package cli

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/xent-ml/xent/internal/atomicfile"
)

// predictOptions are the flags of `xent predict`.
type predictOptions struct {
	Model string
	Input inputFlags
	Proba bool
	Out   string
}

func newPredictCmd(s *streams) *cobra.Command {
	opts := &predictOptions{}
	cmd := &cobra.Command{
		Use:   "predict --model MODEL --data FILE [--proba] [--out FILE]",
		Short: "Predict the class (or the class probabilities) of every row of a data file",
		Long: `Reads a data file with the columns and encodings the model was trained
with and writes one CSV row per input row: the predicted class label under
the header "label", or with --proba one probability column per class, headed
by the class label, in the model's class order. A label column in the input
is ignored. Output goes to standard output unless --out names a file, which
is written atomically.`,
		Example: `  xent predict --model model.json --data test.csv
  xent predict --model model.json --data test.svm --proba --out proba.csv
  cat test.csv | xent predict --model model.json --data - --format csv`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runPredict(cmd.Context(), s, opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Model, "model", "", "model file written by xent train (required)")
	opts.Input.bindInput(f, false)
	f.BoolVar(&opts.Proba, "proba", false, "write one probability column per class instead of the predicted label")
	f.StringVar(&opts.Out, "out", "", "output CSV file (default: standard output)")
	return cmd
}

func runPredict(_ context.Context, s *streams, opts *predictOptions) error {
	if opts.Out != "" {
		if err := checkOutput("out", opts.Out, opts.Model, opts.Input.Data); err != nil {
			return err
		}
	}
	m, _, proba, err := predictFile(s, opts.Model, &opts.Input, false, false)
	if err != nil {
		return err
	}
	k := m.NumClasses()
	write := func(w io.Writer) error {
		bw := bufio.NewWriterSize(w, 1<<16)
		if opts.Proba {
			for j, c := range m.Classes {
				if j > 0 {
					bw.WriteByte(',')
				}
				bw.WriteString(csvField(c))
			}
			bw.WriteByte('\n')
			buf := make([]byte, 0, 32)
			for i := 0; i < len(proba)/k; i++ {
				for j, p := range proba[i*k : (i+1)*k] {
					if j > 0 {
						bw.WriteByte(',')
					}
					buf = strconv.AppendFloat(buf[:0], p, 'g', -1, 64)
					bw.Write(buf)
				}
				bw.WriteByte('\n')
			}
		} else {
			bw.WriteString("label\n")
			for _, c := range argmaxRows(proba, k) {
				bw.WriteString(csvField(m.Classes[c]))
				bw.WriteByte('\n')
			}
		}
		return bw.Flush()
	}
	if opts.Out == "" {
		return write(s.Out)
	}
	if err := atomicfile.Write(opts.Out, write); err != nil {
		return err
	}
	fmt.Fprintf(s.Err, "wrote %d predictions to %s\n", len(proba)/k, opts.Out)
	return nil
}

// csvField quotes s when CSV needs it.
func csvField(s string) string {
	if s == "" || strings.ContainsAny(s, ",\"\r\n") || s[0] == ' ' || s[len(s)-1] == ' ' {
		return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
	}
	return s
}

package plot

import (
	"flag"
	"path/filepath"
	"testing"
)

var samplesDir = flag.String("samples", "", "write one PNG and one SVG of each sample figure into this folder, for review")

// TestSamples renders the sample figures into -samples, when given.
func TestSamples(t *testing.T) {
	if *samplesDir == "" {
		t.Skip("no -samples folder")
	}
	for name, fig := range sampleFigures() {
		for _, ext := range []string{".png", ".svg"} {
			path := filepath.Join(*samplesDir, name+ext)
			if err := fig.Save(path); err != nil {
				t.Errorf("Save(%s): %v", path, err)
			}
		}
	}
}

// Command readspeed times xent's readers on a file and prints MB/s, for
// comparing with `wc -l` on the same file:
//
//	go run ./bench/readspeed FILE [FILE...]
package main

import (
	"fmt"
	"os"
	"time"

	"github.com/xent-ml/xent/ingest"
)

func main() {
	for _, path := range os.Args[1:] {
		fi, err := os.Stat(path)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		start := time.Now()
		d, _, err := ingest.ReadFile(path, nil, ingest.Options{})
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		sec := time.Since(start).Seconds()
		n, p := d.X.Dims()
		fmt.Printf("%s: %d×%d, %.1f MB in %.2f s: %.0f MB/s\n", path, n, p, float64(fi.Size())/1e6, sec, float64(fi.Size())/1e6/sec)
	}
}

// Command xent trains, evaluates and plots probabilistic classifiers that
// minimize cross-entropy. Run `xent --help` for the commands.
package main

import (
	"os"

	"github.com/xent-ml/xent/internal/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

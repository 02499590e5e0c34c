package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"

	"github.com/spf13/cobra"
)

// Exit codes returned by [Main].
const (
	ExitOK    = 0
	ExitError = 1
	ExitUsage = 2
)

// streams carries the command's standard streams.
type streams struct {
	In       io.Reader
	Out, Err io.Writer
}

// usageError marks an error in the command line itself (exit code 2).
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

func usagef(format string, args ...any) error {
	return usageError{fmt.Errorf(format, args...)}
}

// Main runs the xent command with args (without the program name) and
// returns the process exit code. An interrupt (SIGINT) cancels the running
// command's context.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	return run(ctx, args, &streams{In: stdin, Out: stdout, Err: stderr})
}

func run(ctx context.Context, args []string, io *streams) int {
	root := newRootCmd(io)
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return ExitOK
	}
	msg := strings.ReplaceAll(strings.TrimSpace(err.Error()), "\n", "; ")
	var ue usageError
	if errors.As(err, &ue) || isCobraUsageError(err) {
		fmt.Fprintf(io.Err, "xent: %s (see 'xent %s--help')\n", msg, commandPath(root, args))
		return ExitUsage
	}
	fmt.Fprintf(io.Err, "xent: %s\n", msg)
	return ExitError
}

// isCobraUsageError recognizes the command-line errors that cobra returns
// without a type of their own.
func isCobraUsageError(err error) bool {
	s := err.Error()
	for _, p := range []string{"unknown command", "unknown flag", "unknown shorthand flag", "required flag", "accepts ", "requires at least", "invalid argument", "flag needs an argument", "bad flag syntax"} {
		if strings.Contains(s, p) {
			return true
		}
	}
	return false
}

func commandPath(root *cobra.Command, args []string) string {
	cmd, _, err := root.Find(args)
	if err != nil || cmd == root {
		return ""
	}
	return strings.TrimPrefix(cmd.CommandPath(), root.Name()+" ") + " "
}

func newRootCmd(io *streams) *cobra.Command {
	root := &cobra.Command{
		Use:   "xent",
		Short: "Probabilistic classifiers trained by minimizing cross-entropy",
		Long: `xent trains and evaluates classifiers that output trustworthy probabilities
by minimizing cross-entropy (log loss): logistic regression, softmax regression
and neural networks, with plots of the loss and of calibration.`,
		Example: `  # Train logistic regression on the embedded breast cancer data and draw the plots
  xent demo --out plots

  # Draw the log-loss curve beside squared error
  xent plot loss-curve --out loss.png --compare mse`,
		SilenceErrors: true,
		SilenceUsage:  true,
	}
	root.SetIn(io.In)
	root.SetOut(io.Out)
	root.SetErr(io.Err)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	root.AddCommand(newDemoCmd(io), newTrainCmd(io), newPredictCmd(io), newEvalCmd(io), newCalibrateCmd(io), newCVCmd(io), newPlotCmd(io))
	root.Version = Version
	return root
}

// noArgs rejects positional arguments with a usage error.
func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		return usagef("%s takes no arguments, got %q", cmd.CommandPath(), args[0])
	}
	return nil
}

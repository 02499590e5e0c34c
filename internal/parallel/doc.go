// Package parallel runs row-block work on several goroutines with results
// that do not depend on the number of goroutines.
//
// [For] and [Workspace.Reduce] split the rows [0, n) into fixed blocks of
// blockRows rows (the last may be shorter). The boundaries depend only on n
// and blockRows, never on GOMAXPROCS; [BlockRows] picks blockRows from the
// size of the data alone. Blocks run on up to GOMAXPROCS goroutines; in a
// reduction each block accumulates into its own zeroed partial buffer and the
// partials are added in block order, so a floating-point reduction gives the
// same bits at any GOMAXPROCS, on any machine with the same arithmetic.
package parallel

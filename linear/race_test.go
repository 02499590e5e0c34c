//go:build race

package linear

// raceEnabled reports a -race build, under which sync.Pool (used by the
// Dense32 kernels of package data) drops items at random, so allocation
// counts are not deterministic.
const raceEnabled = true

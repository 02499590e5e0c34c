//go:build !race

package modelfile

// raceEnabled reports whether the race detector is on: it makes sync.Pool
// drop items at random, so allocation counts are not exact under -race.
const raceEnabled = false

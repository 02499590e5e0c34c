//go:build !linux

package bigmem

// advise does nothing outside Linux.
func advise([]byte) {}

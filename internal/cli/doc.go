// Package cli implements the xent command: one file per command, each with
// an options struct, a constructor that binds flags to it and a run function
// that takes a context and the options.
//
// Exit codes: 0 on success, 1 on a data or runtime error, 2 on a usage
// error. Errors are printed as one line on standard error, prefixed "xent: ".
// Standard output carries data; progress and messages go to standard error.
package cli

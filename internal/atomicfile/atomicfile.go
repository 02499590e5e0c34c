package atomicfile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// DefaultMode is the permission given to a file that did not exist before.
const DefaultMode fs.FileMode = 0o644

// Error records a failed write and the target path it was meant for.
// Op names the step that failed: "stat", "create", "write", "sync",
// "close", "chmod" or "rename".
type Error struct {
	Op   string // the step that failed
	Path string // the target path as given by the caller
	Err  error  // the cause
}

// Error returns "atomicfile: Op Path: Err".
func (e *Error) Error() string {
	return "atomicfile: " + e.Op + " " + e.Path + ": " + e.Err.Error()
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// ErrNotRegular is the cause returned when the target exists and is not
// a regular file (a folder, a device, a named pipe…); renaming over it would
// either fail or replace something that is not a document.
var ErrNotRegular = errors.New("not a regular file")

// Write calls fn with a writer to a temporary file in the folder of path
// and, if fn returns nil, makes that file the content of path atomically:
// the data are synced to disk, the file is closed, given mode 0644 (or the
// permission bits of the existing file at path) and renamed over path.
//
// If fn or any step returns an error, the temporary file is removed, an
// existing file at path is left untouched, and Write returns an [*Error]
// that names path and wraps the cause (fn's error included, so errors.Is
// and errors.As see it). The temporary file is also removed if fn panics;
// the panic then continues.
//
// A symbolic link at path is replaced by a regular file, not followed.
// The writer is not buffered; wrap it in a [bufio.Writer] for many small
// writes. After a successful rename the folder is synced on a best-effort
// basis; failures there are not reported, since the new content is already
// in place.
func Write(path string, fn func(w io.Writer) error) (err error) {
	fail := func(op string, cause error) error {
		return &Error{Op: op, Path: path, Err: cause}
	}
	mode := DefaultMode
	switch fi, err := os.Lstat(path); {
	case err == nil && fi.Mode().IsRegular():
		mode = fi.Mode().Perm()
	case err == nil && fi.Mode()&fs.ModeSymlink != 0:
		// Replaced by a regular file with the default mode.
	case err == nil:
		return fail("stat", ErrNotRegular)
	case !errors.Is(err, fs.ErrNotExist):
		return fail("stat", err)
	}

	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	tmp, err := os.CreateTemp(dir, "."+base+".tmp-*")
	if err != nil {
		return fail("create", unwrapPath(err))
	}
	tmpName := tmp.Name()
	closed := false
	done := false
	defer func() {
		if done {
			return
		}
		if !closed {
			tmp.Close()
		}
		os.Remove(tmpName)
	}()

	if err := fn(tmp); err != nil {
		return fail("write", err)
	}
	if err := tmp.Sync(); err != nil {
		return fail("sync", unwrapPath(err))
	}
	closed = true
	if err := tmp.Close(); err != nil {
		return fail("close", unwrapPath(err))
	}
	if err := os.Chmod(tmpName, mode); err != nil {
		return fail("chmod", unwrapPath(err))
	}
	if err := os.Rename(tmpName, path); err != nil {
		return fail("rename", unwrapPath(err))
	}
	done = true
	syncDir(dir)
	return nil
}

// WriteFile writes data to path atomically, as [Write] does.
func WriteFile(path string, data []byte) error {
	return Write(path, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// unwrapPath drops the *fs.PathError or *os.LinkError layer, whose path is
// the temporary file's, so the message names only the caller's path.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s: %w", pe.Op, pe.Err)
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return fmt.Errorf("%s: %w", le.Op, le.Err)
	}
	return err
}

// syncDir flushes the folder entry of the renamed file. Some systems
// (Windows) cannot open or sync a folder; that is ignored.
func syncDir(dir string) {
	d, err := os.Open(dir)
	if err != nil {
		return
	}
	d.Sync()
	d.Close()
}

package atomicfile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// listDir returns the names in dir, sorted.
func listDir(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	return names
}

func TestWriteFile(t *testing.T) {
	tests := []struct {
		name     string
		existing []byte      // nil means no file before
		mode     fs.FileMode // mode of the existing file
		data     []byte
		wantMode fs.FileMode
	}{
		{name: "new file", data: []byte("hello\n"), wantMode: 0o644},
		{name: "empty new file", data: []byte{}, wantMode: 0o644},
		{name: "replace keeps mode", existing: []byte("old content that is longer"), mode: 0o600, data: []byte("new"), wantMode: 0o600},
		{name: "replace executable", existing: []byte("#!/bin/sh\n"), mode: 0o755, data: []byte("#!/bin/sh\necho\n"), wantMode: 0o755},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "out.txt")
			if tt.existing != nil {
				if err := os.WriteFile(path, tt.existing, tt.mode); err != nil {
					t.Fatal(err)
				}
				if err := os.Chmod(path, tt.mode); err != nil { // umask-free
					t.Fatal(err)
				}
			}
			if err := WriteFile(path, tt.data); err != nil {
				t.Fatalf("WriteFile: %v", err)
			}
			got, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != string(tt.data) {
				t.Errorf("content = %q, want %q", got, tt.data)
			}
			fi, err := os.Stat(path)
			if err != nil {
				t.Fatal(err)
			}
			if runtime.GOOS != "windows" && fi.Mode().Perm() != tt.wantMode {
				t.Errorf("mode = %v, want %v", fi.Mode().Perm(), tt.wantMode)
			}
			if names := listDir(t, dir); len(names) != 1 || names[0] != "out.txt" {
				t.Errorf("folder holds %q, want only out.txt", names)
			}
		})
	}
}

func TestWriteRelativePath(t *testing.T) {
	t.Chdir(t.TempDir())
	if err := WriteFile("rel.txt", []byte("x")); err != nil {
		t.Fatalf("WriteFile(rel.txt): %v", err)
	}
	if got, err := os.ReadFile("rel.txt"); err != nil || string(got) != "x" {
		t.Errorf("ReadFile(rel.txt) = %q, %v; want \"x\", nil", got, err)
	}
	if names := listDir(t, "."); len(names) != 1 {
		t.Errorf("folder holds %q, want only rel.txt", names)
	}
}

func TestWriteStreams(t *testing.T) {
	path := filepath.Join(t.TempDir(), "s.txt")
	err := Write(path, func(w io.Writer) error {
		for _, s := range []string{"a", "b", "c"} {
			if _, err := io.WriteString(w, s); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(path); string(got) != "abc" {
		t.Errorf("content = %q, want \"abc\"", got)
	}
}

func TestWriteFailureKeepsOldContent(t *testing.T) {
	errBoom := errors.New("boom")
	tests := []struct {
		name     string
		existing bool
		fn       func(w io.Writer) error
	}{
		{"fn fails before writing, file exists", true, func(io.Writer) error { return errBoom }},
		{"fn fails after partial write, file exists", true, func(w io.Writer) error {
			io.WriteString(w, "partial")
			return errBoom
		}},
		{"fn fails, no file before", false, func(w io.Writer) error {
			io.WriteString(w, "partial")
			return errBoom
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "keep.txt")
			if tt.existing {
				if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			err := Write(path, tt.fn)
			if !errors.Is(err, errBoom) {
				t.Fatalf("Write error = %v, want one wrapping %v", err, errBoom)
			}
			var ae *Error
			if !errors.As(err, &ae) || ae.Path != path || ae.Op != "write" {
				t.Errorf("Write error = %#v, want *Error{Op: write, Path: %q}", err, path)
			}
			if !strings.Contains(err.Error(), path) {
				t.Errorf("error %q does not name %q", err, path)
			}
			got, rerr := os.ReadFile(path)
			switch {
			case tt.existing && string(got) != "old":
				t.Errorf("content = %q (%v), want \"old\"", got, rerr)
			case !tt.existing && !errors.Is(rerr, fs.ErrNotExist):
				t.Errorf("ReadFile after failure: %v, want not exist", rerr)
			}
			want := 0
			if tt.existing {
				want = 1
			}
			if names := listDir(t, dir); len(names) != want {
				t.Errorf("folder holds %q, want %d file(s): temp file left behind", names, want)
			}
		})
	}
}

func TestWritePanicRemovesTemp(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "p.txt")
	func() {
		defer func() {
			if r := recover(); r == nil {
				t.Error("panic in fn was swallowed")
			}
		}()
		Write(path, func(w io.Writer) error {
			io.WriteString(w, "x")
			panic("fn panics")
		})
	}()
	if names := listDir(t, dir); len(names) != 0 {
		t.Errorf("folder holds %q after panic, want nothing", names)
	}
}

func TestWriteBadTarget(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "file")
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	sub := filepath.Join(dir, "sub")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		path string
		is   error // want errors.Is(err, is) when non-nil
	}{
		{"missing folder", filepath.Join(dir, "no", "such", "out.txt"), fs.ErrNotExist},
		{"parent is a file", filepath.Join(file, "out.txt"), nil},
		{"target is a folder", sub, ErrNotRegular},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			called := false
			err := Write(tt.path, func(w io.Writer) error { called = true; return nil })
			if err == nil {
				t.Fatalf("Write(%q) = nil, want error", tt.path)
			}
			if !strings.Contains(err.Error(), tt.path) {
				t.Errorf("error %q does not name %q", err, tt.path)
			}
			if tt.is != nil && !errors.Is(err, tt.is) {
				t.Errorf("error %v, want errors.Is %v", err, tt.is)
			}
			if called {
				t.Error("fn was called although the target cannot be written")
			}
		})
	}
	if names := listDir(t, dir); len(names) != 2 {
		t.Errorf("folder holds %q, want file and sub only", names)
	}
}

func TestWriteUnwritableFolder(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("folder permissions do not stop writes on Windows")
	}
	dir := t.TempDir()
	ro := filepath.Join(dir, "ro")
	if err := os.Mkdir(ro, 0o755); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(ro, "out.txt")
	if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(ro, 0o555); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(ro, 0o755) })
	// Root ignores folder permissions; probe before asserting.
	if f, err := os.CreateTemp(ro, "probe"); err == nil {
		f.Close()
		os.Remove(f.Name())
		t.Skip("folder permissions are not enforced for this user (root?)")
	}
	err := WriteFile(path, []byte("new"))
	if err == nil {
		t.Fatal("WriteFile into a read-only folder = nil, want error")
	}
	if !strings.Contains(err.Error(), path) || !errors.Is(err, fs.ErrPermission) {
		t.Errorf("error %q, want one naming %q and wrapping fs.ErrPermission", err, path)
	}
	if got, _ := os.ReadFile(path); string(got) != "old" {
		t.Errorf("content = %q, want \"old\"", got)
	}
}

func TestWriteReplacesSymlink(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("symbolic links need privileges on Windows")
	}
	dir := t.TempDir()
	target := filepath.Join(dir, "target")
	if err := os.WriteFile(target, []byte("target"), 0o600); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link")
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(link, []byte("new")); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Lstat(link)
	if err != nil || !fi.Mode().IsRegular() || fi.Mode().Perm() != DefaultMode {
		t.Errorf("Lstat(link) = %v, %v; want a regular file with mode %v", fi.Mode(), err, DefaultMode)
	}
	if got, _ := os.ReadFile(target); string(got) != "target" {
		t.Errorf("link target changed to %q", got)
	}
}

func ExampleWriteFile() {
	dir, err := os.MkdirTemp("", "atomicfile-example")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "notes.txt")
	if err := WriteFile(path, []byte("all or nothing\n")); err != nil {
		panic(err)
	}
	b, _ := os.ReadFile(path)
	os.Stdout.Write(b)
	// Output: all or nothing
}

func BenchmarkWriteFile(b *testing.B) {
	for _, size := range []int{1 << 10, 1 << 20} {
		b.Run(fmt.Sprintf("%dKiB", size>>10), func(b *testing.B) {
			path := filepath.Join(b.TempDir(), "bench")
			data := make([]byte, size)
			for i := range data {
				data[i] = byte(i * 7)
			}
			b.SetBytes(int64(size))
			b.ReportAllocs()
			for b.Loop() {
				if err := WriteFile(path, data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// Package atomicfile writes files so that readers see either the old
// content or the complete new content, never a truncated or partial file.
//
// [Write] and [WriteFile] create a temporary file in the target's folder,
// write to it, flush it to stable storage (fsync), close it, set its mode
// and rename it over the target. Because the temporary file lives in the
// same folder, the rename stays on one file system and is atomic on POSIX
// systems. On any error the temporary file is removed and an existing
// target is left exactly as it was.
//
// New files get mode 0644; a file that already exists keeps its
// permission bits.
package atomicfile

package main

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// writeAtomic writes data to path so that readers see either the old file
// or the complete new one: a temporary file in the same folder, synced to
// disk, then renamed over path. A non-regular path (a device, a FIFO, a
// link to one) is written into directly instead (directTarget).
func writeAtomic(path string, data []byte) error {
	return writeAllAtomic([]outputFile{{Path: path, Data: data}})
}

// outputFile is one file to write.
type outputFile struct {
	Path string
	Data []byte
}

// writeAllAtomic writes every file to a temporary sibling first and renames
// them into place only when all of them are on disk, so that a failure
// leaves no half-written report (at worst some renamed and the rest absent).
func writeAllAtomic(files []outputFile) error {
	dirs := map[string]bool{}
	for _, f := range files {
		if d := filepath.Dir(f.Path); !dirs[d] {
			dirs[d] = true
			removeStaleTemps(d) // left by a run killed mid-write
		}
	}
	temps := make([]*tempFile, 0, len(files))
	for _, f := range files {
		t, err := newTempFile(f.Path)
		if err == nil {
			_, err = t.Write(f.Data)
			if err == nil {
				err = t.finish()
			} else {
				t.discard()
			}
		}
		if err != nil {
			for _, done := range temps {
				done.discard()
			}
			return err
		}
		temps = append(temps, t)
	}
	return renameAll(temps)
}

// errFolderTarget is an output path that names a folder.
var errFolderTarget = errors.New("is a folder, not a file")

// directTarget reports whether path is written into directly rather than
// replaced: a device (/dev/null, /dev/full), a FIFO, a socket, or a link
// that leads to one or goes through /dev or /proc (/dev/stdout with
// stdout redirected to a file). Renaming over such a path would replace
// the device node or the pipe with a regular file, so it is never done.
// A missing path, a regular file and a link to a regular file elsewhere
// are replaced atomically; a folder is errFolderTarget.
func directTarget(path string) (bool, error) {
	l, err := os.Lstat(path)
	if err != nil {
		return false, nil // missing: created; another error shows at creation
	}
	if l.IsDir() {
		return false, errFolderTarget
	}
	if l.Mode().IsRegular() {
		return false, nil
	}
	if l.Mode()&fs.ModeSymlink == 0 {
		return true, nil // device, FIFO, socket
	}
	st, err := os.Stat(path)
	if err != nil {
		return false, nil // a dangling link: replaced, as before
	}
	if st.IsDir() {
		return false, errFolderTarget
	}
	if !st.Mode().IsRegular() {
		return true, nil
	}
	real, err := filepath.EvalSymlinks(path)
	if err != nil || underSystemTree(real) || underSystemTree(path) {
		return true, nil
	}
	return false, nil
}

// underSystemTree reports whether p lies under /dev or /proc.
func underSystemTree(p string) bool {
	p = filepath.Clean(p)
	return strings.HasPrefix(p, "/dev/") || strings.HasPrefix(p, "/proc/")
}

// syncDir makes a rename in dir durable where the system allows it.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		d.Close()
	}
}

// tempFile is a report being written beside its final path, renamed into
// place by renameAll once every file of the run is complete; or, for a
// non-regular target (directTarget), the target itself written directly.
type tempFile struct {
	Path   string // where it goes
	f      *os.File
	w      *bufio.Writer
	err    error // the first write error
	direct bool  // f is Path itself: never renamed, never removed
}

// newTempFile starts a temporary file beside path, or opens path itself
// when it is a device, a FIFO or a link to one.
func newTempFile(path string) (*tempFile, error) {
	direct, err := directTarget(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if direct {
		// O_APPEND: /dev/stdout redirected with >> keeps what is there.
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
		if err != nil {
			return nil, fmt.Errorf("%s: cannot write into it (not a regular file): %v", path, unwrapPath(err))
		}
		return &tempFile{Path: path, f: f, w: bufio.NewWriter(f), direct: true}, nil
	}
	f, err := createTemp(path)
	if err != nil {
		return nil, fmt.Errorf("%s: cannot create a file in %s: %v", path, filepath.Dir(path), err)
	}
	return &tempFile{Path: path, f: f, w: bufio.NewWriter(f)}, nil
}

// Write writes to the temporary file.
func (t *tempFile) Write(p []byte) (int, error) {
	if t.err != nil {
		return 0, t.err
	}
	if t.w == nil {
		return 0, fmt.Errorf("%s: written after it was finished", t.Path)
	}
	n, err := t.w.Write(p)
	t.err = err
	return n, err
}

// finish flushes, syncs and closes the file; on an error a temporary is
// removed.
func (t *tempFile) finish() error {
	err := t.err
	if err == nil {
		err = t.w.Flush()
	}
	if err == nil && !t.direct { // a device or pipe has nothing to sync
		err = t.f.Sync()
	}
	if err == nil && !t.direct {
		err = t.f.Chmod(0o644)
	}
	if cerr := t.f.Close(); err == nil {
		err = cerr
	}
	t.w = nil // its buffer: a team's pages wait for the rename together
	if err != nil {
		if !t.direct {
			os.Remove(t.f.Name())
		}
		return fmt.Errorf("%s: %v", t.Path, unwrapPath(err))
	}
	return nil
}

// discard closes and removes the temporary file; a direct target is only
// closed.
func (t *tempFile) discard() {
	t.f.Close()
	if !t.direct {
		os.Remove(t.f.Name())
	}
}

// renameAll renames finished temporary files into place, and removes
// them all when one rename fails. Direct targets are already in place.
func renameAll(files []*tempFile) error {
	for i, t := range files {
		if t.direct {
			continue
		}
		if err := os.Rename(t.f.Name(), t.Path); err != nil {
			for _, rest := range files[i:] {
				if !rest.direct {
					os.Remove(rest.f.Name())
				}
			}
			return fmt.Errorf("%s: %v", t.Path, err)
		}
	}
	dirs := map[string]bool{}
	for _, t := range files {
		if d := filepath.Dir(t.Path); !t.direct && !dirs[d] {
			dirs[d] = true
			syncDir(d)
		}
	}
	return nil
}

package main

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
)

// writeAtomic writes data to path so that readers see either the old file
// or the complete new one: a temporary file in the same folder, synced to
// disk, then renamed over path.
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
	temps := make([]string, 0, len(files))
	cleanup := func() {
		for _, t := range temps {
			os.Remove(t)
		}
	}
	for _, f := range files {
		tmp, err := writeTemp(f.Path, f.Data)
		if err != nil {
			cleanup()
			return err
		}
		temps = append(temps, tmp)
	}
	for i, f := range files {
		if err := os.Rename(temps[i], f.Path); err != nil {
			cleanup()
			return fmt.Errorf("%s: %v", f.Path, err)
		}
	}
	for _, f := range files {
		syncDir(filepath.Dir(f.Path))
	}
	return nil
}

// writeTemp writes data to a new temporary file beside path and returns its
// name.
func writeTemp(path string, data []byte) (string, error) {
	dir := filepath.Dir(path)
	f, err := createTemp(path)
	if err != nil {
		return "", fmt.Errorf("%s: cannot create a file in %s: %v", path, dir, err)
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if err == nil {
		err = f.Chmod(0o644)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(f.Name())
		return "", fmt.Errorf("%s: %v", path, err)
	}
	return f.Name(), nil
}

// syncDir makes a rename in dir durable where the system allows it.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		d.Close()
	}
}

// tempFile is a report being written beside its final path, renamed into
// place by renameAll once every file of the run is complete.
type tempFile struct {
	Path string // where it goes
	f    *os.File
	w    *bufio.Writer
	err  error // the first write error
}

// newTempFile starts a temporary file beside path.
func newTempFile(path string) (*tempFile, error) {
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

// finish flushes, syncs and closes the file; on an error it is removed.
func (t *tempFile) finish() error {
	err := t.err
	if err == nil {
		err = t.w.Flush()
	}
	if err == nil {
		err = t.f.Sync()
	}
	if err == nil {
		err = t.f.Chmod(0o644)
	}
	if cerr := t.f.Close(); err == nil {
		err = cerr
	}
	t.w = nil // its buffer: a team's pages wait for the rename together
	if err != nil {
		os.Remove(t.f.Name())
		return fmt.Errorf("%s: %v", t.Path, err)
	}
	return nil
}

// discard closes and removes the temporary file.
func (t *tempFile) discard() {
	t.f.Close()
	os.Remove(t.f.Name())
}

// renameAll renames finished temporary files into place, and removes
// them all when one rename fails.
func renameAll(files []*tempFile) error {
	for i, t := range files {
		if err := os.Rename(t.f.Name(), t.Path); err != nil {
			for _, rest := range files[i:] {
				os.Remove(rest.f.Name())
			}
			return fmt.Errorf("%s: %v", t.Path, err)
		}
	}
	dirs := map[string]bool{}
	for _, t := range files {
		if d := filepath.Dir(t.Path); !dirs[d] {
			dirs[d] = true
			syncDir(d)
		}
	}
	return nil
}

//go:build unix

package ingest

import (
	"os"
	"syscall"
)

// openInput opens path read-only without blocking: opening a named pipe
// with no writer would otherwise wait forever, before any check or Ctrl-C
// could stop it. O_NONBLOCK does not change reads of regular files, the
// only kind Read goes on to read.
func openInput(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
}

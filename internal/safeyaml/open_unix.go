//go:build unix

package safeyaml

import (
	"os"
	"syscall"
)

// openNonBlocking opens path read-only without waiting for a FIFO's
// writer; reads of a regular file are unchanged.
func openNonBlocking(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
}

//go:build !unix

package safeyaml

import "os"

// openNonBlocking opens path read-only.
func openNonBlocking(path string) (*os.File, error) { return os.Open(path) }

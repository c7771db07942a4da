//go:build !unix

package ingest

import "os"

// openInput opens path read-only.
func openInput(path string) (*os.File, error) { return os.Open(path) }

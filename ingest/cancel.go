package ingest

import (
	"context"
	"io"
	"os"
)

// cancellableFile is an open input whose reads stop once ctx is done, so
// that Ctrl-C ends a run within one read (64 KiB) of any decoder, however
// long the file or slow the disk.
type cancellableFile struct {
	ctx context.Context
	f   *os.File
}

func (c *cancellableFile) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.f.Read(p)
}

func (c *cancellableFile) ReadAt(p []byte, off int64) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.f.ReadAt(p, off)
}

var _ io.ReaderAt = (*cancellableFile)(nil)

package ingest

// Stubs replaced by the format files as they land.

import (
	"context"
	"fmt"
	"io"
)

func readGzip(ctx context.Context, r io.Reader, size int64, name string, opt Options, depth int, fn func(*Activity)) []Problem {
	return []Problem{{Path: name, Err: fmt.Errorf("%w: gzip not yet supported", ErrUnsupported)}}
}

func readZip(ctx context.Context, r io.Reader, size int64, name string, opt Options, depth int, fn func(*Activity)) []Problem {
	return []Problem{{Path: name, Err: fmt.Errorf("%w: zip not yet supported", ErrUnsupported)}}
}

package ingest

import (
	"fmt"
	"io"
)

func decodeFIT(r io.Reader, name string, opt Options, emit emitFunc) error {
	return fmt.Errorf("%w: FIT not yet supported", ErrUnsupported)
}

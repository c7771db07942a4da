package report

import (
	"fmt"
	"io"

	"github.com/itbcheck/itbcheck/ingest"
)

// Inspect writes what each file holds, as `itbcheck inspect` prints it, in
// format text or json. Each entry is one activity read from a file. (Stub.)
func Inspect(w io.Writer, format string, acts []*ingest.Activity) error {
	return fmt.Errorf("format %q not yet supported", format)
}

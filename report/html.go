package report

import (
	"fmt"
	"io"
)

func renderHTML(w io.Writer, r *Report) error { return fmt.Errorf("html: not yet") }

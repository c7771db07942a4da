package report

import (
	"fmt"
	"io"
)

// Options tune rendering.
type Options struct {
	Color  bool   // ANSI colour in text output (a TTY without NO_COLOR)
	FailOn string // junit: lowest severity that is a failure ("high" default)
	Weekly bool   // csv: one row per athlete-week instead of per athlete
}

// Render writes r in format: text, json, markdown, html, csv or junit. (Stub.)
func Render(w io.Writer, format string, r *Report, opt Options) error {
	return fmt.Errorf("format %q not yet supported", format)
}

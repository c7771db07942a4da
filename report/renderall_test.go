package report

import (
	"fmt"
	"io"

	"github.com/itbcheck/itbcheck/screen"
)

// Render writes the whole report r in format: text, json, markdown, html,
// csv, junit or github (see Formats), through the format's Renderer.
func Render(w io.Writer, format string, r *screen.Report, opt Options) error {
	if r == nil {
		return fmt.Errorf("render %s: no report", format)
	}
	s, err := NewStream(w, format, Header{Tool: r.Tool, GeneratedAt: r.GeneratedAt, ConfigFile: r.ConfigFile,
		RuleConfig: r.RuleConfig, Athletes: len(r.Athletes), Options: opt})
	if err != nil {
		return err
	}
	for i, a := range r.Athletes {
		if err := s.Add(i, a); err != nil {
			return err
		}
	}
	return s.Close()
}

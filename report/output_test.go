package report

import (
	"strings"
	"testing"
)

func TestResolveOutput(t *testing.T) {
	analyze := []string{"text", "json", "markdown", "html", "csv"}
	check := append(append([]string{}, analyze...), "junit", "github")
	tests := []struct {
		name, format, path string
		allowed            []string
		batch              bool
		want               Output
		wantErr            string
	}{
		{name: "stdout", allowed: analyze, want: Output{Format: "text"}},
		{name: "stdout dash", path: "-", format: "json", allowed: analyze, want: Output{Format: "json", Path: "-"}},
		{name: "format from extension", path: "me.html", allowed: analyze, want: Output{Format: "html", Path: "me.html"}},
		{name: "extension agrees", path: "me.MD", format: "md", allowed: analyze, want: Output{Format: "markdown", Path: "me.MD"}},
		{name: "extension contradicts", path: "me.json", format: "html", allowed: analyze, wantErr: "the extension .json says json, --format says html"},
		{name: "xml for analyze", path: "x.xml", allowed: analyze, wantErr: ".xml writes junit"},
		{name: "xml for check", path: "x.xml", allowed: check, want: Output{Format: "junit", Path: "x.xml"}},
		{name: "unknown extension", path: "x.dat", allowed: analyze, wantErr: "unknown extension .dat"},
		{name: "unknown extension with format", path: "x.dat", format: "json", allowed: analyze, wantErr: "unknown extension .dat"},
		{name: "no extension needs format", path: "report", allowed: analyze, wantErr: "no extension"},
		{name: "no extension with format", path: "report", format: "json", allowed: analyze, want: Output{Format: "json", Path: "report"}},
		{name: "github to a log", path: "notes.log", format: "github", allowed: check, want: Output{Format: "github", Path: "notes.log"}},
		{name: "github to txt", path: "notes.txt", format: "github", allowed: check, want: Output{Format: "github", Path: "notes.txt"}},
		{name: "unknown format", format: "pdf", allowed: analyze, wantErr: "--format pdf: unknown format"},
		{name: "batch folder", path: "out", batch: true, allowed: analyze, want: Output{Format: "text", Path: "out", Folder: true}},
		{name: "batch folder with a dot", path: "out.2026", format: "html", batch: true, allowed: analyze, want: Output{Format: "html", Path: "out.2026", Folder: true}},
		{name: "batch overview file", path: "team.html", batch: true, allowed: analyze, want: Output{Format: "html", Path: "team.html"}},
		{name: "batch overview contradicts", path: "team.html", format: "csv", batch: true, allowed: analyze, wantErr: "says html, --format says csv"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ResolveOutput(tt.format, tt.path, tt.allowed, tt.batch)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Errorf("error %v, want one with %q", err, tt.wantErr)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Errorf("got %+v, %v; want %+v", got, err, tt.want)
			}
		})
	}
}

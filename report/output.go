package report

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
)

// Output is what a command's --format and -o PATH ask for.
type Output struct {
	Format string // the Name of a format of Formats
	Path   string // "" (or "-") for stdout
	// Folder is set for batch -o DIR: one report per athlete and the team
	// overview. Without it, a batch report to a file is the team overview
	// alone.
	Folder bool
}

// Stdout reports whether the output goes to stdout.
func (o Output) Stdout() bool { return o.Path == "" || o.Path == "-" }

// ResolveOutput applies the contract's -o rule. format is the --format
// flag ("" when absent), path the -o flag, allowed the command's formats.
// For batch, PATH is a folder unless it ends in a report extension. For a
// file, the format comes from the extension when --format is absent; an
// unknown extension, or one that contradicts --format or names a format
// the command does not write, is an error (a usage error of the CLI).
// A file without an extension takes --format and needs it.
func ResolveOutput(format, path string, allowed []string, batch bool) (Output, error) {
	out := Output{Path: path}
	if format != "" {
		f := normalFormat(format)
		if !slices.Contains(allowed, f) {
			return out, fmt.Errorf("--format %s: unknown format (want one of %s)", format, strings.Join(allowed, ", "))
		}
		out.Format = f
	}
	if WritesFolder(out.Format) {
		if out.Stdout() {
			f, _ := LookupFormat(out.Format)
			return out, fmt.Errorf("--format %s writes a folder of tables (%s): give -o DIR", out.Format, strings.Join(f.Files, ", "))
		}
		out.Folder = true
		return out, nil
	}
	if out.Stdout() {
		if out.Format == "" {
			out.Format = "text"
		}
		return out, nil
	}
	ext := strings.ToLower(filepath.Ext(path))
	extFormat, known := FormatFromExt(path)
	if batch && !known {
		out.Folder = true
		if out.Format == "" {
			out.Format = "text"
		}
		return out, nil
	}
	switch {
	case !known && ext == "" && out.Format != "":
		return out, nil // -o report --format json
	case !known && ext == "":
		return out, fmt.Errorf("-o %s: no extension to take the format from; end it in one of %s, or give --format", path, strings.Join(ReportExts, " "))
	case !known && out.Format == "github":
		return out, nil // annotations to a log file
	case !known:
		return out, fmt.Errorf("-o %s: unknown extension %s (want one of %s)", path, ext, strings.Join(ReportExts, " "))
	case out.Format == "github" && extFormat == "text":
		return out, nil
	case out.Format != "" && out.Format != extFormat:
		return out, fmt.Errorf("-o %s: the extension %s says %s, --format says %s", path, ext, extFormat, out.Format)
	case !slices.Contains(allowed, extFormat):
		return out, fmt.Errorf("-o %s: %s writes %s, not %s", path, ext, extFormat, strings.Join(allowed, ", "))
	}
	out.Format = extFormat
	return out, nil
}

// normalFormat turns the other names --format takes (aliases) into
// format names; an unknown name stays as given.
func normalFormat(f string) string {
	if format, ok := LookupFormat(f); ok {
		return format.Name
	}
	return strings.ToLower(f)
}

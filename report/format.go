package report

import (
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
)

// Format is one report format: a row of the one table (Formats) that the
// CLI's --format, -o and help read.
type Format struct {
	// Name is what --format takes and Output.Format holds.
	Name string
	// Aliases are other names --format takes for it ("md").
	Aliases []string
	// Exts are the -o extensions that ask for it, lower case; the first is
	// the extension of the files batch -o DIR writes. None for github,
	// which writes a log of workflow commands.
	Exts []string
	// Commands are the commands that write it.
	Commands []string
	// New makes its renderer, writing to w; nil for a format of Files.
	New func(w io.Writer) Renderer
	// Files are the files a format that writes a folder of tables (-o
	// DIR) writes, and NewFiles makes its renderer over one writer for
	// each of them, in the same order.
	Files    []string
	NewFiles func(files []io.Writer) Renderer
}

// The commands that write reports.
var (
	reportCommands = []string{"analyze", "batch", "check"}
	checkOnly      = []string{"check"}
)

// Formats is every report format, in the order help and messages list them.
var Formats = []Format{
	{Name: "text", Aliases: []string{"txt"}, Exts: []string{".txt"}, Commands: reportCommands, New: newTextRenderer},
	{Name: "json", Exts: []string{".json"}, Commands: reportCommands, New: newJSONRenderer},
	{Name: "markdown", Aliases: []string{"md"}, Exts: []string{".md", ".markdown"}, Commands: reportCommands, New: newMarkdownRenderer},
	{Name: "html", Exts: []string{".html", ".htm"}, Commands: reportCommands, New: newHTMLRenderer},
	{Name: "csv", Exts: []string{".csv"}, Commands: reportCommands, New: newCSVRenderer},
	{Name: "ndjson", Exts: []string{".ndjson", ".jsonl"}, Commands: reportCommands, New: newNDJSONRenderer},
	{Name: "parquet", Commands: reportCommands, Files: TableFiles, NewFiles: newParquetRenderer},
	{Name: "junit", Aliases: []string{"xml"}, Exts: []string{".xml"}, Commands: checkOnly, New: newJUnitRenderer},
	{Name: "github", Commands: checkOnly, New: newGitHubRenderer},
}

// ReportExts are the extensions -o reads a format from, as the contract
// lists them: each format's first.
var ReportExts = reportExts()

func reportExts() []string {
	var out []string
	for _, f := range Formats {
		if len(f.Exts) > 0 {
			out = append(out, f.Exts[0])
		}
	}
	return out
}

// LookupFormat finds a format by its name or an alias, in any case.
func LookupFormat(name string) (Format, bool) {
	name = strings.ToLower(name)
	for _, f := range Formats {
		if f.Name == name || slices.Contains(f.Aliases, name) {
			return f, true
		}
	}
	return Format{}, false
}

// FormatNames are the names of the formats command writes, in table
// order.
func FormatNames(command string) []string {
	var out []string
	for _, f := range Formats {
		if slices.Contains(f.Commands, command) {
			out = append(out, f.Name)
		}
	}
	return out
}

// FormatFromExt gives the format an output file's extension asks for, and
// false when the extension names none.
func FormatFromExt(path string) (string, bool) {
	ext := strings.ToLower(filepath.Ext(path))
	for _, f := range Formats {
		if ext != "" && slices.Contains(f.Exts, ext) {
			return f.Name, true
		}
	}
	return "", false
}

// FileExt is the extension (without the dot) of the files batch -o DIR
// writes in format; "txt" for a format without one.
func FileExt(format string) string {
	if f, ok := LookupFormat(format); ok && len(f.Exts) > 0 {
		return strings.TrimPrefix(f.Exts[0], ".")
	}
	return "txt"
}

// newRenderer is the renderer of format writing to w.
func newRenderer(w io.Writer, format string) (Renderer, error) {
	f, ok := LookupFormat(format)
	if !ok {
		var names []string
		for _, f := range Formats {
			names = append(names, f.Name)
		}
		return nil, fmt.Errorf("unknown report format %q (want one of %s)", format, strings.Join(names, ", "))
	}
	if f.New == nil {
		return nil, fmt.Errorf("%s writes a folder of tables (%s): give -o DIR", f.Name, strings.Join(f.Files, ", "))
	}
	return f.New(w), nil
}

// WritesFolder reports whether format writes a folder of files (Files)
// rather than one document.
func WritesFolder(format string) bool {
	f, ok := LookupFormat(format)
	return ok && f.NewFiles != nil
}

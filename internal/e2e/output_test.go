package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestOutputRule checks the contract's -o rule on the built binary: the
// format follows the extension, batch writes a folder unless PATH ends in a
// report extension (then the team overview alone), a contradicting or
// unknown extension is a usage error, and stderr says what was written.
func TestOutputRule(t *testing.T) {
	sample := sampleDir(t, "")
	alice := sampleDir(t, "alice")
	dir := t.TempDir()
	tests := []struct {
		name   string
		args   []string
		code   int
		stderr string   // must appear
		files  []string // must exist afterwards, relative to dir
		check  func(t *testing.T)
	}{
		{name: "batch to a report file is the overview alone", args: []string{"batch", sample, "-o", filepath.Join(dir, "team.html")}, code: 0,
			stderr: "wrote " + filepath.Join(dir, "team.html") + " (html team overview of 3 athletes)", files: []string{"team.html"},
			check: func(t *testing.T) {
				data, _ := os.ReadFile(filepath.Join(dir, "team.html"))
				if !strings.Contains(string(data), "Team overview") || strings.Contains(string(data), `<section class="athlete"`) {
					t.Errorf("team.html is not the overview alone (%d bytes)", len(data))
				}
				if st, err := os.Stat(filepath.Join(dir, "team.html")); err != nil || st.IsDir() {
					t.Errorf("team.html is a folder or missing: %v", err)
				}
			}},
		{name: "batch to a folder", args: []string{"batch", sample, "--format", "html", "-o", filepath.Join(dir, "out")}, code: 0,
			stderr: "wrote 6 files to " + filepath.Join(dir, "out") + string(filepath.Separator) + " (index.html, team.csv)",
			files:  []string{"out/index.html", "out/alice.html", "out/bob.html", "out/carol.html", "out/itbcheck-report.json", "out/team.csv"}},
		{name: "format from the extension", args: []string{"analyze", alice, "-o", filepath.Join(dir, "alice.md")}, code: 0,
			stderr: "(markdown report)", files: []string{"alice.md"},
			check: func(t *testing.T) {
				data, _ := os.ReadFile(filepath.Join(dir, "alice.md"))
				if !strings.HasPrefix(string(data), "# itbcheck") {
					t.Errorf("alice.md is not Markdown: %.80s", data)
				}
			}},
		{name: "xml is junit, a check format", args: []string{"analyze", alice, "-o", filepath.Join(dir, "x.xml")}, code: 2, stderr: ".xml writes junit"},
		{name: "extension contradicts --format", args: []string{"analyze", alice, "--format", "html", "-o", filepath.Join(dir, "x.json")}, code: 2, stderr: "the extension .json says json, --format says html"},
		{name: "unknown extension", args: []string{"check", alice, "-o", filepath.Join(dir, "x.pdf")}, code: 2, stderr: "unknown extension .pdf"},
		{name: "check junit from the extension", args: []string{"check", "--team", sample, "-o", filepath.Join(dir, "ci.xml")}, code: 1,
			stderr: "(junit report)", files: []string{"ci.xml"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := itbcheck(t, nil, tt.args...)
			if res.code != tt.code || !strings.Contains(string(res.stderr), tt.stderr) {
				t.Errorf("exit %d, stderr:\n%s\nwant %d and %q", res.code, res.stderr, tt.code, tt.stderr)
			}
			if tt.code == 2 && len(lines(res.stderr)) != 1 {
				t.Errorf("a usage error takes one line, got:\n%s", res.stderr)
			}
			if len(res.stdout) > 0 {
				t.Errorf("stdout not empty with -o: %.100s", res.stdout)
			}
			for _, f := range tt.files {
				if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
					t.Errorf("not written: %v", err)
				}
			}
			if tt.check != nil {
				tt.check(t)
			}
		})
	}
}

// TestQuiet checks that -q hides the report on stdout unless -o - or
// --format asks for it, and hides notes but not the outcome.
func TestQuiet(t *testing.T) {
	sample := sampleDir(t, "")
	alice := sampleDir(t, "alice")
	tests := []struct {
		name       string
		args       []string
		code       int
		stdoutWant string // prefix; "" for empty stdout
	}{
		{"check -q", []string{"check", "-q", "--team", sample}, 1, ""},
		{"check -q --format json", []string{"check", "-q", "--team", sample, "--format", "json"}, 1, "{"},
		{"analyze -q -o -", []string{"analyze", "-q", "-o", "-", alice}, 0, "itbcheck"},
		{"analyze -q", []string{"analyze", "-q", alice}, 0, ""},
		{"--no-progress keeps the report", []string{"analyze", "--no-progress", alice}, 0, "itbcheck"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := itbcheck(t, nil, tt.args...)
			if res.code != tt.code {
				t.Errorf("exit %d, want %d; stderr %s", res.code, tt.code, res.stderr)
			}
			out := string(res.stdout)
			if tt.stdoutWant == "" && out != "" || !strings.HasPrefix(out, tt.stdoutWant) {
				t.Errorf("stdout %.80q, want it to start with %q", out, tt.stdoutWant)
			}
			if strings.Contains(string(res.stderr), "merged") && strings.Contains(strings.Join(tt.args, " "), "-q") {
				t.Errorf("-q printed a note: %s", res.stderr)
			}
		})
	}
}

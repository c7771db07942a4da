package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// streamCases are the sample team's reports on stdout, one per format and
// command, whose bytes testdata/stream pins: writing each athlete as soon
// as its analysis is done must give the reports a whole-report renderer
// gave.
var streamCases = []struct {
	golden string
	args   []string
}{
	{"batch.txt", []string{"batch", "testdata/sample"}},
	{"batch-verbose.txt", []string{"batch", "--verbose", "testdata/sample"}},
	{"batch.md", []string{"batch", "--format", "markdown", "testdata/sample"}},
	{"batch.json", []string{"batch", "--format", "json", "testdata/sample"}},
	{"batch.html", []string{"batch", "--format", "html", "testdata/sample"}},
	{"batch.csv", []string{"batch", "--format", "csv", "testdata/sample"}},
	{"batch-weekly.csv", []string{"batch", "--format", "csv", "--weekly", "testdata/sample"}},
	{"check.xml", []string{"check", "--team", "--format", "junit", "testdata/sample"}},
	{"check.github", []string{"check", "--team", "--format", "github", "testdata/sample"}},
	{"analyze.txt", []string{"analyze", "testdata/sample/alice"}},
	{"analyze.json", []string{"analyze", "--format", "json", "testdata/sample/bob"}},
	{"analyze.html", []string{"analyze", "--format", "html", "testdata/sample/carol"}},
}

// inRepoRoot isolates the CLI from the environment as isolate does, but
// runs it from the repository's root, so that the reports name inputs as
// testdata/sample/… wherever the clone is.
func inRepoRoot(t *testing.T) {
	t.Helper()
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	isolate(t)
	t.Chdir(root)
}

// TestStreamGolden runs each case in-process and compares its stdout with
// the golden file (go test ./cmd/itbcheck -run TestStreamGolden -update
// rewrites them, for a change a report is meant to make).
func TestStreamGolden(t *testing.T) {
	golden, err := filepath.Abs(filepath.Join("testdata", "stream"))
	if err != nil {
		t.Fatal(err)
	}
	inRepoRoot(t)
	for _, tt := range streamCases {
		t.Run(tt.golden, func(t *testing.T) {
			code, out, stderr := runCLI(t, tt.args...)
			if code != exitOK && code != exitFindings && code != exitInputs {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			path := filepath.Join(golden, tt.golden)
			if *updateDocs {
				if err := os.MkdirAll(golden, 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, []byte(out), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal([]byte(out), want) {
				t.Errorf("%s differs from testdata/stream/%s (%d bytes, want %d); first difference near: %q\n"+
					"(a change meant to alter reports: go test ./cmd/itbcheck -run TestStreamGolden -update)",
					strings.Join(tt.args, " "), tt.golden, len(out), len(want), firstDiff(out, string(want)))
			}
		})
	}
}

// firstDiff is a little of got around where it first differs from want.
func firstDiff(got, want string) string {
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	return got[max(0, i-40):min(len(got), i+40)]
}

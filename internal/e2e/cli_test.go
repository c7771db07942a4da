package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// lines splits output into its non-empty lines.
func lines(b []byte) []string {
	var out []string
	for _, l := range strings.Split(string(b), "\n") {
		if strings.TrimSpace(l) != "" {
			out = append(out, l)
		}
	}
	return out
}

// TestWhatWasRead checks what the CLI says about its inputs: a path that
// does not exist is a one-line usage error, a folder with nothing readable
// is exit 3 with the reason, a team folder given as one athlete warns with
// the command to use, one athlete's folder given to batch is one line, and
// merged duplicates are counted.
func TestWhatWasRead(t *testing.T) {
	sample := sampleDir(t, "")
	alice := sampleDir(t, "alice")
	empty := t.TempDir()
	if err := os.WriteFile(filepath.Join(empty, "notes.txt"), []byte("not an activity"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name       string
		args       []string
		code       int
		stderr     []string // each must appear
		notStderr  string   // must not appear ("" for no check)
		stderrMax  int      // most stderr lines (0: no bound)
		stdoutNone bool
	}{
		{name: "missing path", args: []string{"analyze", "--format", "json", filepath.Join(empty, "nope")}, code: 2,
			stderr: []string{"nope: no such file or folder"}, stderrMax: 1, stdoutNone: true},
		{name: "check missing path", args: []string{"check", "/does/not/exist"}, code: 2,
			stderr: []string{"/does/not/exist: no such file or folder"}, stderrMax: 1, stdoutNone: true},
		{name: "nothing readable", args: []string{"check", "--format", "json", empty}, code: 3,
			stderr: []string{"nothing readable: no activity files", "1 file of another type skipped"}},
		{name: "team folder without --team", args: []string{"check", "--format", "json", sample}, code: 1,
			stderr: []string{"its folders alice, bob and carol", `ONE athlete "sample"`, "use: itbcheck check --team " + sample, "merged 73 duplicate copies"}}, // alice and bob start together: read as one athlete, their runs are copies
		{name: "analyze a team folder", args: []string{"analyze", "--format", "json", sample}, code: 0,
			stderr: []string{"use: itbcheck batch " + sample}},
		{name: "batch on one athlete", args: []string{"batch", alice}, code: 2,
			stderr: []string{"holds 66 activity files and no athlete sub-folders", "use: itbcheck analyze " + alice}, stderrMax: 1, stdoutNone: true},
		{name: "the team, as a team", args: []string{"check", "--format", "json", "--team", sample}, code: 1,
			notStderr: "ONE athlete"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := itbcheck(t, nil, tt.args...)
			if res.code != tt.code {
				t.Errorf("exit %d, want %d; stderr:\n%s", res.code, tt.code, res.stderr)
			}
			for _, want := range tt.stderr {
				if !strings.Contains(string(res.stderr), want) {
					t.Errorf("stderr lacks %q:\n%s", want, res.stderr)
				}
			}
			if tt.notStderr != "" && strings.Contains(string(res.stderr), tt.notStderr) {
				t.Errorf("stderr has %q:\n%s", tt.notStderr, res.stderr)
			}
			if n := len(lines(res.stderr)); tt.stderrMax > 0 && n > tt.stderrMax {
				t.Errorf("%d lines on stderr, want at most %d:\n%s", n, tt.stderrMax, res.stderr)
			}
			if tt.stdoutNone && len(res.stdout) > 0 {
				t.Errorf("stdout not empty: %.200s", res.stdout)
			}
		})
	}
}

package e2e

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestHostileNamesPerSink: athlete names from a roster (and so in every
// report) carrying a GitHub workflow command, an ESC sequence, a bidi
// override and URLs reach no sink raw: no CSV line starts with "::", no
// HTML, JUnit, Markdown or text report holds a control or bidi
// character, and Markdown makes no live link of a name.
func TestHostileNamesPerSink(t *testing.T) {
	dir := t.TempDir()
	names := []string{
		"::error file=x::forged",
		"evil\u202egpx.exe\x1b[31m\u0085",
		"see http://evil.example/x or www.evil.example or a@evil.example",
	}
	var cfg strings.Builder
	cfg.WriteString("athletes:\n")
	for i, n := range names {
		fmt.Fprintf(&cfg, "  - name: %q\n    paths: [%q]\n", n, sampleDir(t, []string{"alice", "bob", "carol"}[i]))
	}
	config := filepath.Join(dir, "team.yaml")
	if err := os.WriteFile(config, []byte(cfg.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	raw := regexp.MustCompile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u0080-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
	for _, format := range []string{"csv", "html", "markdown", "text", "junit", "json"} {
		t.Run(format, func(t *testing.T) {
			cmd := "batch"
			if format == "junit" {
				cmd = "check"
			}
			args := []string{cmd, "--config", config, "--format", format, "--weekly"}
			if cmd == "check" {
				// check takes a team by its folder: the names as folder names
				root := t.TempDir()
				for i, n := range []string{names[0], names[1], "www.evil.example a@evil.example"} {
					copyInto(t, sampleDir(t, []string{"alice", "bob", "carol"}[i]), filepath.Join(root, n))
				}
				args = []string{cmd, "--team", root, "--format", format}
			}
			res := itbcheck(t, nil, args...) // no ROOT: the roster is the team
			if res.code != 0 && res.code != 1 && res.code != 3 {
				t.Fatalf("exit %d: %s", res.code, res.stderr)
			}
			out := res.stdout
			if len(out) == 0 {
				t.Fatalf("no report")
			}
			if loc := raw.FindIndex(out); format != "json" && loc != nil {
				t.Errorf("raw control or bidi character at byte %d: %q", loc[0], out[max(loc[0]-20, 0):min(loc[1]+20, len(out))])
			}
			for i, line := range bytes.Split(out, []byte("\n")) {
				if bytes.HasPrefix(bytes.TrimLeft(line, " "), []byte("::")) {
					t.Errorf("line %d starts a workflow command: %q", i+1, line)
				}
			}
			if format == "markdown" {
				for _, live := range []string{"http://evil", "www.evil", "a@evil"} {
					if bytes.Contains(out, []byte(live)) {
						t.Errorf("Markdown holds %q as it is: GitHub makes it a live link", live)
					}
				}
			}
			if raw.Match(res.stderr) {
				t.Errorf("raw control or bidi character on stderr: %q", res.stderr)
			}
		})
	}
}

// copyInto copies the files of folder src into a new folder dst.
func copyInto(t *testing.T, src, dst string) {
	t.Helper()
	if err := os.MkdirAll(dst, 0o755); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dst, e.Name()), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

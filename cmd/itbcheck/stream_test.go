package main

import (
	"bytes"
	"fmt"
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

// TestFolderIndexLinks runs `batch -o DIR --format html` on the built
// binary over teams of 2 and 6 copies of the sample's alice: the index
// links to every athlete's page and embeds none, so it grows by one table
// row per athlete, not by a report.
func TestFolderIndexLinks(t *testing.T) {
	alice, err := filepath.Abs(sampleAlice)
	if err != nil {
		t.Fatal(err)
	}
	dir := isolate(t)
	files, err := filepath.Glob(filepath.Join(alice, "*"))
	if err != nil || len(files) == 0 {
		t.Fatalf("sample alice: %v, %d files", err, len(files))
	}
	index := map[int]int{} // team size → index.html bytes
	smallest := 0          // the smallest athlete page
	for _, n := range []int{2, 6} {
		team := filepath.Join(dir, fmt.Sprintf("team%d", n))
		for i := 1; i <= n; i++ {
			athlete := filepath.Join(team, fmt.Sprintf("a%d", i))
			if err := os.MkdirAll(athlete, 0o755); err != nil {
				t.Fatal(err)
			}
			for _, f := range files {
				if err := os.Link(f, filepath.Join(athlete, filepath.Base(f))); err != nil {
					t.Fatal(err)
				}
			}
		}
		out := filepath.Join(dir, fmt.Sprintf("out%d", n))
		if code, _, stderr := runBinary(t, "batch", "-q", "--format", "html", "-o", out, team); code != exitOK && code != exitInputs {
			t.Fatalf("team of %d: exit %d: %s", n, code, stderr)
		}
		b, err := os.ReadFile(filepath.Join(out, "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		page := string(b)
		index[n] = len(b)
		for i := 1; i <= n; i++ {
			name := fmt.Sprintf("a%d.html", i)
			if !strings.Contains(page, `<a href="`+name+`">`) {
				t.Errorf("team of %d: the index does not link to %s", n, name)
			}
			st, err := os.Stat(filepath.Join(out, name))
			if err != nil {
				t.Fatal(err)
			}
			if s := int(st.Size()); smallest == 0 || s < smallest {
				smallest = s
			}
		}
		for _, embedded := range []string{`<section class="athlete"`, `<figure`, `href="#athlete-`} {
			if strings.Contains(page, embedded) {
				t.Errorf("team of %d: the index embeds athletes' reports (%s)", n, embedded)
			}
		}
	}
	perAthlete := (index[6] - index[2]) / 4
	t.Logf("index.html: %d bytes for 2 athletes, %d for 6 (%d per athlete); smallest page %d bytes", index[2], index[6], perAthlete, smallest)
	if perAthlete <= 0 || perAthlete*10 > smallest {
		t.Errorf("the index grows by %d bytes per athlete; an athlete's page is %d: more than a table row", perAthlete, smallest)
	}
}

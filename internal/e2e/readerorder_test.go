package e2e

import (
	"bytes"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/itbcheck/itbcheck/testkit/synth"
)

var updateRealistic = flag.Bool("update", false, "rewrite the realistic season's golden reports under testdata/realistic")

// realisticGolden is where the realistic season's reports are pinned; the
// report package's Chromium and print tests read realistic.html from it.
const realisticGolden = "testdata/realistic"

// realisticSeason is the creeping athlete of synth.Team (seed 1): several
// patterns open now (load creeping up, cadence down, balance off, several
// at once) and one resolved (a load spike), notes, with a symptom log: an
// outer-knee episode in April (resolved), and low back pain with numbness
// in the last week, a red flag.
func realisticSeason(t *testing.T) synth.Season {
	t.Helper()
	for _, a := range synth.Team(1, synth.WithInterval(10*time.Second)) {
		if a.Season.Athlete != "creep" {
			continue
		}
		s := a.Season
		s.Symptoms = append(synth.PainDays(time.Date(2026, 4, 6, 0, 0, 0, 0, time.UTC), "outer-knee", "left", 3, 5, 5, 4),
			synth.SymptomSpec{Date: time.Date(2026, 6, 17, 0, 0, 0, 0, time.UTC), Site: "low-back", Side: "both", Pain: 5,
				Flags: []string{"numbness"}, Note: "after the long run"})
		return s
	}
	t.Fatal("synth.Team has no creep athlete")
	return synth.Season{}
}

// TestRealisticReportGolden pins every format of the realistic season, as
// the CLI writes it, in the reader's order: the red flag first, the action
// list with the professional first, the open patterns, what could not be
// judged, the resolved ones and the notes (go test ./internal/e2e -run
// TestRealisticReportGolden -update rewrites them).
func TestRealisticReportGolden(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "creep")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	s := realisticSeason(t)
	if _, err := s.WriteFIT(dir); err != nil {
		t.Fatal(err)
	}
	if _, err := s.WriteSymptoms(dir); err != nil {
		t.Fatal(err)
	}
	run := func(args ...string) (string, string, int) {
		cmd := exec.Command(binary, args...)
		cmd.Dir = root // paths in the reports are relative: "creep/…"
		cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + root, "XDG_CONFIG_HOME=" + root, "ITBCHECK_NOW=" + fixedNow}
		var out, errb bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errb
		code := exitCode(t, args, cmd.Run())
		return out.String(), errb.String(), code
	}
	for _, tt := range []struct {
		file string
		args []string
		code int
	}{
		{"realistic.txt", []string{"analyze", "creep"}, 0},
		{"realistic-verbose.txt", []string{"analyze", "--verbose", "creep"}, 0},
		{"realistic.md", []string{"analyze", "--format", "markdown", "creep"}, 0},
		{"realistic.html", []string{"analyze", "--format", "html", "creep"}, 0},
		{"realistic.json", []string{"analyze", "--format", "json", "creep"}, 0},
		{"realistic.csv", []string{"analyze", "--format", "csv", "creep"}, 0},
		{"realistic.xml", []string{"check", "--format", "junit", "creep"}, 1},
		{"realistic.github", []string{"check", "--format", "github", "creep"}, 1},
	} {
		t.Run(tt.file, func(t *testing.T) {
			got, stderr, code := run(tt.args...)
			if code != tt.code {
				t.Fatalf("%s: exit %d, want %d: %s", strings.Join(tt.args, " "), code, tt.code, stderr)
			}
			path := filepath.Join(realisticGolden, tt.file)
			if *updateRealistic {
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (go test ./internal/e2e -run TestRealisticReportGolden -update writes it)", err)
			}
			if got != string(want) {
				t.Errorf("%s differs from %s (inspect, then -update if intended); first difference near %q", strings.Join(tt.args, " "), path, firstDifference(got, string(want)))
			}
		})
	}
	// The reader's order, in each human format.
	order := []string{"RED FLAGS", "This week", "See a physiotherapist or physician promptly, before any other change",
		"Open now: 6 risk patterns", "Not judged", "Resolved: 1 risk pattern", "Notes (context, no action needed)"}
	for _, file := range []string{"realistic.txt", "realistic-verbose.txt", "realistic.md", "realistic.html"} {
		data, err := os.ReadFile(filepath.Join(realisticGolden, file))
		if err != nil {
			t.Fatal(err)
		}
		at := 0
		for _, want := range order {
			i := strings.Index(string(data[at:]), want)
			if i < 0 {
				t.Errorf("%s lacks %q after offset %d, or has it out of order", file, want, at)
				break
			}
			at += i + len(want)
		}
	}
}

// firstDifference is a few characters of got around its first byte that
// differs from want.
func firstDifference(got, want string) string {
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	return got[max(0, i-40):min(len(got), i+40)]
}

package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/itbcheck/itbcheck/testkit/synth"
)

// TestShoeMileageFromStravaExport: the shoes come from the activities.csv
// of a Strava bulk export, the samples from its activity files, and the
// km a pair had before the export from the config (its name written in
// another case). The pair crosses 800 km on the run where the plan's km,
// added to prior_km, first reach it; the other pair stays quiet, and
// without the config nothing fires.
func TestShoeMileageFromStravaExport(t *testing.T) {
	t.Parallel()
	s := synth.Plan(synth.Steady, synth.WithInterval(interval))
	root := t.TempDir()
	paths, err := s.WriteFIT(filepath.Join(root, "fit"))
	if err != nil {
		t.Fatal(err)
	}
	export := stravaExport(t, s, paths, root)

	// Where the plan says the Pegasus crosses 800 km with 600 km before.
	const prior = 600.0
	km, crossed := prior, ""
	for _, r := range s.Runs {
		if r.Gear != "Pegasus 40" || !r.IsRun() {
			continue
		}
		km += r.DistanceKm
		if km >= 800 && crossed == "" {
			crossed = r.Start.Format("2006-01-02")
		}
	}
	if crossed == "" || km >= 1000 {
		t.Fatalf("the plan gives the Pegasus %.0f km in all: the test needs it between 800 and 1000", km)
	}

	config := filepath.Join(root, "itbcheck.yaml")
	if err := os.WriteFile(config, []byte("gear:\n  \"pegasus 40\": {prior_km: 600}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	shoeFindings := func(args ...string) []finding {
		t.Helper()
		res := itbcheck(t, nil, append([]string{"analyze", "--format", "json", "-q", "--athlete", "steady"}, args...)...)
		if res.code != 0 {
			t.Fatalf("analyze %v: exit %d\n%s", args, res.code, res.stderr)
		}
		var out []finding
		for _, f := range parseReport(t, res.stdout).Athletes[0].Findings {
			if f.Rule == "shoe-mileage" {
				out = append(out, f)
			}
		}
		return out
	}
	if got := shoeFindings(export); len(got) != 0 {
		t.Errorf("without prior_km: %d shoe-mileage findings, want none: %+v", len(got), got)
	}
	got := shoeFindings("--config", config, export)
	if len(got) != 1 {
		t.Fatalf("with prior_km: %d shoe-mileage findings, want 1 (the Pegasus): %+v", len(got), got)
	}
	t.Logf("shoe finding: %s %s %s", got[0].Severity, got[0].Date, got[0].Summary)
	if f := got[0]; f.Severity != "medium" || f.Date != crossed || !strings.Contains(f.Summary, "Pegasus 40") {
		t.Errorf("shoe finding = %s on %s %q; want medium on %s naming Pegasus 40", f.Severity, f.Date, f.Summary, crossed)
	}
}

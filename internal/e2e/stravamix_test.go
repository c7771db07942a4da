package e2e

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/itbcheck/itbcheck/testkit/synth"
)

// TestStravaExportBesideFIT (issue 23): a runner's folder holds the
// watch's own FIT files and, beside them, Strava's bulk export of the same
// runs (activities.csv with activities/<id>.fit.gz and, for GPX uploads,
// <id>.gpx.gz). Each run counts once: the report's runs, weeks and
// findings are those of the FIT files alone, the two extra copies of
// every activity (the CSV row and the export's file) are merged and said,
// and the two folders are not taken for two athletes.
func TestStravaExportBesideFIT(t *testing.T) {
	var seasons []synth.Season
	for _, p := range []synth.Pattern{synth.Steady, synth.LoadSpike, synth.GCTImbalance} {
		seasons = append(seasons, synth.Plan(p, synth.WithInterval(interval)))
	}
	// Two athletes of the realistic team: noise, missed runs, rides.
	for _, a := range synth.Team(1, synth.WithInterval(interval))[:2] {
		seasons = append(seasons, a.Season)
	}
	for _, s := range seasons {
		p := s.Athlete
		t.Run(p, func(t *testing.T) {
			alone := filepath.Join(t.TempDir(), "runner")
			mixed := filepath.Join(t.TempDir(), "runner")
			for _, dir := range []string{alone, filepath.Join(mixed, "watch")} {
				if _, err := s.WriteFIT(dir); err != nil {
					t.Fatal(err)
				}
			}
			if _, err := s.WriteStravaExport(filepath.Join(mixed, "export_40734861"), 4); err != nil {
				t.Fatal(err)
			}
			want := parseReport(t, itbcheck(t, nil, "analyze", "--format", "json", "--no-progress", alone).stdout).Athletes[0]
			res := itbcheck(t, nil, "analyze", "--format", "json", "--no-progress", mixed)
			if res.code != 0 && res.code != 1 {
				t.Fatalf("exit %d: %s", res.code, res.stderr)
			}
			if strings.Contains(string(res.stderr), "ONE athlete") {
				t.Errorf("the watch's files and their export are taken for two athletes:\n%s", res.stderr)
			}
			got := parseReport(t, res.stdout).Athletes[0]
			key := func(a athleteReport) string {
				var b strings.Builder
				for _, f := range a.Findings {
					fmt.Fprintf(&b, "%s %s %s %s\n", f.Rule, f.Date, f.Severity, f.Summary)
				}
				return b.String()
			}
			above := 0
			for _, f := range got.Findings {
				if f.Severity != "info" {
					above++
				}
			}
			t.Logf("%s: %d activities (%d alone), %d duplicates merged, %d findings (%d above info; FIT alone %d findings)",
				p, got.Activities, want.Activities, got.DuplicatesMerged, len(got.Findings), above, len(want.Findings))
			if key(got) != key(want) {
				t.Errorf("findings with the Strava export beside:\n%s\nFIT files alone:\n%s", key(got), key(want))
			}
			if got.Activities != want.Activities {
				t.Errorf("%d activities, %d from the FIT files alone", got.Activities, want.Activities)
			}
			if got.DuplicatesMerged != 2*len(s.Runs) {
				t.Errorf("%d duplicates merged, want %d (a CSV row and a file of each of %d activities)", got.DuplicatesMerged, 2*len(s.Runs), len(s.Runs))
			}
			if len(got.Weeks) != len(want.Weeks) {
				t.Fatalf("%d weeks, %d from the FIT files alone", len(got.Weeks), len(want.Weeks))
			}
			for i, w := range got.Weeks {
				v := want.Weeks[i]
				if w.Runs != v.Runs || fmt.Sprint(deref(w.DistanceKm)) != fmt.Sprint(deref(v.DistanceKm)) ||
					fmt.Sprint(deref(w.GCTBalanceLeftPct)) != fmt.Sprint(deref(v.GCTBalanceLeftPct)) {
					t.Errorf("week %s: %d runs, %v km, balance %v; FIT alone %d, %v, %v", w.Week,
						w.Runs, deref(w.DistanceKm), deref(w.GCTBalanceLeftPct), v.Runs, deref(v.DistanceKm), deref(v.GCTBalanceLeftPct))
				}
			}
			if len(got.InputsFailed) != 0 {
				t.Errorf("inputs failed: %+v", got.InputsFailed)
			}
			text := itbcheck(t, nil, "analyze", "--no-progress", mixed)
			flat := strings.Join(strings.Fields(string(text.stdout)), " ")
			if !strings.Contains(flat, fmt.Sprintf("%d duplicate copies merged", 2*len(s.Runs))) {
				t.Errorf("the text report does not say the copies merged:\n%s", text.stdout)
			}
		})
	}
}

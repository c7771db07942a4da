package analysis

import (
	"math"
	"strings"
	"testing"
	"time"

	"github.com/itbcheck/itbcheck/ingest"
)

// summaryRun is a running activity known only from a summary row.
func summaryRun(km, durS, cadence float64) *ingest.Activity {
	sum := ingest.EmptySummary()
	sum.DistanceM, sum.DurationS, sum.AvgCadenceSPM = km*1000, durS, cadence
	return &ingest.Activity{Source: "activities.csv", Format: ingest.FormatCSVSummary, Sport: ingest.SportRunning,
		Start: time.Date(2026, 5, 4, 7, 0, 0, 0, time.UTC), Summary: sum}
}

// Issue 13 items 9 and 11: a "run" no runner can run is listed as
// implausible, never counted as running load nor judged for cadence.
func TestImplausibleRuns(t *testing.T) {
	tests := []struct {
		name string
		act  *ingest.Activity
		why  string // "" for a plausible run
	}{
		{"a 7158 km run of 0 s", summaryRun(7158, math.NaN(), 170), "longer than 300 km"},
		{"distance without duration", summaryRun(12, math.NaN(), 170), "without duration"},
		{"distance with a zero duration", summaryRun(12, 0, 170), "without duration"},
		{"80:06/km at 125 spm (a mis-tagged walk)", summaryRun(1, 80*60+6, 125), "slower than 20 min/km"},
		{"2:10/km for 10 km (GPS broken)", summaryRun(10, 1300, 180), "faster than 7 m/s"},
		{"ultra of 100 km in 12 h", summaryRun(100, 12*3600, 160), ""},
		{"easy 10 km at 6:00/km", summaryRun(10, 3600, 166), ""},
		{"a slow 19:30/km hike-run", summaryRun(5, 5*1170, 120), ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := Measure(tc.act, time.UTC)
			if tc.why == "" {
				if r.Implausible != "" || !r.IsRun {
					t.Fatalf("plausible run marked %q (IsRun %v)", r.Implausible, r.IsRun)
				}
				return
			}
			if !strings.Contains(r.Implausible, tc.why) || r.IsRun {
				t.Fatalf("Implausible %q, IsRun %v; want %q and not a run", r.Implausible, r.IsRun, tc.why)
			}
			if !math.IsNaN(r.CadenceSPM) {
				t.Errorf("cadence %v kept for the rules", r.CadenceSPM)
			}
			next := summaryRun(10, 3600, 166)
			next.Start = next.Start.AddDate(0, 0, 1)
			s := NewSeason("x", []Run{r, Measure(next, time.UTC)}, Params{})
			if len(s.Runs) != 2 || len(s.Weeks) != 1 || s.Weeks[0].Runs != 1 || math.Abs(s.Weeks[0].DistanceKm-10) > 1e-9 {
				t.Errorf("week counts %d runs, %.1f km; want the plausible 10 km run alone", s.Weeks[0].Runs, s.Weeks[0].DistanceKm)
			}
		})
	}
}

package rules

import (
	"testing"
	"time"

	"github.com/itbcheck/itbcheck/analysis"
	"github.com/itbcheck/itbcheck/ingest"
)

// measuredRow is a summary row (Strava or Garmin CSV) of km in durS at
// cadence spm on day d of week w, measured as the pipeline measures it.
func measuredRow(w, d int, km, durS, spm float64) analysis.Run {
	sum := ingest.EmptySummary()
	sum.DistanceM, sum.DurationS, sum.AvgCadenceSPM = km*1000, durS, spm
	a := &ingest.Activity{Source: "activities.csv", Format: ingest.FormatCSVSummary, Sport: ingest.SportRunning,
		Start: start.AddDate(0, 0, 7*w+d).Add(7 * time.Hour), Summary: sum}
	return analysis.Measure(a, time.UTC)
}

// Issue 13 item 9: "Cadence 125 spm on an easy run (80:06/km)" came from a
// mis-tagged or GPS-broken row; such a row is implausible and never judged.
func TestLowCadenceSkipsImplausiblePaces(t *testing.T) {
	absurd := measuredRow(6, 2, 1, 80*60+6, 125)
	if absurd.Implausible == "" {
		t.Fatalf("80:06/km not implausible: %+v", absurd)
	}
	if got := only(Evaluate(season(join(variedWeeks(6), []analysis.Run{absurd})), nil), "low-cadence"); len(got) != 0 {
		t.Errorf("low-cadence judged an implausible pace: %+v", got)
	}
	// The same step rate at a real easy pace (6:30/km) is judged.
	easy := measuredRow(6, 2, 8, 8*390, 150)
	if got := only(Evaluate(season(join(variedWeeks(6), []analysis.Run{easy})), nil), "low-cadence"); len(got) == 0 {
		t.Error("low-cadence quiet on 150 spm at 6:30/km: the control does not fire")
	}
}

package screen

import (
	"testing"
	"time"

	"github.com/itbcheck/itbcheck/analysis"
	"github.com/itbcheck/itbcheck/ingest"
)

// TestSummaryLastRun: a Summary, which keeps no runs, gives the same last
// run as the athlete it summarises, not the end of the period (a
// strength session after the last run), so that the team overview and
// the athlete's report say the same "last run N days ago".
func TestSummaryLastRun(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2026, 4, d, 7, 0, 0, 0, time.UTC) }
	runs := []analysis.Run{
		{Source: "a.fit", Sport: ingest.SportRunning, IsRun: true, Start: day(20), LocalDate: day(20), DistanceKm: 8, DurationS: 2800},
		{Source: "b.fit", Sport: ingest.SportRunning, IsRun: true, Start: day(25), LocalDate: day(25), DistanceKm: 8, DurationS: 2800},
		{Source: "c.fit", Sport: ingest.SportStrength, Start: day(26), LocalDate: day(26), DurationS: 1800},
	}
	a := &Athlete{Name: "pat", Season: analysis.NewSeason("pat", runs, analysis.Params{}), From: day(20), To: day(26)}
	want, ok := LastRun(a)
	if !ok || !want.Equal(time.Date(2026, 4, 25, 0, 0, 0, 0, time.UTC)) {
		t.Fatalf("LastRun = %v, %v; want 2026-04-25", want, ok)
	}
	if got, ok := LastRun(Summary(a)); !ok || !got.Equal(want) {
		t.Errorf("LastRun of the summary = %v, %v; want %v", got, ok, want)
	}
}

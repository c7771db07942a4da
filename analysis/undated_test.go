package analysis

import (
	"testing"
	"time"
)

// A run without a recorded start (FIT timestamp 0) must not stretch the
// season back to the year 1 or 1989.
func TestNewSeasonIgnoresUndatedRuns(t *testing.T) {
	day := time.Date(2026, 3, 2, 7, 0, 0, 0, time.UTC)
	runs := []Run{
		{Start: day, LocalDate: day, IsRun: true, DistanceKm: 10, DurationS: 3000},
		{Start: time.Time{}, IsRun: true, DistanceKm: 5, DurationS: 1500},
		{Start: time.Date(1989, 12, 31, 0, 0, 0, 0, time.UTC), IsRun: true, DistanceKm: 5, DurationS: 1500},
	}
	s := NewSeason("x", runs, Params{})
	if len(s.Weeks) != 1 || len(s.Runs) != 1 {
		t.Fatalf("got %d weeks and %d runs, want 1 and 1", len(s.Weeks), len(s.Runs))
	}
}

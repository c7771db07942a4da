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

// The same run from a Strava summary row and from its FIT file counts once,
// keeping the samples of the file and the shoes of the row.
func TestDuplicateKeepsGearFromSummary(t *testing.T) {
	day := time.Date(2026, 3, 2, 7, 0, 0, 0, time.UTC)
	fromFIT := Run{Start: day, LocalDate: day, IsRun: true, DistanceKm: 10, DurationS: 3000, CadenceSPM: 170}
	fromCSV := Run{Start: day.Add(20 * time.Second), LocalDate: day, IsRun: true, DistanceKm: 10.05, DurationS: 3000,
		FromSummary: true, Gear: "Old Clifton 8", Title: "Easy"}
	for _, order := range [][]Run{{fromFIT, fromCSV}, {fromCSV, fromFIT}} {
		s := NewSeason("x", order, Params{})
		if len(s.Runs) != 1 || s.Duplicates != 1 {
			t.Fatalf("got %d runs, %d duplicates; want 1 and 1", len(s.Runs), s.Duplicates)
		}
		r := s.Runs[0]
		if r.FromSummary || r.Gear != "Old Clifton 8" || r.Title != "Easy" {
			t.Errorf("kept %+v; want the FIT copy with the CSV's gear and title", r)
		}
	}
}

// A per-second CSV converted from a FIT file writes local time without a
// zone: its instant is off by the UTC offset, its wall clock is not.
func TestDuplicateByLocalWallClock(t *testing.T) {
	plus3 := time.FixedZone("", 3*3600)
	fitStart := time.Date(2016, 8, 25, 17, 5, 16, 0, time.UTC)
	csvStart := time.Date(2016, 8, 25, 20, 5, 16, 0, time.UTC) // 20:05 local, read as UTC
	runs := []Run{
		{Start: fitStart, LocalDate: fitStart.In(plus3), IsRun: true, DistanceKm: 21.30, DurationS: 5712, CadenceSPM: 185},
		{Start: csvStart, LocalDate: csvStart, IsRun: true, DistanceKm: 21.29, DurationS: 5712, FromSummary: true},
		// Another run three hours later at the same distance is not a copy.
		{Start: fitStart.Add(3 * time.Hour), LocalDate: fitStart.Add(3 * time.Hour).In(plus3), IsRun: true, DistanceKm: 21.3, DurationS: 5712},
	}
	s := NewSeason("x", runs, Params{})
	if len(s.Runs) != 2 || s.Duplicates != 1 {
		t.Fatalf("got %d runs, %d duplicates; want 2 and 1", len(s.Runs), s.Duplicates)
	}
}

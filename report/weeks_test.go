package report

import (
	"strings"
	"testing"
	"time"

	"github.com/itbcheck/itbcheck/analysis"
	"github.com/itbcheck/itbcheck/rules"
	"github.com/itbcheck/itbcheck/screen"
)

// A long break folds into one row; short breaks and weeks with a finding
// keep their own rows.
func TestWeekCellsFoldBreaks(t *testing.T) {
	monday := time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)
	runs := []int{3, 0, 0, 0, 0, 2, 0, 0, 1, 0, 0, 0}
	var weeks []analysis.Week
	for i, n := range runs {
		weeks = append(weeks, analysis.Week{Monday: analysis.DayOf(monday.AddDate(0, 0, 7*i)), Runs: n, DistanceKm: float64(10 * n)})
	}
	a := &screen.Athlete{Name: "x", Season: &analysis.Season{Weeks: weeks},
		// a finding in week 11 (an empty week) keeps that week's own row
		Findings: []rules.Finding{{Rule: rules.ByID("load-spike"), Severity: rules.Low, Date: mustDay("2026-03-16")}}}
	var got []string
	for _, row := range weekCells(a) {
		got = append(got, row[0])
	}
	want := []string{
		"2026-01-05",
		"… 4 weeks without running (2026-01-12 to 2026-02-02) …",
		"2026-02-09",
		"2026-02-16", "2026-02-23", // a 2-week break stays as it is
		"2026-03-02",
		"2026-03-09",
		"2026-03-16 !",
		"2026-03-23",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("week rows:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// A number keeps its unit on its line when a paragraph wraps.
func TestWrapKeepsUnits(t *testing.T) {
	text := "Cut back to the last well-tolerated week, then build by at most 10 % a week."
	for width := 20; width <= 80; width++ {
		for _, l := range wrap(text, width, width) {
			if strings.HasPrefix(l, "%") {
				t.Fatalf("width %d: a line starts with its unit: %q", width, l)
			}
		}
	}
}

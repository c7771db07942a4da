package rules

import (
	"math"
	"time"

	"github.com/itbcheck/itbcheck/analysis"
)

// Helpers that several rules share. The series and baselines themselves
// (weeks, cadence model, balance, descent, medians) are analysis's.

// runDay is the run's start in the athlete's local time.
func runDay(s *analysis.Season, r analysis.Run) time.Time {
	if !r.LocalDate.IsZero() {
		return r.LocalDate
	}
	loc := s.Params.Location
	if loc == nil {
		loc = time.UTC
	}
	return r.Start.In(loc)
}

// mondayOf is the Monday of t's ISO week, as a calendar date.
func mondayOf(t time.Time) time.Time {
	y, m, d := t.Date()
	back := (int(t.Weekday()) + 6) % 7
	return time.Date(y, m, d-back, 0, 0, 0, 0, time.UTC)
}

// finite reports whether v is neither NaN nor infinite.
func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

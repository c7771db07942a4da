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

// finite reports whether v is neither NaN nor infinite.
func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

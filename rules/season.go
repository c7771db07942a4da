package rules

import (
	"math"
	"time"

	"github.com/itbcheck/itbcheck/analysis"
)

// Helpers that several rules share. The series and baselines themselves
// (weeks, cadence model, balance, descent, medians) are analysis's.

// runDay is the run's start in the athlete's local time (analysis.LocalStart).
func runDay(s *analysis.Season, r analysis.Run) time.Time {
	return analysis.LocalStart(r, s.Params.Location)
}

// finite reports whether v is neither NaN nor infinite.
func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

package rules

import (
	"time"

	"github.com/itbcheck/itbcheck/analysis"
)

// Evaluate is Screen's findings alone.
func Evaluate(s *analysis.Season, cfg *Config) []Finding {
	return Screen(s, cfg).Findings
}

// mondayOf is the Monday of t's ISO week, as a calendar date.
func mondayOf(t time.Time) time.Time {
	y, m, d := t.Date()
	back := (int(t.Weekday()) + 6) % 7
	return time.Date(y, m, d-back, 0, 0, 0, 0, time.UTC)
}

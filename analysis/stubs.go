package analysis

import (
	"time"

	"github.com/itbcheck/itbcheck/ingest"
)

// Measure reduces one activity to its per-run metrics. loc is the athlete's
// time zone for activities whose file carries no local offset. (Stub.)
func Measure(a *ingest.Activity, loc *time.Location) Run {
	return Run{Source: a.Source, Title: a.Title, Sport: a.Sport, IsRun: a.IsRun(), Start: a.Start}
}

// NewSeason builds an athlete's series from their runs (any order; running
// and non-running activities; duplicates are dropped). (Stub.)
func NewSeason(athlete string, runs []Run, p Params) *Season {
	return &Season{Athlete: athlete, Params: p, Runs: runs}
}

package rules

import "github.com/itbcheck/itbcheck/analysis"

// All lists every rule of the catalogue. (Stub.)
var All []*Rule

// Evaluate runs every enabled rule on a season with the config's thresholds
// and returns the findings, compound-risk included, sorted by date, then
// severity (highest first), then rule id. cfg may be nil. (Stub.)
func Evaluate(s *analysis.Season, cfg *Config) []Finding { return nil }

package rules

import (
	"testing"
	"time"

	"github.com/itbcheck/itbcheck/analysis"
)

// TestWithAnalysisSeason runs the catalogue on a season built by analysis
// itself, so that the hand-built test seasons cannot drift from it unseen.
func TestWithAnalysisSeason(t *testing.T) {
	p := analysis.Params{Location: time.UTC, LoadMetric: analysis.LoadDistance, MaxHR: nan, RestHR: nan}
	tests := []struct {
		name     string
		runs     []analysis.Run
		wantRule string // "" for no finding at medium or higher
	}{
		{"steady", richWeeks(12), ""},
		{"spike", join(richWeeks(8), scaledWeek(8, 1.6, descent(40, -2))), "load-spike"},
		{"cadence drop", setWeek(richWeeks(10), 8, func(r *analysis.Run) { r.CadenceSPM *= 0.93 }), "cadence-drop"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := atLeast(Evaluate(analysis.NewSeason("a", tt.runs, p), nil), Medium)
			if tt.wantRule == "" && len(fs) > 0 {
				t.Fatalf("findings in a steady season: %v", brief(fs))
			}
			if tt.wantRule != "" && len(only(fs, tt.wantRule)) == 0 {
				t.Fatalf("no %s finding: %v", tt.wantRule, brief(fs))
			}
		})
	}
}

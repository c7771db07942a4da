package rules

import (
	"math"
	"testing"

	"github.com/itbcheck/itbcheck/analysis"
)

// TestBalanceTrendThinWeeks (issue 23): the weekly means of 8 weeks lie on
// a line rising 0.11 pp a week, so their residuals say nothing of noise;
// the runs of each week spread ±0.3 pp around it. With 4 runs a week the
// slope is significant; with 2 runs a week (a second instrument worn in
// turn before its own baseline) the run noise alone makes it unsure. The
// standard error grows with thin weeks.
func TestBalanceTrendThinWeeks(t *testing.T) {
	weeks := func(perWeek int) []analysis.Run {
		var runs []analysis.Run
		for w := range 8 {
			for j := range perWeek {
				d := 0.3
				if j%2 == 1 {
					d = -0.3
				}
				runs = append(runs, run(w, 1+j, 8, balance(50.2+0.11*float64(w)+d)))
			}
		}
		return runs
	}
	tests := []struct {
		name        string
		perWeek     int
		significant bool
	}{
		{"4 runs a week", 4, true},
		{"2 runs a week", 2, false},
	}
	for _, tt := range tests {
		s := season(weeks(tt.perWeek))
		if got := s.Weeks[7].BalanceRuns; got != tt.perWeek {
			t.Fatalf("%s: week 7 has %d balance runs, want %d", tt.name, got, tt.perWeek)
		}
		_, b, se, ok := balanceFit(s, 0, 7)
		if !ok || math.Abs(b-0.11) > 1e-9 {
			t.Fatalf("%s: slope %.4f (ok %v), want 0.11", tt.name, b, ok)
		}
		if got := b >= slopeZ*se; got != tt.significant {
			t.Errorf("%s: slope %.3f ± %.4f pp a week significant %v, want %v", tt.name, b, se, got, tt.significant)
		}
	}
}

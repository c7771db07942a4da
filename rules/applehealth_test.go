package rules

import (
	"testing"

	"github.com/itbcheck/itbcheck/analysis"
	"github.com/itbcheck/itbcheck/ingest"
)

// The balance rules name Apple Health when every run comes from it: the
// Watch records no GCT balance, which is not the runner's missing sensor.
func TestBalanceReasonAppleHealth(t *testing.T) {
	apple := func(r *analysis.Run) {
		r.Format, r.BalanceLeftPct = ingest.FormatAppleHealth, nan
		r.First.BalanceLeftPct, r.Last.BalanceLeftPct = nan, nan
	}
	fit := func(r *analysis.Run) { r.Format, r.BalanceLeftPct = ingest.FormatFIT, nan }
	mixed := steadyWeeks(10, apple)
	mixed[3].Format = ingest.FormatFIT
	tests := []struct {
		rule   *Rule
		runs   []analysis.Run
		reason string
	}{
		{GCTImbalance, steadyWeeks(10, apple), "no GCT balance in Apple Health"},
		{AsymmetryDrift, steadyWeeks(10, apple), "no GCT balance in Apple Health"},
		{GCTImbalance, steadyWeeks(10, fit), "no running dynamics (GCT balance)"},
		{GCTImbalance, mixed, "no running dynamics (GCT balance)"},
		{AsymmetryDrift, mixed, "no run of 45 minutes or more with GCT balance"},
	}
	for _, tt := range tests {
		_, st := tt.rule.Check(season(tt.runs), nil)
		if st.State != NoData || st.Reason != tt.reason {
			t.Errorf("%s: %+v, want no-data %q", tt.rule.ID, st, tt.reason)
		}
	}
}

package rules

import (
	"strings"
	"testing"

	"github.com/itbcheck/itbcheck/analysis"
)

// longRun replaces the Sunday run (14 km in steadyWeek) of week w with km.
func longRun(w int, km float64, opts ...func(*analysis.Run)) []analysis.Run {
	runs := steadyWeek(w, opts...)
	runs[len(runs)-1] = run(w, 6, km, opts...)
	return runs
}

func TestSessionSpike(t *testing.T) {
	// A track block of 10 km/week one way opens track-direction (terrain) at
	// low in weeks 6 and 7, after 6 weeks without.
	track := func(w int) []analysis.Run {
		runs := steadyWeek(w)
		runs[2] = run(w, 3, 10, trackCCW(10))
		return runs
	}
	tests := []struct {
		name  string
		runs  []analysis.Run
		wants []want
	}{
		{"steady long runs are quiet", steadyWeeks(10), nil},
		{"+18 % on the 30-day longest is low", join(steadyWeeks(6), longRun(6, 16.5)), []want{{Low, day(6, 6), 100 * (16.5/14 - 1), 10}}},
		{"boundary: +9 % is quiet", join(steadyWeeks(6), longRun(6, 15.3)), nil},
		{"a doubled long run (+114 %) is medium", join(steadyWeeks(6), longRun(6, 30)), []want{{Medium, day(6, 6), 100 * (30.0/14 - 1), 100}}},
		{"doubled with a second family open is high", join(steadyWeeks(6), track(6), longRun(7, 30)[:4], []analysis.Run{run(7, 6, 30, trackCCW(0))}),
			[]want{{High, day(7, 6), 100 * (30.0/14 - 1), 100}}},
		{"not 30 days of history: not judged", join(steadyWeeks(3), longRun(3, 30)), nil},
		{"a progression over two weeks is one episode", join(steadyWeeks(6), longRun(6, 16), longRun(7, 18)),
			[]want{{Low, day(6, 6), 100 * (16.0/14 - 1), 10}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := only(Evaluate(season(tt.runs), nil), SessionSpike.ID)
			checkFindings(t, got, tt.wants)
		})
	}
}

func TestSessionSpikeStatusAndBreak(t *testing.T) {
	if _, st := SessionSpike.Check(season(steadyWeeks(3)), nil); st.State != Learning || !strings.Contains(st.Reason, "of 30 days") {
		t.Errorf("3 weeks: status %+v, want learning with the days", st)
	}
	// Weeks 6 and 7 off: the first run after 15 days says so.
	got, st := SessionSpike.Check(season(join(steadyWeeks(6), []analysis.Run{run(8, 0, 16)})), nil)
	if st.State != Judged || len(got) != 1 || !strings.Contains(got[0].Summary, "first run after 15 days") {
		t.Errorf("after a break: %v (%+v), want one low saying it is the first run after 15 days", brief(got), st)
	}
	if len(got) == 1 && (got[0].Activity == "" || !strings.Contains(got[0].Summary, "16.0 km") || !strings.Contains(got[0].Summary, "14.0 km")) {
		t.Errorf("summary %q (activity %q): want the run and the longest with units", got[0].Summary, got[0].Activity)
	}
}

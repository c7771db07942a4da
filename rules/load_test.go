package rules

import (
	"math"
	"testing"

	"github.com/itbcheck/itbcheck/analysis"
)

// only keeps rule id's findings.
func only(fs []Finding, id string) []Finding {
	var out []Finding
	for _, f := range fs {
		if f.Rule == id {
			out = append(out, f)
		}
	}
	return out
}

// want is one expected finding.
type want struct {
	sev       Severity
	date      string
	value     float64
	threshold float64
}

// checkFindings compares a rule's findings with the expectations; values are
// compared to 0.01 when the expectation is not NaN.
func checkFindings(t *testing.T, got []Finding, wants []want) {
	t.Helper()
	if len(got) != len(wants) {
		t.Fatalf("got %d findings, want %d: %+v", len(got), len(wants), brief(got))
	}
	for i, w := range wants {
		g := got[i]
		if g.Severity != w.sev || g.Date != w.date {
			t.Errorf("finding %d: got %s on %s, want %s on %s (%s)", i, g.Severity, g.Date, w.sev, w.date, g.Summary)
		}
		if !math.IsNaN(w.value) && math.Abs(g.Value-w.value) > 0.01 {
			t.Errorf("finding %d: value %.3f, want %.3f", i, g.Value, w.value)
		}
		if !math.IsNaN(w.threshold) && math.Abs(g.Threshold-w.threshold) > 1e-9 {
			t.Errorf("finding %d: threshold %g, want %g", i, g.Threshold, w.threshold)
		}
	}
}

func brief(fs []Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Rule+" "+f.Severity.String()+" "+f.Date+" "+f.Summary)
	}
	return out
}

var nan = math.NaN()

func TestLoadRules(t *testing.T) {
	tests := []struct {
		name  string
		runs  []analysis.Run
		rule  string
		wants []want
	}{
		{"steady season: no load spike", steadyWeeks(12), "load-spike", nil},
		{"steady season: no weekly jump", steadyWeeks(12), "weekly-jump", nil},
		{"steady season: no monotony", steadyWeeks(12), "monotony", nil},
		{"spike with a weekly jump is high from 1.5",
			join(steadyWeeks(6), scaledWeek(6, 1.62)), "load-spike",
			[]want{{High, monday(6), 1.62, 1.5}}},
		{"spike also jumps", join(steadyWeeks(6), scaledWeek(6, 1.62)), "weekly-jump",
			[]want{{High, monday(6), 62, 30}}},
		{"moderate spike is low", join(steadyWeeks(6), scaledWeek(6, 1.35)), "load-spike",
			[]want{{Low, monday(6), 1.35, 1.3}}},
		{"moderate jump is medium", join(steadyWeeks(6), scaledWeek(6, 1.25)), "weekly-jump",
			[]want{{Medium, monday(6), 25, 20}}},
		{"huge spike is high by itself", join(steadyWeeks(6), scaledWeek(6, 2.1)), "load-spike",
			[]want{{High, monday(6), 2.1, 2.0}}},
		{"ACWR medium without a jump stays medium",
			join([]analysis.Run{run(0, 0, 1)}, scaledWeek(0, 0.5), scaledWeek(1, 0.5), scaledWeek(2, 0.5), scaledWeek(3, 1.1), scaledWeek(4, 1.19)), "load-spike",
			[]want{{Medium, monday(4), 1.19 * 42 / ((1 + 0.5*42*3 + 1.1*42) / 4), 1.5}}},
		{"not 28 days of history", join(steadyWeeks(3), scaledWeek(3, 2.5)), "load-spike", nil},
		{"chronic below 10 km/week", join(scaledWeek(0, 0.2), scaledWeek(1, 0.2), scaledWeek(2, 0.2), scaledWeek(3, 0.2), scaledWeek(4, 0.5)), "load-spike", nil},
		{"last week below 10 km: no jump", join(steadyWeeks(4), scaledWeek(4, 0.2), scaledWeek(5, 1)), "weekly-jump", nil},
		{"deload and rebuild: no spike", join(steadyWeeks(6), scaledWeek(6, 0.5), scaledWeek(7, 1), steadyWeek(8)), "load-spike", nil},
		{"deload and rebuild: a return, low only", join(steadyWeeks(6), scaledWeek(6, 0.5), scaledWeek(7, 1), steadyWeek(8)), "weekly-jump",
			[]want{{Low, monday(7), 100, 10}}},
		{"jump after a deload beyond the recent peak is new volume",
			join(steadyWeeks(6), scaledWeek(6, 0.7), scaledWeek(7, 1.2)), "weekly-jump",
			[]want{{High, monday(7), (1.2/0.7 - 1) * 100, 30}}},
		{"return within 10 % of the recent peak is capped",
			join(steadyWeeks(6), scaledWeek(6, 0.7), scaledWeek(7, 1.1)), "weekly-jump",
			[]want{{Low, monday(7), (1.1/0.7 - 1) * 100, 10}}},
		{"back after two light weeks: a return",
			join(scaledWeek(0, 1), scaledWeek(1, 0.7), scaledWeek(2, 0.7), scaledWeek(3, 1)), "weekly-jump",
			[]want{{Low, monday(3), (1/0.7 - 1) * 100, 10}}},
		{"peak only in last week: a genuine jump",
			join(scaledWeek(0, 0.6), scaledWeek(1, 0.6), scaledWeek(2, 0.6), scaledWeek(3, 0.6), scaledWeek(4, 0.8)), "weekly-jump",
			[]want{{High, monday(4), (0.8/0.6 - 1) * 100, 30}}},
		{"a peak 5 weeks before last week is forgotten",
			join(scaledWeek(0, 1.5), scaledWeek(1, 0.7), scaledWeek(2, 0.7), scaledWeek(3, 0.7), scaledWeek(4, 0.7), scaledWeek(5, 0.7), scaledWeek(6, 1)), "weekly-jump",
			[]want{{High, monday(6), (1/0.7 - 1) * 100, 30}}},
		{"taper and race: no spike", join(steadyWeeks(8), scaledWeek(8, 0.7), scaledWeek(9, 0.5), scaledWeek(10, 0.9)), "load-spike", nil},
		{"taper and race: a return, low only", join(steadyWeeks(8), scaledWeek(8, 0.7), scaledWeek(9, 0.5), scaledWeek(10, 0.9)), "weekly-jump",
			[]want{{Low, monday(10), 80, 10}}},
		{"same load every day, early season: medium",
			join(steadyWeeks(3), everyDay(3, 6, 8)), "monotony",
			[]want{{Medium, monday(3), nan, 2.0}}},
		{"same load every day with 8 weeks history: high",
			join(steadyWeeks(8), everyDay(8, 6, 8)), "monotony",
			[]want{{High, monday(8), nan, 2.0}}},
		{"six similar days: low",
			join(steadyWeeks(8), []analysis.Run{run(8, 1, 5), run(8, 2, 8), run(8, 3, 5), run(8, 4, 8), run(8, 5, 5), run(8, 6, 12)}), "monotony",
			[]want{{Low, monday(8), nan, 1.5}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := only(Evaluate(season(tt.runs), nil), tt.rule)
			checkFindings(t, got, tt.wants)
		})
	}
}

// everyDay is a week w with a run every day: six of km and a seventh of last.
func everyDay(w int, km, last float64) []analysis.Run {
	var runs []analysis.Run
	for d := 0; d < 6; d++ {
		runs = append(runs, run(w, d, km))
	}
	return append(runs, run(w, 6, last))
}

func TestWeeklyJumpSummary(t *testing.T) {
	runs := join(steadyWeeks(6), scaledWeek(6, 0.8), steadyWeek(7))
	got := only(Evaluate(season(runs), nil), "weekly-jump")
	want := "+25 % on last week, but back to the 42.0 km of the week of 2026-04-06: a return after a lighter week, not new volume"
	if len(got) != 1 || got[0].Summary != want || got[0].Metric != "week_change_pct" {
		t.Fatalf("got %v, want one finding %q", brief(got), want)
	}
	runs = join(steadyWeeks(6), scaledWeek(6, 1.25))
	got = only(Evaluate(season(runs), nil), "weekly-jump")
	want = "Weekly distance +25 % on last week (52.5 km vs 42.0 km)"
	if len(got) != 1 || got[0].Summary != want || got[0].Severity != Medium {
		t.Fatalf("got %v, want one medium finding %q", brief(got), want)
	}
}

// A return after a deload must not lift an ACWR-medium load spike to high.
func TestLoadSpikeReturnNotEscalated(t *testing.T) {
	// The Monday run gives week 4 its 28 days of history.
	runs := join([]analysis.Run{run(0, 0, 1)}, scaledWeek(0, 0.5), scaledWeek(1, 0.5), scaledWeek(2, 1.25), scaledWeek(3, 0.5), scaledWeek(4, 1.3))
	got := only(Evaluate(season(runs), nil), "load-spike")
	if len(got) != 1 || got[0].Severity != Medium {
		t.Fatalf("got %v, want one medium load-spike", brief(got))
	}
}

func TestLoadSpikeOverrides(t *testing.T) {
	low, off := 1.1, false
	runs := join(steadyWeeks(6), scaledWeek(6, 1.2))
	tests := []struct {
		name string
		cfg  *Config
		want int
	}{
		{"defaults: 1.2 is below low", nil, 0},
		{"low lowered to 1.1", &Config{Rules: map[string]Settings{"load-spike": {Low: &low}}}, 1},
		{"disabled", &Config{Rules: map[string]Settings{"load-spike": {Low: &low, Enabled: &off}}}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := only(Evaluate(season(runs), tt.cfg), "load-spike")
			if len(got) != tt.want {
				t.Fatalf("got %d findings, want %d: %v", len(got), tt.want, brief(got))
			}
		})
	}
}

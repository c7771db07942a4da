package rules

import (
	"math"
	"strings"
	"testing"

	"github.com/itbcheck/itbcheck/analysis"
)

// only keeps rule id's findings.
func only(fs []Finding, id string) []Finding {
	var out []Finding
	for _, f := range fs {
		if f.Rule.ID == id {
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
		if g.Severity != w.sev || g.Date.String() != w.date {
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
		out = append(out, f.Rule.ID+" "+f.Severity.String()+" "+f.Date.String()+" "+f.Summary)
	}
	return out
}

var nan = math.NaN()

func TestLoadRules(t *testing.T) {
	// Weeks 8 to 10 without a run, then a rebuild to 75 %.
	comeback := join(steadyWeeks(8), scaledWeek(11, 0.4), scaledWeek(12, 0.5), scaledWeek(13, 0.6), scaledWeek(14, 0.7), scaledWeek(15, 0.75))
	// Creeps of 12 and 15 % a week for 8 weeks: the ramp's 4-week mean
	// reaches +58 % of the tolerated level at 12 % a week (medium), past
	// +60 % at 15 % (high, confirmed by the week before at medium).
	var creep, creep15 []analysis.Run
	for k := 0; k < 8; k++ {
		creep = append(creep, scaledWeek(8+k, math.Pow(1.12, float64(k+1)))...)
		creep15 = append(creep15, scaledWeek(8+k, math.Pow(1.15, float64(k+1)))...)
	}
	creep, creep15 = join(steadyWeeks(8), creep), join(steadyWeeks(8), creep15)
	tests := []struct {
		name  string
		runs  []analysis.Run
		rule  string
		wants []want
	}{
		{"steady season: no load spike", steadyWeeks(12), "load-spike", nil},
		{"steady season: no weekly jump", steadyWeeks(12), "weekly-jump", nil},
		{"steady season: no monotony", steadyWeeks(12), "monotony", nil},
		{"noisy healthy season: no load spike", noisyWeeks(20, 1), "load-spike", nil},
		{"noisy healthy season: no weekly jump", noisyWeeks(20, 2), "weekly-jump", nil},
		{"noisy healthy season: no monotony", noisyWeeks(20, 3), "monotony", nil},
		{"1.62× the tolerated load is medium", join(steadyWeeks(6), scaledWeek(6, 1.62)), "load-spike",
			[]want{{Medium, monday(6), 1.62, 1.5}}},
		{"1.35× is low", join(steadyWeeks(6), scaledWeek(6, 1.35)), "load-spike",
			[]want{{Low, monday(6), 1.35, 1.3}}},
		{"boundary: 1.29× is quiet", join(steadyWeeks(6), scaledWeek(6, 1.29)), "load-spike", nil},
		{"2.1× alone is medium: no high from one weekly ratio", join(steadyWeeks(6), scaledWeek(6, 2.1)), "load-spike",
			[]want{{Medium, monday(6), 2.1, 1.5}}},
		{"2.3× after a week at 1.6× is high: confirmed", join(steadyWeeks(6), scaledWeek(6, 1.6), scaledWeek(7, 2.3)), "load-spike",
			[]want{{Medium, monday(6), 1.6, 1.5}, {High, monday(7), 2.3 * 42 / ((3*42 + 1.6*42) / 4), 2.0}}},
		{"2.1× with a second family open is high", join(steadyWeeks(6), trackWeek(6, 2.1)), "load-spike",
			[]want{{High, monday(6), 2.1, 2.0}}},
		{"two spiking weeks are one episode", join(steadyWeeks(6), scaledWeek(6, 1.6), scaledWeek(7, 1.6)), "load-spike",
			[]want{{Medium, monday(6), 1.6, 1.5}}},
		{"not 28 days of history", join(steadyWeeks(3), scaledWeek(3, 2.5)), "load-spike", nil},
		{"chronic below 10 km/week", join(scaledWeek(0, 0.2), scaledWeek(1, 0.2), scaledWeek(2, 0.2), scaledWeek(3, 0.2), scaledWeek(4, 0.5)), "load-spike", nil},
		{"rebuild after 3 weeks off to 75 %: quiet", comeback, "load-spike", nil},
		{"rebuild after 3 weeks off to 75 %: no jump", comeback, "weekly-jump", nil},
		{"past the tolerated level after a break fires", join(steadyWeeks(8), scaledWeek(11, 0.4), scaledWeek(12, 0.6), scaledWeek(13, 1.4)), "load-spike",
			[]want{{Low, monday(13), 1.4, 1.3}}},
		{"deload and rebuild: no spike", join(steadyWeeks(6), scaledWeek(6, 0.5), scaledWeek(7, 1), steadyWeek(8)), "load-spike", nil},
		{"taper and race: no spike", join(steadyWeeks(8), scaledWeek(8, 0.7), scaledWeek(9, 0.5), scaledWeek(10, 0.9)), "load-spike", nil},
		{"+33 % on the highest recent week is medium", join(steadyWeeks(6), scaledWeek(6, 1.33)), "weekly-jump",
			[]want{{Medium, monday(6), 33, 30}}},
		{"+55 % alone is medium", join(steadyWeeks(6), scaledWeek(6, 1.55)), "weekly-jump",
			[]want{{Medium, monday(6), 55, 30}}},
		{"+55 % held the next week is high", join(steadyWeeks(6), scaledWeek(6, 1.55), scaledWeek(7, 1.55)), "weekly-jump",
			[]want{{Medium, monday(6), 55, 30}, {High, monday(7), 55, 50}}},
		{"+55 % with a second family open is high", join(steadyWeeks(6), trackWeek(6, 1.55)), "weekly-jump",
			[]want{{High, monday(6), 55, 50}}},
		{"a steady 6 %/week build with a taper is no ramp alarm", marathonBuild(), "weekly-jump", nil},
		{"boundary: +28 % is quiet", join(steadyWeeks(6), scaledWeek(6, 1.28)), "weekly-jump", nil},
		{"a return after a lighter week is no jump", join(steadyWeeks(6), scaledWeek(6, 0.5), steadyWeek(7)), "weekly-jump", nil},
		{"a peak 7 weeks back is forgotten",
			join(scaledWeek(0, 1.5), scaledWeek(1, 0.7), scaledWeek(2, 0.7), scaledWeek(3, 0.7), scaledWeek(4, 0.7), scaledWeek(5, 0.7), scaledWeek(6, 0.7), scaledWeek(7, 1)), "weekly-jump",
			[]want{{Medium, monday(7), (1/0.7 - 1) * 100, 30}}},
		{"a +12 %/week creep is caught by the ramp", creep, "weekly-jump",
			[]want{{Medium, monday(12), nan, rampMediumPct}}},
		{"a +15 %/week creep reaches high, confirmed", creep15, "weekly-jump",
			[]want{{Medium, monday(11), nan, rampMediumPct}, {High, monday(12), nan, rampHighPct}}},
		{"the same load every day for 2 weeks after a varied season is low", join(steadyWeeks(10), everyDay(10, 6, 6), everyDay(11, 6, 6)), "monotony",
			[]want{{Low, monday(11), 10, 2.0}}},
		{"boundary: one even week is not a block", join(steadyWeeks(10), everyDay(10, 6, 6), steadyWeek(11)), "monotony", nil},
		{"a daily runner's usual monotony is quiet", everyDays(16, 6, 8), "monotony", nil},
		{"monotony before 8 weeks of history: learning", join(steadyWeeks(3), everyDay(3, 6, 6), everyDay(4, 6, 6)), "monotony", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := only(Evaluate(season(tt.runs), nil), tt.rule)
			checkFindings(t, got, tt.wants)
		})
	}
}

// trackWeek is scaledWeek(w, f) with its Wednesday run on a track, one
// way round: a new track block (terrain, low) opens a second family.
func trackWeek(w int, f float64) []analysis.Run {
	runs := scaledWeek(w, f)
	runs[2].TrackKmCCW = runs[2].DistanceKm
	return runs
}

// marathonBuild is 8 steady weeks, then a build of 6 % a week for 8 weeks,
// a two-week taper and a race week: a sensible marathon build.
func marathonBuild() []analysis.Run {
	runs := steadyWeeks(8)
	f := 1.0
	for w := 8; w < 16; w++ {
		f *= 1.06
		runs = append(runs, scaledWeek(w, f)...)
	}
	return join(runs, scaledWeek(16, 0.75*f), scaledWeek(17, 0.5*f), scaledWeek(18, 0.6))
}

// everyDay is a week w with a run every day: six of km and a seventh of last.
func everyDay(w int, km, last float64) []analysis.Run {
	var runs []analysis.Run
	for d := 0; d < 6; d++ {
		runs = append(runs, run(w, d, km))
	}
	return append(runs, run(w, 6, last))
}

// everyDays is n weeks of everyDay.
func everyDays(n int, km, last float64) []analysis.Run {
	var runs []analysis.Run
	for w := 0; w < n; w++ {
		runs = append(runs, everyDay(w, km, last)...)
	}
	return runs
}

func TestLoadStatusAndSummary(t *testing.T) {
	_, st := LoadSpike.Check(season(steadyWeeks(3)), nil)
	if st.State != Learning || !strings.Contains(st.Reason, "of 4 weeks") {
		t.Errorf("3 weeks of load: status %+v, want learning", st)
	}
	_, st = Monotony.Check(season(steadyWeeks(5)), nil)
	if st.State != Learning {
		t.Errorf("5 weeks: monotony status %+v, want learning", st)
	}
	got, _ := LoadSpike.Check(season(join(steadyWeeks(8), scaledWeek(11, 0.4), scaledWeek(12, 0.6), scaledWeek(13, 1.4))), nil)
	if len(got) != 1 || !strings.Contains(got[0].Summary, "after a break") {
		t.Errorf("after a break: %v, want the summary to say what it was judged against", brief(got))
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

package synth

import (
	"math"
	"slices"
	"testing"
	"time"
)

// loadFigures are the training-load numbers of DOMAIN.md computed from the
// plan (not from the FIT files): weekly km, uncoupled ACWR (NaN for the
// first 4 weeks), week-over-week change in % (NaN when last week < 10 km)
// and Foster monotony (population SD of the 7 daily loads).
type loadFigures struct {
	km, acwr, changePct, monotony []float64
}

func figures(s Season) loadFigures {
	f := loadFigures{km: s.WeeklyKm()}
	for w := range s.Weeks {
		acwr, change := math.NaN(), math.NaN()
		if w >= 4 {
			acwr = f.km[w] / ((f.km[w-1] + f.km[w-2] + f.km[w-3] + f.km[w-4]) / 4)
		}
		if w >= 1 && f.km[w-1] >= 10 {
			change = 100 * (f.km[w]/f.km[w-1] - 1)
		}
		f.acwr = append(f.acwr, acwr)
		f.changePct = append(f.changePct, change)

		var daily [7]float64
		for _, r := range s.Runs {
			if r.Start.Before(s.WeekStart(w)) {
				continue
			}
			d := int(r.Start.Sub(s.WeekStart(w)) / (24 * time.Hour))
			if r.IsRun() && d < 7 {
				daily[d] += r.Distance()
			}
		}
		var mean, sd float64
		for _, x := range daily {
			mean += x / 7
		}
		for _, x := range daily {
			sd += (x - mean) * (x - mean) / 7
		}
		f.monotony = append(f.monotony, mean/math.Sqrt(sd))
	}
	return f
}

func TestControlsStayQuiet(t *testing.T) {
	for _, pi := range Patterns {
		s := Plan(pi.Pattern)
		f := figures(s)
		for w := range s.Weeks {
			limit := 1.25 // controls
			if !pi.Control {
				limit = 1.3 // below load-spike's low threshold
			}
			spike := slices.ContainsFunc(s.Expect, func(e Expectation) bool { return e.Rule == "load-spike" && e.Week == w+1 })
			if f.acwr[w] > limit && !spike {
				t.Errorf("%s week %d: ACWR %.2f > %.2f", pi.Pattern, w+1, f.acwr[w], limit)
			}
			if pi.Control && f.changePct[w] >= 10 {
				t.Errorf("%s week %d: +%.1f %% over last week", pi.Pattern, w+1, f.changePct[w])
			}
			if f.monotony[w] >= 1.5 && pi.Pattern != Monotony {
				t.Errorf("%s week %d: monotony %.2f", pi.Pattern, w+1, f.monotony[w])
			}
		}
		if f.km[0] < 10 {
			t.Errorf("%s: first week %.1f km, chronic load would be under 10 km", pi.Pattern, f.km[0])
		}
	}
}

// The checks above skip the weeks a pattern is designed to break; here is
// what those weeks look like.
func TestPatternWeeks(t *testing.T) {
	tests := []struct {
		p     Pattern
		check func(loadFigures) bool
		what  string
	}{
		{LoadSpike, func(f loadFigures) bool { return math.Abs(f.acwr[9]-1.8) < 0.05 && f.changePct[9] > 30 }, "week 10 ACWR 1.8, jump > 30 %"},
		{Compound, func(f loadFigures) bool { return math.Abs(f.acwr[9]-1.8) < 0.05 }, "week 10 ACWR 1.8"},
		{WeeklyJump, func(f loadFigures) bool {
			return f.changePct[8] > 30 && f.km[8] > 1.3*slices.Max(f.km[4:8]) && f.acwr[8] > 1.3 && f.acwr[8] < 1.45
		}, "week 9 > +30 % over week 8 and over each of weeks 5-8, with 1.3 < ACWR < 1.45"},
		{Monotony, func(f loadFigures) bool {
			return f.monotony[9] > 20 && f.monotony[10] > 20 && f.monotony[11] < 1.5 && f.monotony[8] < 1.5
		}, "monotony > 20 in weeks 10 and 11 only"},
	}
	for _, tt := range tests {
		f := figures(Plan(tt.p))
		if !tt.check(f) {
			t.Errorf("%s: want %s; km %.1f, acwr %.2f, change %.1f, monotony %.2f", tt.p, tt.what, f.km, f.acwr, f.changePct, f.monotony)
		}
		// Load patterns other than the designed jump week keep to < +10 %.
		for w, c := range f.changePct {
			if c >= 10 && !slices.ContainsFunc(Plan(tt.p).Expect, func(e Expectation) bool { return e.Week == w+1 }) {
				t.Errorf("%s week %d: unplanned +%.1f %%", tt.p, w+1, c)
			}
		}
	}
}

func TestPatternRuns(t *testing.T) {
	for _, pi := range Patterns {
		s := Plan(pi.Pattern)
		if len(pi.Expect) != len(s.Expect) || (len(s.Expect) > 0 && !s.Expect[0].Monday.Equal(pi.Expect[0].Monday)) {
			t.Errorf("%s: Plan's expectations differ from Patterns", pi.Pattern)
		}
		if pi.Control != (len(pi.Expect) == 0) {
			t.Errorf("%s: control %v with %d expectations", pi.Pattern, pi.Control, len(pi.Expect))
		}
		for _, e := range s.Expect {
			if e.Monday.Weekday() != time.Monday || e.Week < 1 || e.Week > s.Weeks {
				t.Errorf("%s: bad expectation %+v", pi.Pattern, e)
			}
		}
		for _, r := range s.Runs {
			if err := r.validate(); err != nil {
				t.Errorf("%s: %v", pi.Pattern, err)
			}
			// Short enough to keep files small; the TrackDirection season
			// needs a higher volume, so its long runs reach 90 min.
			if d := r.Duration(); r.IsRun() && (d < 12*time.Minute || d > 95*time.Minute) {
				t.Errorf("%s %s %s: %v long", pi.Pattern, r.Start.Format(time.DateOnly), r.Kind, d)
			}
			if r.Dynamics != (pi.Pattern != NoDynamics && r.IsRun()) && r.IsRun() {
				t.Errorf("%s: dynamics %v", pi.Pattern, r.Dynamics)
			}
		}
	}
}

// Run-level injections: the spec fields that carry each pattern.
func TestPatternInjections(t *testing.T) {
	countFrom := func(s Season, week int, pred func(RunSpec) bool) (before, after int) {
		for _, r := range s.Runs {
			if !pred(r) {
				continue
			}
			if r.Start.Before(s.WeekStart(week - 1)) {
				before++
			} else {
				after++
			}
		}
		return before, after
	}
	tests := []struct {
		p    Pattern
		week int
		pred func(RunSpec) bool
	}{
		{CadenceFade, 8, func(r RunSpec) bool { return r.CadenceFadePct == -6 && r.Kind == "long" }},
		{AsymmetryDrift, 8, func(r RunSpec) bool { return r.BalanceDriftPP == 2 && r.Kind == "long" }},
		{GCTImbalance, 8, func(r RunSpec) bool { return r.BalanceLeftPct > 52.2 }},
		{Compound, 10, func(r RunSpec) bool { return r.BalanceLeftPct > 52.2 }},
		{Downhill, 9, func(r RunSpec) bool { return r.DescentM >= 400 && r.DescentM/r.DistanceKm/1000 >= 0.049 }},
		{TrackDirection, 8, func(r RunSpec) bool { return r.TrackLaps == 21 && !r.TrackClockwise }},
		{CadenceDrop, 9, func(r RunSpec) bool { return r.CadenceSPM < 165 }},
		{Compound, 10, func(r RunSpec) bool { return r.CadenceSPM < 165 }},
	}
	for _, tt := range tests {
		before, after := countFrom(Plan(tt.p), tt.week, tt.pred)
		if before != 0 || after < 5 {
			t.Errorf("%s: %d injected runs before week %d, %d from it", tt.p, before, tt.week, after)
		}
	}
	// Weekly descent of the Downhill season: >= 1000 m and >= 3x before.
	s := Plan(Downhill)
	var weekly [DefaultWeeks]float64
	for _, r := range s.Runs {
		weekly[int(r.Start.Sub(s.Start)/(7*24*time.Hour))] += r.DescentM
	}
	for w := 8; w < s.Weeks; w++ {
		if weekly[w] < 1000 {
			t.Errorf("downhill week %d: %.0f m net descent", w+1, weekly[w])
		}
	}
	// Track weeks: >= 20 km (25.2) counter-clockwise.
	s = Plan(TrackDirection)
	var track [DefaultWeeks]float64
	for _, r := range s.Runs {
		track[int(r.Start.Sub(s.Start)/(7*24*time.Hour))] += float64(r.TrackLaps) * 0.4
	}
	for w := 7; w < s.Weeks; w++ {
		if math.Abs(track[w]-25.2) > 0.01 {
			t.Errorf("track week %d: %.1f km of laps", w+1, track[w])
		}
	}
}

func TestPlanDeterministic(t *testing.T) {
	a, b := Plan(Compound), Plan(Compound)
	if !slices.EqualFunc(a.Runs, b.Runs, func(x, y RunSpec) bool { return x == y }) {
		t.Error("Plan is not deterministic")
	}
	c := Plan(Compound, WithSeed(2))
	if a.Runs[0] == c.Runs[0] {
		t.Error("seed does not change the plan")
	}
	d := Plan(Steady, WithStart(time.Date(2026, 1, 7, 12, 0, 0, 0, time.UTC)))
	if got := d.Start.Format(time.DateOnly); got != "2026-01-05" {
		t.Errorf("start moved to %s, want the Monday 2026-01-05", got)
	}
}

package synth

import (
	"bytes"
	"fmt"
	"gonum.org/v1/gonum/stat"
	"math"
	"reflect"
	"slices"
	"testing"
	"time"
)

// noiseFree plans Team without noise: the planned seasons the truths'
// grades are computed from.
func noiseFree() Option { return func(c *config) { c.noise = 0 } }

func TestTeamDeterministic(t *testing.T) {
	a, b := Team(7), Team(7)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("Team(7) differs between two calls")
	}
	other := Team(8)
	same := 0
	for i := range a {
		if reflect.DeepEqual(a[i].Season.Runs, other[i].Season.Runs) {
			same++
		}
		if !reflect.DeepEqual(a[i].Truth, other[i].Truth) {
			t.Errorf("%s: truth depends on the seed", a[i].Season.Athlete)
		}
	}
	if same > 0 {
		t.Errorf("%d athletes have the same runs with seeds 7 and 8", same)
	}
	// The same spec encodes to the same bytes.
	r := a[0].Season.Runs[3]
	r.Interval = 5 * time.Second
	x, err := EncodeRun(r)
	if err != nil {
		t.Fatal(err)
	}
	y, _ := EncodeRun(r)
	if !bytes.Equal(x, y) {
		t.Error("EncodeRun gives different bytes for the same realistic run")
	}
}

func TestTeamShape(t *testing.T) {
	team := Team(1)
	if len(team) < 12 {
		t.Fatalf("%d athletes, want at least 12", len(team))
	}
	names := map[string]bool{}
	healthy := 0
	for _, a := range team {
		s := a.Season
		if names[s.Athlete] {
			t.Errorf("athlete %s twice", s.Athlete)
		}
		names[s.Athlete] = true
		if a.Healthy() {
			healthy++
		}
		if s.Weeks < 16 || s.Weeks > 24 {
			t.Errorf("%s: %d weeks, want 16-24", s.Athlete, s.Weeks)
		}
		if end := s.WeekStart(s.Weeks); end.Format(time.DateOnly) != TeamEnd.Format(time.DateOnly) || end.Hour() != 0 || end.Weekday() != time.Monday {
			t.Errorf("%s: season ends %v, want the Monday %v", s.Athlete, end, TeamEnd)
		}
		perWeek := make([]int, s.Weeks)
		for _, r := range s.Runs {
			if err := r.validate(); err != nil {
				t.Errorf("%s: %v", s.Athlete, err)
			}
			w := int(r.Start.Sub(s.Start) / (7 * 24 * time.Hour))
			if w < 0 || w >= s.Weeks {
				t.Errorf("%s: run on %v outside the season", s.Athlete, r.Start)
				continue
			}
			perWeek[w]++
			if r.Dynamics != s.Dynamics {
				t.Errorf("%s: a run's dynamics %v, season's %v", s.Athlete, r.Dynamics, s.Dynamics)
			}
		}
		if slices.Max(perWeek) > 7 {
			t.Errorf("%s: runs per week %v, want at most 7", s.Athlete, perWeek)
		}
		for _, tr := range a.Truth {
			if len(tr.Rules) == 0 || len(tr.Grades) == 0 || (tr.Onset < 9 && !tr.FromStart) || tr.Onset > tr.Start() || tr.Until > s.Weeks || tr.Until < tr.Start() {
				t.Errorf("%s: truth %+v malformed (starts before a baseline exists, or outside the season)", s.Athlete, tr)
			}
			for i, g := range tr.Grades {
				if i > 0 && (g.Week < tr.Grades[i-1].Week || sevRank(g.Severity) <= sevRank(tr.Grades[i-1].Severity)) {
					t.Errorf("%s %s: grades %v not ascending", s.Athlete, tr.Pattern, tr.Grades)
				}
			}
		}
	}
	if healthy < 6 || len(team)-healthy < 6 {
		t.Errorf("%d healthy and %d pattern athletes, want at least 6 of each", healthy, len(team)-healthy)
	}
	for _, want := range []string{"trail-mountain", "track-intervals", "treadmill", "daily", "balance-51", "drift-53", "comeback", "creep", "half-marathon"} {
		if !names[want] {
			t.Errorf("no athlete %s", want)
		}
	}
	if got := TeamNames(); len(got) != len(team) || got[0] != team[0].Season.Athlete {
		t.Errorf("TeamNames %v does not match Team", got)
	}
}

// weekOf gives a run's 0-based week in its season.
func weekOf(s Season, r RunSpec) int { return int(r.Start.Sub(s.Start) / (7 * 24 * time.Hour)) }

// TestProfiles checks the habits each profile promises, on a noisy team.
func TestProfiles(t *testing.T) {
	for _, seed := range []uint64{1, 2, 3} {
		team := Team(seed)
		for _, a := range team {
			s := a.Season
			perWeek := make([]int, s.Weeks)
			for _, r := range s.Runs {
				perWeek[weekOf(s, r)]++
			}
			switch s.Athlete {
			case "trail-mountain":
				for w, d := range weeklyDescent(s) {
					if d < 850 || d > 2100 {
						t.Errorf("seed %d %s week %d: descent %.0f m, want ~1 400", seed, s.Athlete, w+1, d)
					}
				}
			case "track-intervals":
				for w, km := range weeklyTrackKm(s) {
					if km < 18 {
						t.Errorf("seed %d %s week %d: %.1f km on the track, want two sessions (~19 km)", seed, s.Athlete, w+1, km)
					}
				}
				for _, r := range s.Runs {
					if r.TrackLaps > 0 && (r.TrackClockwise || r.RepM == 0) {
						t.Errorf("seed %d %s: track run %+v not counter-clockwise intervals", seed, s.Athlete, r)
					}
				}
			case "treadmill":
				for _, r := range s.Runs {
					if r.Sport != SportTreadmill || r.Dynamics {
						t.Errorf("seed %d %s: run %s is %s, dynamics %v", seed, s.Athlete, r.Start, r.Sport, r.Dynamics)
					}
				}
				if slices.Min(perWeek) < 2 || slices.Max(perWeek) > 4 {
					t.Errorf("seed %d %s: runs per week %v, want 2-4", seed, s.Athlete, perWeek)
				}
			case "daily":
				total := 0
				for _, n := range perWeek {
					total += n
				}
				if slices.Min(perWeek) < 4 || slices.Max(perWeek) != 7 || float64(total) < 6.2*float64(s.Weeks) {
					t.Errorf("seed %d %s: runs per week %v, want 7 but for a skipped run now and then", seed, s.Athlete, perWeek)
				}
			case "comeback":
				km := s.WeeklyKm()
				tol := comebackTolerated()
				for w := 8; w < 11; w++ {
					if km[w] != 0 {
						t.Errorf("seed %d %s week %d: %.1f km during the break", seed, s.Athlete, w+1, km[w])
					}
				}
				mean := 0.0
				for w := 15; w < s.Weeks; w++ {
					mean += km[w] / tol / float64(s.Weeks-15)
					if r := km[w] / tol; r > 0.75*(1+WeekKmNoise)+0.01 {
						t.Errorf("seed %d %s week %d: %.0f %% of the tolerated volume, want at most 75 %% and its noise", seed, s.Athlete, w+1, 100*r)
					}
				}
				if mean < 0.62 || mean > 0.80 {
					t.Errorf("seed %d %s: weeks 16-22 at %.0f %% of the tolerated volume, want about 75 %%", seed, s.Athlete, 100*mean)
				}
			case "half-marathon":
				n := 0
				for _, r := range s.Runs {
					if r.Kind == "race" {
						n++
						if r.DistanceKm != 21.1 || weekOf(s, r) != 17 || r.Start.Weekday() != time.Sunday {
							t.Errorf("seed %d %s: race %v %.1f km", seed, s.Athlete, r.Start, r.DistanceKm)
						}
					}
				}
				if n != 1 {
					t.Errorf("seed %d %s: %d races, want 1", seed, s.Athlete, n)
				}
			}
		}
	}
}

// TestNoiseBounds: every noisy figure of every run stays within the bounds
// the package states, around what the plan wants.
func TestNoiseBounds(t *testing.T) {
	for _, seed := range []uint64{1, 2, 3} {
		quiet := Team(seed, noiseFree())
		for i, a := range Team(seed) {
			p := profiles[i]
			s := a.Season
			for _, r := range s.Runs {
				k := kindOf[r.Kind]
				if d := r.PaceMinPerKm/(p.easyPace*k.pace) - 1; math.Abs(d) > PaceNoise+1e-9 {
					t.Errorf("seed %d %s %s: pace %.2f is %+.1f %% off the %s pace", seed, s.Athlete, r.Start, r.PaceMinPerKm, 100*d, r.Kind)
				}
				if r.Kind != "long" || a.Healthy() {
					if r.CadenceFadePct < HealthyFadeMinPct || r.CadenceFadePct > HealthyFadeMaxPct ||
						r.BalanceDriftPP < HealthyDriftMinPP || r.BalanceDriftPP > HealthyDriftMaxPP {
						t.Errorf("seed %d %s %s: within-run fade %.1f %% / drift %.2f pp outside the healthy bounds", seed, s.Athlete, r.Start, r.CadenceFadePct, r.BalanceDriftPP)
					}
				}
				if !a.Healthy() {
					continue
				}
				speed := 1000 / (r.PaceMinPerKm * 60)
				want := p.cadence + CadencePerMS*(speed-1000/(p.easyPace*60))
				if d := r.CadenceSPM - want; math.Abs(d) > CadenceNoiseSPM+1e-9 {
					t.Errorf("seed %d %s %s: cadence %.1f is %+.1f spm off the speed-adjusted %.1f", seed, s.Athlete, r.Start, r.CadenceSPM, d, want)
				}
				if d := r.BalanceLeftPct - p.balance; s.Dynamics && math.Abs(d) > BalanceNoisePP+1e-9 {
					t.Errorf("seed %d %s %s: balance %.2f is %+.2f pp off %.1f", seed, s.Athlete, r.Start, r.BalanceLeftPct, d, p.balance)
				}
			}
			// A week's km stays within WeekKmNoise of the noise-free plan's
			// (rounding each run to 10 m and the 2 km floor aside), or
			// below it when a run was skipped.
			got, plan := s.WeeklyKm(), quiet[i].Season.WeeklyKm()
			runs, planned := runsPerWeek(s), runsPerWeek(quiet[i].Season)
			for w := range got {
				if runs[w] < planned[w] {
					if got[w] > plan[w]*(1+WeekKmNoise)+0.1 {
						t.Errorf("seed %d %s week %d: %.1f km with a skipped run, more than the plan's %.1f allows", seed, s.Athlete, w+1, got[w], plan[w])
					}
					continue
				}
				if plan[w] == 0 {
					if got[w] != 0 {
						t.Errorf("seed %d %s week %d: %.1f km in a planned week off", seed, s.Athlete, w+1, got[w])
					}
					continue
				}
				if d := got[w]/plan[w] - 1; math.Abs(d) > WeekKmNoise+0.02 {
					t.Errorf("seed %d %s week %d: %.1f km, %+.0f %% off the plan's %.1f", seed, s.Athlete, w+1, got[w], 100*d, plan[w])
				}
			}
		}
	}
}

// TestRealisticEncodes: the new run kinds (mountain loops, interval
// sessions on the track, treadmill runs) encode, and what they record
// matches the spec: ascent and descent of a mountain loop, track laps of
// 400 m, faster repeats with higher cadence.
func TestRealisticEncodes(t *testing.T) {
	team := Team(1, WithInterval(5*time.Second))
	seen := map[string]bool{}
	for _, a := range team {
		for _, r := range a.Season.Runs {
			key := r.Kind + "/" + r.sport()
			if seen[key] {
				continue
			}
			seen[key] = true
			if _, err := EncodeRun(r); err != nil {
				t.Errorf("%s %s: %v", a.Season.Athlete, key, err)
			}
			ss := simulate(r)
			tot := summarise(r, ss)
			switch {
			case r.ClimbM > 0:
				if math.Abs(tot.ascentM-r.ClimbM) > 0.1*r.ClimbM+10 || math.Abs(tot.descentM-r.ClimbM) > 0.1*r.ClimbM+10 {
					t.Errorf("%s: climb %.0f m recorded as +%.0f/-%.0f m", key, r.ClimbM, tot.ascentM, tot.descentM)
				}
			case r.RepM > 0:
				var fast, slow, nf, ns float64
				for _, s := range ss {
					if math.Mod(s.distM, r.RepM+r.RecoveryM) < r.RepM {
						fast, nf = fast+s.cadence, nf+1
					} else {
						slow, ns = slow+s.cadence, ns+1
					}
				}
				if fast/nf < slow/ns+5 {
					t.Errorf("%s: cadence %.0f on repeats, %.0f on recoveries, want the repeats faster", key, fast/nf, slow/ns)
				}
				if math.Abs(tot.distM-float64(r.TrackLaps)*TrackLapM) > 1 {
					t.Errorf("%s: %.0f m for %d laps", key, tot.distM, r.TrackLaps)
				}
			}
		}
	}
	for _, want := range []string{"mountain/trail_running", "hill/trail_running", "intervals/running", "easy/treadmill_running", "race/running", "downhill/trail_running"} {
		if !seen[want] {
			t.Errorf("no %s run in the team", want)
		}
	}
}

// runsPerWeek counts each week's runs.
func runsPerWeek(s Season) []int {
	out := make([]int, s.Weeks)
	for _, r := range s.Runs {
		out[weekOf(s, r)]++
	}
	return out
}

// weeklyDescent sums the recorded descent of each week's runs.
func weeklyDescent(s Season) []float64 {
	out := make([]float64, s.Weeks)
	for _, r := range s.Runs {
		out[weekOf(s, r)] += summarise(r, simulate(r)).descentM
	}
	return out
}

// weeklyTrackKm sums each week's km on the track.
func weeklyTrackKm(s Season) []float64 {
	out := make([]float64, s.Weeks)
	for _, r := range s.Runs {
		if r.TrackLaps > 0 {
			out[weekOf(s, r)] += r.Distance()
		}
	}
	return out
}

func sevRank(s string) int { return slices.Index([]string{"", "low", "medium", "high"}, s) }

// grader computes, from a noise-free season, the grades DOMAIN.md's rules
// table gives a truth's pattern against the athlete's level before it.
// It is the independent check that the truths say what the plans inject.
type grader struct {
	s     Season
	start int // 0-based first week of the pattern
}

// grades turns a per-week severity series into first-week grades
// (1-based weeks), each severity's first week.
func grades(sev []string) []Grade {
	var out []Grade
	best := 0
	for w, s := range sev {
		if r := sevRank(s); r > best {
			out = append(out, Grade{w + 1, s})
			best = r
		}
	}
	return out
}

// level grades value v by thresholds low, medium, high (NaN: not used).
func level(v, low, medium, high float64) string {
	switch {
	case v >= high:
		return "high"
	case v >= medium:
		return "medium"
	case v >= low:
		return "low"
	}
	return ""
}

// median of xs.
func median(xs []float64) float64 {
	ys := slices.Clone(xs)
	slices.Sort(ys)
	n := len(ys)
	if n%2 == 1 {
		return ys[n/2]
	}
	return (ys[n/2-1] + ys[n/2]) / 2
}

// load grades the weekly km as DOMAIN.md's load rules do: a spike week
// by the lower of load-spike and weekly-jump, a creep by the higher of
// load-spike and the cumulative ramp; no week alone is high.
func (g grader) load(spike bool) []string {
	km := g.s.WeeklyKm()
	out := make([]string, len(km))
	for w := g.start; w < len(km); w++ {
		mean := (km[w-1] + km[w-2] + km[w-3] + km[w-4]) / 4
		if spike {
			// One week alone is never high (DOMAIN.md, principle 6).
			ls := level(km[w]/mean, 1.3, 1.5, math.Inf(1))
			wj := level(km[w]/slices.Max(km[w-4:w]), math.Inf(1), 1.3, math.Inf(1))
			out[w] = ls
			if sevRank(wj) < sevRank(ls) {
				out[w] = wj
			}
			continue
		}
		// A creep: the higher of load-spike (this week against the
		// 4-week mean) and the ramp (the mean of the last 4 weeks
		// against the tolerated level of the 12 weeks before them, the
		// median of their 4 best); high would need a confirmation this
		// grader leaves out (a creep of 12 %/week stays under +60 %).
		ls := level(km[w]/mean, 1.3, 1.5, math.Inf(1))
		best := slices.Clone(km[max(0, w-3-12) : w-3])
		slices.Sort(best)
		slices.Reverse(best)
		ramp := level((km[w]+km[w-1]+km[w-2]+km[w-3])/4/median(best[:4]), math.Inf(1), 1.4, math.Inf(1))
		out[w] = ls
		if sevRank(ramp) > sevRank(ls) {
			out[w] = ramp
		}
	}
	return out
}

// session grades each week's longest step of a run over the longest run
// of the 30 days before it (with at least 4 runs in them): above +10 %
// low, above +100 % medium (high needs a second family, left out).
func (g grader) session() []string {
	out := make([]string, g.s.Weeks)
	for _, r := range g.s.Runs {
		w := weekOf(g.s, r)
		if w < g.start || !r.IsRun() {
			continue
		}
		longest, n := 0.0, 0
		for _, q := range g.s.Runs {
			if q.IsRun() && q.Start.Before(r.Start) && r.Start.Sub(q.Start) <= 30*24*time.Hour {
				longest, n = max(longest, q.DistanceKm), n+1
			}
		}
		if n < 4 {
			continue
		}
		sev := ""
		switch ratio := r.DistanceKm / longest; {
		case ratio > 2:
			sev = "medium"
		case ratio > 1.1:
			sev = "low"
		}
		if sevRank(sev) > sevRank(out[w]) {
			out[w] = sev
		}
	}
	return out
}

// weeklyRuns gives each week's runs.
func (g grader) weeklyRuns() [][]RunSpec {
	out := make([][]RunSpec, g.s.Weeks)
	for _, r := range g.s.Runs {
		out[weekOf(g.s, r)] = append(out[weekOf(g.s, r)], r)
	}
	return out
}

// cadence grades the weekly median speed-adjusted cadence against the
// median before the pattern: -3 % low, -5 % medium, -8 % or a second week
// at -5 % high.
func (g grader) cadence(p profile) []string {
	adj := func(r RunSpec) float64 {
		speed := 1000 / (r.PaceMinPerKm * 60)
		return r.CadenceSPM - CadencePerMS*(speed-1000/(p.easyPace*60))
	}
	var before []float64
	weeks := g.weeklyRuns()
	for _, rs := range weeks[:g.start] {
		for _, r := range rs {
			before = append(before, adj(r))
		}
	}
	base := median(before)
	out := make([]string, g.s.Weeks)
	prevMedium := false
	for w := g.start; w < g.s.Weeks; w++ {
		var xs []float64
		for _, r := range weeks[w] {
			xs = append(xs, adj(r))
		}
		if len(xs) == 0 {
			prevMedium = false
			continue
		}
		drop := -100 * (median(xs)/base - 1)
		out[w] = level(drop, 3, 5, 8)
		if drop >= 5 && prevMedium {
			out[w] = "high"
		}
		prevMedium = drop >= 5
	}
	return out
}

// balance grades the weekly mean GCT balance against the median before
// the pattern (0.8 pp low, 1.5 pp for 2 weeks medium) and by its trend
// from the pattern's start (DOMAIN.md, principle 8: a least-squares slope
// of at least 0.1 pp a week over 6 weeks is low; the change it made since,
// slope × weeks, of 1.5 pp for 2 weeks medium). Balance alone is never
// high.
func (g grader) balance() []string {
	weeks := g.weeklyRuns()
	mean := func(rs []RunSpec) float64 {
		t := 0.0
		for _, r := range rs {
			t += r.BalanceLeftPct / float64(len(rs))
		}
		return t
	}
	var before []float64
	for _, rs := range weeks[:g.start] {
		if len(rs) > 0 {
			before = append(before, mean(rs))
		}
	}
	base := math.NaN()
	if len(before) > 0 {
		base = median(before)
	}
	out := make([]string, g.s.Weeks)
	prev := 0.0
	var xs, ys []float64
	for w := g.start; w < g.s.Weeks; w++ {
		if len(weeks[w]) == 0 {
			prev = 0
			continue
		}
		bal := mean(weeks[w])
		xs, ys = append(xs, float64(w)), append(ys, bal)
		d := math.Abs(bal - base)
		if math.IsNaN(d) || d < 0.8 {
			d = 0
		}
		trend := false
		if len(xs) >= 6 {
			_, slope := stat.LinearRegression(xs, ys, nil, false)
			if slope >= 0.1 {
				trend = true
				d = max(d, slope*float64(w-g.start))
			}
		}
		switch {
		case d >= 1.5-1e-9 && prev >= 1.5-1e-9:
			out[w] = "medium"
		case d >= 0.8 || trend:
			out[w] = "low"
		}
		prev = d
	}
	return out
}

// withinRun grades long runs' within-run change (fade in %, drift in pp):
// one run past low is low; a run past medium with another past medium in
// the 3 weeks before is medium.
func (g grader) withinRun(change func(RunSpec) float64, minMin, low, medium float64) []string {
	out := make([]string, g.s.Weeks)
	var mediumWeeks []int
	for _, r := range g.s.Runs {
		if r.Duration() < time.Duration(minMin)*time.Minute {
			continue
		}
		w, c := weekOf(g.s, r), change(r)
		sev := level(c, low, math.Inf(1), math.Inf(1))
		if c >= medium {
			if len(mediumWeeks) > 0 && w-mediumWeeks[len(mediumWeeks)-1] <= 3 {
				sev = "medium"
			}
			mediumWeeks = append(mediumWeeks, w)
		}
		if sevRank(sev) > sevRank(out[w]) {
			out[w] = sev
		}
	}
	return out
}

// descent grades the weekly descent against the median of the 8 weeks
// before the pattern: 2x and 500 m medium, 3x and 1 000 m in a second
// week high.
func (g grader) descent() []string {
	d := weeklyDescent(g.s)
	base := median(d[g.start-8 : g.start])
	out := make([]string, g.s.Weeks)
	prevHigh := false
	for w := g.start; w < g.s.Weeks; w++ {
		high := d[w] >= 3*base && d[w] >= 1000
		switch {
		case high && prevHigh:
			out[w] = "high"
		case d[w] >= 2*base && d[w] >= 500:
			out[w] = "medium"
		}
		prevHigh = high
	}
	return out
}

// track grades a new one-way track block: >= 10 km a week after >= 4
// weeks without is low once.
func (g grader) track() []string {
	km := weeklyTrackKm(g.s)
	out := make([]string, g.s.Weeks)
	without := 0
	for w, k := range km {
		if k >= 10 && without >= 4 {
			out[w] = "low"
		}
		if k == 0 {
			without++
		} else {
			without = 0
		}
	}
	return out
}

// compound grades families together: >= 3 families at >= low within 2
// weeks medium, >= 2 at >= medium high.
func compound(families [][]string) []string {
	n := len(families[0])
	out := make([]string, n)
	for w := 0; w < n; w++ {
		atLow, atMedium := 0, 0
		for _, f := range families {
			best := 0
			for v := max(0, w-1); v <= w; v++ {
				best = max(best, sevRank(f[v]))
			}
			if best >= 1 {
				atLow++
			}
			if best >= 2 {
				atMedium++
			}
		}
		switch {
		case atMedium >= 2:
			out[w] = "high"
		case atLow >= 3:
			out[w] = "medium"
		}
	}
	return out
}

// TestTruthGrades: each truth's grades are what DOMAIN.md's grading gives
// the planned (noise-free) season, and the healthy athletes' planned
// seasons grade to nothing on the same scales.
func TestTruthGrades(t *testing.T) {
	for i, a := range Team(1, noiseFree()) {
		p, s := profiles[i], a.Season
		g := grader{s: s, start: 8}
		fade := func(r RunSpec) float64 { return -r.CadenceFadePct }
		drift := func(r RunSpec) float64 { return r.BalanceDriftPP }
		series := map[string][]string{}
		for _, tr := range a.Truth {
			// Graded from the pattern's onset, which may precede its
			// first grade (a creep starts below the thresholds).
			first := grader{s: s, start: tr.Onset - 1}
			var sev []string
			switch tr.Pattern {
			case "load-creep":
				sev = first.load(false)
			case "load-spike":
				sev = first.load(true)
			case "cadence-drop", "cadence-fall":
				sev = first.cadence(p)
			case "asymmetry-rise", "balance-drift", "early-drift":
				sev = first.balance()
			case "cadence-fade", "late-fade":
				sev = first.withinRun(fade, 60, 4, 7)
			case "long-run+15%", "long-run+40%", "doubled-long-run":
				sev = first.session()
				clear(sev[tr.Until:]) // one run each: the later steps are other truths
			case "asymmetry-drift":
				sev = first.withinRun(drift, 45, 1.0, 1.5)
			case "downhill-block":
				sev = first.descent()
			case "track-block":
				sev = first.track()
			case "compound":
				sev = compound([][]string{series["load-creep"], series["cadence-fall"], series["asymmetry-rise"]})
			default:
				t.Errorf("%s: no grader for truth %s", s.Athlete, tr.Pattern)
				continue
			}
			series[tr.Pattern] = sev
			if got := grades(sev); !reflect.DeepEqual(got, tr.Grades) {
				t.Errorf("%s %s: the plan grades to %v, the truth says %v", s.Athlete, tr.Pattern, got, tr.Grades)
			}
		}
		if !a.Healthy() {
			continue
		}
		// Healthy: nothing on the scales that judge against the
		// athlete's own level.
		checks := map[string][]string{
			"cadence": g.cadence(p), "fade": g.withinRun(fade, 60, 4, 7), "track": g.track(), "descent": g.descent(),
		}
		if s.Dynamics {
			checks["balance"] = g.balance()
			checks["drift"] = g.withinRun(drift, 45, 1.0, 1.5)
		}
		for name, sev := range checks {
			if gs := grades(sev); len(gs) > 0 {
				t.Errorf("%s (healthy): %s grades to %v", s.Athlete, name, gs)
			}
		}
	}
}

// Example of the team's truth, as the e2e test prints it.
func ExampleTeam() {
	for _, a := range Team(1)[8:10] {
		fmt.Println(a.Season.Athlete, a.Season.Weeks, "weeks")
		for _, tr := range a.Truth {
			fmt.Println(" ", tr.Pattern, tr.Rules, tr.Grades)
		}
	}
	// Output:
	// creep 18 weeks
	//   load-creep [weekly-jump load-spike] [{15 low} {16 medium}]
	//   cadence-fall [cadence-drop low-cadence] [{13 low} {15 medium} {16 high}]
	//   asymmetry-rise [gct-imbalance] [{13 low} {16 medium}]
	//   compound [compound-risk] [{15 medium} {16 high}]
	// spike 18 weeks
	//   load-spike [load-spike weekly-jump] [{13 medium}]
}

// TestHealthyLoad: no week of a healthy athlete, noise and all, goes
// 30 % past what DOMAIN.md's load rules compare it with: the higher of the
// last 6 weeks' maximum and the tolerated level (the median of the 4 best
// of the last 12 weeks), so illness, holidays, a taper and a comeback are
// quiet by construction.
func TestHealthyLoad(t *testing.T) {
	for seed := uint64(1); seed <= 10; seed++ {
		for _, a := range Team(seed) {
			if !a.Healthy() {
				continue
			}
			km := a.Season.WeeklyKm()
			for w := 4; w < len(km); w++ {
				best := slices.Clone(km[max(0, w-12):w])
				slices.Sort(best)
				slices.Reverse(best)
				ref := max(slices.Max(km[max(0, w-6):w]), (best[1]+best[2])/2)
				if r := km[w] / ref; r >= 1.3 {
					t.Errorf("seed %d %s week %d: %.1f km, %.2fx the tolerated %.1f", seed, a.Season.Athlete, w+1, km[w], r, ref)
				}
			}
		}
	}
}

package rules

import (
	"math"
	"math/rand/v2"
	"time"

	"github.com/itbcheck/itbcheck/analysis"
)

// start is the Monday of the first week of the test seasons.
var start = time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)

// monday returns the Monday of week w of the test seasons, as YYYY-MM-DD.
func monday(w int) string { return dayText(start.AddDate(0, 0, 7*w)) }

// mustDay reads a YYYY-MM-DD day, panicking on a malformed literal.
func mustDay(s string) analysis.Day {
	d, err := analysis.ParseDay(s)
	if err != nil {
		panic(err)
	}
	return d
}

// day returns day d (0 = Monday) of week w, as YYYY-MM-DD.
func day(w, d int) string { return dayText(start.AddDate(0, 0, 7*w+d)) }

// run makes an easy run on day d (0 = Monday) of week w: 5:30/km, 172 spm,
// balanced, no altitude, no thirds. Options change it.
func run(w, d int, km float64, opts ...func(*analysis.Run)) analysis.Run {
	t := start.AddDate(0, 0, 7*w+d).Add(7 * time.Hour)
	r := analysis.Run{
		Source: "w" + itoa(w) + "d" + itoa(d) + ".fit", IsRun: true, Sport: "running",
		Start: t, LocalDate: t, DurationS: km * 330, DistanceKm: km,
		AvgSpeedMS: 1000.0 / 330, CadenceSPM: 172, HeartRateBPM: math.NaN(), TRIMP: math.NaN(),
		BalanceLeftPct: 50.1, StanceTimeMs: 250, VertOscCm: math.NaN(), VertRatioPct: math.NaN(),
		StepLengthM: math.NaN(), AscentM: math.NaN(), DescentM: math.NaN(), DownhillGradePct: math.NaN(),
		TrackKmCW: 0, TrackKmCCW: 0,
	}
	for _, o := range opts {
		o(&r)
	}
	return r
}

func itoa(i int) string {
	if i < 10 {
		return string(rune('0' + i))
	}
	return itoa(i/10) + string(rune('0'+i%10))
}

func cadence(spm float64) func(*analysis.Run) { return func(r *analysis.Run) { r.CadenceSPM = spm } }
func speed(ms float64) func(*analysis.Run)    { return func(r *analysis.Run) { r.AvgSpeedMS = ms } }
func balance(left float64) func(*analysis.Run) {
	return func(r *analysis.Run) { r.BalanceLeftPct = left }
}
func gear(name string) func(*analysis.Run)    { return func(r *analysis.Run) { r.Gear = name } }
func trackCW(km float64) func(*analysis.Run)  { return func(r *analysis.Run) { r.TrackKmCW = km } }
func trackCCW(km float64) func(*analysis.Run) { return func(r *analysis.Run) { r.TrackKmCCW = km } }
func durationMin(m float64) func(*analysis.Run) {
	return func(r *analysis.Run) { r.DurationS = m * 60 }
}
func descent(m, grade float64) func(*analysis.Run) {
	return func(r *analysis.Run) { r.DescentM, r.DownhillGradePct = m, grade }
}

// thirds sets valid first and last thirds with the given cadences and
// balances at the run's speed.
func thirds(cadFirst, cadLast, balFirst, balLast float64) func(*analysis.Run) {
	return func(r *analysis.Run) {
		r.First = analysis.Segment{Valid: true, StartS: 300, EndS: 300 + (r.DurationS-300)/3, CadenceSPM: cadFirst, SpeedMS: r.AvgSpeedMS, BalanceLeftPct: balFirst}
		r.Last = analysis.Segment{Valid: true, StartS: r.DurationS - (r.DurationS-300)/3, EndS: r.DurationS, CadenceSPM: cadLast, SpeedMS: r.AvgSpeedMS, BalanceLeftPct: balLast}
		r.Final = analysis.Segment{Valid: true, StartS: r.DurationS * 3 / 4, EndS: r.DurationS, CadenceSPM: cadLast, SpeedMS: r.AvgSpeedMS, BalanceLeftPct: balLast}
	}
}

// finalQuarter sets the final quarter's cadence apart from the last third's:
// a fade that starts late.
func finalQuarter(cad float64) func(*analysis.Run) {
	return func(r *analysis.Run) { r.Final.CadenceSPM = cad }
}

// steadyWeek is a healthy week of 42 km over 5 runs with rest on Monday and
// Friday; opts apply to every run.
func steadyWeek(w int, opts ...func(*analysis.Run)) []analysis.Run {
	return []analysis.Run{
		run(w, 1, 8, opts...), run(w, 2, 6, opts...), run(w, 3, 8, opts...),
		run(w, 5, 6, opts...), run(w, 6, 14, opts...),
	}
}

// scaledWeek is steadyWeek with every distance multiplied by f.
func scaledWeek(w int, f float64, opts ...func(*analysis.Run)) []analysis.Run {
	runs := steadyWeek(w, opts...)
	for i := range runs {
		runs[i].DistanceKm *= f
		runs[i].DurationS *= f
	}
	return runs
}

// steadyWeeks is n steady weeks starting at week 0.
func steadyWeeks(n int, opts ...func(*analysis.Run)) []analysis.Run {
	var runs []analysis.Run
	for w := 0; w < n; w++ {
		runs = append(runs, steadyWeek(w, opts...)...)
	}
	return runs
}

// season builds a Season from runs with analysis itself (UTC, distance
// load), so that the rules see exactly the series the pipeline gives them.
func season(runs []analysis.Run) *analysis.Season {
	return analysis.NewSeason("test", runs, analysis.Params{Location: time.UTC, LoadMetric: analysis.LoadDistance, MaxHR: math.NaN(), RestHR: math.NaN()})
}

// join concatenates run lists.
func join(lists ...[]analysis.Run) []analysis.Run {
	var out []analysis.Run
	for _, l := range lists {
		out = append(out, l...)
	}
	return out
}

// noisyWeeks is a healthy season as a watch records it: weeks of 3 to 6
// runs whose km vary by up to ±12 %, cadence by ±3 spm around 172 at the
// run's speed, GCT balance by ±0.4 pp around 50.2 %, the same for seed.
func noisyWeeks(n int, seed uint64) []analysis.Run {
	rng := rand.New(rand.NewPCG(seed, 7))
	u := func(a float64) float64 { return a * (2*rng.Float64() - 1) }
	var runs []analysis.Run
	for w := 0; w < n; w++ {
		f := 1 + u(0.12)
		days := []int{1, 2, 3, 5, 6}
		if rng.IntN(3) == 0 {
			days = []int{1, 3, 6}
		}
		share := 42 * f / float64(len(days))
		for _, d := range days {
			km := share * (1 + u(0.2))
			if d == 6 {
				km *= 1.6
			}
			spd := 1000.0 / 330 * (1 + u(0.05))
			r := run(w, d, km, speed(spd), cadence(172+12*(spd-1000.0/330)+u(3)), balance(50.2+u(0.4)))
			r.DurationS = km * 1000 / spd
			runs = append(runs, r)
		}
	}
	return runs
}

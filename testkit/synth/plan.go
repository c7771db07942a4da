package synth

import (
	"fmt"
	"math"
	"math/rand/v2"
	"time"
)

// Pattern names a ready-made season. See Patterns for what each injects.
type Pattern string

// The ready-made seasons: five controls that should raise nothing at medium
// or high, and one season per risk pattern.
const (
	Steady         Pattern = "steady"
	Deload         Pattern = "deload"
	Taper          Pattern = "taper"
	CadenceRising  Pattern = "cadence-rising"
	NoDynamics     Pattern = "no-dynamics"
	LoadSpike      Pattern = "load-spike"
	WeeklyJump     Pattern = "weekly-jump"
	Monotony       Pattern = "monotony"
	CadenceDrop    Pattern = "cadence-drop"
	LowCadence     Pattern = "low-cadence"
	CadenceFade    Pattern = "cadence-fade"
	GCTImbalance   Pattern = "gct-imbalance"
	AsymmetryDrift Pattern = "asymmetry-drift"
	Downhill       Pattern = "downhill"
	TrackDirection Pattern = "track-direction"
	Compound       Pattern = "compound"
)

// Expectation is a finding a season was designed to produce: rule Rule at
// Severity or above in the ISO week starting Monday (week Week of the
// season, 1-based). It is the first week the rule should fire at that level.
type Expectation struct {
	Rule     string
	Severity string // "info", "low", "medium" or "high"
	Week     int
	Monday   time.Time
}

// PatternInfo describes a ready-made season for tests that iterate.
type PatternInfo struct {
	Pattern     Pattern
	Control     bool // a control: no finding at medium or high expected
	Description string
	// Expect lists the expected findings, Mondays computed for
	// DefaultStart. Plan fills Season.Expect for the actual start.
	Expect []Expectation
}

// Season defaults used by Plan unless an Option says otherwise.
var (
	// DefaultTZ is the athletes' local time, written to
	// activity.local_timestamp: a fixed +01:00 (no daylight saving, so
	// week boundaries never move).
	DefaultTZ = time.FixedZone("+01:00", 3600)
	// DefaultStart is the Monday the seasons begin: 2026-03-02 (ISO week
	// 2026-W10).
	DefaultStart = time.Date(2026, 3, 2, 0, 0, 0, 0, DefaultTZ)
)

// DefaultWeeks is the length of the ready-made seasons.
const DefaultWeeks = 14

// patternTable holds each pattern's description and expected findings with
// 1-based week numbers.
var patternTable = []struct {
	p       Pattern
	control bool
	desc    string
	expect  []Expectation
}{
	{Steady, true, "steady ~5 % build, mild deload every 4th week, cadence ~172 spm, balance 50/50; a Friday bike ride every third week (not running load)", nil},
	{Deload, true, "steady build, a deep deload (-35 %) in week 9, then a gentle rebuild at +8 % a week", nil},
	{Taper, true, "steady build, then a three-week race taper ending with a 10 km race", nil},
	{CadenceRising, true, "cadence rises from 165 to 175 spm over the season (an improvement, not a risk)", nil},
	{NoDynamics, true, "the steady season without running-dynamics channels (no GCT, balance, VO, step length)", nil},
	{LoadSpike, false, "week 10 runs 1.8x the mean of the 4 weeks before (extra runs, a double on Sunday): load-spike medium (high from 2.0), weekly-jump medium (+50 % on the highest recent week, but one week alone is never high)",
		[]Expectation{{Rule: "load-spike", Severity: "medium", Week: 10}, {Rule: "weekly-jump", Severity: "medium", Week: 10}}},
	{WeeklyJump, false, "week 9 is new volume: 1.32x the longest of weeks 5-8 (+53 % over week 8, a deload week), so ACWR is about 1.42; " +
		"a jump of 30 % over every one of the 4 weeks before cannot keep ACWR under 1.3, so load-spike fires low",
		[]Expectation{{Rule: "weekly-jump", Severity: "medium", Week: 9}, {Rule: "load-spike", Severity: "low", Week: 9}}},
	{Monotony, false, "weeks 10 and 11 (after the 8 weeks monotony learns from): a run every day of nearly identical distance (monotony ~50); low only, once two weeks run so",
		[]Expectation{{Rule: "monotony", Severity: "low", Week: 11}}},
	{CadenceDrop, false, "from week 9 cadence is 7 % lower at the same speeds",
		[]Expectation{{Rule: "cadence-drop", Severity: "medium", Week: 9}}},
	{LowCadence, false, "cadence ~152 spm at easy pace all season: below 160 spm is context (an info note), not a risk",
		[]Expectation{{Rule: "low-cadence", Severity: "info", Week: 1}}},
	{CadenceFade, false, "from week 8 the long runs (~60 min) lose 6 % cadence from the first third to the final quarter (low; medium needs -7 % twice)",
		[]Expectation{{Rule: "cadence-fade", Severity: "low", Week: 8}}},
	{GCTImbalance, false, "from week 8 GCT balance is 52.6 % left (Garmin red, context only): low, medium from week 9, the second such week; never high from balance alone",
		[]Expectation{{Rule: "gct-imbalance", Severity: "low", Week: 8}, {Rule: "gct-imbalance", Severity: "medium", Week: 9}}},
	{AsymmetryDrift, false, "from week 8 the long runs drift from 50/50 to 52 % left in the last third (+2 pp): low, medium from the second such run",
		[]Expectation{{Rule: "asymmetry-drift", Severity: "low", Week: 8}, {Rule: "asymmetry-drift", Severity: "medium", Week: 9}}},
	{Downhill, false, "from week 9 three point-to-point downhill runs a week, ~400 m descent each at -5 % grade (>1200 m a week, ~7x the rolling baseline): medium, high once confirmed",
		[]Expectation{{Rule: "downhill-load", Severity: "medium", Week: 9}, {Rule: "downhill-load", Severity: "high", Week: 10}}},
	{TrackDirection, false, "from week 8 three track sessions a week, 25.2 km of 400 m laps, always counter-clockwise: a new block, low once",
		[]Expectation{{Rule: "track-direction", Severity: "low", Week: 8}}},
	{Compound, false, "week 10: load spike (1.8x), cadence -7 % and GCT balance 52.6 % left all at once, cadence and balance staying so",
		[]Expectation{
			{Rule: "load-spike", Severity: "medium", Week: 10}, {Rule: "weekly-jump", Severity: "high", Week: 10},
			{Rule: "cadence-drop", Severity: "medium", Week: 10}, {Rule: "gct-imbalance", Severity: "low", Week: 10},
			{Rule: "compound-risk", Severity: "high", Week: 10}}},
}

// Patterns lists every ready-made season, controls first, with the
// findings each should produce (Mondays for DefaultStart).
var Patterns = func() []PatternInfo {
	var ps []PatternInfo
	for _, t := range patternTable {
		ps = append(ps, PatternInfo{Pattern: t.p, Control: t.control, Description: t.desc, Expect: expectFrom(t.expect, DefaultStart)})
	}
	return ps
}()

// expectFrom copies the expectations with their Mondays for a start.
func expectFrom(es []Expectation, start time.Time) []Expectation {
	var out []Expectation
	for _, e := range es {
		e.Monday = start.AddDate(0, 0, 7*(e.Week-1))
		out = append(out, e)
	}
	return out
}

// config holds Plan's options.
type config struct {
	athlete  string
	start    time.Time
	seed     uint64
	interval time.Duration
	noise    float64 // Team's noise scale (1 unless a test plans without noise)
}

// Option changes a default of Plan.
type Option func(*config)

// WithAthlete names the athlete (default: the pattern's name).
func WithAthlete(name string) Option { return func(c *config) { c.athlete = name } }

// WithStart sets the first Monday; its location is the athletes' time zone.
// A day that is not a Monday is moved back to the Monday of its week.
func WithStart(monday time.Time) Option { return func(c *config) { c.start = monday } }

// WithSeed sets the noise seed (default 1).
func WithSeed(seed uint64) Option { return func(c *config) { c.seed = seed } }

// WithInterval sets the record interval of every run (default 1 s).
func WithInterval(d time.Duration) Option { return func(c *config) { c.interval = d } }

// Run kinds: paces in min/km, gear.
var kinds = map[string]struct {
	pace float64
	gear string
}{
	"easy": {6.0, "Pegasus 40"}, "long": {6.25, "Pegasus 40"}, "tempo": {5.08, "Vaporfly 3"},
	"race": {4.67, "Vaporfly 3"}, "track": {5.17, "Vaporfly 3"}, "downhill": {5.67, "Speedgoat 5"},
	"ride": {2.17, ""},
}

// slot is one planned session of a week: day 0 = Monday, share of the
// week's distance, PM for a second run that day.
type slot struct {
	day   int
	kind  string
	share float64
	pm    bool
}

// Weekly templates. Shares keep Foster monotony well under 1.5.
var (
	fourRuns = []slot{{1, "easy", .24, false}, {3, "tempo", .20, false}, {5, "easy", .18, false}, {6, "long", .38, false}}
	fiveRuns = []slot{{1, "easy", .20, false}, {2, "easy", .13, false}, {3, "tempo", .18, false}, {5, "easy", .14, false}, {6, "long", .35, false}}
	spikeRun = []slot{{0, "easy", .08, false}, {1, "easy", .18, false}, {2, "easy", .10, false}, {3, "tempo", .16, false},
		{5, "easy", .12, false}, {6, "long", .22, false}, {6, "easy", .14, true}}
	everyDay = []slot{{0, "easy", 1.03 / 7, false}, {1, "easy", .98 / 7, false}, {2, "easy", 1.01 / 7, false},
		{3, "easy", .97 / 7, false}, {4, "easy", 1.02 / 7, false}, {5, "easy", .99 / 7, false}, {6, "easy", 1.0 / 7, false}}
	downhillRuns = []slot{{1, "downhill", .28, false}, {3, "tempo", .16, false}, {5, "downhill", .28, false}, {6, "downhill", .28, false}}
	raceWeek     = []slot{{1, "easy", .22, false}, {3, "easy", .13, false}, {6, "race", .65, false}}
)

// baseKm is the steady build: +4 % a block, and within each 4-week block
// 1.00, 1.05, 1.10, then a mild deload at 0.95 (-14 % from the block's
// peak; the next block's first week is +9.5 % over the deload).
func baseKm(b float64, i int) float64 {
	return b * math.Pow(1.04, float64(i/4)) * []float64{1, 1.05, 1.10, 0.95}[i%4]
}

// Plan builds the ready-made season of pattern p. Unknown patterns give
// the Steady season. The result is deterministic for given options.
func Plan(p Pattern, opts ...Option) Season {
	c := config{athlete: string(p), start: DefaultStart, seed: 1}
	for _, o := range opts {
		o(&c)
	}
	start := c.start
	for start.Weekday() != time.Monday {
		start = start.AddDate(0, 0, -1)
	}
	start = time.Date(start.Year(), start.Month(), start.Day(), 0, 0, 0, 0, start.Location())
	s := Season{Athlete: c.athlete, Start: start, Weeks: DefaultWeeks, Seed: c.seed, TZ: start.Location(), Dynamics: p != NoDynamics}
	for _, t := range patternTable {
		if t.p == p {
			s.Expect = expectFrom(t.expect, start)
		}
	}
	rng := rand.New(rand.NewPCG(c.seed, 0x5eed))

	b := 26.0
	if p == TrackDirection {
		b = 36 // room for 25 km of track a week without a load jump
	}
	for w := 0; w < s.Weeks; w++ {
		km := baseKm(b, w)
		tmpl := fiveRuns
		if w%2 == 1 {
			tmpl = fourRuns
		}
		switch {
		case (p == LoadSpike || p == Compound) && w == 9:
			km = 1.8 * (baseKm(b, 5) + baseKm(b, 6) + baseKm(b, 7) + baseKm(b, 8)) / 4
			tmpl = spikeRun
		case p == WeeklyJump && w == 8:
			// New volume, not a return after the deload: 32 % above the
			// longest of the 4 weeks before (weekly-jump caps a return to
			// recent volume at low).
			km = 1.32 * max(baseKm(b, 4), baseKm(b, 5), baseKm(b, 6), baseKm(b, 7))
		case p == Monotony && (w == 9 || w == 10):
			tmpl = everyDay
		case p == Deload && w >= 8:
			km = 0.65 * baseKm(b, 8)
			for k := 9; k <= w; k++ {
				km = math.Min(km*1.08, baseKm(b, k))
			}
		case p == Taper && w >= 11:
			km = []float64{0.85, 0.70, 0.55}[w-11] * baseKm(b, 10)
			if w == 13 {
				tmpl = raceWeek
			}
		case p == Downhill && w >= 8:
			tmpl = downhillRuns
		}
		monday := s.WeekStart(w)
		var slots []slot
		if p == TrackDirection && w >= 7 {
			slots = trackWeek(km)
		} else {
			slots = tmpl
		}
		for _, sl := range slots {
			r := planRun(p, s, w, monday, sl, km, rng, c.interval)
			s.Runs = append(s.Runs, r)
		}
		if p == Steady && w%3 == 2 {
			r := planRun(p, s, w, monday, slot{4, "ride", 0, false}, 0, rng, c.interval)
			r.Sport, r.DistanceKm, r.Dynamics = SportCycling, 22, false
			s.Runs = append(s.Runs, r)
		}
	}
	return s
}

// trackWeek gives a week with three 21-lap track sessions (25.2 km) and the
// rest of the week's distance as an easy run (30 %) and a long run (70 %).
func trackWeek(km float64) []slot {
	rest := km - 3*21*TrackLapM/1000
	return []slot{{1, "track", 0, false}, {2, "easy", .3 * rest / km, false}, {3, "track", 0, false},
		{5, "track", 0, false}, {6, "long", .7 * rest / km, false}}
}

// planRun turns a slot of week w into a RunSpec with the pattern's
// modifications and per-run noise.
func planRun(p Pattern, s Season, w int, monday time.Time, sl slot, km float64, rng *rand.Rand, interval time.Duration) RunSpec {
	k := kinds[sl.kind]
	hour, min := 6, 45+rng.IntN(20)
	if sl.day >= 5 {
		hour, min = 8, 30+rng.IntN(20)
	}
	if sl.pm {
		hour = 18
	}
	r := RunSpec{
		Start:        time.Date(monday.Year(), monday.Month(), monday.Day()+sl.day, hour, min, rng.IntN(60), 0, monday.Location()),
		Sport:        SportRunning,
		Kind:         sl.kind,
		DistanceKm:   math.Round(km*sl.share*100) / 100,
		PaceMinPerKm: k.pace * (1 + 0.015*rng.NormFloat64()),
		Dynamics:     s.Dynamics,
		Interval:     interval,
		Gear:         k.gear,
		Seed:         rng.Uint64(),
	}
	if sl.kind == "track" {
		r.TrackLaps = 21
		r.DistanceKm = float64(r.TrackLaps) * TrackLapM / 1000
	}
	if sl.kind == "downhill" {
		r.Sport = SportTrail
		r.DescentM = math.Round(50 * r.DistanceKm) // -5 % grade
	}

	// Cadence: the athlete's cadence at easy pace, plus 12 spm per m/s of
	// extra speed, plus a small run-to-run wobble (SD 1 spm).
	cad := 172.0
	switch {
	case p == LowCadence:
		cad = 152
	case p == CadenceRising:
		cad = 165 + 10*float64(w)/float64(s.Weeks-1)
	case p == CadenceDrop && w >= 8, p == Compound && w >= 9:
		cad *= 0.93
	}
	speed := 1000 / (r.PaceMinPerKm * 60)
	r.CadenceSPM = cad + 12*(speed-1000/(6.0*60)) + rng.NormFloat64()

	bal := 50 + math.Max(-0.3, math.Min(0.3, 0.15*rng.NormFloat64()))
	if (p == GCTImbalance && w >= 7) || (p == Compound && w >= 9) {
		bal = 52.6 + 0.1*rng.NormFloat64()
	}
	r.BalanceLeftPct = bal
	if sl.kind == "long" && w >= 7 {
		switch p {
		case CadenceFade:
			r.CadenceFadePct = -6
		case AsymmetryDrift:
			r.BalanceDriftPP = 2
		}
	}
	return r
}

// ISOWeek gives the expectation's week as `itbcheck check --expect` writes
// it, e.g. "2026-W19".
func (e Expectation) ISOWeek() string {
	y, w := e.Monday.ISOWeek()
	return fmt.Sprintf("%d-W%02d", y, w)
}

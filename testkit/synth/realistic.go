package synth

import (
	"math"
	"math/rand/v2"
	"time"
)

// The realistic seasons: where Plan injects one clean pattern into an
// otherwise noiseless season, Team builds the athletes a coach actually
// sees. Their runs carry day-to-day noise (pace, distance, cadence that
// follows speed, GCT balance, within-run fade and drift), their weeks have
// 2 to 7 runs with skipped sessions, illness and holidays, a taper and a
// half marathon; some athletes have constant exposures that are their
// normal (a mountain runner's descent, a track athlete's left turns, a
// daily runner's monotony, a stable 51 % balance), and some carry a true
// risk pattern of a known size from a known week. Each Athlete's Truth
// says which: what a rule should find, from which week, at which severity
// DOMAIN.md's grading gives for the injected size.

// Grade is the first season week (1-based) at which an injected pattern
// reaches a severity under DOMAIN.md's grading, computed from the planned
// (noise-free) size of the pattern against the athlete's level before it.
type Grade struct {
	Week     int
	Severity string // "low", "medium" or "high"
}

// Truth is one injected risk pattern of an athlete.
type Truth struct {
	// Pattern names what was injected ("load-creep", "cadence-drop", ...).
	Pattern string
	// Rules are the rule ids whose findings explain the pattern.
	Rules []string
	// Onset is the first week (1-based) the pattern is injected; a slow
	// one (a creep, a drift) reaches its first grade only later.
	Onset int
	// Grades lists the first week at each severity the pattern reaches, in
	// ascending order: Grades[0].Week is the week it starts to be
	// detectable, the last grade the severity of its full size.
	Grades []Grade
	// Until is the last week (1-based, inclusive) the pattern lasts.
	Until int
	// Size says what was injected, in words and numbers.
	Size string
	// FromStart marks a pattern that starts with the season (a slow drift
	// from week 1): no baseline exists before it, by design (DOMAIN.md,
	// principle 8: a trend that starts with the season must not become
	// its own baseline).
	FromStart bool
}

// Start is the first week the pattern is detectable (its first grade).
func (t Truth) Start() int { return t.Grades[0].Week }

// Severity is the severity of the pattern's full size (its last grade).
func (t Truth) Severity() string { return t.Grades[len(t.Grades)-1].Severity }

// Athlete is one realistic season with what it truly holds.
type Athlete struct {
	Season Season
	// Profile describes the athlete in a line.
	Profile string
	// Truth lists the injected patterns; empty for a healthy athlete,
	// whose constant exposures are their normal and should raise no
	// finding at low or above (an info note at most).
	Truth []Truth
}

// Healthy reports whether the athlete carries no injected pattern.
func (a Athlete) Healthy() bool { return len(a.Truth) == 0 }

// Months is the season's length in months (weeks × 7 / 30.44 days), the
// denominator of the false-alarm rate per athlete-month.
func (a Athlete) Months() float64 { return float64(a.Season.Weeks) * 7 / 30.44 }

// TeamEnd is the Monday after the last week of every realistic season: the
// whole team is screened on the same day, 2026-06-22, so "current" risk
// means the same weeks for everyone.
var TeamEnd = time.Date(2026, 6, 22, 0, 0, 0, 0, DefaultTZ)

// Noise bounds of the realistic seasons: every random draw is a normal
// deviate clipped to ± these bounds, so tests can assert them.
const (
	// WeekKmNoise is the relative deviation of a week's km from its plan.
	WeekKmNoise = 0.12
	// ShareNoise is the relative deviation of one run's km from its
	// planned share of the week (before the week is rescaled).
	ShareNoise = 0.25
	// PaceNoise is the relative deviation of a run's pace from its kind's
	// pace for the athlete.
	PaceNoise = 0.06
	// CadenceNoiseSPM is the day-to-day deviation of a run's cadence
	// from the athlete's speed-adjusted cadence, in steps/min.
	CadenceNoiseSPM = 4.0
	// BalanceNoisePP is the day-to-day deviation of a run's mean GCT
	// balance from the athlete's level, in percentage points.
	BalanceNoisePP = 0.5
	// HealthyFadeMinPct and HealthyFadeMaxPct bound a healthy run's
	// within-run cadence change (last third vs first), in percent.
	HealthyFadeMinPct, HealthyFadeMaxPct = -3.5, 0.5
	// HealthyDriftMinPP and HealthyDriftMaxPP bound a healthy run's
	// within-run asymmetry change (last third vs first), in pp.
	HealthyDriftMinPP, HealthyDriftMaxPP = -0.3, 0.6
	// CadencePerMS is how many steps/min cadence rises per m/s of speed.
	CadencePerMS = 12.0
)

// Team builds the realistic athletes for a seed: the same seed always
// gives the same seasons, another seed other noise (the truths, being
// planned, stay the same). Options: WithInterval sets the record interval;
// WithSeed is ignored (seed is the argument).
func Team(seed uint64, opts ...Option) []Athlete {
	c := config{seed: seed, noise: 1}
	for _, o := range opts {
		o(&c)
	}
	out := make([]Athlete, 0, len(profiles))
	for i, p := range profiles {
		b := newBuilder(p, seed, uint64(i), c.interval)
		b.noise = c.noise
		p.plan(b)
		out = append(out, Athlete{Season: b.s, Profile: p.desc, Truth: p.truth})
	}
	return out
}

// TeamNames lists the athletes Team builds, in order.
func TeamNames() []string {
	var names []string
	for _, p := range profiles {
		names = append(names, p.name)
	}
	return names
}

// profile is one realistic athlete: name, description, season length,
// habits, its plan and the truth the plan injects.
type profile struct {
	name     string
	desc     string
	weeks    int
	easyPace float64 // min/km
	cadence  float64 // steps/min at easy pace
	balance  float64 // mean GCT balance, % left
	dynamics bool
	// sport, when set, is the sport of every run (a treadmill runner).
	sport string
	tz    *time.Location
	plan  func(b *builder)
	truth []Truth
}

// builder writes one athlete's season week by week.
type builder struct {
	p        profile
	rng      *rand.Rand
	s        Season
	interval time.Duration
	// noise scales every random deviation: 1 normally, 0 for the
	// planned, noise-free season the truths are graded on.
	noise float64
}

func newBuilder(p profile, seed, index uint64, interval time.Duration) *builder {
	tz := p.tz
	if tz == nil {
		tz = DefaultTZ
	}
	end := time.Date(TeamEnd.Year(), TeamEnd.Month(), TeamEnd.Day(), 0, 0, 0, 0, tz)
	start := end.AddDate(0, 0, -7*p.weeks)
	return &builder{
		p:        p,
		rng:      rand.New(rand.NewPCG(seed, 0x7ea1+index)),
		interval: interval,
		s: Season{Athlete: p.name, Start: start, Weeks: p.weeks, Seed: seed, TZ: tz,
			Dynamics: p.dynamics},
	}
}

// clipped draws a normal deviate with standard deviation sd clipped to
// ±bound.
func (b *builder) clipped(sd, bound float64) float64 {
	return b.noise * math.Max(-bound, math.Min(bound, sd*b.rng.NormFloat64()))
}

// session is one planned run of a week: day 0 = Monday, kind, share of
// the week's km or, when km > 0, a fixed distance (a race, a track
// session, a downhill run), and pm for an evening run.
type session struct {
	day   int
	kind  string
	share float64
	km    float64
	pm    bool
}

// week is what the plan wants in one week; zero modifiers mean the
// athlete's normal.
type week struct {
	km       float64
	sessions []session
	// noSkip keeps every session (a race week, an injected block).
	noSkip bool
	// exact keeps fixed-distance sessions at their planned km (a long run
	// of a planned size against the 30-day longest).
	exact bool
	// cadencePct changes cadence at the same speed, in percent.
	cadencePct float64
	// balance, when set, replaces the athlete's mean GCT balance.
	balance float64
	// longFadePct and longDriftPP are injected into the long runs;
	// longFadeFrom, when set, makes the fade start late (CadenceFadeFrom).
	longFadePct, longDriftPP float64
	longFadeFrom             float64
}

// kindOf gives a run kind's pace factor (× easy pace), sport and gear.
var kindOf = map[string]struct {
	pace  float64
	sport string
	gear  string
}{
	"easy":      {1.0, SportRunning, "Pegasus 41"},
	"recovery":  {1.06, SportRunning, "Pegasus 41"},
	"long":      {1.04, SportRunning, "Pegasus 41"},
	"tempo":     {0.86, SportRunning, "Vaporfly 3"},
	"intervals": {0.90, SportRunning, "Dragonfly 2"},
	"race":      {0.82, SportRunning, "Vaporfly 3"},
	"mountain":  {1.30, SportTrail, "Speedgoat 6"},
	"hill":      {1.12, SportTrail, "Speedgoat 6"},
	"downhill":  {0.97, SportTrail, "Speedgoat 6"},
	"treadmill": {1.0, SportTreadmill, "Ghost 16"},
}

// Templates of a normal week; shares add up to 1.
var (
	fourWeek = []session{{day: 1, kind: "easy", share: .24}, {day: 3, kind: "tempo", share: .20}, {day: 5, kind: "easy", share: .18}, {day: 6, kind: "long", share: .38}}
	fiveWeek = []session{{day: 0, kind: "easy", share: .17, pm: true}, {day: 1, kind: "easy", share: .15}, {day: 3, kind: "tempo", share: .18},
		{day: 5, kind: "easy", share: .15}, {day: 6, kind: "long", share: .35}}
)

// normalWeek picks a four- or five-run week at random.
func (b *builder) normalWeek(km float64) week {
	if b.rng.IntN(2) == 0 {
		return week{km: km, sessions: fourWeek}
	}
	return week{km: km, sessions: fiveWeek}
}

// add writes week w (0-based) of the plan: it draws each run's km around
// its share, scales the shares to the week's noisy total less the fixed
// distances, and skips an occasional session (never a key one nor a
// fixed-distance one), whose km the week then lacks.
func (b *builder) add(w int, wk week) {
	monday := b.s.WeekStart(w)
	kms := make([]float64, len(wk.sessions))
	keep := make([]bool, len(wk.sessions))
	shares, fixed := 0.0, 0.0
	for i, s := range wk.sessions {
		switch {
		case s.km > 0:
			kms[i], keep[i] = s.km, true
			if s.kind != "race" && s.kind != "intervals" && !wk.exact {
				kms[i] *= 1 + b.clipped(0.02, 0.05)
			}
			fixed += kms[i]
		default:
			kms[i] = s.share * (1 + b.clipped(ShareNoise/2.5, ShareNoise))
			shares += kms[i]
			keep[i] = !b.skips(wk, s)
		}
	}
	// The shared km go to the planned sessions; a skipped one's are lost.
	rest := math.Max(0, wk.km*(1+b.clipped(WeekKmNoise/2.5, WeekKmNoise))-fixed)
	for i, s := range wk.sessions {
		km := kms[i]
		if s.km == 0 && keep[i] {
			km = km / shares * rest
		}
		// A skipped session is planned too, and dropped, so that the
		// random draws of the following runs do not depend on skips.
		r := b.run(monday, s, math.Max(2, math.Round(km*100)/100), wk)
		if keep[i] {
			b.s.Runs = append(b.s.Runs, r)
		}
	}
}

// skips decides whether the athlete skips a planned session: 7 % of the
// time, never a key session (long, mountain, race) nor in a week planned
// without skips. The draw is made even without noise, so a noise-free
// season takes the same random choices otherwise.
func (b *builder) skips(wk week, s session) bool {
	skip := b.rng.Float64() < 0.07
	switch {
	case wk.noSkip, b.noise == 0, s.kind == "long", s.kind == "mountain":
		return false
	}
	return skip
}

// run makes one RunSpec with the athlete's habits, the week's modifiers
// and the run's own noise.
func (b *builder) run(monday time.Time, s session, km float64, wk week) RunSpec {
	k := kindOf[s.kind]
	hour, min := 6, 20+b.rng.IntN(40)
	switch {
	case s.pm:
		hour, min = 18, b.rng.IntN(50)
	case s.day >= 5:
		hour, min = 8, b.rng.IntN(59)
	}
	r := RunSpec{
		Start:        time.Date(monday.Year(), monday.Month(), monday.Day()+s.day, hour, min, b.rng.IntN(60), 0, monday.Location()),
		Sport:        k.sport,
		Kind:         s.kind,
		DistanceKm:   km,
		PaceMinPerKm: b.p.easyPace * k.pace * (1 + b.clipped(PaceNoise/2.5, PaceNoise)),
		Dynamics:     b.p.dynamics,
		Interval:     b.interval,
		Gear:         k.gear,
	}
	if b.p.sport != "" {
		r.Sport = b.p.sport
	}
	switch s.kind {
	case "intervals":
		r.TrackLaps = int(math.Round(km / (TrackLapM / 1000)))
		r.DistanceKm = float64(r.TrackLaps) * TrackLapM / 1000
		r.RepM, r.RecoveryM = 400, 200
		if b.rng.IntN(2) == 0 {
			r.RepM, r.RecoveryM = 800, 400
		}
	case "mountain", "hill":
		// ~60 m climbed per km on a mountain run, ~25 on a hilly one.
		perKm := 60.0
		if s.kind == "hill" {
			perKm = 25
		}
		r.ClimbM = math.Round(perKm * r.DistanceKm * (1 + b.clipped(0.05, 0.12)))
	case "downhill":
		r.DescentM = math.Round(50 * r.DistanceKm) // -5 % grade, point to point
	}

	speed := 1000 / (r.PaceMinPerKm * 60)
	easy := 1000 / (b.p.easyPace * 60)
	cad := b.p.cadence + CadencePerMS*(speed-easy)
	r.CadenceSPM = cad*(1+wk.cadencePct/100) + b.clipped(CadenceNoiseSPM/2.5, CadenceNoiseSPM)

	bal := b.p.balance
	if wk.balance != 0 {
		bal = wk.balance
	}
	r.BalanceLeftPct = bal + b.clipped(BalanceNoisePP/2.5, BalanceNoisePP)

	// Healthy within-run change: a slight fade and drift, as most runners
	// show over an hour; the injected ones on long runs replace it.
	r.CadenceFadePct = math.Max(HealthyFadeMinPct, math.Min(HealthyFadeMaxPct, -1+b.noise*0.8*b.rng.NormFloat64()))
	r.BalanceDriftPP = math.Max(HealthyDriftMinPP, math.Min(HealthyDriftMaxPP, 0.15+b.noise*0.2*b.rng.NormFloat64()))
	if s.kind == "long" && wk.longFadePct != 0 {
		r.CadenceFadePct = wk.longFadePct + b.clipped(0.25, 0.5)
		r.CadenceFadeFrom = wk.longFadeFrom
	}
	if s.kind == "long" && wk.longDriftPP != 0 {
		r.BalanceDriftPP = wk.longDriftPP + b.clipped(0.1, 0.2)
	}
	r.Seed = b.rng.Uint64()
	return r
}

// build gives the steady build of a healthy season: +3 % per 4-week
// block, and within each block 1.00, 1.04, 1.08 then a deload at 0.90.
func build(base float64, w int) float64 {
	return base * math.Pow(1.03, float64(w/4)) * []float64{1, 1.04, 1.08, 0.90}[w%4]
}

package synth

import (
	"math"
	"slices"
	"time"
)

// The realistic athletes. Weeks in the plans are 0-based (w), weeks in the
// truths 1-based, as reports count them. Every season ends the week before
// TeamEnd. A truth's grades follow DOMAIN.md's rules table for the planned
// size of the pattern against the athlete's own level before it; where two
// rules may explain a pattern, the grade is the lower of theirs; a cadence
// drop may also show as low-cadence, which DOMAIN.md merges into
// cadence-drop's evidence.

// Rule ids the truths name, as CONTRACT.md lists them.
const (
	ruleLoadSpike      = "load-spike"
	ruleWeeklyJump     = "weekly-jump"
	ruleCadenceDrop    = "cadence-drop"
	ruleLowCadence     = "low-cadence"
	ruleCadenceFade    = "cadence-fade"
	ruleGCTImbalance   = "gct-imbalance"
	ruleAsymmetryDrift = "asymmetry-drift"
	ruleDownhillLoad   = "downhill-load"
	ruleTrackDirection = "track-direction"
	ruleCompoundRisk   = "compound-risk"
	ruleSessionSpike   = "session-spike"
)

// Creep parameters: the athlete a coach must call first.
const (
	creepStart   = 11   // 0-based first week of the creep (season week 12)
	creepRate    = 1.12 // weekly volume factor during the creep
	creepBaseKm  = 32
	creepCadence = -1.6 // cadence change per creep week, %, down to -8.0
	creepBalance = 0.45 // GCT balance change per creep week, pp, up to +2.25
	creepBalBase = 49.7 // GCT balance before the creep, % left
)

// earlyDriftRate is the early-drift athlete's balance change, pp a week.
const earlyDriftRate = 0.15

// drift53 parameters: balance from 50 % drifting to 53 % left.
const (
	driftStart = 8    // 0-based first week of the drift (season week 9)
	driftRate  = 0.21 // pp a week
)

// blockFrom plans normal weeks building from baseKm (build) until week
// first (0-based), then the block's sessions every week at the same km:
// a new block of one kind of running (downhill, track) after weeks without.
func blockFrom(baseKm float64, first int, block []session) func(b *builder) {
	return func(b *builder) {
		b.everyWeek(func(w int) week {
			km := build(baseKm, w)
			if w < first {
				return b.normalWeek(km)
			}
			return week{km: km, noSkip: true, sessions: append([]session(nil), block...)}
		})
	}
}

// changedFrom plans normal weeks building from baseKm (build), and from
// week first (0-based) on lets change alter each week (w: the week): a
// pattern that starts and stays, such as a cadence drop or a drift.
func changedFrom(baseKm float64, first int, change func(wk *week, w int)) func(b *builder) {
	return func(b *builder) {
		b.everyWeek(func(w int) week {
			wk := b.normalWeek(build(baseKm, w))
			if w >= first {
				change(&wk, w)
			}
			return wk
		})
	}
}

// everyWeek plans each week with f; a week f returns with no km and no
// sessions is a week off.
func (b *builder) everyWeek(f func(w int) week) {
	for w := 0; w < b.s.Weeks; w++ {
		if wk := f(w); len(wk.sessions) > 0 {
			b.add(w, wk)
		}
	}
}

var profiles = []profile{
	{
		name: "road-illness", weeks: 20, easyPace: 5.9, cadence: 170, balance: 49.6, dynamics: true,
		desc: "road runner, 3-5 runs a week, ill in week 11 (one short run), a holiday in weeks 16-17 (a week off, then two short runs)",
		plan: func(b *builder) {
			b.everyWeek(func(w int) week {
				km := build(38, w)
				switch w {
				case 10:
					return week{km: 5, sessions: []session{{day: 5, kind: "recovery", km: 5}}}
				case 11, 17:
					return b.normalWeek(0.85 * km)
				case 15:
					return week{}
				case 16:
					return week{km: 0.4 * km, noSkip: true, sessions: []session{{day: 2, kind: "easy", share: .5}, {day: 5, kind: "easy", share: .5}}}
				}
				return b.normalWeek(km)
			})
		},
	},
	{
		name: "half-marathon", weeks: 20, easyPace: 5.6, cadence: 172, balance: 50.3, dynamics: true,
		desc: "builds for 15 weeks, tapers two weeks, races a half marathon on the Sunday of week 18, recovers a week, resumes",
		plan: func(b *builder) {
			peak := build(40, 14)
			b.everyWeek(func(w int) week {
				switch {
				case w < 15:
					return b.normalWeek(build(40, w))
				case w == 15:
					return b.normalWeek(0.8 * peak)
				case w == 16:
					return b.normalWeek(0.6 * peak)
				case w == 17:
					return week{km: 21.1 + 12, noSkip: true, sessions: []session{
						{day: 1, kind: "easy", share: .5}, {day: 3, kind: "easy", share: .5}, {day: 6, kind: "race", km: 21.1}}}
				case w == 18:
					return week{km: 0.45 * peak, sessions: []session{
						{day: 2, kind: "recovery", share: .33}, {day: 4, kind: "recovery", share: .33}, {day: 6, kind: "easy", share: .34}}}
				}
				return b.normalWeek(0.8 * peak)
			})
		},
	},
	{
		name: "trail-mountain", weeks: 20, easyPace: 6.0, cadence: 166, balance: 50.3, dynamics: true, tz: time.FixedZone("+02:00", 2*3600),
		desc: "mountain runner: a hilly run and a long mountain run every week, ~1 400 m of descent a week all season",
		plan: func(b *builder) {
			b.everyWeek(func(w int) week {
				return week{km: build(42, w), sessions: []session{
					{day: 1, kind: "hill", share: .22}, {day: 3, kind: "easy", share: .20},
					{day: 5, kind: "easy", share: .18}, {day: 6, kind: "mountain", share: .40}}}
			})
		},
	},
	{
		name: "track-intervals", weeks: 20, easyPace: 5.3, cadence: 176, balance: 50.2, dynamics: true, tz: time.FixedZone("-05:00", -5*3600),
		desc: "track athlete: two interval sessions a week on a 400 m oval, counter-clockwise, with GPS, all season",
		plan: func(b *builder) {
			b.everyWeek(func(w int) week {
				return week{km: build(45, w), sessions: []session{
					{day: 0, kind: "easy", share: .18, pm: true}, {day: 1, kind: "intervals", km: 10, pm: true},
					{day: 2, kind: "easy", share: .22}, {day: 3, kind: "intervals", km: 8.8, pm: true},
					{day: 5, kind: "easy", share: .2}, {day: 6, kind: "long", share: .4}}}
			})
		},
	},
	{
		name: "treadmill", weeks: 16, easyPace: 6.3, cadence: 158, dynamics: false, sport: SportTreadmill,
		desc: "treadmill runner (no GPS, no running dynamics), 2-4 runs a week, 158 spm at easy pace: low by folklore, normal for them",
		plan: func(b *builder) {
			b.everyWeek(func(w int) week {
				km := build(26, w)
				switch b.rng.IntN(5) {
				case 0:
					return week{km: 0.7 * km, noSkip: true, sessions: []session{{day: 2, kind: "easy", share: .45}, {day: 6, kind: "long", share: .55}}}
				case 1, 2:
					return week{km: km, noSkip: true, sessions: []session{{day: 1, kind: "easy", share: .3}, {day: 3, kind: "tempo", share: .3}, {day: 6, kind: "long", share: .4}}}
				}
				return week{km: km, sessions: []session{{day: 0, kind: "easy", share: .22, pm: true}, {day: 2, kind: "easy", share: .22},
					{day: 4, kind: "tempo", share: .22}, {day: 6, kind: "long", share: .34}}}
			})
		},
	},
	{
		name: "daily", weeks: 20, easyPace: 5.7, cadence: 172, dynamics: false,
		desc: "daily runner: 6-7 easy runs a week of similar length, a slightly longer Sunday run",
		plan: func(b *builder) {
			var days []session
			for d := 0; d < 6; d++ {
				days = append(days, session{day: d, kind: "easy", share: .8 / 6})
			}
			days = append(days, session{day: 6, kind: "long", share: .2})
			b.everyWeek(func(w int) week { return week{km: build(56, w), sessions: days} })
		},
	},
	{
		name: "balance-51", weeks: 20, easyPace: 5.8, cadence: 171, balance: 51.0, dynamics: true,
		desc: "road runner stably at 51 % GCT balance (left) all season: their normal",
		plan: func(b *builder) {
			b.everyWeek(func(w int) week { return b.normalWeek(build(36, w)) })
		},
	},
	{
		name: "comeback", weeks: 22, easyPace: 5.8, cadence: 171, balance: 50.1, dynamics: true,
		desc: "8 weeks of training, 3 weeks off, then a sensible rebuild (40, 50, 60, 70 %) to 75 % of the pre-break volume",
		plan: func(b *builder) {
			tol := comebackTolerated()
			b.everyWeek(func(w int) week {
				switch {
				case w < 8:
					return b.normalWeek(build(44, w))
				case w < 11:
					return week{}
				case w < 13:
					f := []float64{0.4, 0.5}[w-11]
					return week{km: f * tol, sessions: []session{
						{day: 1, kind: "easy", share: .3}, {day: 3, kind: "easy", share: .3}, {day: 6, kind: "long", share: .4}}}
				case w < 15:
					return b.normalWeek([]float64{0.6, 0.7}[w-13] * tol)
				}
				return b.normalWeek(0.75 * tol)
			})
		},
	},
	{
		name: "creep", weeks: 18, easyPace: 6.1, cadence: 168, balance: creepBalBase, dynamics: true,
		desc: "stable ~32 km for 11 weeks, then +12 %/week for 7 weeks (x2.2), cadence falling 1.6 %/week to -8 %, balance worsening 0.45 pp/week to +2.25 pp: call first",
		plan: func(b *builder) {
			b.everyWeek(func(w int) week {
				if w < creepStart {
					return b.normalWeek(creepBaseKm)
				}
				n := float64(w - creepStart + 1)
				km := creepBaseKm * math.Pow(creepRate, n)
				wk := week{km: km, sessions: fiveWeek, noSkip: true}
				if km > 50 {
					wk.sessions = append([]session{{day: 2, kind: "easy", share: .12, pm: true}}, fiveWeek...)
				}
				wk.cadencePct = math.Max(5*creepCadence, n*creepCadence)
				wk.balance = creepBalBase + math.Min(5*creepBalance, n*creepBalance)
				return wk
			})
		},
		truth: []Truth{
			{Pattern: "load-creep", Onset: 12, Rules: []string{ruleWeeklyJump, ruleLoadSpike}, Until: 18,
				Grades: []Grade{{15, "low"}, {16, "medium"}},
				Size: "+12 %/week from week 12: week 15 at 1.32x the mean of the 4 weeks before (load-spike low); the mean of weeks 13-16 " +
					"+50 % on the level tolerated before them (ramp medium); a 12 %/week creep keeps that ramp under +60 %, so never high"},
			{Pattern: "cadence-fall", Onset: 12, Rules: []string{ruleCadenceDrop, ruleLowCadence}, Until: 18,
				Grades: []Grade{{13, "low"}, {15, "medium"}, {16, "high"}},
				Size:   "-1.6 %/week from week 12: -3.2 % in week 13 (low), -6.4 % in week 15 (medium), -8 % and the second week at <= -5 % in week 16 (high)"},
			{Pattern: "asymmetry-rise", Onset: 12, Rules: []string{ruleGCTImbalance}, Until: 18,
				Grades: []Grade{{13, "low"}, {16, "medium"}},
				Size:   "+0.45 pp/week from week 12: +0.9 pp in week 13 (low), >= 1.5 pp in weeks 15 and 16 (medium), +2.25 pp from week 16 (51.95 %, short of Garmin red)"},
			{Pattern: "compound", Onset: 12, Rules: []string{ruleCompoundRisk}, Until: 18,
				Grades: []Grade{{15, "medium"}, {16, "high"}},
				Size:   "load, cadence and asymmetry at >= low within 2 weeks by week 15; load and cadence at medium in week 16"},
		},
	},
	{
		name: "spike", weeks: 18, easyPace: 5.9, cadence: 170, balance: 50.2, dynamics: true,
		desc: "road runner whose week 13 is 1.8x the mean of the 4 weeks before (two extra runs and a Sunday double), then back to normal",
		plan: func(b *builder) {
			b.everyWeek(func(w int) week {
				if w == 12 {
					km := 1.8 * (build(35, 8) + build(35, 9) + build(35, 10) + build(35, 11)) / 4
					return week{km: km, noSkip: true, sessions: []session{
						{day: 0, kind: "easy", share: .08}, {day: 1, kind: "easy", share: .18}, {day: 2, kind: "easy", share: .10},
						{day: 3, kind: "tempo", share: .16}, {day: 5, kind: "easy", share: .12}, {day: 6, kind: "long", share: .22},
						{day: 6, kind: "easy", share: .14, pm: true}}}
				}
				return b.normalWeek(build(35, w))
			})
		},
		truth: []Truth{{Pattern: "load-spike", Onset: 13, Rules: []string{ruleLoadSpike, ruleWeeklyJump}, Until: 13,
			Grades: []Grade{{13, "medium"}},
			Size:   "week 13 at 1.8x the 4-week mean (load-spike medium) and +67 % on the highest recent week (weekly-jump high)"}},
	},
	{
		name: "cadence-drop", weeks: 20, easyPace: 5.8, cadence: 172, balance: 50.0, dynamics: true,
		desc: "road runner whose cadence is 6.5 % lower at the same speeds from week 13 on",
		plan: changedFrom(38, 12, func(wk *week, _ int) { wk.cadencePct = -6.5 }),
		truth: []Truth{{Pattern: "cadence-drop", Onset: 13, Rules: []string{ruleCadenceDrop, ruleLowCadence}, Until: 20,
			Grades: []Grade{{13, "medium"}, {14, "high"}},
			Size:   "-6.5 % speed-adjusted from week 13 (medium), the second week at <= -5 % in week 14 (high)"}},
	},
	{
		name: "cadence-fade", weeks: 20, easyPace: 5.9, cadence: 170, balance: 50.1, dynamics: true,
		desc: "road runner whose long runs (75-95 min) lose 9.5 % cadence from the first to the last third from week 12 on",
		plan: changedFrom(40, 11, func(wk *week, _ int) { wk.longFadePct = -9.5 }),
		truth: []Truth{{Pattern: "cadence-fade", Onset: 12, Rules: []string{ruleCadenceFade}, Until: 20,
			Grades: []Grade{{12, "low"}, {13, "medium"}},
			Size:   "-9.5 % last vs first third on every long run from week 12 (one run: low; the second within 3 weeks: medium)"}},
	},
	{
		name: "asymmetry-drift", weeks: 20, easyPace: 5.9, cadence: 170, balance: 50.4, dynamics: true,
		desc: "road runner whose long runs drift +2 pp in asymmetry from the first to the last third from week 12 on",
		plan: changedFrom(40, 11, func(wk *week, _ int) { wk.longDriftPP = 2.0 }),
		truth: []Truth{{Pattern: "asymmetry-drift", Onset: 12, Rules: []string{ruleAsymmetryDrift}, Until: 20,
			Grades: []Grade{{12, "low"}, {13, "medium"}},
			Size:   "+2.0 pp last vs first third on every long run from week 12 (one run: low; the second within 3 weeks: medium)"}},
	},
	{
		name: "downhill-block", weeks: 20, easyPace: 5.8, cadence: 171, balance: 50.0, dynamics: true,
		desc: "road runner (~250 m of rolling descent a week) who adds two point-to-point downhill runs a week from week 13 (~1 050 m more)",
		plan: blockFrom(40, 12, []session{
			{day: 1, kind: "downhill", km: 10}, {day: 3, kind: "tempo", share: .3},
			{day: 5, kind: "downhill", km: 11}, {day: 6, kind: "long", share: .7}}),
		truth: []Truth{{Pattern: "downhill-block", Onset: 13, Rules: []string{ruleDownhillLoad}, Until: 20,
			Grades: []Grade{{13, "medium"}, {14, "high"}},
			Size:   "~1 300 m a week from week 13, ~5x the athlete's ~250 m baseline (>= 2x and 500 m: medium; >= 3x and 1 000 m, confirmed: high)"}},
	},
	{
		name: "track-block", weeks: 18, easyPace: 5.6, cadence: 173, balance: 50.2, dynamics: true,
		desc: "road runner who starts two counter-clockwise track sessions a week (12.4 km) in week 12, after 11 weeks without",
		plan: blockFrom(38, 11, []session{
			{day: 1, kind: "intervals", km: 6.4, pm: true}, {day: 3, kind: "intervals", km: 6.0, pm: true},
			{day: 5, kind: "easy", share: .35}, {day: 6, kind: "long", share: .65}}),
		truth: []Truth{{Pattern: "track-block", Onset: 12, Rules: []string{ruleTrackDirection}, Until: 18,
			Grades: []Grade{{12, "low"}},
			Size:   "a new block of 12.4 km/week of one-way track from week 12, after 11 weeks without (low once per block)"}},
	},
	{
		name: "drift-53", weeks: 24, easyPace: 5.8, cadence: 171, balance: 50.0, dynamics: true,
		desc: "road runner at 50 % GCT balance for 8 weeks, then drifting +0.21 pp a week to 53 % left by week 23",
		plan: changedFrom(36, driftStart, func(wk *week, w int) { wk.balance = 50 + math.Min(3, driftRate*float64(w-driftStart+1)) }),
		truth: []Truth{{Pattern: "balance-drift", Onset: 9, Rules: []string{ruleGCTImbalance}, Until: 24,
			Grades: []Grade{{12, "low"}, {17, "medium"}},
			Size:   "+0.21 pp/week from week 9: +0.84 pp in week 12 (low), >= 1.5 pp in weeks 16 and 17 (medium); 52.3 % in week 19 is Garmin red, context only: balance alone is never high"}},
	},
	{
		name: "early-drift", weeks: 20, easyPace: 5.8, cadence: 171, balance: 50.0, dynamics: true,
		desc: "road runner whose GCT balance drifts +0.15 pp a week from the first week (50.15 % to 53 % left by week 19): no flat baseline ever exists",
		plan: changedFrom(36, 0, func(wk *week, w int) { wk.balance = 50 + earlyDriftRate*float64(w+1) }),
		truth: []Truth{{Pattern: "early-drift", Onset: 1, Rules: []string{ruleGCTImbalance}, Until: 20, FromStart: true,
			Grades: []Grade{{6, "low"}, {12, "medium"}},
			Size: "+0.15 pp/week from week 1: a significant trend over 6 weeks by week 6 (low), +1.5 pp changed since the trend began " +
				"in weeks 11 and 12 (medium); the issue's targets: >= low by week 9, >= medium by week 13"}},
	},
	{
		name: "marathon", weeks: 22, easyPace: 5.5, cadence: 172, balance: 50.2, dynamics: true,
		desc: "marathon build: 6 stable weeks, +6 %/week for 10 weeks (40 to 72 km), a two-week taper, the race on the Sunday of week 19, a recovery week, then easy running",
		plan: func(b *builder) {
			b.everyWeek(func(w int) week {
				switch {
				case w < 6:
					return b.normalWeek(build(40, w))
				case w < 16:
					// A planned build: no skipped sessions (a skipped
					// week followed by the plan is a real ramp).
					return week{km: 40 * math.Pow(1.06, float64(w-5)), sessions: fiveWeek, noSkip: true}
				case w == 16:
					return b.normalWeek(0.75 * marathonPeakKm)
				case w == 17:
					return b.normalWeek(0.55 * marathonPeakKm)
				case w == 18:
					return week{km: 42.2 + 14, noSkip: true, sessions: []session{
						{day: 1, kind: "easy", share: .5}, {day: 3, kind: "easy", share: .5}, {day: 6, kind: "race", km: 42.2}}}
				case w == 19:
					return week{km: 0.35 * marathonPeakKm, sessions: []session{
						{day: 2, kind: "recovery", share: .33}, {day: 4, kind: "recovery", share: .33}, {day: 6, kind: "easy", share: .34}}}
				}
				return b.normalWeek(0.6 * marathonPeakKm)
			})
		},
	},
	{
		name: "break-mountain", weeks: 22, easyPace: 6.0, cadence: 166, balance: 50.2, dynamics: true,
		desc: "mountain runner (~1 400 m of descent a week) who stops for 3 weeks (weeks 11-13), then rebuilds the same mountain running at 60, 75, 90 %",
		plan: func(b *builder) {
			mountain := []session{{day: 1, kind: "hill", share: .22}, {day: 3, kind: "easy", share: .20},
				{day: 5, kind: "easy", share: .18}, {day: 6, kind: "mountain", share: .40}}
			b.everyWeek(func(w int) week {
				km := build(42, w)
				switch {
				case w >= 10 && w < 13:
					return week{}
				case w >= 13 && w < 16:
					km = []float64{0.6, 0.75, 0.9}[w-13] * build(42, 9)
				}
				return week{km: km, sessions: mountain}
			})
		},
	},
	{
		name: "long-progression", weeks: 24, easyPace: 5.8, cadence: 171, balance: 50.1, dynamics: true,
		desc: "road runner, 36 km a week with a 14 km Sunday run; single long runs of +15 % (week 9), +5 % (week 14), +40 % (week 19) and double (2.1x, week 24) on the 30-day longest, the weekly km unchanged",
		plan: func(b *builder) {
			b.everyWeek(func(w int) week {
				if f, ok := progSteps[w]; ok {
					return longRunWeek(progWeekKm, f*progLongKm)
				}
				return longRunWeek(progWeekKm, progLongKm)
			})
		},
		truth: []Truth{
			{Pattern: "long-run+15%", Onset: 9, Rules: []string{ruleSessionSpike}, Until: 9, Grades: []Grade{{9, "low"}},
				Size: "a 16.1 km run after a month of 14 km longest runs: +15 % on the 30-day longest (low; Frandsen 2025 HR 1.64 for +10-30 %)"},
			{Pattern: "long-run+40%", Onset: 19, Rules: []string{ruleSessionSpike}, Until: 19, Grades: []Grade{{19, "low"}},
				Size: "a 19.6 km run: +40 % on the 30-day longest (low; HR 1.52 for +30-100 %)"},
			{Pattern: "doubled-long-run", Onset: 24, Rules: []string{ruleSessionSpike}, Until: 24, Grades: []Grade{{24, "medium"}},
				Size: "a 29.4 km run: 2.1x the 30-day longest (medium; HR 2.28 above +100 %); the weekly km unchanged"},
		},
	},
	{
		name: "late-fade", weeks: 20, easyPace: 5.9, cadence: 170, balance: 50.1, dynamics: true,
		desc: "road runner whose long runs (75-95 min) fade late from week 12: cadence steps down 9 % from 74 % of the distance, the final quarter ~8.8 % down, the last third only ~6.6 %",
		plan: changedFrom(40, 11, func(wk *week, _ int) { wk.longFadePct, wk.longFadeFrom = -9, 0.74 }),
		truth: []Truth{{Pattern: "late-fade", Onset: 12, Rules: []string{ruleCadenceFade}, Until: 20,
			Grades: []Grade{{12, "low"}, {13, "medium"}},
			Size:   "the final quarter ~8.8 % below the first third on every long run from week 12 (one run: low; the second within 3 weeks: medium)"}},
	},
}

// marathonPeakKm is the marathon athlete's peak week: 40 km built by 6 %
// a week for 10 weeks.
var marathonPeakKm = 40 * math.Pow(1.06, 10)

// longRunWeek is a week of the long-progression athlete: the Sunday long
// run at exactly long km, the rest of weekKm in three easy runs.
func longRunWeek(weekKm, long float64) week {
	return week{km: weekKm, exact: true, noSkip: true, sessions: []session{
		{day: 1, kind: "easy", share: .35}, {day: 3, kind: "tempo", share: .30},
		{day: 5, kind: "easy", share: .35}, {day: 6, kind: "long", km: long}}}
}

// Long-progression parameters: the usual long run and the weeks (0-based)
// and sizes of its steps against the longest run of the 30 days before.
const (
	progLongKm = 14.0
	progWeekKm = 36.0
)

var progSteps = map[int]float64{8: 1.15, 13: 1.05, 18: 1.40, 23: 2.10}

// comebackTolerated is the comeback athlete's tolerated volume before the
// break: the median of the 4 best planned weeks of the 8 before it.
func comebackTolerated() float64 {
	var ws []float64
	for w := 0; w < 8; w++ {
		ws = append(ws, build(44, w))
	}
	slices.Sort(ws)
	slices.Reverse(ws)
	return (ws[1] + ws[2]) / 2
}

package rules

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/itbcheck/itbcheck/analysis"
	"github.com/itbcheck/itbcheck/ingest"
	"gonum.org/v1/gonum/stat"
)

// Chain paths of the asymmetry rules.
var (
	gctImbalancePath   = []Link{GaitCompensation, PelvicTilt, LumbarOverload}
	asymmetryDriftPath = []Link{GluteFatigue, GaitCompensation, PelvicTilt, LumbarOverload}
)

const (
	// minBalanceNoisePP floors the athlete's week-to-week noise.
	minBalanceNoisePP = 0.2
	// balanceNoiseZ is how many noise widths a departure must pass.
	balanceNoiseZ = 2.5
	// slopeWeeks is the span of the balance trend; slopeLowPP its low
	// limit in pp per week, slopeZ how many standard errors it must pass.
	slopeWeeks  = 6
	slopeLowPP  = 0.1
	slopeZ      = 2.5
	offsetNote  = 0.8 // pp off 50/50 for the stable-offset note (Garmin's orange zone)
	garminRedPP = 2.2 // pp off 50/50: Garmin's red zone (> 52.2 % or < 47.8 %)
	driftLowSum = 1.0 // pp
)

// GCTImbalance flags weeks whose ground contact time balance moves away
// from the athlete's own usual.
var GCTImbalance = &Rule{
	ID:     "gct-imbalance",
	Family: FamilyAsymmetry,
	Title:  "Uneven ground contact balance",
	Doc:    "Ground contact time balance moving away from the athlete's own usual, or trending; Garmin's zones are context.",
	Computes: "Change detection only. Weekly mean of per-run GCT balance (% on the left foot) of the runs off the track (a run " +
		"with a quarter or more of its distance on a track oval is judged apart, its week's track runs against the median and spread of up to " +
		"24 weeks of earlier track runs (at least 6), the same limits; the status counts track runs without that baseline: the bends shift balance) " +
		"vs the baseline: the median of up to 12 earlier " +
		"weeks that were not part of a shift (at least 6 weeks and 20 runs), with the athlete's noise from the weeks' " +
		"spread (MAD), and the trend: a significant least-squares slope (≥ 0.1 pp/week, 2.5 standard errors) over at least " +
		"6 weeks, anchored where it began (the start that explains the largest change), so that a drift that starts with " +
		"the season cannot become its own baseline; the trend is graded by the change it made since (slope × weeks). " +
		"Low: ≥ the low limit away and 2.5 noise widths, or a significant trend; medium: ≥ the medium limit away on the same " +
		"side, or changed by a trend, 2 weeks running. No high from balance alone: a cohort of 836 runners found no link " +
		"between asymmetry and injury; a balance shift away from a painful side is the symptom finding's evidence. Garmin's " +
		"zones (red beyond 52.2 % or 47.8 %) are population context. A stable offset of 0.8 pp or more is one info note. The " +
		"side named is the foot that stays longer on the ground; consecutive weeks make one episode.",
	Mechanism: gctImbalancePath,
	Evidence: "Malisoux L et al., BMJ Open Sport Exerc Med 10(1):e001787 (836 runners, 6 months): running asymmetry was not associated " +
		"with injury (flight-time asymmetry HR 0.80); Garmin describes its balance zones as the spread of runners, not risk; a balance " +
		"shift as compensation after pain (sparing a leg) is plausible: change detection only.",
	Grade: GradeWeak,
	Explanation: "Spending longer on the ground with one foot than you usually do is a common way to compensate for pain or weakness; " +
		"balance itself is not a proven risk factor (in 836 runners followed for 6 months, asymmetry was not linked to injury, Malisoux), " +
		"and Garmin's balance zones describe the population, not injury, so the report only watches for a change from your own history. " +
		"Uneven loading may shift stress to the hip and pelvis, which may tilt and make the lower back muscles overwork: plausible, not proven. " +
		"The pattern can feed itself, as compensation adds strain to the other side.",
	Advice:   advise(adviceHip),
	Defaults: Thresholds{Low: 0.8, Medium: 1.5, High: math.NaN()},
	Unit:     Unit{PercentPoints, "pp away from your baseline"},
	Run:      checkGCTImbalance,
	describe: func(t Thresholds) string {
		return fmt.Sprintf("low ≥ %.1f pp away from your baseline beyond noise or a significant trend ≥ %.2f pp/week over ≥ 6 weeks, "+
			"medium ≥ %.1f pp away or changed by a trend for 2 weeks; never high from balance alone; a stable offset is an info note",
			t.Low, slopeLowPP, t.Medium)
	},
}

// AsymmetryDrift flags long runs whose balance worsens towards the end.
var AsymmetryDrift = &Rule{
	ID:     "asymmetry-drift",
	Family: FamilyAsymmetry,
	Title:  "Balance worsening within runs",
	Doc:    "GCT balance worsening within a long run, a sign of hip stabiliser fatigue.",
	Computes: "Runs of at least 45 min: asymmetry (|balance − 50|, pp) of the last third minus that of the first third " +
		"(which starts after minute 5). One run at the low limit is low; medium needs a run at the medium limit and " +
		"another long run at the low limit within 3 weeks; high a run at the high limit and another at the medium limit. " +
		"Consecutive weeks make one episode.",
	Mechanism: asymmetryDriftPath,
	Evidence:  "Plausible (hip stabiliser fatigue); no direct study.",
	Grade:     GradeWeak,
	Explanation: "Balance that worsens as a run goes on suggests that the hip stabilisers (gluteus medius) tire; this is plausible, with no direct study. " +
		"The gait may then compensate, with a shorter stance on one side, shifting stress to the hip and pelvis. " +
		"A tilting pelvis may make the lower back muscles overwork: plausible, not proven.",
	Advice:    advise(adviceHip),
	Defaults:  Thresholds{Low: 1.0, Medium: 1.5, High: 2.5},
	Unit:      Unit{PercentPoints, "pp, last third minus first third"},
	WithinRun: true,
	Run:       checkAsymmetryDrift,
	describe: func(t Thresholds) string {
		return levelText(t, "≥", "+%.1f", " pp") + noteText("asymmetry of the last third minus the first, runs ≥ 45 min", "medium and high need a second long run within 3 weeks")
	},
}

// side names the foot that stays longer on the ground at a balance.
func side(balanceLeftPct float64) string {
	if balanceLeftPct > 50 {
		return "left"
	}
	return "right"
}

// balanceFit is the least-squares line (pp/week) of the weekly mean
// balance over weeks from..to, and the slope's standard error; ok false
// with fewer than slopeWeeks-1 weeks with balance.
func balanceFit(s *analysis.Season, from, to int) (intercept, slope, se float64, ok bool) {
	return balanceFitMin(s, from, to, slopeWeeks-1)
}

// balanceFitMin is balanceFit with at least minWeeks weeks (≥ 3).
func balanceFitMin(s *analysis.Season, from, to, minWeeks int) (intercept, slope, se float64, ok bool) {
	var xs, ys []float64
	for k := max(0, from); k <= to; k++ {
		if b := s.Weeks[k].BalanceLeftPct; finite(b) {
			xs, ys = append(xs, float64(k)), append(ys, b)
		}
	}
	if len(xs) < max(3, minWeeks) {
		return math.NaN(), math.NaN(), math.NaN(), false
	}
	a, b := stat.LinearRegression(xs, ys, nil, false)
	mx := stat.Mean(xs, nil)
	var rss, sxx float64
	for k := range xs {
		e := ys[k] - (a + b*xs[k])
		rss += e * e
		sxx += (xs[k] - mx) * (xs[k] - mx)
	}
	return a, b, math.Sqrt(rss / float64(len(xs)-2) / sxx), true
}

// balanceTrend is a significant trend of the weekly balance that runs
// through a week (DOMAIN.md, principle 8); see trendAt.
type balanceTrend struct {
	start       int
	from        float64 // fitted balance at start, % left
	slope       float64 // pp a week
	change      float64 // slope × (i − start), pp
	ok          bool
	runsInTrend int
}

// trendAt finds the trend through week i: among the windows of at least
// slopeWeeks weeks ending with i (looking back at most
// analysis.BalanceLookbackWeeks) whose slope is at least slopeLowPP a week and
// slopeZ standard errors, and whose first two thirds rise too (a step is
// not a drift), the one that explains the largest change since its start
// (slope × weeks). ok is false without such a trend or with fewer than
// analysis.MinBalanceRuns runs in it.
func trendAt(s *analysis.Season, i int) balanceTrend {
	best := balanceTrend{}
	// A new balance instrument restarts the history (issue 23): no trend
	// runs across a sensor change.
	for k := max(s.InstrumentEpoch(ingest.ChanStanceTimeBalance, i), i-analysis.BalanceLookbackWeeks); k <= i-slopeWeeks+1; k++ {
		a, b, se, ok := balanceFit(s, k, i)
		if !ok || math.Abs(b) < slopeLowPP || math.Abs(b) < slopeZ*se {
			continue
		}
		// A drift rises through its window; a step in its last weeks
		// does not: the first two thirds must rise too (at half the
		// slope, for a drift that began inside the window).
		if _, early, _, ok := balanceFitMin(s, k, k+2*(i-k)/3, 3); !ok || early*b <= 0 || math.Abs(early) < slopeLowPP/2 {
			continue
		}
		if change := b * float64(i-k); !best.ok || math.Abs(change) > math.Abs(best.change) {
			best = balanceTrend{start: k, from: a + b*float64(k), slope: b, change: change, ok: true}
		}
	}
	if best.ok {
		for k := best.start; k <= i; k++ {
			for _, r := range s.WeekRuns(k) {
				if finite(r.BalanceLeftPct) {
					best.runsInTrend++
				}
			}
		}
		best.ok = best.runsInTrend >= analysis.MinBalanceRuns
	}
	return best
}

// TrendText words a balance trend a week was judged by, as the finding
// and the balance chart say it.
func TrendText(t analysis.BalanceTrend) string {
	return fmt.Sprintf("trending %+.2f pp a week since the week of %s: %+.1f pp since then (from %.1f %%)",
		t.SlopePP, t.Start.String(), t.ChangePP, t.AnchorPct)
}

// checkGCTImbalance grades each week's mean balance against the athlete's
// own baseline and against the start of a trend that runs through it.
// Balance is change detection only: it never reaches high on its own.
func checkGCTImbalance(p *Pass) {
	s, t := p.Season, p.Thresholds
	if !anyRun(s, func(r analysis.Run) bool { return finite(r.BalanceLeftPct) }) {
		p.NoData("%s", noBalanceReason(s, "no running dynamics (GCT balance)"))
		return
	}
	noteInstrumentChanges(p)
	sayOtherInstrumentRuns(p, ingest.ChanStanceTimeBalance, "balance")
	flagged := make([]bool, len(s.Weeks))
	models := make([]analysis.BalanceModel, len(s.Weeks))
	defer s.RecordBalance(models) // what each week was judged by: the charts and symptom context show it
	var marks []mark
	judged, bestWeeks, firstJudged, lastJudged := 0, 0, -1, -1
	var offsets []float64
	prevAway := 0.0 // last week's signed change (from the baseline or by a trend)
	for i, w := range s.Weeks {
		bm := s.FitBalanceBaseline(i, flagged) // weeks of a shift left out
		models[i] = bm
		base, noise := bm.MedianPct, math.Max(bm.SpreadPP, minBalanceNoisePP)
		bestWeeks = max(bestWeeks, bm.Weeks)
		if !finite(w.BalanceLeftPct) {
			prevAway = 0
			continue
		}
		haveBase := bm.Valid
		tr := trendAt(s, i)
		if !haveBase && !tr.ok {
			prevAway = 0
			continue
		}
		judged++
		if firstJudged < 0 {
			firstJudged = i
		}
		lastJudged = i
		b := w.BalanceLeftPct
		d := math.NaN()
		beyond := false
		if haveBase {
			d = b - base
			beyond = math.Abs(d) >= balanceNoiseZ*noise
		}
		// The change this week: from the baseline beyond noise, or made
		// by a trend since it began, whichever is larger.
		change := 0.0
		if beyond {
			change = d
		}
		byTrend := tr.ok && math.Abs(tr.change) > math.Abs(change)
		if byTrend {
			change = tr.change
			// The week is judged against the trend's start: the charts
			// and weekly figures show that level, not the median.
			models[i].Trend = &analysis.BalanceTrend{Start: s.Weeks[tr.start].Monday, AnchorPct: tr.from, SlopePP: tr.slope, ChangePP: tr.change}
		}
		away := math.Abs(change)
		red := ""
		if math.Abs(b-50) > garminRedPP {
			red = ", in Garmin's red zone (population context, not a risk limit)"
		}
		// The departure from the median baseline first, then the trend
		// and the change it made since it began (the charts draw the
		// level the week was judged against, BalanceModel.JudgedPct).
		var what string
		if haveBase {
			what = fmt.Sprintf("GCT balance %.1f %% left, %.1f pp %s your baseline of %.1f %% (longer on the %s foot)",
				b, math.Abs(d), map[bool]string{true: "above", false: "below"}[d > 0], base, side(b))
		} else {
			what = fmt.Sprintf("GCT balance %.1f %% left (longer on the %s foot)", b, side(b))
		}
		if byTrend {
			what += "; " + TrendText(*models[i].Trend)
		}
		if n := s.Weeks[i].BalanceTrackRuns; n > 0 {
			what += fmt.Sprintf(" (%d track %s judged apart)", n, map[bool]string{true: "run", false: "runs"}[n == 1])
		}
		if n := s.Weeks[i].BalanceOtherInstrumentJudged; n > 0 {
			what += fmt.Sprintf(" (%d %s of your other instrument judged by its own baseline)", n, map[bool]string{true: "run", false: "runs"}[n == 1])
		}
		if n := s.Weeks[i].BalanceOtherInstrumentRuns; n > 0 {
			what += fmt.Sprintf(" (%d %s without the usual sensor left out of the balance)", n, map[bool]string{true: "run", false: "runs"}[n == 1])
		}
		m := mark{week: i, side: side(50 + change)}
		switch {
		case away >= t.Medium && prevAway*change > 0 && math.Abs(prevAway) >= t.Medium:
			m.sev, m.limit, m.summary = Medium, t.Medium, what+red+", the second week running"
		case away >= t.Low || byTrend:
			m.sev, m.limit, m.summary = Low, t.Low, what+red
		}
		prevAway = change
		if m.sev > None {
			flagged[i] = true
			m.value = away
			marks = append(marks, m)
		} else {
			offsets = append(offsets, b)
		}
	}
	last := len(s.Weeks) - 1
	if c, weeks, runs, ok := s.SinceInstrumentChange(ingest.ChanStanceTimeBalance, last); ok &&
		(weeks < analysis.MinBalanceWeeks || runs < analysis.MinBalanceRuns) {
		// The baseline restarted at the sensor change: learning until it
		// has its minimum data again, whatever was judged before it or
		// by the trend since (DOMAIN.md, Instruments).
		defer p.Learning("after a sensor change on %s, now %s: %d of %d weeks and %d of %d runs of balance data with it",
			c.Date.Format(time.DateOnly), c.To, weeks, analysis.MinBalanceWeeks, runs, analysis.MinBalanceRuns)
	}
	if judged == 0 {
		// Track runs are judged apart, against track runs: they may be
		// judged when the road weeks cannot be (and say so when not).
		trackMarks, unjudged := judgeTrackBalance(s, t)
		p.reportEpisodes("gct_balance_track_change_pp", trackMarks)
		reason := fmt.Sprintf("%d of %d weeks of balance data", bestWeeks, analysis.MinBalanceWeeks)
		if unjudged.runs > 0 {
			reason += "; " + unjudged.String()
		}
		p.Learning("%s", reason)
		return
	}
	p.reportEpisodes("gct_balance_change_pp", marks)
	trackMarks, unjudged := judgeTrackBalance(s, t)
	p.reportEpisodes("gct_balance_track_change_pp", trackMarks)
	if unjudged.runs > 0 {
		p.Partly("%s", unjudged)
	}
	if med := analysis.Median(offsets); finite(med) && math.Abs(med-50) >= offsetNote {
		f := Finding{Severity: Info, Date: s.Weeks[firstJudged].Monday, Metric: "gct_balance_left_pct", Value: med, Threshold: math.NaN(),
			Summary: fmt.Sprintf("GCT balance steady at %.1f %% left (%.1f pp longer on the %s foot): your usual, so changes are judged from it; "+
				"Garmin's zones are population context", med, math.Abs(med-50), side(med))}
		if lastJudged > firstJudged {
			f.Until = s.Weeks[lastJudged].Monday
		}
		p.Report(f)
	}
}

// sayOtherInstrumentRuns adds to the rule's status, once per instrument,
// the runs whose channel ch another instrument than the usual one measured
// (analysis.Season.WithoutUsualInstrument): they were not judged, and
// the report says so whether or not a finding names them (DOMAIN.md,
// Instruments; nothing silent). what names the channel, "balance".
func sayOtherInstrumentRuns(p *Pass, ch ingest.Channel, what string) {
	for _, o := range p.Season.OtherInstrumentRuns(ch) {
		runs, were := "runs", "were"
		if o.Runs == 1 {
			runs, were = "run", "was"
		}
		why := ""
		if ch == ingest.ChanStanceTimeBalance {
			// analysis.Season.BalanceOffset judges them once they are enough.
			why = fmt.Sprintf(" (too few runs with it for a baseline of its own: %d runs over %d weeks needed)", analysis.MinBalanceRuns, analysis.MinBalanceWeeks)
		}
		p.NotJudged("%d %s recorded with %s (not the usual %s) %s not judged for %s%s", o.Runs, runs, o.Instrument, o.Usual, were, what, why)
	}
}

// minTrackBaselineRuns is how many earlier track runs with a balance a
// track baseline needs.
const minTrackBaselineRuns = 6

// trackUnjudged counts the track runs with a balance that had no track
// baseline to be judged against, and the weeks whose balance runs were
// all on the track among them.
type trackUnjudged struct {
	runs, weeksAllTrack, bestBaseline int
}

// String says them for the rule's status: "3 track runs not judged (1
// week with track runs only; a track baseline needs 6 earlier track runs,
// 2 so far)".
func (u trackUnjudged) String() string {
	out := fmt.Sprintf("%d track %s not judged", u.runs, map[bool]string{true: "run", false: "runs"}[u.runs == 1])
	var why []string
	if u.weeksAllTrack > 0 {
		why = append(why, fmt.Sprintf("%d %s with track runs only", u.weeksAllTrack, map[bool]string{true: "week", false: "weeks"}[u.weeksAllTrack == 1]))
	}
	why = append(why, fmt.Sprintf("a track baseline needs %d earlier track runs, %d so far", minTrackBaselineRuns, u.bestBaseline))
	return out + " (" + strings.Join(why, "; ") + ")"
}

// trackBalances are the GCT balances (% left) of week k's track runs
// recorded by the usual instrument.
func trackBalances(s *analysis.Season, k int) []float64 {
	var out []float64
	for _, r := range s.WeekRuns(k) {
		if r.OnTrack() && finite(r.BalanceLeftPct) && !s.WithoutUsualInstrument(r, ingest.ChanStanceTimeBalance) {
			out = append(out, r.BalanceLeftPct)
		}
	}
	return out
}

// judgeTrackBalance judges each week's track runs apart (DOMAIN.md: the
// bends shift balance): their mean against the athlete's track baseline,
// the median of the track runs of up to BalanceLookbackWeeks earlier weeks
// with the same instrument (weeks of a track shift left out), with the
// noise from those runs' spread. Low: at least the low limit away and 2.5
// noise widths; medium: at least the medium limit on the same side, two
// weeks running. Track runs without a baseline are counted, not judged.
func judgeTrackBalance(s *analysis.Season, t Thresholds) ([]mark, trackUnjudged) {
	var marks []mark
	var un trackUnjudged
	flagged := make([]bool, len(s.Weeks))
	prevAway := 0.0
	for i := range s.Weeks {
		week := trackBalances(s, i)
		if len(week) == 0 {
			prevAway = 0
			continue
		}
		var earlier []float64
		for k := max(s.InstrumentEpoch(ingest.ChanStanceTimeBalance, i), i-analysis.BalanceLookbackWeeks); k < i; k++ {
			if !flagged[k] {
				earlier = append(earlier, trackBalances(s, k)...)
			}
		}
		if len(earlier) < minTrackBaselineRuns {
			un.runs += len(week)
			un.bestBaseline = max(un.bestBaseline, len(earlier))
			if !finite(s.Weeks[i].BalanceLeftPct) {
				un.weeksAllTrack++
			}
			prevAway = 0
			continue
		}
		base, spread := analysis.MedianMAD(earlier)
		noise := math.Max(spread, minBalanceNoisePP)
		mean := stat.Mean(week, nil)
		d := mean - base
		away := math.Abs(d)
		what := fmt.Sprintf("Track runs: GCT balance %.1f %% left (%d %s), %.1f pp %s your track baseline of %.1f %% (%d earlier track runs; "+
			"the bends shift balance, so track runs are judged against track runs)",
			mean, len(week), map[bool]string{true: "run", false: "runs"}[len(week) == 1], away,
			map[bool]string{true: "above", false: "below"}[d > 0], base, len(earlier))
		m := mark{week: i, side: side(50 + d), value: away}
		switch {
		case away >= t.Medium && prevAway*d > 0 && math.Abs(prevAway) >= t.Medium:
			m.sev, m.limit, m.summary = Medium, t.Medium, what+", the second week running"
		case away >= t.Low && away >= balanceNoiseZ*noise:
			m.sev, m.limit, m.summary = Low, t.Low, what
		}
		prevAway = d
		if m.sev > None {
			flagged[i] = true
			marks = append(marks, m)
		}
	}
	return marks, un
}

// noteInstrumentChanges reports each change of the instrument that
// measures GCT balance as one info finding with the levels before and
// after (medians of the runs of the 4 weeks on each side): the values of
// two instruments are not comparable, so the baseline restarts.
func noteInstrumentChanges(p *Pass) {
	s := p.Season
	for _, c := range s.Instruments {
		if c.Channel != ingest.ChanStanceTimeBalance.String() {
			continue
		}
		var before, after []float64
		for _, r := range s.Runs {
			if !r.IsRun || !finite(r.BalanceLeftPct) {
				continue
			}
			d := r.LocalDate.Sub(c.Date)
			switch {
			case d < 0 && d >= -28*24*time.Hour && r.BalanceInstrument == c.From:
				before = append(before, r.BalanceLeftPct)
			case d >= 0 && d < 28*24*time.Hour && r.BalanceInstrument == c.To:
				after = append(after, r.BalanceLeftPct)
			}
		}
		b, a := analysis.Median(before), analysis.Median(after)
		p.Report(Finding{Severity: Info, Date: dayOf(c.Date), Metric: "gct_balance_left_pct", Value: a, Threshold: math.NaN(),
			Summary: fmt.Sprintf("GCT balance measured by a new instrument from %s: %s (before: %s); %.1f %% left with it against %.1f %% before. "+
				"Two instruments read balance differently, so its baseline restarts: not a change of your stride",
				c.Date.Format(time.DateOnly), c.To, c.From, a, b)})
	}
}

// checkAsymmetryDrift grades, per long run, how much the asymmetry of the
// last third exceeds that of the first; medium and high need a second such
// run within 3 weeks.
func checkAsymmetryDrift(p *Pass) {
	s, t := p.Season, p.Thresholds
	var runs []withinRun
	for _, r := range s.Runs {
		if !r.IsRun || r.DurationS < minThirdsRunS || !r.First.Valid || !r.Last.Valid ||
			!finite(r.First.BalanceLeftPct) || !finite(r.Last.BalanceLeftPct) {
			continue
		}
		runs = append(runs, withinRun{run: r, size: math.Abs(r.Last.BalanceLeftPct-50) - math.Abs(r.First.BalanceLeftPct-50)})
	}
	if len(runs) == 0 {
		p.NoData("%s", noBalanceReason(p.Season, "no run of 45 minutes or more with GCT balance"))
		return
	}
	var marks []mark
	for k := range runs {
		r, drift := runs[k].run, runs[k].size
		sev, limit, note := None, math.NaN(), ""
		switch {
		case drift >= t.High && repeated(runs, k, t.Medium, s):
			sev, limit, note = High, t.High, ", the second long run within 3 weeks"
		case drift >= t.Medium && repeated(runs, k, t.Low, s):
			sev, limit, note = Medium, t.Medium, ", the second long run within 3 weeks"
		case drift >= t.Low:
			sev, limit = Low, t.Low
		}
		if sev == None {
			continue
		}
		marks = append(marks, mark{week: s.WeekIndex(runDay(s, r)), sev: sev, value: drift, limit: limit, run: &runs[k].run,
			side: side(50 + r.Last.BalanceLeftPct - r.First.BalanceLeftPct),
			summary: fmt.Sprintf("GCT asymmetry grew by %.1f pp within a %.0f-minute run (%.1f → %.1f %% left)%s",
				drift, r.DurationS/60, r.First.BalanceLeftPct, r.Last.BalanceLeftPct, note)})
	}
	p.reportEpisodes("asymmetry_drift_pp", weekMarks(marks))
}

// noBalanceReason says why a season has no GCT balance to judge: when
// every run comes from an Apple Health export, that Apple records none
// (the Watch measures no left/right contact time); otherwise the reason
// given.
func noBalanceReason(s *analysis.Season, otherwise string) string {
	apple := false
	for _, r := range s.Runs {
		if !r.IsRun {
			continue
		}
		if r.Format != ingest.FormatAppleHealth {
			return otherwise
		}
		apple = true
	}
	if apple {
		return "no GCT balance in Apple Health"
	}
	return otherwise
}

package rules

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/itbcheck/itbcheck/analysis"
)

const (
	// spikeWindowDays is the span before a run whose longest run it is
	// judged against (Frandsen 2025: the 30 days before).
	spikeWindowDays = 30
	// minSpikeWindowRuns is the fewest runs the window must hold: a
	// longest run of one or two runs is no reference.
	minSpikeWindowRuns = 4
	// breakDays is the gap without a run after which a run is "the
	// first after a break" and its summary says so.
	breakDays = 14
)

// frandsen cites the session-spike study in one place.
const frandsen = "Frandsen 2025, Br J Sports Med (5,205 Garmin runners, 18 months, 588,071 sessions, 1,820 overuse injuries)"

// SessionSpike flags single runs longer than the longest run of the 30
// days before: the per-run load rule with the best evidence to date.
var SessionSpike = &Rule{
	ID:     "session-spike",
	Family: FamilyLoad,
	Title:  "Run longer than your recent longest",
	Doc:    "A single run well beyond the longest run of the 30 days before it.",
	Computes: "Each run's distance against the longest run of the 30 days before it, in percent. Needs 30 days of running " +
		"history and at least 4 runs in the window; a first run after 14 days or more without running says so. Low above " +
		"+10 %, medium above +100 % (double the longest), high only above the high limit with a second risk family (cadence, " +
		"asymmetry, terrain, equipment) open within the same 2 weeks. Runs of consecutive weeks make one episode.",
	Mechanism: []Link{TrainingLoad, KneeFlexionLoad, ITBTension, GluteFatigue, PelvicTilt, LumbarOverload},
	Evidence: "Frandsen JSB et al., Br J Sports Med 2025;59(17):1203–1210 (5,205 Garmin runners, 18 months, 588,071 sessions, " +
		"1,820 overuse injuries): a run longer than the 30-day longest by 10–30 % HR 1.64 (1.31–2.05), by 30–100 % HR 1.52 " +
		"(1.16–2.00), by more than 100 % HR 2.28 (1.50–3.48); weekly ratios in the same data showed no positive association. " +
		"One exploratory cohort, self-reported overuse injuries, not ITBS-specific.",
	Grade: GradeModerate,
	Explanation: "In the largest running cohort to date (" + frandsen + "), a single run longer than the longest run of the " +
		"30 days before was followed by more overuse injuries: by 10–30 % longer HR 1.64, 30–100 % HR 1.52, more than double HR 2.28. " +
		"It is one exploratory cohort with self-reported injuries, not specific to the IT band, so it is a risk signal, not a prediction. " +
		"A run longer than the tissues are used to adds time near 20–30° of knee flexion late in the run, where the IT band presses the outer knee, " +
		"and tiring hip abductors may let the pelvis drop; that the band tension then tilts the pelvis and overloads the lower back is plausible, not proven.",
	Advice: advise("Keep each run within about 10 % of your longest run of the last 30 days (Frandsen 2025); lengthen the long run step by step.",
		adviceHip),
	Defaults: Thresholds{Low: 10, Medium: 100, High: 100},
	Unit:     Unit{Percent, "% longer than the 30-day longest run"},
	Run:      checkSessionSpike,
	Requires: otherFamilies,
	describe: func(t Thresholds) string {
		return fmt.Sprintf("low > +%.0f %%, medium > +%.0f %%, high > +%.0f %% only with a second risk family open within 2 weeks "+
			"(%% longer than the longest run of the 30 days before; needs 30 days of history and 4 runs in them)", t.Low, t.Medium, t.High)
	},
}

// SpikeRun is one run session-spike judged, with the reference it was
// judged against: what the charts mark, without the run's figures (a
// report keeps it for runs beyond its window).
type SpikeRun struct {
	// Source names the run (Run.Source); Start is its local start.
	Source string
	Start  time.Time
	// DistanceKm is the run's distance; LongestKm the longest run of the
	// 30 days before; WindowRuns the runs in them; GapDays the days since
	// the run before.
	DistanceKm, LongestKm float64
	WindowRuns, GapDays   int
	// Pct is how much longer the run was than LongestKm, %.
	Pct   float64
	index int // in Season.Runs
}

// SessionSpikes judges each run of s against the longest of the 30 days
// before it (30 days of history, minSpikeWindowRuns runs in the window),
// oldest first; mostDays is the longest span of history any run had
// (for the learning status). session-spike grades them; the charts mark
// those above the low limit.
func SessionSpikes(s *analysis.Season) (judged []SpikeRun, mostDays int) {
	var runs []int // indices in s.Runs
	for k, r := range s.Runs {
		if r.IsRun && finite(r.DistanceKm) && r.DistanceKm > 0 {
			runs = append(runs, k)
		}
	}
	if len(runs) == 0 {
		return nil, 0
	}
	first := runDay(s, s.Runs[runs[0]])
	for k, idx := range runs {
		r := s.Runs[idx]
		day := runDay(s, r)
		days := calendarDays(first, day)
		mostDays = max(mostDays, days)
		if days < spikeWindowDays {
			continue
		}
		sr := SpikeRun{Source: r.Source, Start: day, DistanceKm: r.DistanceKm, LongestKm: math.NaN(), GapDays: -1, index: idx}
		for j := k - 1; j >= 0; j-- {
			before := s.Runs[runs[j]]
			d := calendarDays(runDay(s, before), day)
			if d > spikeWindowDays {
				break
			}
			if sr.GapDays < 0 {
				sr.GapDays = d
			}
			sr.WindowRuns++
			if !(before.DistanceKm <= sr.LongestKm) {
				sr.LongestKm = before.DistanceKm
			}
		}
		if sr.WindowRuns < minSpikeWindowRuns || !(sr.LongestKm > 0) {
			continue
		}
		sr.Pct = (sr.DistanceKm/sr.LongestKm - 1) * 100
		judged = append(judged, sr)
	}
	return judged, mostDays
}

// checkSessionSpike judges each run against the longest of the 30 days
// before it.
func checkSessionSpike(p *Pass) {
	s, t := p.Season, p.Thresholds
	if !anyRun(s, func(r analysis.Run) bool { return r.IsRun && finite(r.DistanceKm) && r.DistanceKm > 0 }) {
		p.NoData("no runs with distance")
		return
	}
	judged, mostDays := SessionSpikes(s)
	var marks []mark
	for k := range judged {
		sr := &judged[k]
		pct := sr.Pct
		m := mark{week: s.WeekIndex(sr.Start), value: pct}
		switch {
		case pct > t.High && pct > t.Medium:
			if fam, ok := otherFamilyOpen(p, m.week); ok {
				m.sev, m.limit = High, t.High
				m.summary = spikeSummary(*sr, pct, " with "+fam+" open within 2 weeks")
				break
			}
			m.sev, m.limit = Medium, t.Medium
		case pct > t.Medium:
			m.sev, m.limit = Medium, t.Medium
		case pct > t.Low:
			m.sev, m.limit = Low, t.Low
		default:
			continue
		}
		if m.summary == "" {
			m.summary = spikeSummary(*sr, pct, "")
		}
		m.run = &s.Runs[sr.index]
		marks = append(marks, m)
	}
	if len(judged) == 0 {
		p.Learning("%d of %d days of running history with %d runs in the window", min(mostDays, spikeWindowDays), spikeWindowDays, minSpikeWindowRuns)
	}
	p.reportEpisodes("session_longest_pct", weekMarks(marks))
}

// spikeSummary is a judged run's line with the numbers behind it.
func spikeSummary(sr SpikeRun, pct float64, note string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "A %.1f km run, +%.0f %% on your longest run of the 30 days before (%.1f km, %d runs)", sr.DistanceKm, pct, sr.LongestKm, sr.WindowRuns)
	if sr.GapDays >= breakDays {
		fmt.Fprintf(&b, ", your first run after %d days without running", sr.GapDays)
	}
	b.WriteString(note)
	return b.String()
}

// calendarDays counts the calendar days from a to b (local dates).
func calendarDays(a, b time.Time) int {
	da := time.Date(a.Year(), a.Month(), a.Day(), 0, 0, 0, 0, time.UTC)
	db := time.Date(b.Year(), b.Month(), b.Day(), 0, 0, 0, 0, time.UTC)
	return int(math.Round(db.Sub(da).Hours() / 24))
}

// otherFamilies are the rules of every risk family but training load: a
// load rule reaches high only with one of them open (DOMAIN.md,
// principle 6). None of them reads a load rule.
var otherFamilies = []*Rule{
	CadenceDrop, LowCadence, CadenceFade,
	GCTImbalance, AsymmetryDrift,
	DownhillLoad, TrackDirection,
	ShoeMileage,
}

// otherFamilyOpen reports whether a rule of another family than the
// pass's has a finding at low or higher covering week i or the week
// before, and names it ("cadence-drop (medium)").
func otherFamilyOpen(p *Pass, i int) (string, bool) {
	for _, r := range p.Rule.Requires {
		if r.Family == p.Rule.Family {
			continue
		}
		for _, f := range p.ResultOf(r) {
			if f.Severity < Low {
				continue
			}
			if first, last, ok := findingWeeks(p.Season, f); ok && first <= i && last >= i-compoundWindowWeeks+1 {
				return fmt.Sprintf("%s (%s)", r.ID, f.Severity), true
			}
		}
	}
	return "", false
}

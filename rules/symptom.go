package rules

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/itbcheck/itbcheck/analysis"
	"github.com/itbcheck/itbcheck/ingest"
)

// The symptom rule reads the runner's own log (DOMAIN.md "What the runner
// says"): red flags first; outer-knee and outer-hip pain with the training
// of the 4 weeks before it; low back pain that follows them, with the
// article's chain; and a note when risk patterns are open without any
// strength or mobility work.

// symptomPath is the chain the log speaks to: pain at the band's insertions
// changes the gait, tilts the pelvis and loads the lower back.
var symptomPath = []Link{ITBTension, GaitCompensation, PelvicTilt, LumbarOverload}

// Metrics of the symptom rule's findings.
const (
	// MetricRedFlag marks a red flag: the reports put it first, plainly.
	MetricRedFlag = "red-flag"
	// MetricPain is a pain episode's peak pain, 0–10.
	MetricPain = "pain"
	// MetricTrainingSessions is the strength and mobility sessions of the
	// last weeks (the info note).
	MetricTrainingSessions = "strength-mobility-sessions"
)

// Settings of the symptom rule (DOMAIN.md gives the red flags' numbers).
const (
	// RedFlagPain is the pain (0–10) that is a red flag.
	RedFlagPain = 8.0
	// RedFlagDays is the span of days of one episode of pain that is a
	// red flag: persistent pain.
	RedFlagDays = 14
	// symptomContextWeeks is the training before an onset that the
	// finding describes.
	symptomContextWeeks = 4
	// chainWindowDays is how long after outer-knee or hip pain a low back
	// pain that starts still fits the chain (6 weeks).
	chainWindowDays = 42
	// sideShiftPP is the shift of GCT balance towards the other foot that
	// names the runner as sparing the painful leg (gct-imbalance's low).
	sideShiftPP = 0.8
	// strengthWindowWeeks is the period without strength or mobility work
	// that the info note looks at.
	strengthWindowWeeks = 4
)

// Advice of the symptom findings, from the article and DOMAIN.md.
const (
	adviceAssessment = "Have a physiotherapist assess it: the Ober test for IT band tightness and a hip abductor strength test."
	adviceStretch    = "Strengthen gluteus medius and maximus (side-lying hip abduction, clamshells, side planks, single-leg squats and bridges); " +
		"stretch the hip flexors and the gluteal region; foam rolling eases symptoms but works only together with strengthening."
	adviceBack = "Low back pain after hip or knee pain deserves a physiotherapist's or physician's assessment, " +
		"to tell a back problem secondary to hip and pelvic control from a primary one such as a disc."
	adviceBackAlone = "Low back pain that persists or comes back deserves a physiotherapist's or physician's assessment: " +
		"it has many causes, and the log does not point to one."
	adviceRedFlag = "See a physiotherapist or physician promptly: itbcheck cannot tell what causes these symptoms."
)

// Symptom turns the runner's symptom log into findings.
var Symptom = &Rule{
	ID:     "symptom",
	Family: FamilySymptoms,
	Title:  "Pain and strength",
	Doc: "The runner's own log: red flags; outer-knee or outer-hip pain with the training of the 4 weeks before it; " +
		"low back pain that starts during or within 6 weeks after it; no strength or mobility work while that pain is open.",
	Computes: "Entries with pain above 0 make episodes per site (days no more than 14 apart). Red flags (high, listed first in every report): " +
		"numbness, tingling, night or rest pain, pain ≥ 8/10, or one episode of pain spanning ≥ 14 days; a red flag is its episode's " +
		"one finding, with the episode's pain finding (below) folded into its explanation. An outer-knee or outer-hip " +
		"episode is graded on its peak pain and described with the risk patterns open and the load, cadence and GCT balance of the " +
		"4 weeks before its first day, and, for one-sided pain, a balance shift of ≥ 0.8 pp towards the other foot. A low-back " +
		"episode starting during or within 6 weeks after outer-knee or hip pain is at least medium and names the chain. An info note " +
		"when outer-knee or outer-hip pain is open in the last 4 weeks with no strength or mobility session recorded in them (never " +
		"without pain: strengthening is treatment advice, not a prevention promise).",
	Mechanism: symptomPath,
	Evidence: "The article's hip → pelvis → lower back chain; red flags as in clinical screening guidance; hip abductor " +
		"strengthening as ITBS treatment (Fredericson M et al., Clin J Sport Med 2000;10(3):169–75), not as prevention (Toresdahl BG et al., " +
		"Sports Health 2020, doi:10.1177/1941738119877180: 720 first-time marathoners, RR 0.97).",
	Grade: GradePlausible,
	Explanation: "Pain on the outside of the knee or hip is where IT band trouble shows (the lateral femoral epicondyle, the greater trochanter); " +
		"pain can change how you run, which shifts stress to the hip and pelvis, and a tilting pelvis makes the lower back muscles overwork: " +
		"plausible, not proven. This is a risk pattern, not a diagnosis.",
	Advice:   advise(adviceAssessment, adviceStretch, adviceBack),
	Defaults: Thresholds{Low: 1, Medium: 4, High: 7},
	Unit:     Unit{PainScore, "pain 0–10"},
	Requires: []*Rule{
		LoadSpike, WeeklyJump, Monotony,
		CadenceDrop, LowCadence, CadenceFade,
		GCTImbalance, AsymmetryDrift,
		DownhillLoad, TrackDirection,
		ShoeMileage, CompoundRisk,
	},
	Run: checkSymptom,
	describe: func(t Thresholds) string {
		return levelText(t, "≥", "%.0f", "/10") + noteText("peak pain of an episode",
			fmt.Sprintf("red flags high: numbness, tingling, night or rest pain, pain ≥ %.0f/10, pain over ≥ %d days", RedFlagPain, RedFlagDays))
	},
}

// redFlagAdvice ends every red flag's summary.
const redFlagAdvice = ". See a physiotherapist or physician promptly."

// RedFlagReason is a red flag's reason without its call to action: "the
// lower back (both sides): numbness, night pain".
func RedFlagReason(f Finding) string {
	return strings.TrimSuffix(strings.TrimPrefix(f.Summary, "Red flag at "), redFlagAdvice)
}

// IsRedFlag reports whether a finding is a red flag of the symptom log.
func IsRedFlag(f Finding) bool { return f.Rule == Symptom && f.Metric == MetricRedFlag }

// RedFlagsOf lists the red flags among findings, in their order.
func RedFlagsOf(fs []Finding) []Finding {
	var out []Finding
	for _, f := range fs {
		if IsRedFlag(f) {
			out = append(out, f)
		}
	}
	return out
}

// checkSymptom reports the log's pain episodes, each once: a red flag
// when it has one, else its pain finding; then the strength note.
func checkSymptom(p *Pass) {
	s := p.Season
	// Without a log the rule still judges the strength note, and says
	// nothing else: a season without a log reads as before.
	eps := analysis.SymptomEpisodes(s.Symptoms)
	var itb []analysis.SymptomEpisode
	for _, e := range eps {
		var pain Finding
		ok := false
		switch {
		case e.Site.IsITB():
			pain, ok = itbPain(p, e)
			itb = append(itb, e)
		case e.Site == ingest.SiteLowBack:
			pain, ok = backPain(p, e, itb)
		}
		if flag, isFlag := redFlag(e); isFlag {
			if ok {
				flag = foldPain(flag, pain)
			}
			p.Report(flag)
			continue
		}
		if ok {
			p.Report(pain)
		}
	}
	reportStrengthNote(p, eps)
}

// foldPain makes an episode's red flag its only finding: one concern,
// said once. The red flag stays high and sends the runner to a
// professional first; the pain finding's own words (the episode, the
// training before it, the side spared, the chain to the lower back) become
// the rest of its explanation, and of its advice only what a professional
// is asked to check, not the exercises: those come after the assessment.
func foldPain(flag, pain Finding) Finding {
	flag.Explanation += " The log: " + pain.Summary + ". " + pain.Explanation
	flag.Advice = adviceRedFlag
	if strings.Contains(pain.Advice, adviceAssessment) {
		flag.Advice += " " + adviceAssessment
	}
	for _, a := range []string{adviceBack, adviceBackAlone} {
		if strings.Contains(pain.Advice, a) {
			flag.Advice += " " + a
		}
	}
	return flag
}

// siteWords names a site in a sentence.
func siteWords(site ingest.SymptomSite) string {
	switch site {
	case ingest.SiteOuterKnee:
		return "the outer knee"
	case ingest.SiteOuterHip:
		return "the outer hip"
	case ingest.SiteLowBack:
		return "the lower back"
	}
	return "another site"
}

// painName is a site's pain as a finding's subject: "Outer-knee pain (left)".
func painName(e analysis.SymptomEpisode) string {
	name := map[ingest.SymptomSite]string{
		ingest.SiteOuterKnee: "Outer-knee pain", ingest.SiteOuterHip: "Outer-hip pain",
		ingest.SiteLowBack: "Low back pain", ingest.SiteOther: "Pain",
	}[e.Site]
	if e.Side != "" {
		name += " (" + sideWords(e.Side) + ")"
	}
	return name
}

func sideWords(s ingest.Side) string {
	if s == ingest.SideBoth {
		return "both sides"
	}
	return string(s)
}

// flagWords names a flag in a sentence.
var flagWords = map[ingest.SymptomFlag]string{
	ingest.FlagNumbness: "numbness", ingest.FlagTingling: "tingling",
	ingest.FlagNightPain: "night pain", ingest.FlagRestPain: "pain at rest",
}

// FlagWords names a red flag of the symptom log in a sentence: "night
// pain", "pain at rest".
func FlagWords(f ingest.SymptomFlag) string { return flagWords[f] }

// redFlag is an episode's red flag, when it has one: the flags ticked,
// severe pain, persistent pain. The span of days is the finding's Date and
// Until, not repeated in its summary.
func redFlag(e analysis.SymptomEpisode) (Finding, bool) {
	var reasons []string
	for _, f := range e.Flags {
		reasons = append(reasons, flagWords[f])
	}
	if e.PeakPain >= RedFlagPain {
		reasons = append(reasons, fmt.Sprintf("pain %s/10 on %s", painNum(e.PeakPain), dayText(e.PeakDate)))
	}
	if n := e.SpanDays(); n >= RedFlagDays {
		reasons = append(reasons, fmt.Sprintf("pain logged over %d days", n))
	}
	if len(reasons) == 0 {
		return Finding{}, false
	}
	f := Finding{
		Severity: High, Date: dayOf(e.First), Metric: MetricRedFlag, Value: e.PeakPain, Threshold: RedFlagPain,
		Summary: fmt.Sprintf("Red flag at %s%s: %s", siteWords(e.Site), sideSuffix(e.Side), strings.Join(reasons, ", ")) + redFlagAdvice,
		Explanation: "Numbness, tingling, night or rest pain, severe pain or pain that lasts two weeks or more can have causes " +
			"that training changes do not address, such as a nerve or a disc problem; only a professional can tell.",
		Advice: adviceRedFlag,
	}
	if !e.Last.Equal(e.First) {
		f.Until = dayOf(e.Last)
	}
	return f, true
}

// sideSuffix is " (left)" for a one-sided symptom, "" otherwise.
func sideSuffix(s ingest.Side) string {
	if s == "" {
		return ""
	}
	return " (" + sideWords(s) + ")"
}

// painNum prints a pain score: 4, or 4.5.
func painNum(v float64) string {
	if v == math.Trunc(v) {
		return fmt.Sprintf("%.0f", v)
	}
	return fmt.Sprintf("%.1f", v)
}

// episodeFinding is the common part of a pain episode's finding, graded on
// its peak pain. Its first and last day are Date and Until, which every
// report prints beside the summary: the summary does not repeat them.
func episodeFinding(p *Pass, e analysis.SymptomEpisode) Finding {
	sev, limit := grade(e.PeakPain, p.Thresholds)
	f := Finding{
		Severity: sev, Date: dayOf(e.First), Metric: MetricPain, Value: e.PeakPain, Threshold: limit,
		Summary: fmt.Sprintf("%s, %s/10 at worst, logged on %s", painName(e), painNum(e.PeakPain), plural(e.Days, "day")),
	}
	if !e.Last.Equal(e.First) {
		f.Until = dayOf(e.Last)
	}
	return f
}

// itbPain is outer-knee or outer-hip pain with what changed in the 4
// weeks before it began; false when the pain is below every threshold.
func itbPain(p *Pass, e analysis.SymptomEpisode) (Finding, bool) {
	f := episodeFinding(p, e)
	if f.Severity == None {
		return f, false
	}
	var why []string
	if ctx := trainingBefore(p, e.First); ctx != "" {
		why = append(why, ctx)
	} else {
		why = append(why, "In the 4 weeks before it began, itbcheck saw no risk pattern and no change of load, cadence or balance in your runs.")
	}
	if side := sideShift(p.Season, e); side != "" {
		why = append(why, side)
	}
	why = append(why, "Pain on the outside of the "+map[bool]string{true: "knee", false: "hip"}[e.Site == ingest.SiteOuterKnee]+
		" is where IT band trouble shows; pain can change how you run, shifting stress to the hip, pelvis and lower back: "+
		"plausible, not proven. This is a risk pattern, not a diagnosis.")
	f.Explanation = strings.Join(why, " ")
	f.Advice = advise(adviceAssessment, adviceStretch)
	return f, true
}

// trainingBefore describes the 4 weeks before day: the risk patterns open
// in them, the highest load ratio, the lowest cadence and the balance
// against the athlete's baseline; "" when nothing stood out.
func trainingBefore(p *Pass, day time.Time) string {
	s := p.Season
	end := s.WeekIndex(day)
	if end < 0 {
		if len(s.Weeks) == 0 || day.Before(s.Weeks[0].Monday.Time(s.Params.Location)) {
			return ""
		}
		end = len(s.Weeks) - 1
	}
	from := max(end-symptomContextWeeks, 0)
	var parts []string
	if open := openPatterns(p, from, end); len(open) > 0 {
		parts = append(parts, "risk patterns open: "+strings.Join(open, "; "))
	}
	peakACWR, peakWeek := math.NaN(), -1
	minCad, cadWeek := math.NaN(), -1
	for i := from; i <= end; i++ {
		w := s.Weeks[i]
		if finite(w.ACWR) && !(w.ACWR <= peakACWR) {
			peakACWR, peakWeek = w.ACWR, i
		}
		if finite(w.CadenceResidualPct) && !(w.CadenceResidualPct >= minCad) {
			minCad, cadWeek = w.CadenceResidualPct, i
		}
	}
	if peakWeek >= 0 && peakACWR >= 1.2 {
		parts = append(parts, fmt.Sprintf("load %.2f× your 4-week average in the week of %s (%s)",
			peakACWR, s.Weeks[peakWeek].Monday.String(), analysis.MetricName(s.Params.LoadMetric)))
	}
	if cadWeek >= 0 && minCad <= -3 {
		parts = append(parts, fmt.Sprintf("cadence %.1f %% below your baseline at the same speed in the week of %s",
			-minCad, s.Weeks[cadWeek].Monday.String()))
	}
	if shift, week, ok := balanceShift(s, from, end); ok && math.Abs(shift) >= sideShiftPP {
		parts = append(parts, fmt.Sprintf("GCT balance %.1f %% left in the week of %s, %+.1f pp from your baseline",
			s.Weeks[week].BalanceLeftPct, s.Weeks[week].Monday.String(), shift))
	}
	if len(parts) == 0 {
		return ""
	}
	return "In the 4 weeks before it began: " + strings.Join(parts, "; ") + "."
}

// openPatterns names the risk patterns (findings at low or higher of the
// required rules) covering weeks [from, to], with their highest severity.
func openPatterns(p *Pass, from, to int) []string {
	var out []string
	for _, r := range p.Rule.Requires {
		best := None
		for _, f := range p.ResultOf(r) {
			first, last, ok := findingWeeks(p.Season, f)
			if ok && f.Severity >= Low && first <= to && last >= from && f.Severity > best {
				best = f.Severity
			}
		}
		if best > None {
			out = append(out, fmt.Sprintf("%s (%s)", strings.ToLower(r.Title[:1])+r.Title[1:], best))
		}
	}
	return out
}

// balanceShift is the largest move of weekly GCT balance from the
// athlete's baseline over weeks [from, to], in pp (+ towards the left),
// and its week.
func balanceShift(s *analysis.Season, from, to int) (shift float64, week int, ok bool) {
	for i := from; i <= to && i < len(s.Weeks); i++ {
		m := s.BalanceBaseline(i) // the model gct-imbalance judged the week by
		base, b := m.JudgedPct(), s.Weeks[i].BalanceLeftPct
		if !m.Valid || !finite(b) {
			continue
		}
		if d := b - base; !ok || math.Abs(d) > math.Abs(shift) {
			shift, week, ok = d, i, true
		}
	}
	return shift, week, ok
}

// sideShift names a one-sided pain whose GCT balance moved towards the
// other foot from the week before its onset to 3 weeks after: the runner
// may spare the painful leg.
func sideShift(s *analysis.Season, e analysis.SymptomEpisode) string {
	if e.Side != ingest.SideLeft && e.Side != ingest.SideRight {
		return ""
	}
	i := s.WeekIndex(e.First)
	if i < 0 {
		return ""
	}
	m := s.BalanceBaseline(max(i-1, 0))
	if !m.Valid {
		return ""
	}
	base := m.JudgedPct() // the level the week was judged against (a trend's anchor, principle 8)
	for k := max(i-1, 0); k <= i+3 && k < len(s.Weeks); k++ {
		b := s.Weeks[k].BalanceLeftPct
		if !finite(b) {
			continue
		}
		d := b - base // + means longer on the left foot
		if (e.Side == ingest.SideLeft && d <= -sideShiftPP) || (e.Side == ingest.SideRight && d >= sideShiftPP) {
			other := map[ingest.Side]string{ingest.SideLeft: "right", ingest.SideRight: "left"}[e.Side]
			return fmt.Sprintf("The pain is on the %s, and your ground contact balance moved %.1f pp towards the %s foot "+
				"(%.1f %% left in the week of %s, baseline %.1f %%): you may be sparing the painful leg, a gait compensation "+
				"that shifts load to the other side and the pelvis.", e.Side, math.Abs(d), other, b, s.Weeks[k].Monday.String(), base)
		}
	}
	return ""
}

// backPain is low back pain; when it starts during or within 6 weeks
// after outer-knee or hip pain it names the article's chain and is at
// least medium. False when it is below every threshold and not in the
// chain.
func backPain(p *Pass, e analysis.SymptomEpisode, itb []analysis.SymptomEpisode) (Finding, bool) {
	f := episodeFinding(p, e)
	var before *analysis.SymptomEpisode
	for k := range itb {
		b := &itb[k]
		if !e.First.Before(b.First) && !e.First.After(b.Last.AddDate(0, 0, chainWindowDays)) {
			before = b
		}
	}
	if before == nil {
		if f.Severity == None {
			return f, false
		}
		f.Explanation = "No outer-knee or outer-hip pain was logged while it began or in the 6 weeks before, so the log does not point to the hip → pelvis → lower back chain; " +
			"low back pain has many causes, and only a professional can tell them apart."
		f.Advice = advise(adviceBackAlone)
		return f, true
	}
	if f.Severity < Medium {
		f.Severity, f.Threshold = Medium, p.Thresholds.Medium
	}
	weeks := int(e.First.Sub(before.First).Hours()/24/7 + 0.5)
	when := fmt.Sprintf("%d weeks after", weeks)
	switch {
	case weeks == 0:
		when = "in the same week as"
	case weeks == 1:
		when = "1 week after"
	}
	f.Summary += fmt.Sprintf(", starting %s %s pain began (%s)", when,
		strings.TrimPrefix(siteWords(before.Site), "the "), dayText(before.First))
	f.Explanation = fmt.Sprintf("Low back pain that starts while, or within 6 weeks after, pain at %s is logged fits the article's chain: "+
		"it may be secondary to hip and pelvic control, as IT band tension and tired hip stabilisers tilt the pelvis and the lower back "+
		"muscles (quadratus lumborum, erector spinae) overwork to keep the torso upright; plausible, not proven. "+
		"A physiotherapist or physician should tell a secondary back problem from a primary one such as a disc.", siteWords(before.Site))
	f.Advice = advise(adviceAssessment, adviceStretch, adviceBack)
	return f, true
}

// reportStrengthNote adds an info note for each stretch of weeks in which
// outer-knee or outer-hip pain was open within the 4 weeks up to the week
// and no strength or mobility session was recorded in them: strengthening
// is treatment advice for that pain (Fredericson 2000), not a prevention
// promise (Toresdahl 2020), so with risk patterns open and no pain logged
// it is a line of each rule's advice, never a note. Judged week by week,
// so that a reporting window never moves it.
func reportStrengthNote(p *Pass, eps []analysis.SymptomEpisode) {
	s := p.Season
	bare := func(i int) bool {
		from := max(i-strengthWindowWeeks+1, 0)
		if s.TrainingSessions(from, i) > 0 {
			return false
		}
		return len(openPain(s, eps, from, i)) > 0
	}
	for i := 0; i < len(s.Weeks); i++ {
		if !bare(i) {
			continue
		}
		first := i
		for i+1 < len(s.Weeks) && bare(i+1) {
			i++
		}
		from := max(first-strengthWindowWeeks+1, 0)
		open := append(openPain(s, eps, from, i), openPatterns(p, from, i)...)
		f := Finding{
			Severity: Info, Date: s.Weeks[first].Monday,
			Metric: MetricTrainingSessions, Value: 0, Threshold: 1,
			Summary: fmt.Sprintf("No strength or mobility session recorded from %s to %s, while these were open: %s; two short sessions a week are a common start",
				s.Weeks[from].Monday.String(), (s.Weeks[i].Monday + 6).String(), strings.Join(open, "; ")),
			Explanation: "Hip abductor strengthening is the treatment for outer-knee and outer-hip pain of the IT band (weak hip abductors in " +
				"runners with ITBS, Fredericson 2000); it is not a prevention promise: a 10-minute hip, quad and core programme 3× a week did not " +
				"prevent injuries in 720 first-time marathoners (Toresdahl 2020, RR 0.97). Strength and yoga sessions recorded on the watch " +
				"(FIT training) or in Strava/Garmin exports are counted, others are unknown to itbcheck.",
			Advice: advise(adviceStretch),
		}
		if i > first {
			f.Until = s.Weeks[i].Monday
		}
		p.Report(f)
	}
}

// openPain names the knee and hip pain episodes that overlap weeks
// [from, to].
func openPain(s *analysis.Season, eps []analysis.SymptomEpisode, from, to int) []string {
	var out []string
	lo, hi := s.Weeks[from].Monday.Time(s.Params.Location), (s.Weeks[to].Monday + 7).Time(s.Params.Location)
	for _, e := range eps {
		if e.Site.IsITB() && !e.Last.Before(lo) && e.First.Before(hi) {
			out = append(out, strings.ToLower(painName(e)[:1])+painName(e)[1:])
		}
	}
	return out
}

// plural is "1 day" or "3 days".
func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

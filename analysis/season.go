package analysis

import (
	"math"
	"sort"
	"time"

	"github.com/itbcheck/itbcheck/ingest"
	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/stat"
)

// Series settings where DOMAIN.md gives the number or leaves the choice to us.
const (
	// DuplicateWindow is how close two starts must be to be the same run.
	DuplicateWindow = 2 * time.Minute
	// DuplicateOverlap is the share of the longer copy's time span that the
	// two spans must share to be the same run (DOMAIN.md), whatever their
	// distances say (a watch's FIT and its GPX export differ by 2 %).
	DuplicateOverlap = 0.8
	// ChronicDays is the history the acute:chronic ratios need.
	ChronicDays = 28
	// MinChronicKm is the smallest mean weekly km of the 4 weeks before for
	// which ACWR is reported (DOMAIN.md: chronic ≥ 10 km/week).
	MinChronicKm = 10.0
	// MinChangeBaseKm is the smallest previous week for ChangePct.
	MinChangeBaseKm = 10.0
	// MonotonyCap bounds Foster monotony: seven identical days have SD 0
	// and an infinite ratio; 10 is far above any threshold (2.0) and keeps
	// strain finite and comparable.
	MonotonyCap = 10.0
	// EWMAAcuteLambda and EWMAChronicLambda are Williams et al. 2017's
	// decay constants 2/(N+1) for N = 7 and 28 days.
	EWMAAcuteLambda   = 2.0 / 8
	EWMAChronicLambda = 2.0 / 29
	// DefaultTRIMPReserve is the heart-rate reserve fraction used for runs
	// without heart rate when the athlete has no run with it.
	DefaultTRIMPReserve = 0.7
)

// NewSeason builds an athlete's series from their runs (any order; running
// and non-running activities; duplicates are dropped).
//
// TRIMP is recomputed for every run with the athlete's heart-rate range:
// p.MaxHR when it is positive, else the highest heart rate seen in the
// runs (DefaultMaxHR when none, or when it is below 150 and so probably
// not a maximum), and p.RestHR when positive, else DefaultRestHR. With the
// TRIMP load metric, a run without heart rate is scored at the athlete's
// median heart-rate reserve of the runs with it (DefaultTRIMPReserve when
// none), so that missing HR does not read as a rest day.
func NewSeason(athlete string, runs []Run, p Params) *Season {
	if p.Location == nil {
		p.Location = time.UTC
	}
	if p.LoadMetric == "" {
		p.LoadMetric = LoadDistance
	}
	s := &Season{Athlete: athlete, Params: p}
	dated := make([]Run, 0, len(runs))
	for _, r := range runs {
		if r.Start.Year() >= 1990 { // an undated run would stretch the weeks back to year 1
			dated = append(dated, r)
		}
	}
	s.Runs, s.Duplicates = dedupe(dated, p.Location)
	s.findInstruments()
	s.chooseLoad()
	s.rescoreTRIMP()
	s.buildWeeks()
	return s
}

// localDate is LocalStart: the run's start in the athlete's local time.
func localDate(r Run, loc *time.Location) time.Time { return LocalStart(r, loc) }

// dayNumber is DayOf(t) as an index.
func dayNumber(t time.Time) int { return int(DayOf(t)) }

// mondayOf is the day number of the Monday of day n's ISO week.
func mondayOf(n int) int { return int(Day(n).Monday()) }

// richness ranks copies of the same run: a plausible copy beats an
// implausible one, samples beat a summary, then more metrics present.
func richness(r Run) int {
	score := 0
	if r.Implausible == "" {
		score += 1000
	}
	if !r.FromSummary {
		score += 100
	}
	for _, v := range []float64{r.CadenceSPM, r.HeartRateBPM, r.BalanceLeftPct, r.StanceTimeMs,
		r.VertOscCm, r.StepLengthM, r.DescentM, r.AvgSpeedMS, r.TrackKmCCW} {
		if !math.IsNaN(v) {
			score++
		}
	}
	return score
}

// maxZoneSkew is the largest gap between the UTC offsets of two copies of
// one run: a file that wrote local time without a zone against one that
// knows the instant.
const maxZoneSkew = 14 * time.Hour

// sameStart reports whether two runs start together, and by how much b's
// start must move to line up with a's: the same instant, or the same local
// wall-clock time (one copy, such as a per-second CSV converted from the
// FIT file, wrote local time with no zone, so its instant is off by the
// athlete's UTC offset).
func sameStart(a, b Run, loc *time.Location) (bool, time.Duration) {
	if absDuration(a.Start.Sub(b.Start)) <= DuplicateWindow {
		return true, 0
	}
	skew := wallClock(localDate(b, loc)).Sub(wallClock(localDate(a, loc)))
	if absDuration(skew) <= DuplicateWindow {
		// b's wall clock is skew after a's: line its instant up the same way
		return true, a.Start.Add(skew).Sub(b.Start)
	}
	return false, 0
}

// sameRun reports whether two activities are one run read twice: starts
// within DuplicateWindow and time spans sharing at least DuplicateOverlap
// of the longer, whatever the distances. The spans are the elapsed times
// when both copies know them, else the moving times; a copy without either
// matches on its start alone.
func sameRun(a, b Run, loc *time.Location) bool {
	ok, shift := sameStart(a, b, loc)
	if !ok {
		return false
	}
	spanA, spanB := a.ElapsedS, b.ElapsedS
	if !(spanA > 0 && spanB > 0) {
		spanA, spanB = a.DurationS, b.DurationS
	}
	if !(spanA > 0 && spanB > 0) {
		return true
	}
	startA := float64(a.Start.UnixNano()) / 1e9
	startB := float64(b.Start.Add(shift).UnixNano()) / 1e9
	shared := math.Min(startA+spanA, startB+spanB) - math.Max(startA, startB)
	return shared >= DuplicateOverlap*math.Max(spanA, spanB)
}

// wallClock reads t's local date and clock time as if they were UTC.
func wallClock(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, t.Hour(), t.Minute(), t.Second(), 0, time.UTC)
}

func absDuration(d time.Duration) time.Duration {
	if d < 0 {
		return -d
	}
	return d
}

// dedupe sorts runs by start and drops the poorer copies of a run read from
// several sources (sameRun), keeping the richest. It returns a new slice
// and the number of copies merged away.
func dedupe(in []Run, loc *time.Location) ([]Run, int) {
	runs := make([]Run, len(in))
	copy(runs, in)
	sort.SliceStable(runs, func(i, j int) bool { return runs[i].Start.Before(runs[j].Start) })
	out := runs[:0]
	dropped := 0
	for _, r := range runs {
		dup := -1
		for k := len(out) - 1; k >= 0 && r.Start.Sub(out[k].Start) <= maxZoneSkew+DuplicateWindow; k-- {
			if sameRun(out[k], r, loc) {
				dup = k
				break
			}
		}
		if dup < 0 {
			out = append(out, r)
			continue
		}
		dropped++
		if richness(r) > richness(out[dup]) {
			r, out[dup] = out[dup], r
			r.Copies, out[dup].Copies = nil, r.Copies
		}
		keepLabels(&out[dup], r)
		out[dup].Copies = append(out[dup].Copies, r.Source)
	}
	return out, dropped
}

// keepLabels gives the kept copy of a run what only the dropped copy knew:
// a Strava summary row names the shoes and the title that its FIT file lacks.
func keepLabels(kept *Run, dropped Run) {
	if kept.Gear == "" {
		kept.Gear = dropped.Gear
	}
	if kept.Title == "" {
		kept.Title = dropped.Title
	}
	if !(kept.RPE > 0) && dropped.RPE > 0 {
		kept.RPE = dropped.RPE
	}
	if math.IsNaN(kept.Feel) {
		kept.Feel = dropped.Feel
	}
}

// hrRange is the athlete's max and resting heart rate for TRIMP.
func (s *Season) hrRange() (maxHR, restHR float64) {
	maxHR, restHR = s.Params.MaxHR, s.Params.RestHR
	if !(restHR > 0) {
		restHR = DefaultRestHR
	}
	if maxHR > restHR {
		return maxHR, restHR
	}
	maxHR = math.NaN()
	for _, r := range s.Runs {
		for _, h := range []float64{r.MaxHeartRateBPM, r.HeartRateBPM} {
			if h > maxHR || (math.IsNaN(maxHR) && h > 0) {
				maxHR = h
			}
		}
	}
	if !(maxHR >= 150) {
		maxHR = DefaultMaxHR
	}
	return maxHR, restHR
}

// rescoreTRIMP recomputes every run's TRIMP with the athlete's range.
func (s *Season) rescoreTRIMP() {
	maxHR, restHR := s.hrRange()
	var reserves []float64
	for i := range s.Runs {
		r := &s.Runs[i]
		r.TRIMP = banisterTRIMP(r.DurationS/60, r.HeartRateBPM, maxHR, restHR)
		if r.IsRun && !math.IsNaN(r.HeartRateBPM) {
			reserves = append(reserves, (r.HeartRateBPM-restHR)/(maxHR-restHR))
		}
	}
	s.fallbackReserve = DefaultTRIMPReserve
	if len(reserves) > 0 {
		s.fallbackReserve = Median(reserves)
	}
	s.maxHR, s.restHR = maxHR, restHR
}

// RunLoad is a run's training load in the season's load metric: km;
// minutes; Banister TRIMP, where a run without heart rate is scored at
// the athlete's median heart-rate reserve; or session RPE × minutes. Non-running activities and runs
// whose figure is unknown load 0.
func (s *Season) RunLoad(r Run) float64 { return s.RunLoadIn(r, s.Params.LoadMetric) }

// RunLoadIn is a run's training load in metric m, as RunLoad would give
// it in a season of that metric (the research tables give every metric).
func (s *Season) RunLoadIn(r Run, m LoadMetric) float64 {
	if !r.IsRun {
		return 0
	}
	var v float64
	switch m {
	case LoadDuration:
		v = r.DurationS / 60
	case LoadTRIMP:
		v = r.TRIMP
		if math.IsNaN(v) && s.maxHR > s.restHR {
			hr := s.restHR + s.fallbackReserve*(s.maxHR-s.restHR)
			v = banisterTRIMP(r.DurationS/60, hr, s.maxHR, s.restHR)
		}
	case LoadSRPE:
		v = sessionRPE(r)
	default:
		v = r.DistanceKm
	}
	if math.IsNaN(v) {
		return 0
	}
	return v
}

// buildWeeks fills Weeks from the first to the last activity's ISO week.
func (s *Season) buildWeeks() {
	s.Weeks = nil
	if len(s.Runs) == 0 {
		return
	}
	loc := s.Params.Location
	first, last := math.MaxInt, math.MinInt
	for _, r := range s.Runs {
		d := dayNumber(localDate(r, loc))
		first, last = min(first, d), max(last, d)
	}
	s.firstDay, s.firstMonday = first, mondayOf(first)
	nWeeks := (mondayOf(last)-s.firstMonday)/7 + 1
	nDays := nWeeks * 7
	dailyLoad := make([]float64, nDays)
	dailyKm := make([]float64, nDays)
	s.Weeks = make([]Week, nWeeks)
	for i := range s.Weeks {
		s.Weeks[i] = s.emptyWeek(i)
	}
	s.weekRuns = make([][]int, nWeeks)
	for k, r := range s.Runs {
		if !r.IsRun {
			countTraining(&s.Weeks[(dayNumber(localDate(r, loc))-s.firstMonday)/7], r.Sport)
			continue
		}
		d := dayNumber(localDate(r, loc)) - s.firstMonday
		w := &s.Weeks[d/7]
		s.weekRuns[d/7] = append(s.weekRuns[d/7], k)
		w.Runs++
		dailyLoad[d] += s.RunLoad(r)
		if !math.IsNaN(r.DistanceKm) {
			w.DistanceKm += r.DistanceKm
			dailyKm[d] += r.DistanceKm
		}
		if !math.IsNaN(r.DurationS) {
			w.DurationH += r.DurationS / 3600
		}
	}
	s.cadenceModels = make([]CadenceModel, nWeeks)
	for i := range s.Weeks {
		s.cadenceModels[i] = s.FitCadenceBaseline(i, nil)
	}
	for i := range s.Weeks {
		w := &s.Weeks[i]
		days := dailyLoad[i*7 : i*7+7]
		w.Load = floats.Sum(days)
		w.Monotony, w.Strain = monotony(days)
		s.fillRunFigures(i)
	}
	s.fillRatios(dailyLoad)
}

// emptyWeek is week i with nothing run: zero totals, absent averages.
func (s *Season) emptyWeek(i int) Week {
	n := math.NaN()
	return Week{
		Monday: Day(s.firstMonday + 7*i),
		ACWR:   n, ACWREWMA: n, ChangePct: n, Monotony: n, Strain: n,
		CadenceSPM: n, CadenceResidualPct: n, BalanceLeftPct: n,
	}
}

// fillRunFigures sets week i's per-run aggregates.
func (s *Season) fillRunFigures(i int) {
	w := &s.Weeks[i]
	runs := s.WeekRuns(i)
	w.BalanceTrackRuns, w.BalanceOtherInstrumentRuns, w.BalanceOtherInstrumentJudged = 0, 0, 0
	var cad, bal []float64
	var descent, cw, ccw float64
	var haveDescent bool
	for _, r := range runs {
		if !math.IsNaN(r.CadenceSPM) {
			cad = append(cad, r.CadenceSPM)
		}
		switch {
		case math.IsNaN(r.BalanceLeftPct):
		case r.OnTrack(): // the bends shift balance: judged apart
			w.BalanceTrackRuns++
		case s.WithoutUsualInstrument(r, ingest.ChanStanceTimeBalance): // another sensor's scale
			if off, ok := s.BalanceOffset(i, r.BalanceInstrument); ok {
				bal = append(bal, r.BalanceLeftPct-off) // judged by its own baseline
				w.BalanceOtherInstrumentJudged++
			} else {
				w.BalanceOtherInstrumentRuns++
			}
		default:
			bal = append(bal, r.BalanceLeftPct)
		}
		if !math.IsNaN(r.DescentM) {
			descent += r.DescentM
			haveDescent = true
		}
		if !math.IsNaN(r.TrackKmCW) {
			cw += r.TrackKmCW
		}
		if !math.IsNaN(r.TrackKmCCW) {
			ccw += r.TrackKmCCW
		}
	}
	w.CadenceSPM = Median(cad)
	if len(bal) > 0 {
		w.BalanceLeftPct = stat.Mean(bal, nil)
	}
	// An empty week has 0 m of descent; a week of runs without altitude
	// has an unknown descent.
	w.DescentM = descent
	if len(runs) > 0 && !haveDescent {
		w.DescentM = math.NaN()
	}
	w.TrackKmCW, w.TrackKmCCW = cw, ccw
	s.fillCadenceResidual(i)
}

// fillCadenceResidual sets week i's CadenceResidualPct and CadenceRuns
// against CadenceBaseline(i), the model the week is judged by.
func (s *Season) fillCadenceResidual(i int) {
	model := s.CadenceBaseline(i)
	var res []float64
	other := 0
	for _, r := range s.WeekRuns(i) {
		v := model.ResidualPct(r)
		switch {
		case math.IsNaN(v) || r.Treadmill(): // the model is the outdoor one
		case s.WithoutUsualInstrument(r, ingest.ChanCadence):
			if off, ok := s.CadenceOffsetPct(i, r.CadenceInstrument, model); ok {
				res = append(res, v-off) // judged by its own baseline
			} else {
				other++
			}
		default:
			res = append(res, v)
		}
	}
	w := &s.Weeks[i]
	w.CadenceOtherInstrumentRuns = other
	w.CadenceResidualPct = Median(res) - model.BaselineResidualPct
	w.CadenceRuns = len(res)
}

// fillRatios sets ACWR (uncoupled and EWMA) and ChangePct.
func (s *Season) fillRatios(dailyLoad []float64) {
	// Both averages start at the mean daily load of the first 7 days from
	// the first activity, so that neither starts from an empty history.
	start := s.firstDay - s.firstMonday
	seed := stat.Mean(dailyLoad[start:min(start+7, len(dailyLoad))], nil)
	acute, chronic := seed, seed
	for i := range s.Weeks {
		w := &s.Weeks[i]
		ratioSum, ratioDays := 0.0, 0
		for d := max(i*7, start); d < i*7+7; d++ {
			l := dailyLoad[d]
			acute = EWMAAcuteLambda*l + (1-EWMAAcuteLambda)*acute
			chronic = EWMAChronicLambda*l + (1-EWMAChronicLambda)*chronic
			if chronic > 0 {
				ratioSum += acute / chronic
				ratioDays++
			}
		}
		if i > 0 && s.Weeks[i-1].DistanceKm >= MinChangeBaseKm {
			prev := s.Weeks[i-1].DistanceKm
			w.ChangePct = (w.DistanceKm - prev) / prev * 100
		}
		history := s.firstMonday + 7*i - s.firstDay
		if history < ChronicDays || i < 4 {
			continue
		}
		// The week's mean of the daily ratio: sampled on Sunday night alone,
		// after the long run, it would read about 1.25 for constant training.
		if ratioDays > 0 {
			w.ACWREWMA = ratioSum / float64(ratioDays)
		}
		var chronicKm, chronicLoad float64
		for _, p := range s.Weeks[i-4 : i] {
			chronicKm += p.DistanceKm / 4
			chronicLoad += p.Load / 4
		}
		if chronicKm >= MinChronicKm && chronicLoad > 0 {
			w.ACWR = w.Load / chronicLoad
		}
	}
}

// monotony is Foster's mean ÷ SD of the daily loads (sample SD), capped at
// MonotonyCap, and strain = weekly load × monotony; NaN without load.
func monotony(days []float64) (mono, strain float64) {
	total := floats.Sum(days)
	if !(total > 0) {
		return math.NaN(), math.NaN()
	}
	mean, sd := stat.MeanStdDev(days, nil)
	mono = MonotonyCap
	if sd > 0 {
		mono = math.Min(mean/sd, MonotonyCap)
	}
	return mono, total * mono
}

// Median is the middle value (mean of the two middle ones for an even
// count) of the values of xs that are not NaN; NaN for none. It sorts xs
// in place.
func Median(xs []float64) float64 {
	sort.Float64s(xs) // NaNs first
	for len(xs) > 0 && math.IsNaN(xs[0]) {
		xs = xs[1:]
	}
	n := len(xs)
	if n == 0 {
		return math.NaN()
	}
	if n%2 == 1 {
		return xs[n/2]
	}
	return stat.Mean(xs[n/2-1:n/2+1], nil)
}

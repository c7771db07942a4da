package analysis

import (
	"math"
	"time"

	"github.com/itbcheck/itbcheck/ingest"
)

// Cleaning limits of DOMAIN.md "Units and cleaning".
const (
	// MinRunSpeedMS is the slowest speed that counts as running.
	MinRunSpeedMS = 1.5
	// MinRunCadenceSPM is the lowest step rate that counts as running.
	MinRunCadenceSPM = 120.0
	// MaxSampleGapS is the longest gap between two samples that is still
	// continuous recording; longer gaps are pauses (their time and distance
	// are not running).
	MaxSampleGapS = 10.0
	// LongRunS is the running time from which a run gets thirds and a trace.
	LongRunS = 45 * 60.0
	// WarmUpS is the running time skipped before the first third.
	WarmUpS = 5 * 60.0
	// AltitudeHysteresisM is the smallest altitude change counted as ascent
	// or descent; smaller wiggles are barometer or GPS noise.
	AltitudeHysteresisM = 3.0
	// GradeWindowM is the distance over which grades are measured.
	GradeWindowM = 100.0
	// DescendingGradePct is the grade at or below which a grade window is a
	// descending stretch (flat noise above it does not dilute the mean).
	DescendingGradePct = -1.0
)

// Heart-rate defaults for TRIMP when the athlete's own are unknown.
const (
	// DefaultMaxHR is used when neither Params nor the data give a maximum.
	DefaultMaxHR = 190.0
	// DefaultRestHR is used when Params gives no resting heart rate.
	DefaultRestHR = 60.0
)

// Measure reduces one activity to its per-run metrics. loc is the athlete's
// time zone for activities whose file carries no local offset.
//
// With samples, averages are time-weighted over running-only intervals (the
// interval ending at a sample takes that sample's values; speed < 1.5 m/s or
// cadence < 120 spm excludes it, an unknown value excludes nothing, gaps over
// 10 s are pauses). DurationS and DistanceKm come from the summary when it
// has them, else from the samples without pauses (walking included).
// TRIMP is computed with DefaultMaxHR and DefaultRestHR; NewSeason recomputes
// it with the athlete's own heart-rate range. Summary-only activities take
// the summary's figures (FromSummary). Non-running activities get only
// duration, distance and heart rate.
func Measure(a *ingest.Activity, loc *time.Location) Run {
	r := Run{
		Source: a.Source, Title: a.Title, Gear: a.Gear, Sport: a.Sport,
		IsRun: a.IsRun(), Device: a.Device.String(),
		Start: a.Start, LocalDate: a.LocalStart(loc),
	}
	r.clear()
	sum := &a.Summary
	if a.Samples.Len() < 2 || !parallel(&a.Samples) {
		r.fromSummary(sum)
	} else {
		measureSamples(&r, &a.Samples)
		r.fillFromSummary(sum)
	}
	if !r.IsRun {
		r.keepOnlyTotals()
	}
	r.TRIMP = banisterTRIMP(r.DurationS/60, r.HeartRateBPM, DefaultMaxHR, DefaultRestHR)
	r.RPE, r.Feel = positive(sum.RPE), nonNegative(sum.Feel)
	return r
}

// clear sets every metric to absent.
func (r *Run) clear() {
	n := math.NaN()
	r.DurationS, r.DistanceKm, r.AvgSpeedMS, r.CadenceSPM = n, n, n, n
	r.HeartRateBPM, r.MaxHeartRateBPM, r.TRIMP, r.BalanceLeftPct = n, n, n, n
	r.StanceTimeMs, r.VertOscCm, r.VertRatioPct, r.StepLengthM = n, n, n, n
	r.AscentM, r.DescentM, r.DownhillGradePct = n, n, n
	r.TrackKmCW, r.TrackKmCCW = n, n
	r.RunningS = n
	r.First, r.Last = emptySegment(), emptySegment()
}

func emptySegment() Segment {
	n := math.NaN()
	return Segment{StartS: n, EndS: n, CadenceSPM: n, SpeedMS: n, BalanceLeftPct: n}
}

// positive returns x when it is a real positive figure, else NaN: summaries
// built from zero values must not pass 0 off as a measurement.
func positive(x float64) float64 {
	if x > 0 {
		return x
	}
	return math.NaN()
}

// nonNegative returns x unless it is negative or NaN.
func nonNegative(x float64) float64 {
	if x >= 0 {
		return x
	}
	return math.NaN()
}

// summaryCadence converts a summary cadence to steps/min: running summaries
// at or below 110 are strides/min (DOMAIN.md) and are doubled.
func summaryCadence(c float64, isRun bool) float64 {
	c = positive(c)
	if isRun && c <= 110 {
		return 2 * c
	}
	return c
}

// fromSummary fills a summary-only run.
func (r *Run) fromSummary(s *ingest.Summary) {
	r.FromSummary = true
	r.DurationS = positive(s.DurationS)
	if math.IsNaN(r.DurationS) {
		r.DurationS = positive(s.ElapsedS)
	}
	if d := positive(s.DistanceM); !math.IsNaN(d) {
		r.DistanceKm = d / 1000
	}
	r.RunningS = r.DurationS
	r.AvgSpeedMS = positive(s.AvgSpeedMS)
	if math.IsNaN(r.AvgSpeedMS) && r.DistanceKm > 0 && r.DurationS > 0 {
		r.AvgSpeedMS = r.DistanceKm * 1000 / r.DurationS
	}
	r.fillFromSummary(s)
}

// fillFromSummary takes the summary's figure for each metric the samples
// did not give.
func (r *Run) fillFromSummary(s *ingest.Summary) {
	// The summary is the device's own total: prefer it to ours.
	if d := positive(s.DistanceM); !math.IsNaN(d) {
		r.DistanceKm = d / 1000
	}
	if d := positive(s.DurationS); !math.IsNaN(d) {
		r.DurationS = d
	}
	fill := func(dst *float64, v float64) {
		if math.IsNaN(*dst) {
			*dst = v
		}
	}
	fill(&r.AvgSpeedMS, positive(s.AvgSpeedMS))
	fill(&r.CadenceSPM, summaryCadence(s.AvgCadenceSPM, r.IsRun))
	fill(&r.HeartRateBPM, positive(s.AvgHeartRateBPM))
	fill(&r.MaxHeartRateBPM, positive(s.MaxHeartRateBPM))
	fill(&r.BalanceLeftPct, positive(s.AvgBalanceLeftPct))
	fill(&r.StanceTimeMs, positive(s.AvgStanceTimeMs))
	fill(&r.VertOscCm, positive(s.AvgVertOscCm))
	fill(&r.VertRatioPct, positive(s.AvgVertRatioPct))
	fill(&r.StepLengthM, positive(s.AvgStepLengthM))
	fill(&r.AscentM, nonNegative(s.AscentM))
	fill(&r.DescentM, nonNegative(s.DescentM))
}

// keepOnlyTotals drops the running metrics of a non-running activity.
func (r *Run) keepOnlyTotals() {
	n := math.NaN()
	r.CadenceSPM, r.BalanceLeftPct, r.StanceTimeMs = n, n, n
	r.VertOscCm, r.VertRatioPct, r.StepLengthM = n, n, n
	r.DownhillGradePct, r.TrackKmCW, r.TrackKmCCW = n, n, n
	r.First, r.Last = emptySegment(), emptySegment()
	r.Trace = Trace{}
}

// banisterTRIMP is duration_min × HRr × 0.64·e^(1.92·HRr) with HRr the
// heart-rate reserve fraction, clamped to [0, 1]. NaN without heart rate.
func banisterTRIMP(durationMin, hr, maxHR, restHR float64) float64 {
	if math.IsNaN(durationMin) || math.IsNaN(hr) || !(maxHR > restHR) {
		return math.NaN()
	}
	hrr := math.Min(math.Max((hr-restHR)/(maxHR-restHR), 0), 1)
	return durationMin * hrr * 0.64 * math.Exp(1.92*hrr)
}

// wmean is a running weighted mean that ignores NaN values.
type wmean struct{ sum, w float64 }

func (m *wmean) add(v, w float64) {
	if !math.IsNaN(v) {
		m.sum += v * w
		m.w += w
	}
}

func (m *wmean) mean() float64 {
	if m.w <= 0 {
		return math.NaN()
	}
	return m.sum / m.w
}

// interval describes the stretch from sample i-1 to sample i.
type interval struct {
	dtS     float64 // seconds; 0 for a gap
	dM      float64 // metres moved; NaN when unknown
	speedMS float64 // NaN when unknown
	gap     bool    // a pause: neither time nor distance count
	running bool
}

// step classifies the interval ending at sample i (i ≥ 1). It allocates
// nothing.
func step(s *ingest.Samples, i int) interval {
	dt := s.ElapsedS[i] - s.ElapsedS[i-1]
	if !(dt > 0 && dt <= MaxSampleGapS) {
		return interval{gap: true, dM: math.NaN(), speedMS: math.NaN()}
	}
	d := math.NaN()
	if !math.IsNaN(s.DistanceM[i]) && !math.IsNaN(s.DistanceM[i-1]) {
		d = math.Max(s.DistanceM[i]-s.DistanceM[i-1], 0)
	} else if len(s.LatDeg) > i && !math.IsNaN(s.LatDeg[i]+s.LonDeg[i]+s.LatDeg[i-1]+s.LonDeg[i-1]) {
		d = haversineM(s.LatDeg[i-1], s.LonDeg[i-1], s.LatDeg[i], s.LonDeg[i])
	}
	v := s.SpeedMS[i]
	if math.IsNaN(v) && !math.IsNaN(d) {
		v = d / dt
	}
	if math.IsNaN(d) && !math.IsNaN(v) {
		d = v * dt
	}
	c := s.CadenceSPM[i]
	run := !(v < MinRunSpeedMS) && !(c < MinRunCadenceSPM)
	return interval{dtS: dt, dM: d, speedMS: v, running: run}
}

const earthRadiusM = 6371008.8

// haversineM is the great-circle distance in metres.
func haversineM(lat1, lon1, lat2, lon2 float64) float64 {
	const rad = math.Pi / 180
	dLat := (lat2 - lat1) * rad
	dLon := (lon2 - lon1) * rad
	h := math.Sin(dLat/2)*math.Sin(dLat/2) + math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dLon/2)*math.Sin(dLon/2)
	return 2 * earthRadiusM * math.Asin(math.Min(1, math.Sqrt(h)))
}

// parallel reports whether every stream of s has one value per sample, as
// Samples.Append guarantees; Samples built otherwise are not trusted.
func parallel(s *ingest.Samples) bool {
	n := s.Len()
	for _, c := range [][]float64{s.DistanceM, s.SpeedMS, s.HeartRateBPM, s.CadenceSPM,
		s.AltitudeM, s.LatDeg, s.LonDeg, s.StanceTimeMs, s.BalanceLeftPct, s.VertOscCm,
		s.VertRatioPct, s.StepLengthM} {
		if len(c) != n {
			return false
		}
	}
	return true
}

// measureSamples computes the sample-based metrics in two linear passes
// (the second only for long runs) plus the track scan when positions exist.
func measureSamples(r *Run, s *ingest.Samples) {
	n := s.Len()
	var (
		moveS, moveM, runS, runM       float64
		haveDist                       bool
		cad, hr, bal, gct, vo, vr, stp wmean
		hrMoving                       wmean // all moving time, for non-running activities
		maxHR                          = math.NaN()
		havePos                        bool
		terr                           terrain
	)
	terr.reset()
	for i := 1; i < n; i++ {
		if h := s.HeartRateBPM[i]; !(h <= maxHR) && !math.IsNaN(h) {
			maxHR = h
		}
		iv := step(s, i)
		if iv.gap {
			terr.reset()
			continue
		}
		moveS += iv.dtS
		if !math.IsNaN(iv.dM) {
			moveM += iv.dM
			haveDist = true
		}
		if !havePos && len(s.LatDeg) > i && !math.IsNaN(s.LatDeg[i]) {
			havePos = true
		}
		terr.add(s.AltitudeM[i], iv.dM)
		hrMoving.add(s.HeartRateBPM[i], iv.dtS)
		if !iv.running {
			continue
		}
		runS += iv.dtS
		if !math.IsNaN(iv.dM) {
			runM += iv.dM
		}
		w := iv.dtS
		cad.add(s.CadenceSPM[i], w)
		hr.add(s.HeartRateBPM[i], w)
		bal.add(s.BalanceLeftPct[i], w)
		gct.add(s.StanceTimeMs[i], w)
		vo.add(s.VertOscCm[i], w)
		vr.add(s.VertRatioPct[i], w)
		stp.add(s.StepLengthM[i], w)
	}
	if moveS > 0 {
		r.DurationS = moveS
	}
	if haveDist {
		r.DistanceKm = moveM / 1000
	}
	r.RunningS = runS
	if runS > 0 && haveDist {
		r.AvgSpeedMS = runM / runS
	}
	r.CadenceSPM, r.HeartRateBPM, r.BalanceLeftPct = cad.mean(), hr.mean(), bal.mean()
	r.StanceTimeMs, r.VertOscCm, r.VertRatioPct, r.StepLengthM = gct.mean(), vo.mean(), vr.mean(), stp.mean()
	r.MaxHeartRateBPM = maxHR
	if !r.IsRun {
		r.HeartRateBPM = hrMoving.mean()
	}
	if terr.seen {
		r.AscentM, r.DescentM = terr.ascentM, terr.descentM
		r.DownhillGradePct = terr.gradePct()
	}
	if r.IsRun && runS >= LongRunS {
		measureThirds(r, s, runS)
	}
	if r.IsRun && havePos {
		r.TrackKmCW, r.TrackKmCCW = trackKm(s)
	}
}

// segAcc accumulates one segment or one trace minute.
type segAcc struct {
	startS, endS, timeS, distM float64
	cad, bal                   wmean
}

func (a *segAcc) add(s *ingest.Samples, i int, iv interval) {
	if a.timeS == 0 {
		a.startS = s.ElapsedS[i-1]
	}
	a.endS = s.ElapsedS[i]
	a.timeS += iv.dtS
	if math.IsNaN(iv.dM) {
		a.distM = math.NaN()
	} else {
		a.distM += iv.dM
	}
	a.cad.add(s.CadenceSPM[i], iv.dtS)
	a.bal.add(s.BalanceLeftPct[i], iv.dtS)
}

func (a *segAcc) speed() float64 {
	if a.timeS <= 0 {
		return math.NaN()
	}
	return a.distM / a.timeS
}

func (a *segAcc) segment() Segment {
	seg := Segment{
		StartS: a.startS, EndS: a.endS,
		CadenceSPM: a.cad.mean(), SpeedMS: a.speed(), BalanceLeftPct: a.bal.mean(),
	}
	seg.Valid = a.timeS > 0 && !math.IsNaN(seg.CadenceSPM)
	if !seg.Valid {
		return emptySegment()
	}
	return seg
}

// measureThirds splits the running time after the warm-up into thirds and
// fills First, Last and the per-minute Trace (minutes of running time).
func measureThirds(r *Run, s *ingest.Samples, runS float64) {
	third := (runS - WarmUpS) / 3
	firstEnd, lastStart := WarmUpS+third, runS-third
	var first, last, minute segAcc
	minuteIdx := 0
	// Every interval adds at most MaxSampleGapS to tau, so minutes follow
	// one another from 0 and each has running time: point i is minute i.
	r.Trace = MakeTrace(int(runS/60) + 1)
	flush := func() {
		if minute.timeS > 0 {
			r.Trace.Append(minute.cad.mean(), minute.bal.mean())
		}
		minute = segAcc{}
	}
	tau := 0.0 // running time before this interval
	for i := 1; i < s.Len(); i++ {
		iv := step(s, i)
		if iv.gap || !iv.running {
			continue
		}
		if m := int(tau / 60); m != minuteIdx {
			flush()
			minuteIdx = m
		}
		minute.add(s, i, iv)
		switch {
		case tau >= WarmUpS && tau < firstEnd:
			first.add(s, i, iv)
		case tau >= lastStart:
			last.add(s, i, iv)
		}
		tau += iv.dtS
	}
	flush()
	r.First, r.Last = first.segment(), last.segment()
}

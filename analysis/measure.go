package analysis

import (
	"fmt"
	"math"
	"time"

	"github.com/itbcheck/itbcheck/ingest"
)

// Cleaning limits of DOMAIN.md "Units and cleaning". Pauses and moving time
// follow ingest.Timeline, the one rule every format shares.
const (
	// MaxSampleGapS is the longest gap between two track points that the
	// track-direction scan joins into one chain (ingest.PauseGapS).
	MaxSampleGapS = ingest.PauseGapS
	// MaxPlausibleSpeedMS is the fastest average speed of a plausible run.
	MaxPlausibleSpeedMS = 7.0
	// MinPlausibleSpeedMS is the slowest (20 min/km, walking pace).
	MinPlausibleSpeedMS = 1000.0 / (20 * 60)
	// MaxPlausibleKm is the longest plausible run.
	MaxPlausibleKm = 300.0
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
// One definition for every format (DOMAIN.md): the file's own summary (a
// FIT session, TCX laps; for TCX/GPX without one, ingest computes it from
// the samples by the same rule) is the reference for totals and averages.
// The samples give what the summary lacks, the thirds, the trace, terrain
// and track scans: averages are over moving time along ingest.Timeline
// (the interval ending at a sample takes that sample's values, weighted by
// its moving seconds; device pauses and gaps without movement excluded;
// absent values, zeros included, left out), with no "running only" subset.
// A run faster than 7 m/s or slower than 20 min/km over its duration,
// longer than 300 km, or with distance but no duration is Implausible: it
// is kept in the list but does not count as a run (IsRun false).
// TRIMP is computed with DefaultMaxHR and DefaultRestHR; NewSeason recomputes
// it with the athlete's own heart-rate range. Summary-only activities take
// the summary's figures (FromSummary). Non-running activities get only
// duration, distance and heart rate.
func Measure(a *ingest.Activity, loc *time.Location) Run {
	r := Run{
		Source: a.Source, Title: a.Title, Gear: a.Gear, Sport: a.Sport,
		IsRun: a.IsRun(), Device: a.Device.String(), Format: a.Format,
		Start: a.Start, LocalDate: a.LocalStart(loc),
		CadenceSource: a.SourceOf(ingest.ChanCadence), GaitSource: gaitSource(a),
	}
	r.clear()
	if a.Format == ingest.FormatFIT {
		// Only FIT names the watch and its sensors; a TCX or GPX export's
		// creator is an app, no instrument (analysis' instrument timeline).
		r.BalanceInstrument, r.CadenceInstrument = a.Instrument(ingest.ChanStanceTimeBalance), a.Instrument(ingest.ChanCadence)
	}
	sum := &a.Summary
	// Decoders of samples give steps; a summary CSV row may give strides.
	stepsSummary := a.Format == ingest.FormatFIT || a.Format == ingest.FormatTCX ||
		a.Format == ingest.FormatGPX || a.Format == ingest.FormatCSVSamples ||
		a.Format == ingest.FormatSuunto || a.Format == ingest.FormatAppleHealth
	if a.Samples.Len() < 2 || !parallel(&a.Samples) {
		r.fromSummary(sum, stepsSummary)
	} else {
		measureSamples(&r, a)
		r.fillFromSummary(sum, stepsSummary)
	}
	r.ElapsedS = positive(sum.ElapsedS)
	if math.IsNaN(r.ElapsedS) && a.Samples.Len() >= 2 {
		r.ElapsedS = positive(a.Samples.ElapsedS[a.Samples.Len()-1] - a.Samples.ElapsedS[0])
	}
	if r.IsRun {
		if why := implausible(r); why != "" {
			r.Implausible, r.IsRun = why, false
		}
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
	r.RunningS, r.ElapsedS = n, n
	r.First, r.Last, r.Final = emptySegment(), emptySegment(), emptySegment()
}

// implausible says why a run's figures cannot be a run, "" when they can.
func implausible(r Run) string {
	km, dur := r.DistanceKm, r.DurationS
	switch {
	case km > MaxPlausibleKm:
		return fmt.Sprintf("longer than %.0f km (%.0f km)", MaxPlausibleKm, km)
	case km > 0 && !(dur > 0):
		return fmt.Sprintf("distance (%.1f km) without duration", km)
	case km > 0 && km*1000/dur > MaxPlausibleSpeedMS:
		return fmt.Sprintf("faster than %.0f m/s over the whole run (%.1f km in %s)", MaxPlausibleSpeedMS, km, clock(dur))
	case km > 0 && km*1000/dur < MinPlausibleSpeedMS:
		return fmt.Sprintf("slower than 20 min/km (%.1f km in %s)", km, clock(dur))
	}
	return ""
}

// clock writes seconds as h:mm:ss.
func clock(sec float64) string {
	s := int(math.Round(sec))
	return fmt.Sprintf("%d:%02d:%02d", s/3600, s/60%60, s%60)
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
// at or below 110 are strides/min (DOMAIN.md) and are doubled, unless the
// decoder already gives steps (steps: FIT, TCX, GPX, per-sample CSV).
func summaryCadence(c float64, isRun, steps bool) float64 {
	c = positive(c)
	if isRun && !steps && c <= 110 {
		return 2 * c
	}
	return c
}

// fromSummary fills a summary-only run.
func (r *Run) fromSummary(s *ingest.Summary, steps bool) {
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
	r.fillFromSummary(s, steps)
}

// fillFromSummary takes the summary's figures, the reference (DOMAIN.md:
// the device's own totals and averages), over those of the samples, which
// stay for what the summary lacks.
func (r *Run) fillFromSummary(s *ingest.Summary, steps bool) {
	if d := positive(s.DistanceM); !math.IsNaN(d) {
		r.DistanceKm = d / 1000
	}
	if d := positive(s.DurationS); !math.IsNaN(d) {
		r.DurationS = d
	}
	fill := func(dst *float64, v float64) {
		if !math.IsNaN(v) {
			*dst = v
		}
	}
	if r.DistanceKm > 0 && r.DurationS > 0 {
		r.AvgSpeedMS = r.DistanceKm * 1000 / r.DurationS
	} else {
		fill(&r.AvgSpeedMS, positive(s.AvgSpeedMS))
	}
	fill(&r.CadenceSPM, summaryCadence(s.AvgCadenceSPM, r.IsRun, steps))
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
	r.First, r.Last, r.Final = emptySegment(), emptySegment(), emptySegment()
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
	dtS float64 // moving seconds; 0 in a pause
	dM  float64 // metres moved; NaN when unknown
	gap bool    // a pause (ingest.Timeline): neither time nor distance count
}

// step classifies the interval ending at sample i (i ≥ 1) along tl. It
// allocates nothing.
func step(tl *ingest.Timeline, i int) interval {
	dt, d, paused := tl.Step(i)
	if paused || !(dt > 0) {
		return interval{gap: true, dM: math.NaN()}
	}
	return interval{dtS: dt, dM: d}
}

// earthRadiusM is the mean Earth radius (the track scan projects with it).
const earthRadiusM = 6371008.8

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
func measureSamples(r *Run, a *ingest.Activity) {
	s := &a.Samples
	n := s.Len()
	var (
		moveS, moveM                   float64
		haveDist                       bool
		cad, hr, bal, gct, vo, vr, stp wmean
		maxHR                          = math.NaN()
		havePos                        bool
		terr                           terrain
	)
	terr.reset()
	tl := a.Timeline()
	for i := 1; i < n; i++ {
		if h := s.HeartRateBPM[i]; !(h <= maxHR) && h > 0 {
			maxHR = h
		}
		iv := step(&tl, i)
		if iv.gap {
			terr.reset()
			continue
		}
		moveS += iv.dtS
		if !math.IsNaN(iv.dM) {
			moveM += iv.dM
			haveDist = true
		}
		if !havePos && !math.IsNaN(s.LatDeg[i]) {
			havePos = true
		}
		terr.add(s.AltitudeM[i], iv.dM)
		w := iv.dtS
		cad.add(present(s.CadenceSPM[i]), w)
		hr.add(present(s.HeartRateBPM[i]), w)
		bal.add(balance(s.BalanceLeftPct[i]), w)
		gct.add(present(s.StanceTimeMs[i]), w)
		vo.add(present(s.VertOscCm[i]), w)
		vr.add(present(s.VertRatioPct[i]), w)
		stp.add(present(s.StepLengthM[i]), w)
	}
	if moveS > 0 {
		r.DurationS = moveS
	}
	if haveDist {
		r.DistanceKm = moveM / 1000
	}
	r.RunningS = moveS
	if moveS > 0 && haveDist {
		r.AvgSpeedMS = moveM / moveS
	}
	r.CadenceSPM, r.HeartRateBPM, r.BalanceLeftPct = cad.mean(), hr.mean(), bal.mean()
	r.StanceTimeMs, r.VertOscCm, r.VertRatioPct, r.StepLengthM = gct.mean(), vo.mean(), vr.mean(), stp.mean()
	r.MaxHeartRateBPM = maxHR
	if terr.seen {
		r.AscentM, r.DescentM = terr.ascentM, terr.descentM
		r.DownhillGradePct = terr.gradePct()
	}
	if r.IsRun && moveS >= LongRunS {
		measureThirds(r, a, moveS)
	}
	if r.IsRun && havePos {
		r.TrackKmCW, r.TrackKmCCW = trackKm(s)
	}
}

// present is v unless it is 0, a missing sensor's value (DOMAIN.md: absent
// is not zero; ingest clears these, Samples built otherwise may hold them).
func present(v float64) float64 {
	if v == 0 {
		return math.NaN()
	}
	return v
}

// balance is a GCT balance unless it is impossible (0 % or 100 % left).
func balance(v float64) float64 {
	if v <= 0 || v >= 100 {
		return math.NaN()
	}
	return v
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
	a.cad.add(present(s.CadenceSPM[i]), iv.dtS)
	a.bal.add(balance(s.BalanceLeftPct[i]), iv.dtS)
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

// measureThirds splits the moving time after the warm-up into thirds and
// fills First, Last, the final quarter of the moving time (Final) and the
// per-minute Trace (minutes of moving time).
func measureThirds(r *Run, a *ingest.Activity, runS float64) {
	s := &a.Samples
	third := (runS - WarmUpS) / 3
	firstEnd, lastStart, finalStart := WarmUpS+third, runS-third, runS*3/4
	var first, last, final, minute segAcc
	minuteIdx := 0
	// An interval may add more than a minute to tau (smart recording, a
	// long gap with movement): the minutes inside it get no values, so that
	// point i stays minute i.
	r.Trace = MakeTrace(int(runS/60) + 1)
	flush := func() {
		if minute.timeS > 0 {
			r.Trace.Append(minute.cad.mean(), minute.bal.mean())
		}
		minute = segAcc{}
	}
	tau := 0.0 // moving time before this interval
	tl := a.Timeline()
	for i := 1; i < s.Len(); i++ {
		iv := step(&tl, i)
		if iv.gap {
			continue
		}
		if m := int(tau / 60); m != minuteIdx {
			flush()
			for k := minuteIdx + 1; k < m; k++ {
				r.Trace.Append(math.NaN(), math.NaN()) // a minute inside one long interval
			}
			minuteIdx = m
		}
		minute.add(s, i, iv)
		switch {
		case tau >= WarmUpS && tau < firstEnd:
			first.add(s, i, iv)
		case tau >= lastStart:
			last.add(s, i, iv)
		}
		if tau >= finalStart {
			final.add(s, i, iv)
		}
		tau += iv.dtS
	}
	flush()
	r.First, r.Last, r.Final = first.segment(), last.segment(), final.segment()
}

// gaitSource is the source of the first running-dynamics channel the run
// has (one sensor measures them all); ingest.SourceNone without any.
func gaitSource(a *ingest.Activity) ingest.Source {
	for _, c := range []ingest.Channel{ingest.ChanStanceTime, ingest.ChanStanceTimeBalance,
		ingest.ChanVerticalOscillation, ingest.ChanVerticalRatio, ingest.ChanStepLength} {
		if src := a.SourceOf(c); src != ingest.SourceNone {
			return src
		}
	}
	return ingest.SourceNone
}

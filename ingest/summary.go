package ingest

import (
	"math"
	"strings"
	"sync"

	"gonum.org/v1/gonum/stat"
)

// Cleaning thresholds for summary figures computed from samples (DOMAIN.md,
// "Units and cleaning").
const (
	// runMinSpeedMS is the slowest speed still counted as running.
	runMinSpeedMS = 1.5
	// runMinCadenceSPM is the lowest step rate still counted as running.
	runMinCadenceSPM = 120
	// pauseGapS is the longest gap between samples that is not a pause.
	pauseGapS = 10
	// climbHysteresisM is the altitude change that must build up before
	// it counts as ascent or descent, so that sensor noise does not.
	climbHysteresisM = 3
)

// fillChannelsFromSamples adds to a.Channels every channel that holds at
// least one value in a.Samples. Decoders may call it once after reading
// instead of tracking channels themselves.
func (a *Activity) fillChannelsFromSamples() {
	s := &a.Samples
	cols := []struct {
		c Channel
		v []float64
	}{
		{ChanTime, s.ElapsedS}, {ChanDistance, s.DistanceM}, {ChanSpeed, s.SpeedMS},
		{ChanHeartRate, s.HeartRateBPM}, {ChanCadence, s.CadenceSPM}, {ChanAltitude, s.AltitudeM},
		{ChanPosition, s.LatDeg}, {ChanStanceTime, s.StanceTimeMs},
		{ChanStanceTimeBalance, s.BalanceLeftPct}, {ChanVerticalOscillation, s.VertOscCm},
		{ChanVerticalRatio, s.VertRatioPct}, {ChanStepLength, s.StepLengthM}, {ChanPower, s.PowerW},
	}
	for _, col := range cols {
		if anyValue(col.v) {
			a.Channels.Add(col.c)
		}
	}
}

// fillSummaryFromSamples computes every figure of a.Summary that is still
// NaN from a.Samples, and adds a note naming the figures it computed.
// Decoders call it after filling what the file's own summary gives.
//
// How each figure is computed:
//   - ElapsedS: last sample's ElapsedS minus the first's.
//   - DurationS: sum of the intervals between consecutive samples of at most
//     10 s; longer gaps are pauses.
//   - DistanceM: largest cumulative distance; without a distance channel,
//     speed integrated over the non-pause intervals.
//   - AvgSpeedMS: DistanceM ÷ DurationS; else the mean of the speed samples.
//   - Averages (cadence, heart rate, stance time, GCT balance, vertical
//     oscillation, vertical ratio, step length, power): mean over the
//     running samples. For running sports (and unknown sport) a sample is
//     running when its speed is ≥ 1.5 m/s (where speed is recorded) and its
//     cadence ≥ 120 spm (where cadence is recorded); for other sports every
//     sample counts.
//   - MaxHeartRateBPM: largest heart rate sample.
//   - AscentM, DescentM: sums of altitude climbs and falls between turning
//     points, a turn counting once the altitude reverses by 3 m (hysteresis
//     against sensor noise).
func (a *Activity) fillSummaryFromSamples() {
	s := &a.Samples
	n := s.Len()
	if n == 0 {
		return
	}
	sum := &a.Summary
	var filled []string
	// set fills a figure the file did not give; value is only computed
	// then (a FIT session usually gives them all).
	set := func(dst *float64, value func() float64, name string) {
		if !math.IsNaN(*dst) {
			return
		}
		if v := value(); !math.IsNaN(v) {
			*dst = v
			filled = append(filled, name)
		}
	}

	set(&sum.ElapsedS, func() float64 { return elapsedSpan(s.ElapsedS) }, "elapsed time")
	set(&sum.DurationS, func() float64 { return movingSeconds(s.ElapsedS) }, "timer time")
	set(&sum.DistanceM, func() float64 {
		if dist := maxValue(s.DistanceM); !math.IsNaN(dist) {
			return dist
		}
		return integrateSpeed(s.ElapsedS, s.SpeedMS)
	}, "distance")
	set(&sum.AvgSpeedMS, func() float64 {
		if sum.DurationS > 0 && !math.IsNaN(sum.DistanceM) {
			return sum.DistanceM / sum.DurationS
		}
		return meanOf(s.SpeedMS, nil)
	}, "average speed")

	var keep []bool
	masked := false
	mean := func(v []float64) func() float64 {
		return func() float64 {
			if !masked && (a.Sport.IsRunning() || a.Sport == SportUnknown || a.Sport == "") {
				keep = runningMask(s)
			}
			masked = true
			return meanOf(v, keep)
		}
	}
	set(&sum.AvgCadenceSPM, mean(s.CadenceSPM), "average cadence")
	set(&sum.AvgHeartRateBPM, mean(s.HeartRateBPM), "average heart rate")
	set(&sum.MaxHeartRateBPM, func() float64 { return maxValue(s.HeartRateBPM) }, "max heart rate")
	set(&sum.AvgStanceTimeMs, mean(s.StanceTimeMs), "average stance time")
	set(&sum.AvgBalanceLeftPct, mean(s.BalanceLeftPct), "average GCT balance")
	set(&sum.AvgVertOscCm, mean(s.VertOscCm), "average vertical oscillation")
	set(&sum.AvgVertRatioPct, mean(s.VertRatioPct), "average vertical ratio")
	set(&sum.AvgStepLengthM, mean(s.StepLengthM), "average step length")
	set(&sum.AvgPowerW, mean(s.PowerW), "average power")
	if math.IsNaN(sum.AscentM) || math.IsNaN(sum.DescentM) {
		up, down := climbs(s.AltitudeM)
		set(&sum.AscentM, func() float64 { return up }, "ascent")
		set(&sum.DescentM, func() float64 { return down }, "descent")
	}

	if len(filled) > 0 {
		a.Notes = append(a.Notes, "computed from samples: "+strings.Join(filled, ", "))
	}
}

// runningMask marks the samples that count as running: pace and step rate
// of a run where those are recorded. Gaps are handled by the caller's
// interval sums, not here: a sample after a pause is still a running sample.
func runningMask(s *Samples) []bool {
	keep := make([]bool, s.Len())
	for i := range keep {
		sp, cad := s.SpeedMS[i], s.CadenceSPM[i]
		keep[i] = (math.IsNaN(sp) || sp >= runMinSpeedMS) && (math.IsNaN(cad) || cad >= runMinCadenceSPM)
	}
	return keep
}

// meanOf is the mean of the non-NaN values of v, restricted to keep[i]
// when keep is not nil; NaN when there is none. It copies the values only
// when some are left out (and then into a recycled buffer), so that the
// mean is always gonum's over the same slice of values.
func meanOf(v []float64, keep []bool) float64 {
	n := 0
	for i, x := range v {
		if !math.IsNaN(x) && (keep == nil || keep[i]) {
			n++
		}
	}
	switch n {
	case 0:
		return math.NaN()
	case len(v):
		return stat.Mean(v, nil)
	}
	bp := meanBuffers.Get().(*[]float64)
	vals := (*bp)[:0]
	for i, x := range v {
		if !math.IsNaN(x) && (keep == nil || keep[i]) {
			vals = append(vals, x)
		}
	}
	m := stat.Mean(vals, nil)
	*bp = vals
	meanBuffers.Put(bp)
	return m
}

// meanBuffers recycles meanOf's buffers.
var meanBuffers = sync.Pool{New: func() any { return new([]float64) }}

// maxValue is the largest non-NaN value of v, NaN when there is none.
func maxValue(v []float64) float64 {
	m := math.NaN()
	for _, x := range v {
		if x > m || (math.IsNaN(m) && !math.IsNaN(x)) {
			m = x
		}
	}
	return m
}

// anyValue reports whether v holds at least one non-NaN value.
func anyValue(v []float64) bool {
	for _, x := range v {
		if !math.IsNaN(x) {
			return true
		}
	}
	return false
}

// elapsedSpan is the time from the first to the last timed sample.
func elapsedSpan(t []float64) float64 {
	first, last := math.NaN(), math.NaN()
	for _, x := range t {
		if math.IsNaN(x) {
			continue
		}
		if math.IsNaN(first) {
			first = x
		}
		last = x
	}
	return last - first
}

// movingSeconds sums the intervals between consecutive timed samples that
// are not pauses (at most pauseGapS long). NaN with fewer than two samples.
func movingSeconds(t []float64) float64 {
	total, prev, seen := 0.0, math.NaN(), 0
	for _, x := range t {
		if math.IsNaN(x) {
			continue
		}
		if d := x - prev; seen > 0 && d > 0 && d <= pauseGapS {
			total += d
		}
		prev = x
		seen++
	}
	if seen < 2 {
		return math.NaN()
	}
	return total
}

// integrateSpeed is the distance covered at the recorded speeds over the
// non-pause intervals; NaN without speed samples.
func integrateSpeed(t, speed []float64) float64 {
	total, prevT, prevV, any := 0.0, math.NaN(), math.NaN(), false
	for i, x := range t {
		v := speed[i]
		if math.IsNaN(x) || math.IsNaN(v) {
			continue
		}
		if d := x - prevT; d > 0 && d <= pauseGapS {
			total += d * (v + prevV) / 2
		}
		prevT, prevV, any = x, v, true
	}
	if !any {
		return math.NaN()
	}
	return total
}

// climbs sums altitude gains and losses with climbHysteresisM hysteresis:
// a climb or fall counts, in full from turning point to turning point, once
// the altitude has reversed by that much from its extreme, so sensor noise
// smaller than the threshold adds nothing. NaN, NaN without altitude.
func climbs(alt []float64) (up, down float64) {
	const (
		none = iota
		rising
		falling
	)
	ref, ext, dir, any := math.NaN(), math.NaN(), none, false
	for _, x := range alt {
		if math.IsNaN(x) {
			continue
		}
		if !any {
			ref, ext, any = x, x, true
			continue
		}
		switch dir {
		case none:
			if x-ref >= climbHysteresisM {
				dir, ext = rising, x
			} else if ref-x >= climbHysteresisM {
				dir, ext = falling, x
			}
		case rising:
			if x > ext {
				ext = x
			} else if ext-x >= climbHysteresisM {
				up += ext - ref
				ref, ext, dir = ext, x, falling
			}
		case falling:
			if x < ext {
				ext = x
			} else if x-ext >= climbHysteresisM {
				down += ref - ext
				ref, ext, dir = ext, x, rising
			}
		}
	}
	if !any {
		return math.NaN(), math.NaN()
	}
	switch dir {
	case rising:
		up += ext - ref
	case falling:
		down += ref - ext
	}
	return up, down
}

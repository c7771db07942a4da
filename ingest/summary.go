package ingest

import (
	"math"
	"strings"
	"sync"

	"gonum.org/v1/gonum/stat"
)

// fillFromSamples is how every decoder ends: zero sensor values cleared
// as absent (clearZeros), once, then the channels listed (listChannels)
// and the summary figures the file did not give computed (fillSummary),
// and the channels' sources set (setDynamics).
// Decoders call it once after reading instead of tracking channels and
// averages themselves.
func (a *Activity) fillFromSamples() {
	a.clearZeros()
	a.FileSummary = a.Summary
	a.listChannels()
	a.fillSummary()
	a.setDynamics(nil) // the FIT decoder sets it again with the sensors it names
}

// listChannels adds to a.Channels every channel that holds at least one
// value in a.Samples.
func (a *Activity) listChannels() {
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

// fillSummary computes the averages, and every other figure of a.Summary that is still NaN, from
// a.Samples, zero sensor values cleared, and adds a note naming the
// figures it computed (after the decoder filled what the file's own
// summary gives).
//
// How each figure is computed (clean.go has the rules):
//   - ElapsedS: last sample's ElapsedS minus the first's.
//   - DurationS: moving time along the Timeline: device pauses and gaps
//     over 10 s without movement left out; smart recording counts.
//   - DistanceM: largest cumulative distance; without a distance channel,
//     the metres moved along the timeline (speed over time).
//   - AvgSpeedMS: DistanceM ÷ DurationS; else the mean of the speed samples.
//   - Averages (cadence, heart rate, stance time, GCT balance, vertical
//     oscillation, vertical ratio, step length, power): mean over moving
//     time, each sample weighted by the moving seconds of the interval
//     ending at it; absent (and zero) values left out. Always from the
//     samples when the channel has any, the file's own average replaced
//     (and kept in FileSummary). The same for every sport and format: no
//     "running only" subset.
//   - MaxHeartRateBPM: largest heart rate sample.
//   - AscentM, DescentM: climbs and falls of at least 3 m from the last
//     counted point (hysteresis against sensor noise), segment by segment.
func (a *Activity) fillSummary() {
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
	var mv *movingFigures // walked only when a figure needs it
	moving := func() *movingFigures {
		if mv == nil {
			m := a.moving()
			mv = &m
		}
		return mv
	}
	set(&sum.DurationS, func() float64 {
		if n < 2 {
			return math.NaN()
		}
		return moving().movingS
	}, "timer time")
	set(&sum.DistanceM, func() float64 {
		if dist := maxValue(s.DistanceM); !math.IsNaN(dist) {
			return dist
		}
		return moving().movedM
	}, "distance")
	set(&sum.AvgSpeedMS, func() float64 {
		if sum.DurationS > 0 && !math.IsNaN(sum.DistanceM) {
			return sum.DistanceM / sum.DurationS
		}
		return meanOf(s.SpeedMS, nil)
	}, "average speed")
	// The averages have one definition for every format (DOMAIN.md, "Units
	// and cleaning"): the moving-time-weighted mean of the samples, zeros
	// absent, whatever the file's own summary says (a Garmin session's
	// avg_cadence counts the standing-still zeros); the file's figure stays
	// in FileSummary. Only a channel without samples keeps the file's.
	average := func(dst *float64, v []float64, name string) {
		if !anyValue(v) {
			return
		}
		m := movingMean(v, moving().weights)
		if math.IsNaN(m) {
			return
		}
		if math.IsNaN(*dst) {
			filled = append(filled, name)
		}
		*dst = m
	}
	average(&sum.AvgCadenceSPM, s.CadenceSPM, "average cadence")
	average(&sum.AvgHeartRateBPM, s.HeartRateBPM, "average heart rate")
	set(&sum.MaxHeartRateBPM, func() float64 { return maxValue(s.HeartRateBPM) }, "max heart rate")
	average(&sum.AvgStanceTimeMs, s.StanceTimeMs, "average stance time")
	average(&sum.AvgBalanceLeftPct, s.BalanceLeftPct, "average GCT balance")
	average(&sum.AvgVertOscCm, s.VertOscCm, "average vertical oscillation")
	average(&sum.AvgVertRatioPct, s.VertRatioPct, "average vertical ratio")
	average(&sum.AvgStepLengthM, s.StepLengthM, "average step length")
	average(&sum.AvgPowerW, s.PowerW, "average power")
	if math.IsNaN(sum.AscentM) || math.IsNaN(sum.DescentM) {
		up, down := climbs(s.AltitudeM, a.Resumes)
		set(&sum.AscentM, func() float64 { return up }, "ascent")
		set(&sum.DescentM, func() float64 { return down }, "descent")
	}

	if mv != nil {
		mv.release()
	}
	if len(filled) > 0 {
		a.Notes = append(a.Notes, "computed from samples: "+strings.Join(filled, ", "))
	}
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

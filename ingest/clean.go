package ingest

import "math"

// The cleaning rules of DOMAIN.md "Units and cleaning", shared by every
// format so that the same run reads the same from FIT, TCX or GPX (and by
// the analysis stage, through Timeline).
const (
	// PauseGapS is the gap between two samples beyond which the gap is
	// looked at: it is a pause when the runner did not move in it. Shorter
	// gaps, and longer ones with movement (smart recording logs every
	// 1–20 s), are moving time.
	PauseGapS = 10.0
	// PauseMaxSpeedMS is the speed over a long gap below which the runner
	// "did not move" (GPS drift while standing, not a slow shuffle).
	PauseMaxSpeedMS = 0.5
	// climbHysteresisM is the altitude change from the last turning point
	// that counts as ascent or descent, so that sensor noise does not.
	climbHysteresisM = 3
)

// Timeline tells moving time from pauses, interval by interval: a pause is
// what the device marked (Activity.Resumes: FIT timer stop/start, a GPX
// <trkseg> break) or a gap over PauseGapS in which the runner moved slower
// than PauseMaxSpeedMS. Call Step with increasing i.
type Timeline struct {
	s       *Samples
	resumes []int
	k       int
}

// Timeline returns a Timeline over the activity's samples.
func (a *Activity) Timeline() Timeline { return Timeline{s: &a.Samples, resumes: a.Resumes} }

// Step describes the interval from sample i-1 to sample i (1 ≤ i < Len):
// the moving seconds in it (0 for a pause or a step back in time), the
// metres moved (NaN when unknown; 0 across a device pause, so that no line
// is drawn across a GPX segment break), and whether it is a pause.
func (tl *Timeline) Step(i int) (movingS, movedM float64, paused bool) {
	s := tl.s
	for tl.k < len(tl.resumes) && tl.resumes[tl.k] < i {
		tl.k++
	}
	if tl.k < len(tl.resumes) && tl.resumes[tl.k] == i {
		return 0, 0, true
	}
	dt := s.ElapsedS[i] - s.ElapsedS[i-1]
	d := movedMetres(s, i, dt)
	if !(dt > 0) {
		return 0, d, math.IsNaN(dt)
	}
	if dt > PauseGapS && !math.IsNaN(d) && d < PauseMaxSpeedMS*dt {
		return 0, d, true
	}
	return dt, d, false
}

// movedMetres is the distance covered from sample i-1 to sample i: the
// distance channel's step, else the great circle between the positions,
// else the mean recorded speed times dt; NaN when nothing says.
func movedMetres(s *Samples, i int, dt float64) float64 {
	if d0, d1 := s.DistanceM[i-1], s.DistanceM[i]; !math.IsNaN(d0) && !math.IsNaN(d1) {
		return math.Max(d1-d0, 0)
	}
	if lat0, lon0, lat1, lon1 := s.LatDeg[i-1], s.LonDeg[i-1], s.LatDeg[i], s.LonDeg[i]; !math.IsNaN(lat0 + lon0 + lat1 + lon1) {
		return haversineM(lat0, lon0, lat1, lon1)
	}
	v0, v1 := s.SpeedMS[i-1], s.SpeedMS[i]
	switch {
	case math.IsNaN(dt) || dt <= 0:
		return math.NaN()
	case !math.IsNaN(v0) && !math.IsNaN(v1):
		return dt * (v0 + v1) / 2
	case !math.IsNaN(v1):
		return dt * v1
	}
	return math.NaN()
}

// clearZeros applies "absent is not zero": a sensor value of 0 (heart
// rate, ground contact time, its balance, vertical oscillation and ratio,
// step length; cadence on foot) means the sensor was missing, in the
// samples and in the file's own summary (a Coros session stores 0 for a
// missing dynamics pod). A left-foot balance of 0 % or 100 % is impossible
// and absent too.
func (a *Activity) clearZeros() {
	s := &a.Samples
	cols := [][]float64{s.HeartRateBPM, s.StanceTimeMs, s.VertOscCm, s.VertRatioPct, s.StepLengthM}
	if footSport(a.Sport) {
		cols = append(cols, s.CadenceSPM)
	}
	for _, col := range cols {
		for i, v := range col {
			if v <= 0 {
				col[i] = math.NaN()
			}
		}
	}
	for i, v := range s.BalanceLeftPct {
		if v <= 0 || v >= 100 {
			s.BalanceLeftPct[i] = math.NaN()
		}
	}
	sum := &a.Summary
	for _, f := range []*float64{&sum.AvgHeartRateBPM, &sum.MaxHeartRateBPM, &sum.AvgCadenceSPM,
		&sum.AvgStanceTimeMs, &sum.AvgVertOscCm, &sum.AvgVertRatioPct, &sum.AvgStepLengthM, &sum.AvgPowerW} {
		if *f <= 0 {
			*f = math.NaN()
		}
	}
	if b := sum.AvgBalanceLeftPct; b <= 0 || b >= 100 {
		sum.AvgBalanceLeftPct = math.NaN()
	}
}

// footSport reports whether cadence of the sport is a step rate whose 0
// means "no sensor" (running, walking, hiking, and not yet known).
func footSport(sp Sport) bool {
	return sp.IsRunning() || sp == SportWalking || sp == SportHiking || sp == SportUnknown || sp == ""
}

// movingFigures are the sample figures that follow the moving timeline.
type movingFigures struct {
	movingS, movedM float64 // moving seconds; metres moved (NaN without any)
	weights         []float64
	buf             *[]float64 // the pooled buffer holding weights
}

// release gives the weights' buffer back to meanBuffers; m's weights are
// not to be used after.
func (m *movingFigures) release() {
	*m.buf = m.weights[:0]
	meanBuffers.Put(m.buf)
	m.weights, m.buf = nil, nil
}

// moving walks the timeline once: moving seconds, metres moved, and each
// sample's weight in the averages (the moving seconds of the interval
// ending at it, as a device averages second by second). The weights come
// from meanBuffers: release gives them back.
func (a *Activity) moving() movingFigures {
	n := a.Samples.Len()
	bp := meanBuffers.Get().(*[]float64)
	w := (*bp)[:0]
	if cap(w) < n {
		w = make([]float64, n)
	}
	w = w[:n]
	if n > 0 {
		w[0] = 0
	}
	m := movingFigures{movedM: math.NaN(), weights: w, buf: bp}
	tl := a.Timeline()
	for i := 1; i < n; i++ {
		dt, d, _ := tl.Step(i)
		m.movingS += dt
		m.weights[i] = dt
		if !math.IsNaN(d) {
			if math.IsNaN(m.movedM) {
				m.movedM = 0
			}
			m.movedM += d
		}
	}
	return m
}

// movingMean is the mean of the values of v weighted by moving time,
// absent values left out; the plain mean of the values when none of them
// falls in moving time (a single sample); NaN without values.
func movingMean(v, w []float64) float64 {
	var sum, wsum, plain float64
	n := 0
	for i, x := range v {
		if math.IsNaN(x) {
			continue
		}
		sum += x * w[i]
		wsum += w[i]
		plain += x
		n++
	}
	switch {
	case wsum > 0:
		return sum / wsum
	case n > 0:
		return plain / float64(n)
	}
	return math.NaN()
}

// climbs sums altitude gains and losses with climbHysteresisM hysteresis,
// segment by segment (the altitude across a device pause is not a climb):
// a change counts, in full, once the altitude has moved that much from the
// last counted point, so sensor noise smaller than the threshold adds
// nothing. NaN, NaN without altitude.
func climbs(alt []float64, resumes []int) (up, down float64) {
	ref, any, k := math.NaN(), false, 0
	for i, x := range alt {
		for k < len(resumes) && resumes[k] < i {
			k++
		}
		if k < len(resumes) && resumes[k] == i {
			ref = math.NaN()
		}
		if math.IsNaN(x) {
			continue
		}
		any = true
		switch {
		case math.IsNaN(ref):
			ref = x
		case x-ref >= climbHysteresisM:
			up += x - ref
			ref = x
		case ref-x >= climbHysteresisM:
			down += ref - x
			ref = x
		}
	}
	if !any {
		return math.NaN(), math.NaN()
	}
	return up, down
}

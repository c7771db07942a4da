package analysis

import (
	"math"
	"sync"

	"github.com/itbcheck/itbcheck/ingest"
)

// Track detection.
//
// The GPS path is resampled every trackStepM metres. From each point, the
// point 370–480 m further along that comes closest to it (within
// trackCloseM) closes a candidate lap. The lap counts as a lap of a 400 m
// track only when its shape is a stadium (two straights joined by two
// half-circles) of track size: in the lap's principal axes it is 145–195 m
// long and 60–105 m wide (lane 1 is about 158 × 74 m, lane 8 about 175 ×
// 91 m), its length is within 10 % of that stadium's perimeter, and the
// points lie within trackFitRMSM (RMS) of the stadium's outline. City blocks
// fail the outline (their corners are 15 m or more off a stadium), out-and-
// backs and open road runs never close a lap of that length with that area.
// Positions are smoothed exponentially over trackSmoothS seconds first.
// The turning direction is the sign of the lap's enclosed (shoelace) area:
// positive is counter-clockwise. Laps are counted greedily, so a partial
// last lap is not counted.
const (
	trackStepM   = 5.0
	trackSmoothS = 2.0
	// trackMaxSpeedMS is faster than any runner: a position moving faster
	// is a GPS jump and breaks the path (it also bounds the work per sample).
	trackMaxSpeedMS = 12.0
	trackMinLapM    = 370.0
	trackMaxLapM    = 480.0
	trackCloseM     = 25.0
	trackMinLongM   = 145.0
	trackMaxLongM   = 195.0
	trackMinWideM   = 60.0
	trackMaxWideM   = 105.0
	trackPerimTol   = 0.10
	trackFitRMSM    = 4.0
	metresPerDegLa  = earthRadiusM * math.Pi / 180
)

type point struct{ x, y float64 }

// chains recycles trackKm's resampled paths between runs.
var chains = sync.Pool{New: func() any { return new([]point) }}

// dist2 is the squared distance between p and q.
func dist2(p, q point) float64 {
	dx, dy := p.x-q.x, p.y-q.y
	return dx*dx + dy*dy
}

// trackKm returns the km run on a track oval clockwise and counter-clockwise.
func trackKm(s *ingest.Samples) (cwKm, ccwKm float64) {
	lat0, lon0 := math.NaN(), math.NaN()
	for i := range s.LatDeg {
		if !math.IsNaN(s.LatDeg[i]) && !math.IsNaN(s.LonDeg[i]) {
			lat0, lon0 = s.LatDeg[i], s.LonDeg[i]
			break
		}
	}
	if math.IsNaN(lat0) {
		return math.NaN(), math.NaN()
	}
	kx := metresPerDegLa * math.Cos(lat0*math.Pi/180)
	proj := func(i int) point {
		return point{(s.LonDeg[i] - lon0) * kx, (s.LatDeg[i] - lat0) * metresPerDegLa}
	}
	var cw, ccw float64
	cp := chains.Get().(*[]point)
	defer chains.Put(cp)
	chain := (*cp)[:0]
	defer func() { *cp = chain[:0] }()
	var sp point // smoothed position
	acc := 0.0   // metres walked since the last resampled point
	lastDt, f := math.NaN(), 0.0
	for i := 1; i < s.Len(); i++ {
		dt := s.ElapsedS[i] - s.ElapsedS[i-1]
		ok := dt > 0 && dt <= MaxSampleGapS &&
			!math.IsNaN(s.LatDeg[i]+s.LonDeg[i]+s.LatDeg[i-1]+s.LonDeg[i-1])
		if !ok {
			a, b := detectLaps(chain)
			cw, ccw = cw+a, ccw+b
			chain, acc = chain[:0], 0
			continue
		}
		if len(chain) == 0 {
			sp = proj(i - 1)
			chain = append(chain, sp)
		}
		// Exponential smoothing (time constant trackSmoothS) damps GPS
		// jitter, which would otherwise lengthen every lap.
		q, p := sp, proj(i)
		if jump := trackMaxSpeedMS*dt + trackCloseM; dist2(p, q) > jump*jump {
			// A GPS jump, not running: break the chain here.
			a, b := detectLaps(chain)
			cw, ccw = cw+a, ccw+b
			chain, acc = chain[:0], 0
			continue
		}
		if dt != lastDt { // samples are evenly spaced: one Exp per run, not per sample
			lastDt, f = dt, 1-math.Exp(-dt/trackSmoothS)
		}
		p = point{q.x + (p.x-q.x)*f, q.y + (p.y-q.y)*f}
		sp = p
		dl := math.Sqrt(dist2(p, q))
		t := 0.0
		for acc+(dl-t) >= trackStepM {
			t += trackStepM - acc
			f := t / dl
			chain = append(chain, point{q.x + (p.x-q.x)*f, q.y + (p.y-q.y)*f})
			acc = 0
		}
		acc += dl - t
	}
	a, b := detectLaps(chain)
	return (cw + a) / 1000, (ccw + b) / 1000
}

// detectLaps finds track laps along a resampled chain and returns the metres
// run on them clockwise and counter-clockwise.
func detectLaps(chain []point) (cwM, ccwM float64) {
	minSteps, maxSteps := int(trackMinLapM/trackStepM), int(trackMaxLapM/trackStepM)
	for k := 0; k+minSteps < len(chain); {
		// Squared distances: no square root in this, the hottest loop.
		best, bestD2 := -1, trackCloseM*trackCloseM
		for j := k + minSteps; j <= k+maxSteps && j < len(chain); j++ {
			d2 := dist2(chain[j], chain[k])
			if d2 <= bestD2 {
				best, bestD2 = j, d2
				continue
			}
			// Consecutive points of a chain are at most trackStepM apart, so
			// from a point D metres away the next ones stay beyond
			// trackCloseM for (D-trackCloseM)/trackStepM steps: skip them (one
			// step short, for rounding). On a road run this ends the search
			// at once.
			if d2 > 4*trackCloseM*trackCloseM {
				j += int((math.Sqrt(d2)-trackCloseM)/trackStepM) - 1
			}
		}
		if best < 0 {
			k++
			continue
		}
		area, ok := trackLap(chain[k : best+1])
		if !ok {
			k++
			continue
		}
		lapM := float64(best-k) * trackStepM
		if area > 0 {
			ccwM += lapM
		} else {
			cwM += lapM
		}
		k = best
	}
	return cwM, ccwM
}

// trackLap tests whether a closed lap has a track's stadium shape and
// returns its signed area (positive counter-clockwise).
func trackLap(lap []point) (area float64, ok bool) {
	n := float64(len(lap))
	var mx, my float64
	for i, p := range lap {
		mx += p.x
		my += p.y
		q := lap[(i+1)%len(lap)]
		area += p.x*q.y - q.x*p.y
	}
	area /= 2
	mx, my = mx/n, my/n
	var cxx, cyy, cxy float64
	for _, p := range lap {
		dx, dy := p.x-mx, p.y-my
		cxx += dx * dx
		cyy += dy * dy
		cxy += dx * dy
	}
	th := 0.5 * math.Atan2(2*cxy, cxx-cyy)
	ux, uy := math.Cos(th), math.Sin(th)
	minU, maxU, minV, maxV := math.Inf(1), math.Inf(-1), math.Inf(1), math.Inf(-1)
	for _, p := range lap {
		dx, dy := p.x-mx, p.y-my
		u, v := dx*ux+dy*uy, -dx*uy+dy*ux
		minU, maxU = math.Min(minU, u), math.Max(maxU, u)
		minV, maxV = math.Min(minV, v), math.Max(maxV, v)
	}
	long, wide := maxU-minU, maxV-minV
	if long < trackMinLongM || long > trackMaxLongM || wide < trackMinWideM || wide > trackMaxWideM {
		return 0, false
	}
	r := wide / 2
	half := (long - wide) / 2
	perim := 4*half + 2*math.Pi*r
	closeM := math.Hypot(lap[len(lap)-1].x-lap[0].x, lap[len(lap)-1].y-lap[0].y)
	if lapM := (n-1)*trackStepM + closeM; math.Abs(lapM-perim) > trackPerimTol*perim {
		return 0, false
	}
	cu, cv := (minU+maxU)/2, (minV+maxV)/2
	var ss float64
	for _, p := range lap {
		dx, dy := p.x-mx, p.y-my
		u, v := dx*ux+dy*uy-cu, -dx*uy+dy*ux-cv
		du := math.Max(math.Abs(u)-half, 0)
		d := math.Hypot(du, v) - r
		ss += d * d
	}
	if math.Sqrt(ss/n) > trackFitRMSM {
		return 0, false
	}
	return area, true
}

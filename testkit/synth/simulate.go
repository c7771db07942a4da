package synth

import (
	"math"
	"math/rand/v2"
)

// Home positions of the synthetic athletes: the road runs start here, the
// track sits a few kilometres away.
const (
	homeLatDeg   = 47.3700
	homeLonDeg   = 8.5400
	trackLatDeg  = 47.3905
	trackLonDeg  = 8.5105
	trackTurn    = 17 * math.Pi / 180 // the track's home straight points 17° east of north
	metresPerDeg = 111_320.0
	baseAltM     = 420.0
)

// sample is one simulated record in physical units (before FIT scaling).
type sample struct {
	t         int     // seconds since start
	distM     float64 // cumulative distance
	speedMS   float64
	hrBPM     float64
	cadence   float64 // steps/min for runs, rpm for rides
	altM      float64
	latDeg    float64
	lonDeg    float64
	stanceMs  float64
	balanceL  float64
	vertOscCm float64
	vertRatio float64
	stepLenM  float64
}

// simulate produces the records of a run. The noise comes from a PCG source
// seeded with the spec's Seed, so a spec always gives the same samples.
func simulate(r RunSpec) []sample {
	rng := rand.New(rand.NewPCG(r.Seed, 0x17b5))
	totalM := r.Distance() * 1000
	v0 := 1000 / (r.PaceMinPerKm * 60)
	dt := r.interval()
	run := r.IsRun()
	phase := rng.Float64() * 2 * math.Pi
	heading := rng.Float64() * 2 * math.Pi
	drift := 1.0
	if r.BalanceLeftPct < 50 {
		drift = -1
	}

	var out []sample
	var x, y float64 // road position in metres east/north of home
	speedDev := 0.0  // AR(1) speed deviation, fraction of v0
	d := 0.0
	for t := 0; ; t += dt {
		frac := d / totalM
		v := v0 * (1 + speedDev)
		if r.ClimbM > 0 || r.RepM > 0 {
			v *= speedShape(r, d, totalM)
		}
		s := sample{t: t, distM: d, speedMS: v}
		// Heart rate: rises with speed and with cardiac drift over the run.
		// A ride's speed is no running effort: it beats as an easy run's
		// (about 3 m/s) would, never above what a uint8 heart rate holds.
		effort := v
		if !run {
			effort = math.Min(v, 3)
		}
		s.hrBPM = 95 + 20*effort + 10*frac + rng.NormFloat64()*1.5
		if t < 180 { // warm-up: HR climbs over the first three minutes
			s.hrBPM -= 25 * (1 - float64(t)/180)
		}
		if run {
			in := ramp(frac)
			if r.CadenceFadeFrom > 0 {
				in = math.Min(1, math.Max(0, (frac-r.CadenceFadeFrom)/0.03))
			}
			fade := 1 + in*r.CadenceFadePct/100
			s.cadence = r.CadenceSPM*fade + 12*(v-v0) + rng.NormFloat64()*1.2
		} else {
			s.cadence = 85 + rng.NormFloat64()*3
		}
		s.altM = altitude(r, d, totalM, phase)
		switch {
		case r.TrackLaps > 0:
			s.latDeg, s.lonDeg = trackPosition(d, r.TrackClockwise)
		case r.sport() == SportTreadmill:
			s.latDeg, s.lonDeg = math.NaN(), math.NaN()
		default:
			s.latDeg = homeLatDeg + (y+rng.NormFloat64()*0.5)/metresPerDeg
			s.lonDeg = homeLonDeg + (x+rng.NormFloat64()*0.5)/(metresPerDeg*math.Cos(homeLatDeg*math.Pi/180))
		}
		if r.Dynamics && run {
			gct, bal := sensorBias(r.Sensor)
			s.stanceMs = 275 - 45*(v-2.5) + gct + rng.NormFloat64()*4
			s.balanceL = r.BalanceLeftPct + bal + drift*ramp(frac)*r.BalanceDriftPP + rng.NormFloat64()*0.35
			s.vertOscCm = 8.8 - 0.3*(v-2.8) + rng.NormFloat64()*0.2
			s.stepLenM = v * 60 / s.cadence
			s.vertRatio = s.vertOscCm / s.stepLenM
		}
		out = append(out, s)
		if d >= totalM {
			break
		}
		// Advance: the speed wanders (AR(1), ~2 % SD) around the mean pace.
		speedDev = 0.9*speedDev + rng.NormFloat64()*0.009
		step := v * float64(dt)
		if d+step > totalM {
			step = totalM - d
		}
		h := heading + 1.1*math.Sin(2*math.Pi*d/4100) + 0.5*math.Sin(2*math.Pi*d/1700+phase)
		x += step * math.Sin(h)
		y += step * math.Cos(h)
		d += step
	}
	return out
}

// speedShape is the factor on the mean speed at distance d of a mountain
// run (slower uphill, faster downhill) or an interval session (repeats
// fast, recoveries slow); 1 for other runs.
func speedShape(r RunSpec, d, totalM float64) float64 {
	f := 1.0
	if r.ClimbM > 0 {
		grade := r.ClimbM / (totalM / 2)
		if d < totalM/2 {
			f *= math.Max(0.55, 1-2.5*grade)
		} else {
			f *= math.Min(1.25, 1+1.2*grade)
		}
	}
	if r.RepM > 0 {
		if math.Mod(d, r.RepM+r.RecoveryM) < r.RepM {
			f *= 1.2
		} else {
			f *= 0.8
		}
	}
	return f
}

// ramp is 0 over the first third of a run, rises linearly over the middle
// third and is 1 over the last third: a change applied with it makes the
// last third differ from the first by exactly the full amount.
func ramp(frac float64) float64 {
	return math.Min(1, math.Max(0, 3*frac-1))
}

// altitude gives a smooth (barometric-like) profile: gentle rolling terrain,
// plus a constant-grade descent of r.DescentM over the whole run. The
// rolling part stays flatter than the descent grade, so a downhill run never
// climbs.
func altitude(r RunSpec, d, totalM, phase float64) float64 {
	if r.TrackLaps > 0 || r.sport() == SportTreadmill {
		return baseAltM - 10
	}
	rolling := 4 * math.Sin(2*math.Pi*d/1300+phase)
	if r.DescentM > 0 {
		rolling *= 0.5
	}
	climb := 0.0
	if r.ClimbM > 0 {
		climb = r.ClimbM * (1 - math.Abs(2*d/totalM-1))
		rolling *= 0.5
	}
	return baseAltM + r.DescentM*(1-d/totalM) + climb + rolling
}

// trackPosition places distance d (metres from the start line at the
// beginning of the home straight) on the lane-1 line of the oval.
func trackPosition(d float64, clockwise bool) (latDeg, lonDeg float64) {
	x, y := ovalXY(math.Mod(d, TrackLapM))
	if clockwise {
		x = -x
	}
	// Rotate the track and convert metres to degrees.
	c, s := math.Cos(trackTurn), math.Sin(trackTurn)
	east := x*c + y*s
	north := -x*s + y*c
	return trackLatDeg + north/metresPerDeg,
		trackLonDeg + east/(metresPerDeg*math.Cos(trackLatDeg*math.Pi/180))
}

// ovalXY gives the position (metres east, north of the track centre) at
// distance s along a counter-clockwise lap: up the east straight, round the
// north bend, down the west straight, round the south bend.
func ovalXY(s float64) (x, y float64) {
	const rad, half = trackLineRadiusM, TrackStraightM / 2
	bend := math.Pi * rad
	switch {
	case s < TrackStraightM:
		return rad, -half + s
	case s < TrackStraightM+bend:
		a := (s - TrackStraightM) / rad
		return rad * math.Cos(a), half + rad*math.Sin(a)
	case s < 2*TrackStraightM+bend:
		return -rad, half - (s - TrackStraightM - bend)
	default:
		a := math.Pi + (s-2*TrackStraightM-bend)/rad
		return rad * math.Cos(a), -half + rad*math.Sin(a)
	}
}

// sensorBias is how a step sensor reads ground contact time (ms) and GCT
// balance (percentage points to the left) beside wrist-based dynamics, for
// the same stride: about what a runner sees after pairing a chest strap
// (issue 23: HRM-Pro +1.2 pp balance, -15 ms GCT) or a pod.
func sensorBias(s Sensor) (gctMs, balancePP float64) {
	switch s {
	case SensorHRMPro:
		return -15, 1.2
	case SensorRDPod, SensorCorosPod:
		return -10, 0.8
	}
	return 0, 0
}

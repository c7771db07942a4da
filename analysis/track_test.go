package analysis

import (
	"math"
	"math/rand/v2"
	"testing"
)

// detectLapsNaive is detectLaps without the skip ahead: every candidate
// lap end is measured.
func detectLapsNaive(chain []point) (cwM, ccwM float64) {
	minSteps, maxSteps := int(trackMinLapM/trackStepM), int(trackMaxLapM/trackStepM)
	for k := 0; k+minSteps < len(chain); {
		best, bestD := -1, trackCloseM
		for j := k + minSteps; j <= k+maxSteps && j < len(chain); j++ {
			if d := math.Hypot(chain[j].x-chain[k].x, chain[j].y-chain[k].y); d <= bestD {
				best, bestD = j, d
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

// TestDetectLapsSkipExact checks that skipping candidates that cannot be
// within trackCloseM changes nothing, on track laps, road runs and
// wandering paths resampled every trackStepM as trackKm resamples them.
func TestDetectLapsSkipExact(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	// walk steps at most trackStepM at a time, heading as a function of
	// the distance walked so far.
	walk := func(heading func(distM float64) float64, n int) []point {
		chain := []point{{}}
		dist := 0.0
		for i := 1; i < n; i++ {
			h := heading(dist)
			step := trackStepM * (0.9 + 0.1*rng.Float64())
			p := chain[i-1]
			chain = append(chain, point{p.x + step*math.Cos(h), p.y + step*math.Sin(h)})
			dist += step
		}
		return chain
	}
	// oval is the heading on a 400 m track: straights of 84.39 m and
	// half-circles of radius 36.8 m.
	oval := func(d float64) float64 {
		const straight, bend = 84.39, math.Pi * 36.8
		s := math.Mod(d, 2*(straight+bend))
		switch {
		case s < straight:
			return 0
		case s < straight+bend:
			return math.Pi * (s - straight) / bend
		case s < 2*straight+bend:
			return math.Pi
		default:
			return math.Pi + math.Pi*(s-2*straight-bend)/bend
		}
	}
	cases := map[string][]point{
		"track ccw":  walk(oval, 2000),
		"track cw":   walk(func(d float64) float64 { return -oval(d) }, 2000),
		"road":       walk(func(float64) float64 { return 0.3 }, 2000),
		"wandering":  walk(func(d float64) float64 { return math.Sin(d/200) * 3 }, 3000),
		"random":     walk(func(float64) float64 { return 2 * math.Pi * rng.Float64() }, 3000),
		"out-back":   walk(func(d float64) float64 { return map[bool]float64{true: 0, false: math.Pi}[d < 4000] }, 2000),
		"small loop": walk(func(d float64) float64 { return d * 2 * math.Pi / 300 }, 2000),
	}
	for name, chain := range cases {
		cw, ccw := detectLaps(chain)
		wcw, wccw := detectLapsNaive(chain)
		if cw != wcw || ccw != wccw {
			t.Errorf("%s: detectLaps %v cw %v ccw, naive %v cw %v ccw", name, cw, ccw, wcw, wccw)
		}
		t.Logf("%s: %.0f m clockwise, %.0f m counter-clockwise", name, cw, ccw)
		if name == "track ccw" && ccw == 0 {
			t.Errorf("%s: no lap found; the case tests nothing", name)
		}
	}
}

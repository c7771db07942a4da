package ingest

import (
	"math"
	"math/rand/v2"
	"testing"
)

// haversineRef is haversineM as first written, each sine and cosine
// computed where the formula names it.
func haversineRef(lat1, lon1, lat2, lon2 float64) float64 {
	const r = 6371008.8
	rad := math.Pi / 180
	dLat, dLon := (lat2-lat1)*rad, (lon2-lon1)*rad
	h := math.Sin(dLat/2)*math.Sin(dLat/2) + math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dLon/2)*math.Sin(dLon/2)
	return 2 * r * math.Asin(math.Min(1, math.Sqrt(h)))
}

// TestHaversineCosSame checks that a track's distances, computed with each
// latitude's cosine once, are the formula's to the bit: for steps of a run
// (metres), long jumps, antipodes and the poles.
func TestHaversineCosSame(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	const n = 20000
	a := &Activity{}
	s := &a.Samples
	lat, lon := 47.3, 8.5
	for i := range n {
		switch i % 1000 {
		case 500:
			lat, lon = rng.Float64()*180-90, rng.Float64()*360-180 // a jump
		case 700:
			lat, lon = -lat, lon+180 // antipode
			if lon > 180 {
				lon -= 360
			}
		case 900:
			lat = 90
		default:
			lat += (rng.Float64() - 0.5) * 1e-4
			lon += (rng.Float64() - 0.5) * 1e-4
			lat = max(-90, min(90, lat))
		}
		p := EmptySample()
		p.LatDeg, p.LonDeg, p.ElapsedS = lat, lon, float64(i)
		if i%777 == 3 {
			p.LatDeg = math.NaN() // no position
		}
		s.Append(p)
	}
	a.Resumes = []int{5000, 12000}
	fillTrackDistance(a)
	total, prev, next := 0.0, -1, 0
	for i := range s.LatDeg {
		if next < len(a.Resumes) && a.Resumes[next] <= i {
			next++
			if prev >= 0 {
				prev = -2
			}
		}
		if math.IsNaN(s.LatDeg[i]) {
			continue
		}
		if prev >= 0 {
			total += haversineRef(s.LatDeg[prev], s.LonDeg[prev], s.LatDeg[i], s.LonDeg[i])
		}
		if math.Float64bits(s.DistanceM[i]) != math.Float64bits(total) {
			t.Fatalf("point %d: %v m, the formula gives %v", i, s.DistanceM[i], total)
		}
		prev = i
	}
	if total < 1e6 {
		t.Fatalf("total %v m: the jumps were not measured", total)
	}
	for range 100000 {
		la1, lo1 := rng.Float64()*180-90, rng.Float64()*360-180
		la2, lo2 := rng.Float64()*180-90, rng.Float64()*360-180
		if g, w := haversineM(la1, lo1, la2, lo2), haversineRef(la1, lo1, la2, lo2); math.Float64bits(g) != math.Float64bits(w) {
			t.Fatalf("haversineM(%v, %v, %v, %v) = %v, formula %v", la1, lo1, la2, lo2, g, w)
		}
	}
}

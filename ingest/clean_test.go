package ingest

import (
	"fmt"
	"math"
	"strings"
	"testing"
	"time"
)

// gpxPoint is one trkpt of a hand-written GPX: seconds from the start,
// metres north of the origin, heart rate and cadence (strides/min).
type gpxPoint struct {
	s, northM, hr, cad float64
}

// gpxText writes a GPX whose tracks hold segments of points.
func gpxText(tracks ...[][]gpxPoint) string {
	start := time.Date(2026, 5, 5, 7, 0, 0, 0, time.UTC)
	var b strings.Builder
	b.WriteString(`<?xml version="1.0"?><gpx version="1.1" creator="test" xmlns="http://www.topografix.com/GPX/1/1" xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">`)
	for _, trk := range tracks {
		b.WriteString("<trk><type>running</type>")
		for _, seg := range trk {
			b.WriteString("<trkseg>")
			for _, p := range seg {
				fmt.Fprintf(&b, `<trkpt lat="%.8f" lon="8.5"><time>%s</time><extensions><gpxtpx:TrackPointExtension><gpxtpx:hr>%g</gpxtpx:hr><gpxtpx:cad>%g</gpxtpx:cad></gpxtpx:TrackPointExtension></extensions></trkpt>`,
					47+p.northM/111195, start.Add(time.Duration(p.s*float64(time.Second))).Format(time.RFC3339), p.hr, p.cad)
			}
			b.WriteString("</trkseg>")
		}
		b.WriteString("</trk>")
	}
	b.WriteString("</gpx>")
	return b.String()
}

// line is n+1 points every dt seconds at speed m/s from (t0, d0).
func line(t0, d0, dt, speed float64, n int, hr, cad float64) []gpxPoint {
	var ps []gpxPoint
	for i := 0; i <= n; i++ {
		ps = append(ps, gpxPoint{t0 + float64(i)*dt, d0 + float64(i)*dt*speed, hr, cad})
	}
	return ps
}

func readOne(t *testing.T, name, text string) *Activity {
	t.Helper()
	acts, err := NewReader(strings.NewReader(text), name, Options{}).ReadAll()
	if err != nil || len(acts) != 1 {
		t.Fatalf("%s: %d activities, %v", name, len(acts), err)
	}
	return acts[0]
}

func near(t *testing.T, what string, got, want, tol float64) {
	t.Helper()
	if math.IsNaN(got) != math.IsNaN(want) || (!math.IsNaN(want) && math.Abs(got-want) > tol) {
		t.Errorf("%s = %.3f, want %.3f (±%g)", what, got, want, tol)
	}
}

// Issue 13 item 7: tracks and segments are summed one by one; the line
// between the end of one and the start of the next is not distance, and
// the time between them is a pause.
func TestGPXSegmentsSummedApart(t *testing.T) {
	// Two tracks, the first with two segments; each segment 100 s at
	// 3 m/s; the second segment starts 2 km away, the second track 5 km.
	text := gpxText(
		[][]gpxPoint{line(0, 0, 1, 3, 100, 150, 85), line(400, 2000, 1, 3, 100, 150, 85)},
		[][]gpxPoint{line(1000, 5000, 1, 3, 100, 150, 85)},
	)
	a := readOne(t, "segments.gpx", text)
	near(t, "distance m", a.Summary.DistanceM, 900, 2)
	near(t, "duration s", a.Summary.DurationS, 300, 0.5)
	near(t, "elapsed s", a.Summary.ElapsedS, 1100, 0.5)
	if len(a.Resumes) != 2 || a.Resumes[0] != 101 || a.Resumes[1] != 202 {
		t.Errorf("resumes = %v, want [101 202]", a.Resumes)
	}
}

// Issue 13 item 2: smart recording (a point every 1–20 s with movement in
// between) is moving time; a long gap without movement is a pause.
func TestSmartRecordingIsNotAPause(t *testing.T) {
	var seg []gpxPoint
	tt, d := 0.0, 0.0
	for i, dt := range []float64{0, 3, 17, 20, 12, 1, 15, 19, 20, 11} {
		tt, d = tt+dt, d+3*dt
		seg = append(seg, gpxPoint{tt, d, 150 + float64(i%2), 85})
	}
	// standing 90 s at a light (a metre of GPS drift), then on at 3 m/s
	moving := tt
	seg = append(seg, gpxPoint{tt + 90, d + 1, 120, 0})
	tt, d = tt+90, d+1
	for _, dt := range []float64{15, 18} {
		tt, d = tt+dt, d+3*dt
		seg = append(seg, gpxPoint{tt, d, 150, 85})
		moving += dt
	}
	a := readOne(t, "smart.gpx", gpxText([][]gpxPoint{seg}))
	near(t, "duration s", a.Summary.DurationS, moving, 0.5)
	near(t, "elapsed s", a.Summary.ElapsedS, tt, 0.5)
	near(t, "avg speed m/s", a.Summary.AvgSpeedMS, 3, 0.05)
	// the 0 cadence at the light is a missing value, not a step rate
	near(t, "cadence spm", a.Summary.AvgCadenceSPM, 170, 0.01)
}

// Issue 13 item 3: no "running only" subset: the walk breaks of a run
// count in its averages, as the watch's own session averages count them.
func TestAveragesKeepWalkBreaks(t *testing.T) {
	run := line(0, 0, 1, 3, 60, 160, 85)
	walk := line(61, 183, 1, 1.2, 59, 120, 55) // 1.2 m/s, 110 spm
	a := readOne(t, "walkbreak.gpx", gpxText([][]gpxPoint{append(run, walk...)}))
	near(t, "cadence spm", a.Summary.AvgCadenceSPM, (60*170+60*110)/120.0, 0.01)
	near(t, "heart rate", a.Summary.AvgHeartRateBPM, (60*160+60*120)/120.0, 0.01)
}

// Issue 13 item 4: a 0 from a missing sensor is absent, in the samples and
// in the summary; a 0 % left balance is impossible.
func TestZeroSensorValuesAreAbsent(t *testing.T) {
	a := &Activity{Sport: SportRunning, Summary: EmptySummary()}
	a.Summary.AvgStanceTimeMs, a.Summary.AvgBalanceLeftPct, a.Summary.AvgVertOscCm = 0, 0, 0
	a.Summary.AvgHeartRateBPM, a.Summary.AvgCadenceSPM = 0, 0
	for i := 0; i < 3; i++ {
		p := EmptySample()
		p.ElapsedS, p.HeartRateBPM, p.CadenceSPM, p.StanceTimeMs, p.BalanceLeftPct, p.VertOscCm = float64(i), 0, 0, 0, 0, 0
		a.Samples.Append(p)
	}
	a.fillFromSamples()
	for _, c := range []Channel{ChanHeartRate, ChanCadence, ChanStanceTime, ChanStanceTimeBalance, ChanVerticalOscillation} {
		if a.Channels.Has(c) {
			t.Errorf("channel %v listed although every value is 0", Channels(c))
		}
	}
	s := a.Summary
	for name, v := range map[string]float64{"stance": s.AvgStanceTimeMs, "balance": s.AvgBalanceLeftPct,
		"osc": s.AvgVertOscCm, "hr": s.AvgHeartRateBPM, "cadence": s.AvgCadenceSPM} {
		if !math.IsNaN(v) {
			t.Errorf("summary %s = %v, want absent", name, v)
		}
	}
	// cycling cadence 0 is a real (coasting) value in the samples
	b := &Activity{Sport: SportCycling, Summary: EmptySummary()}
	p := EmptySample()
	p.CadenceSPM = 0
	b.Samples.Append(p)
	b.fillFromSamples()
	if !b.Channels.Has(ChanCadence) {
		t.Error("cycling cadence 0 dropped")
	}
}

// TCX: the device's pauses are in the laps' TotalTimeSeconds, so the
// duration is their sum even when the trackpoints run on.
func TestTCXDurationFromLaps(t *testing.T) {
	text := strings.Replace(makeTCX(120, "Running"), "<TotalTimeSeconds>119</TotalTimeSeconds>", "<TotalTimeSeconds>100.5</TotalTimeSeconds>", 1)
	a := readOne(t, "laps.tcx", text)
	near(t, "duration s", a.Summary.DurationS, 100.5, 1e-9)
	near(t, "elapsed s", a.Summary.ElapsedS, 119, 1e-9)
}

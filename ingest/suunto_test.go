package ingest

import (
	"bytes"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// suuntoFixtures is where the real Suunto files live, outside the
// repository (their licence is not stated where they come from): see
// /work/fixtures/suunto/MANIFEST.
func suuntoFixtures(t *testing.T) string {
	dir := os.Getenv("ITBCHECK_SUUNTO_FIXTURES")
	if dir == "" {
		dir = "/work/fixtures/suunto"
	}
	if _, err := os.Stat(filepath.Join(dir, "MANIFEST")); err != nil {
		if os.Getenv("ITBCHECK_REQUIRE_FIXTURES") == "1" {
			t.Fatalf("Suunto fixtures absent (%v) with ITBCHECK_REQUIRE_FIXTURES=1", err)
		}
		t.Skipf("Suunto fixtures absent (%v): set ITBCHECK_SUUNTO_FIXTURES", err)
	}
	return dir
}

// TestSuuntoPeerRunalyze reads the Suunto test files of Runalyze
// (github.com/Runalyze/Runalyze, tests/testfiles/{sml,xml}, commit
// 5669237a) and compares them with the figures Runalyze's own tests assert
// for them (tests/inc/core/Parser/Activity/FileType/SmlTest.php and
// XmlSuuntoTest.php): start (local wall clock, Europe/Berlin where the
// file gives UTC), distance, duration, energy, and the heart rate that
// Runalyze computes from the samples (mean within 1 bpm: Runalyze
// resamples to whole seconds first). NaN: Runalyze asserts
// nothing. Header figures must agree to the unit Runalyze keeps (duration
// in whole seconds, cut); heart rate and cadence, which Runalyze averages
// over its own one-per-second resampling of the samples (keeping one
// value a second, so a peak between two can be lost), within 2 %. Repeat
// with
//
//	go test ./ingest -run TestSuuntoPeerRunalyze -v
func TestSuuntoPeerRunalyze(t *testing.T) {
	dir := suuntoFixtures(t)
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	n := math.NaN()
	tests := []struct {
		file                            string
		start                           string // local, "2006-01-02 15:04"
		distM, durS, kcal, avgHR, maxHR float64
		cadence                         float64 // mean cadence, steps/min (Runalyze: strides ×2)
		lastDistM                       float64
		laps                            [][2]float64 // duration s, distance m
		positions                       bool
	}{
		{"Suunto-Ambit-reduced.sml", "2014-08-22 10:15", 100, 3773, 752, 100, 113, n, n, nil, true},
		{"Suunto-Ambit-Indoor-reduced.sml", "2014-10-15 15:15", 6060, 3964, 624, 79, 81, n, n, nil, false},
		{"Suunto-Ambit-reduced.xml", "2013-04-28 15:27", 264, 107, 461, 131, 143, n, 264, nil, true},
		{"Suunto-Ambit-with-laps-reduced.xml", "2014-04-26 16:17", 5013, 1551, 361, 111, 123, 172, 85, [][2]float64{{333, 1002}, {316, 1000}}, true},
	}
	t.Logf("%-36s %-9s %10s %10s %8s", "file", "figure", "Runalyze", "itbcheck", "agrees")
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			acts, err := Open(filepath.Join(dir, tt.file), Options{})
			if err != nil || len(acts) != 1 {
				t.Fatalf("%d activities, %v", len(acts), err)
			}
			a := acts[0]
			row := func(figure string, ref, got, tol float64) {
				t.Helper()
				if math.IsNaN(ref) {
					return
				}
				ok := math.Abs(got-ref) <= tol
				t.Logf("%-36s %-9s %10.1f %10.1f %8v", tt.file, figure, ref, got, ok)
				if !ok {
					t.Errorf("%s: %s %.2f, Runalyze %.2f", tt.file, figure, got, ref)
				}
			}
			if got := a.LocalStart(berlin).Format("2006-01-02 15:04"); got != tt.start {
				t.Errorf("start %s, Runalyze %s", got, tt.start)
			}
			t.Logf("%-36s %-9s %10s %10s %8v", tt.file, "start", tt.start, a.LocalStart(berlin).Format("2006-01-02 15:04"), a.LocalStart(berlin).Format("2006-01-02 15:04") == tt.start)
			row("distance", tt.distM, a.Summary.DistanceM, 0.5)
			row("duration", tt.durS, a.Summary.DurationS, 1) // Runalyze keeps whole seconds, cut
			row("energy", tt.kcal, suuntoKcal(a), 0.5)
			row("avg HR", tt.avgHR, timeMean(a, a.Samples.HeartRateBPM), 0.02*tt.avgHR)
			row("max HR", tt.maxHR, sampleMax(a.Samples.HeartRateBPM), 0.02*tt.maxHR)
			row("cadence", tt.cadence, timeMean(a, a.Samples.CadenceSPM), 0.02*tt.cadence)
			if !math.IsNaN(tt.lastDistM) {
				row("last dist", tt.lastDistM, sampleMax(a.Samples.DistanceM), 0.5)
			}
			if got := a.Channels.Has(ChanPosition); got != tt.positions {
				t.Errorf("positions %v, Runalyze %v", got, tt.positions)
			}
			if len(a.Laps) != len(tt.laps) {
				t.Fatalf("%d laps, Runalyze %d", len(a.Laps), len(tt.laps))
			}
			for i, l := range tt.laps {
				row("lap time", l[0], a.Laps[i].DurationS, 0.5)
				row("lap dist", l[1], a.Laps[i].DistanceM, 0.5)
			}
		})
	}
}

// suuntoKcal reads back the energy note.
func suuntoKcal(a *Activity) float64 {
	for _, n := range a.Notes {
		var k float64
		if _, err := fmt.Sscanf(n, "energy %f kcal", &k); err == nil {
			return k
		}
	}
	return math.NaN()
}

// sampleMax is the largest value present (NaN when none).
func sampleMax(v []float64) float64 {
	m := math.NaN()
	for _, x := range v {
		if !math.IsNaN(x) && (math.IsNaN(m) || x > m) {
			m = x
		}
	}
	return m
}

// timeMean is the mean of a channel over time: each value weighted by the
// seconds until the next sample holding one, as Runalyze averages its
// per-second series.
func timeMean(a *Activity, v []float64) float64 {
	sum, w, prev := 0.0, 0.0, -1
	for i, x := range v {
		if math.IsNaN(x) {
			continue
		}
		if prev >= 0 {
			dt := a.Samples.ElapsedS[i] - a.Samples.ElapsedS[prev]
			sum += v[prev] * dt
			w += dt
		}
		prev = i
	}
	return sum / w
}

// makeSML writes a Suunto .sml log of n one-second samples of a run at
// 3 m/s, 2.5 Hz heart rate (150 bpm) and 1.4 Hz cadence (84 strides/min,
// 168 steps/min), a GPS sample every 4 s at 47.37° N 8.54° E (in
// radians), and the header's totals; DateTime local at UTC+2.
func makeSML(n int) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="utf-8"?>
<sml xmlns="http://www.suunto.com/schemas/sml">
 <DeviceLog>
  <Header>
   <Duration>` + strconv.Itoa(n) + `</Duration>
   <Distance>` + strconv.Itoa(3*n) + `</Distance>
   <Energy>418400</Energy>
   <HR><Avg>2.5</Avg><Max>2.6</Max></HR>
   <Cadence><Avg>1.4</Avg></Cadence>
   <ActivityType>3</ActivityType>
   <Activity>Running</Activity>
   <DateTime>2014-08-22T10:15:00</DateTime>
  </Header>
  <Device><Name>Suunto Ambit3 Peak</Name></Device>
  <Samples>
   <Sample><UTC>2014-08-22T08:15:00Z</UTC><Time>0</Time><Events><Pause><State>False</State></Pause></Events></Sample>
`)
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "   <Sample><HR>2.5</HR><Cadence>1.4</Cadence><Distance>%d</Distance><Speed>3</Speed><Altitude>420</Altitude><Time>%d</Time><SampleType>periodic</SampleType></Sample>\n", 3*i, i)
		if i%4 == 0 {
			fmt.Fprintf(&b, "   <Sample><Latitude>%.12f</Latitude><Longitude>%.12f</Longitude><Time>%d.5</Time><SampleType>gps-small</SampleType></Sample>\n",
				47.37*math.Pi/180, 8.54*math.Pi/180, i)
		}
	}
	b.WriteString("  </Samples>\n </DeviceLog>\n</sml>\n")
	return b.String()
}

// makeMoveslink writes the same run as Moveslink's .xml: a header and
// samples, two root elements, the DateTime in UTC.
func makeMoveslink(n int) string {
	s := makeSML(n)
	s = strings.Replace(s, `<sml xmlns="http://www.suunto.com/schemas/sml">`+"\n <DeviceLog>\n  <Header>", "<header>", 1)
	s = strings.Replace(s, "  </Header>", "</header>", 1)
	s = strings.Replace(s, "<DateTime>2014-08-22T10:15:00</DateTime>", "<DateTime>2014-08-22T08:15:00Z</DateTime>", 1)
	s = strings.Replace(s, "  <Samples>", "<samples>", 1)
	s = strings.Replace(s, "  </Samples>\n </DeviceLog>\n</sml>\n", "</samples>\n", 1)
	s = strings.ReplaceAll(s, "<Sample>", "<sample>")
	return strings.ReplaceAll(s, "</Sample>", "</sample>")
}

// TestSuuntoUnits reads Suunto's units: heart rate and cadence in Hz
// (cadence of a run in strides, doubled), positions in radians, energy in
// joules, the local offset from SML's zone-less DateTime and the first
// sample's UTC, through the format table (content sniffing, and the
// names Moveslink gives its logs).
func TestSuuntoUnits(t *testing.T) {
	for _, c := range []struct{ name, doc string }{
		{"run.sml", makeSML(60)},
		{"log-64B2095121000A00-2014-08-22T10_15_00-0.xml", makeMoveslink(60)},
	} {
		t.Run(c.name, func(t *testing.T) {
			if !IsSupportedName(c.name) {
				t.Errorf("%s: not a supported name", c.name)
			}
			acts, err := NewReader(strings.NewReader(c.doc), c.name, Options{}).ReadAll()
			if err != nil || len(acts) != 1 {
				t.Fatalf("%d activities, %v", len(acts), err)
			}
			a := acts[0]
			if a.Format != FormatSuunto || a.Sport != SportRunning || a.Device.String() != "Suunto Ambit3 Peak" {
				t.Errorf("format %s sport %s device %q", a.Format, a.Sport, a.Device)
			}
			if want := time.Date(2014, 8, 22, 8, 15, 0, 0, time.UTC); !a.Start.Equal(want) {
				t.Errorf("start %v, want %v", a.Start, want)
			}
			if strings.HasSuffix(c.name, ".sml") && (!a.HasLocalOffset || a.LocalOffset != 2*time.Hour) {
				t.Errorf("local offset %v (%v), want +2h", a.LocalOffset, a.HasLocalOffset)
			}
			got := map[string]float64{
				"duration": a.Summary.DurationS, "distance": a.Summary.DistanceM, "avg HR": a.Summary.AvgHeartRateBPM,
				"max HR": a.Summary.MaxHeartRateBPM, "avg cadence": a.Summary.AvgCadenceSPM, "energy": suuntoKcal(a),
				"HR": sampleMean(a.Samples.HeartRateBPM), "cadence": sampleMean(a.Samples.CadenceSPM),
				"lat": sampleMean(a.Samples.LatDeg), "lon": sampleMean(a.Samples.LonDeg), "samples": float64(a.Samples.Len()),
			}
			want := map[string]float64{"duration": 60, "distance": 180, "avg HR": 150, "max HR": 156, "avg cadence": 168, "energy": 100,
				"HR": 150, "cadence": 168, "lat": 47.37, "lon": 8.54, "samples": 75}
			for k, w := range want {
				if math.Abs(got[k]-w) > 1e-9*math.Max(1, w) {
					t.Errorf("%s %v, want %v", k, got[k], w)
				}
			}
		})
	}
}

// FuzzSuunto drives the Suunto reader (both dialects).
func FuzzSuunto(f *testing.F) {
	fuzzDecoder(f, func(r *bytes.Reader, n string, o Options, e emitFunc) error { return decodeSuunto(r, n, o, e) },
		makeSML(8), makeMoveslink(5))
}

// TestSuuntoRROnly: Runalyze's Ambit3 file logs heart rate only as R-R
// intervals (no <HR> samples). Runalyze derives heart rate from them (118
// bpm average, 131 maximum, SmlTest.php); itbcheck does not read R-R
// intervals yet, so the run has no heart-rate samples and keeps the
// header's figures (149 and 163 bpm), which the note names.
func TestSuuntoRROnly(t *testing.T) {
	dir := suuntoFixtures(t)
	acts, err := Open(filepath.Join(dir, "Suunto-Ambit3-only-RR-reduced.sml"), Options{})
	if err != nil || len(acts) != 1 {
		t.Fatalf("%d activities, %v", len(acts), err)
	}
	a := acts[0]
	if a.Channels.Has(ChanHeartRate) || math.Round(a.Summary.AvgHeartRateBPM) != 149 || math.Round(a.Summary.MaxHeartRateBPM) != 163 {
		t.Errorf("heart rate: channel %v, header %.1f / %.1f; want none and 149 / 163", a.Channels.Has(ChanHeartRate), a.Summary.AvgHeartRateBPM, a.Summary.MaxHeartRateBPM)
	}
	if !strings.Contains(strings.Join(a.Notes, "; "), "R-R intervals, which are not read") {
		t.Errorf("notes %q do not say the R-R intervals were not read", a.Notes)
	}
}

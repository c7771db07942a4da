package ingest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/itbcheck/itbcheck/testkit/synth"
)

// appleSeason is a small season for the Apple Health tests: three weeks of
// the steady plan at 5 s records, with running dynamics, one run on a
// treadmill, efforts on two runs, a ride, and a strength session.
func appleSeason() synth.Season {
	s := synth.Plan(synth.Steady, synth.WithInterval(5*time.Second))
	s.Weeks = 3
	var runs []synth.RunSpec
	for _, r := range s.Runs {
		if r.Start.Before(s.WeekStart(3)) {
			runs = append(runs, r)
		}
	}
	runs[1].Sport = synth.SportTreadmill
	runs[0].RPE, runs[2].RPE = 4, 7
	ride := runs[3]
	ride.Sport, ride.Start = synth.SportCycling, ride.Start.Add(5*time.Hour)
	s.Runs = append(runs, ride)
	s.Training = []synth.TrainingSpec{{Start: s.WeekStart(1).Add(18 * time.Hour), Kind: synth.TrainingStrength, Minutes: 30}}
	return s
}

// readAll reads path and fails the test on any problem.
func readAllPath(t *testing.T, path string) []*Activity {
	t.Helper()
	var acts []*Activity
	probs := Read(context.Background(), path, Options{}, func(a *Activity) { acts = append(acts, a) })
	for _, p := range probs {
		t.Errorf("problem: %v", p)
	}
	return acts
}

// TestAppleHealthExport reads a generated export as the zip the Health app
// shares, as its unpacked folder, and as export.xml alone, and checks every
// workout's figures against what the generator wrote.
func TestAppleHealthExport(t *testing.T) {
	dir := t.TempDir()
	gen := synth.AppleHealth{Season: appleSeason(), Walks: true, Unrelated: 100_000, Between: true}
	zipPath := filepath.Join(dir, "export.zip")
	want, err := gen.WriteZip(zipPath)
	if err != nil {
		t.Fatal(err)
	}
	xmlPath, _, err := gen.WriteDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	old := gen
	old.OldStyle = true
	oldPath, _, err := old.WriteDir(filepath.Join(dir, "old"))
	if err != nil {
		t.Fatal(err)
	}
	alone := filepath.Join(dir, "alone", "export.xml")
	os.MkdirAll(filepath.Dir(alone), 0o755)
	data, _ := os.ReadFile(xmlPath)
	os.WriteFile(alone, data, 0o644)

	// Compressed, export.xml cannot be opened again: one pass, holding
	// the records of the types read.
	gzPath := filepath.Join(dir, "alone", "export.xml.gz")
	os.WriteFile(gzPath, gz(t, data), 0o644)
	for _, c := range []struct {
		name   string
		path   string
		routes bool
	}{
		{"gzip one pass", gzPath, false},
		{"zip", zipPath, true},
		{"folder", xmlPath, true},
		{"old-style", oldPath, true},
		{"alone", alone, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			acts := readAllPath(t, c.path)
			if len(acts) != len(want) {
				t.Fatalf("%d activities, want %d", len(acts), len(want))
			}
			for i, w := range want {
				checkAppleWorkout(t, acts[i], w, c.routes)
			}
		})
	}
}

// checkAppleWorkout compares one activity with what the generator wrote.
func checkAppleWorkout(t *testing.T, a *Activity, w synth.AppleWorkout, routes bool) {
	t.Helper()
	id := w.Type + " " + w.Start.Format(time.DateTime)
	wantSport := map[string]Sport{"HKWorkoutActivityTypeRunning": SportRunning, "HKWorkoutActivityTypeWalking": SportWalking,
		"HKWorkoutActivityTypeHiking": SportHiking, "HKWorkoutActivityTypeCycling": SportCycling,
		"HKWorkoutActivityTypeTraditionalStrengthTraining": SportStrength}[w.Type]
	if w.Indoor {
		wantSport = SportTreadmill
	}
	near := func(what string, got, want, tol float64) {
		t.Helper()
		if math.IsNaN(want) != math.IsNaN(got) || math.Abs(got-want) > tol {
			t.Errorf("%s: %s %.4f, want %.4f", id, what, got, want)
		}
	}
	if a.Format != FormatAppleHealth || a.Sport != wantSport {
		t.Errorf("%s: format %s sport %s, want %s %s", id, a.Format, a.Sport, FormatAppleHealth, wantSport)
	}
	if !a.Start.Equal(w.Start) {
		t.Errorf("%s: start %v, want %v", id, a.Start, w.Start)
	}
	if _, off := w.Start.Zone(); !a.HasLocalOffset || a.LocalOffset != time.Duration(off)*time.Second {
		t.Errorf("%s: local offset %v (%v), want %ds", id, a.LocalOffset, a.HasLocalOffset, off)
	}
	if a.Device.Manufacturer != "apple" || a.Device.Product != "Watch6,1" || a.Device.Name != "Apple Watch (watchOS 10.1)" {
		t.Errorf("%s: device %q", id, a.Device)
	}
	near("duration", a.Summary.DurationS, w.DurationS, 1e-6)
	near("elapsed", a.Summary.ElapsedS, w.End.Sub(w.Start).Seconds(), 1e-6)
	near("distance", a.Summary.DistanceM, w.DistanceM, 1e-6)
	near("ascent", a.Summary.AscentM, w.AscentM, 1e-6)
	near("descent", a.Summary.DescentM, w.DescentM, 1e-6)
	rpe := math.NaN()
	if w.RPE > 0 {
		rpe = w.RPE
	}
	near("RPE", a.Summary.RPE, rpe, 0)
	if !strings.Contains(strings.Join(a.Notes, "; "), "energy ") {
		t.Errorf("%s: no energy note in %q", id, a.Notes)
	}
	if w.Samples == 0 {
		if a.Samples.Len() != 0 {
			t.Errorf("%s: %d samples, want none", id, a.Samples.Len())
		}
		return
	}
	// The means of the values read, each sample once, against the means
	// of the values written.
	near("heart rate", sampleMean(a.Samples.HeartRateBPM), w.HR, 1e-6)
	if w.Type != "HKWorkoutActivityTypeRunning" {
		return
	}
	if a.Samples.Len() != w.Samples {
		t.Errorf("%s: %d samples, want %d", id, a.Samples.Len(), w.Samples)
	}
	near("cadence", sampleMean(a.Samples.CadenceSPM), w.Cadence, 1e-3)
	near("ground contact", sampleMean(a.Samples.StanceTimeMs), w.StanceMs, 1e-3)
	near("vertical oscillation", sampleMean(a.Samples.VertOscCm), w.VertOscCm, 1e-5)
	near("stride length", sampleMean(a.Samples.StepLengthM), w.StrideM, 1e-6)
	near("power", sampleMean(a.Samples.PowerW), w.PowerW, 1e-6)
	hasPos := a.Channels.Has(ChanPosition) && a.Channels.Has(ChanAltitude)
	if want := routes && !w.Indoor; hasPos != want {
		t.Errorf("%s: positions %v, want %v (channels %s)", id, hasPos, want, a.Channels)
	}
	if a.Channels.Has(ChanStanceTimeBalance) {
		t.Errorf("%s: GCT balance read, Apple records none", id)
	}
}

// TestAppleHealthMalformedLines: a bad line is one warning with its line
// number, and reading goes on to the workouts after it; an entity the DTD
// declares stays unexpanded.
func TestAppleHealthMalformedLines(t *testing.T) {
	dir := t.TempDir()
	gen := synth.AppleHealth{Season: appleSeason()}
	xmlPath, want, err := gen.WriteDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(xmlPath)
	lines := strings.Split(string(data), "\n")
	// Break a record line in the middle of the records and a line in the
	// workouts, and declare an entity used in a record.
	rec := 0
	for i, l := range lines {
		if strings.HasPrefix(l, " <Record") && i > len(lines)/2 && rec == 0 {
			lines[i], rec = l[:40], i+1
		}
	}
	lines[2] = `<!ENTITY lol "lololol">` + "\n" + lines[2]
	lines = append(lines[:rec+3], append([]string{` <Record type="HKQuantityTypeIdentifierBodyMass" value="&lol;" startDate="x" endDate="y"/>`}, lines[rec+3:]...)...)
	os.WriteFile(xmlPath, []byte(strings.Join(lines, "\n")), 0o644)
	var acts []*Activity
	probs := Read(context.Background(), xmlPath, Options{}, func(a *Activity) { acts = append(acts, a) })
	if len(acts) != len(want) {
		t.Fatalf("%d activities, want %d", len(acts), len(want))
	}
	if len(probs) != 2 {
		t.Fatalf("problems %v, want 2", probs)
	}
	for i, p := range probs {
		if !p.Partial || !errors.Is(p, ErrCorrupt) || !strings.Contains(p.Error(), "line ") {
			t.Errorf("problem %d: %v (partial %v)", i, p, p.Partial)
		}
	}
	if !strings.Contains(probs[0].Error(), "entity &lol; is not expanded") && !strings.Contains(probs[1].Error(), "entity &lol; is not expanded") {
		t.Errorf("entity not named: %v", probs)
	}
}

// sampleMean is the mean of the values present (NaN when none).
func sampleMean(v []float64) float64 {
	sum, n := 0.0, 0
	for _, x := range v {
		if !math.IsNaN(x) {
			sum += x
			n++
		}
	}
	return sum / float64(n)
}

// tinyAppleExport is a one-run export (2 km, a record every 10 s, with
// running dynamics and an effort) for the fuzz seeds: export.xml and the
// routes by name.
func tinyAppleExport(tb testing.TB) ([]byte, map[string][]byte) {
	tb.Helper()
	start := time.Date(2026, 3, 3, 7, 0, 0, 0, time.FixedZone("", 3600))
	s := synth.Season{Seed: 3, Weeks: 1, Start: start.Truncate(24 * time.Hour), TZ: start.Location(), Runs: []synth.RunSpec{{
		Start: start, Kind: "easy", DistanceKm: 2, PaceMinPerKm: 5.5, CadenceSPM: 170, BalanceLeftPct: 50,
		Dynamics: true, Interval: 10 * time.Second, RPE: 5, Seed: 3}}}
	var xml strings.Builder
	routes := map[string][]byte{}
	if _, err := (synth.AppleHealth{Season: s, Walks: true, Between: true, Unrelated: 20}).Write(&xml, func(name string, data []byte) error {
		routes[name] = data
		return nil
	}); err != nil {
		tb.Fatal(err)
	}
	return []byte(xml.String()), routes
}

// FuzzAppleHealth reads export.xml bytes both ways (two passes over a
// re-readable input, one pass over a stream) with the seed's routes at
// hand: no input may panic, both ways give the same activities, and every
// problem is one line naming the input.
func FuzzAppleHealth(f *testing.F) {
	xml, routes := tinyAppleExport(f)
	f.Add(xml)
	lines := strings.Split(string(xml), "\n")
	f.Add([]byte(strings.Join(lines[:len(lines)*2/3], "\n")))   // cut inside the workouts
	f.Add([]byte(strings.ReplaceAll(string(xml), `"/>`, `">`))) // no element closes
	f.Fuzz(func(t *testing.T, data []byte) {
		opt := Options{Limits: Limits{MaxRecords: 5000, MaxXMLDepth: 32, MaxXMLTextBytes: 4096}}
		open := func(ref string) (io.ReadCloser, string, error) {
			r, ok := routes[path.Base(ref)]
			if !ok {
				return nil, "", fmt.Errorf("not in the export")
			}
			return io.NopCloser(bytes.NewReader(r)), ref, nil
		}
		var two, one []*Activity
		probs := readAppleHealth(context.Background(), "export.xml", opt, bytes.NewReader(data),
			func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(data)), nil }, open,
			func(a *Activity) { checkActivity(t, a); two = append(two, a) })
		readAppleHealth(context.Background(), "export.xml", opt, bytes.NewReader(data), nil, open,
			func(a *Activity) { one = append(one, a) })
		for _, p := range probs {
			if p.Path != "export.xml" || p.Err == nil || strings.ContainsAny(p.Err.Error(), "\r\n") {
				t.Fatalf("problem %+v: want one line naming export.xml", p)
			}
		}
		if len(one) != len(two) {
			t.Fatalf("%d activities in one pass, %d in two", len(one), len(two))
		}
		for i := range one {
			if one[i].Samples.Len() != two[i].Samples.Len() || !one[i].Start.Equal(two[i].Start) {
				t.Fatalf("activity %d: one pass %d samples at %v, two passes %d at %v", i,
					one[i].Samples.Len(), one[i].Start, two[i].Samples.Len(), two[i].Start)
			}
		}
	})
}

// TestAppleHealthLexerLimits: the XML limits hold in export.xml too, each
// with its key, and a file cut inside the workouts keeps those before.
func TestAppleHealthLexerLimits(t *testing.T) {
	const head = "<?xml version=\"1.0\"?>\n<!DOCTYPE HealthData [\n<!ENTITY x \"y\">\n<!ATTLIST Record\n  type CDATA #REQUIRED\n>\n]>\n<HealthData>\n"
	const run = ` <Workout workoutActivityType="HKWorkoutActivityTypeRunning" duration="30" durationUnit="min" sourceName="Watch" startDate="2026-03-03 07:00:00 +0100" endDate="2026-03-03 07:30:00 +0100">` + "\n </Workout>\n"
	tests := []struct {
		name, doc string
		acts      int
		want      []string // each a problem, in order
	}{
		{"long line", head + " <Record type=\"" + strings.Repeat("a", 5000) + "\"/>\n" + run + "</HealthData>\n", 1,
			[]string{"line 9: line longer than 4096 bytes (limits.max_xml_text_kb) (line skipped)"}},
		{"deep", head + strings.Repeat("<a>\n", 40) + run, 0,
			[]string{"elements nested more than 32 deep (limits.max_xml_depth)"}},
		{"cut", head + run + run[:60], 1, []string{"truncated: XML ends inside <HealthData> (line 11)", "line 11: malformed line: <Workout> not closed on its line (line skipped)"}},
		{"entity", head + ` <Record type="x" value="&x;"/>` + "\n" + run + "</HealthData>\n", 1,
			[]string{"line 9: malformed line: entity &x; is not expanded"}},
		{"no workout", head + "</HealthData>\n", 0, []string{"holds no workout"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opt := Options{Limits: Limits{MaxXMLDepth: 32, MaxXMLTextBytes: 4096}}
			var acts []*Activity
			probs := NewReader(strings.NewReader(tt.doc), "export.xml", opt).Each(context.Background(), func(a *Activity) { acts = append(acts, a) })
			if len(acts) != tt.acts || len(probs) != len(tt.want) {
				t.Fatalf("%d activities, problems %v; want %d and %q", len(acts), probs, tt.acts, tt.want)
			}
			for i, w := range tt.want {
				if !strings.Contains(probs[i].Error(), w) || probs[i].Partial != (tt.acts > 0) {
					t.Errorf("problem %v (partial %v), want %q", probs[i], probs[i].Partial, w)
				}
			}
		})
	}
}

// TestAppleHealthCancel: Ctrl-C stops the read of an export within a few
// thousand lines, with the cancellation as the problem.
func TestAppleHealthCancel(t *testing.T) {
	xml, _ := tinyAppleExport(t)
	doc := string(xml)
	i := strings.Index(doc, " <Record")
	doc = doc[:i] + strings.Repeat(` <Record type="HKQuantityTypeIdentifierBodyMass" unit="kg" startDate="2026-03-03 07:00:00 +0100" endDate="2026-03-03 07:00:00 +0100" value="60"/>`+"\n", 20000) + doc[i:]
	ctx, cancel := context.WithCancel(context.Background())
	br := strings.NewReader(doc)
	var acts []*Activity
	probs := readAppleHealth(ctx, "export.xml", Options{}, &cancelAfter{r: br, n: 3, cancel: cancel}, nil, nil, func(a *Activity) { acts = append(acts, a) })
	if len(acts) != 0 || len(probs) != 1 || !errors.Is(probs[0], context.Canceled) {
		t.Fatalf("%d activities, problems %v; want none and the cancellation", len(acts), probs)
	}
}

// cancelAfter cancels after n reads, as Ctrl-C during a long read.
type cancelAfter struct {
	r      io.Reader
	n      int
	cancel func()
}

func (c *cancelAfter) Read(p []byte) (int, error) {
	if c.n--; c.n == 0 {
		c.cancel()
	}
	return c.r.Read(p[:min(len(p), 4096)])
}

// TestAppleHealthFolderWalk: a walk over the unpacked export reads
// export.xml and leaves its routes to it (neither read again as GPX
// activities nor counted as skipped files).
func TestAppleHealthFolderWalk(t *testing.T) {
	dir := t.TempDir()
	xmlPath, ws, err := (synth.AppleHealth{Season: appleSeason()}).WriteDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	routes, _ := filepath.Glob(filepath.Join(filepath.Dir(xmlPath), "workout-routes", "*.gpx"))
	if len(routes) == 0 {
		t.Fatal("the generator wrote no routes")
	}
	l := Scan([]string{dir})
	if len(l.Files) != 1 || l.Files[0] != xmlPath || len(l.Skipped) != 0 || len(l.Failed) != 0 {
		t.Errorf("walk: files %q, skipped %v, failed %v; want only %s", l.Files, l.Skipped, l.Failed, xmlPath)
	}
	if n := len(readAllPath(t, xmlPath)); n != len(ws) {
		t.Errorf("%d activities, want %d", n, len(ws))
	}
}

// TestAppleHealthPrettyPrinted: an export whose tags span lines (written
// again by a pretty-printer, or by hand, attributes one a line) reads as
// the one Apple writes; a tag that never closes is one warning at its
// first line.
func TestAppleHealthPrettyPrinted(t *testing.T) {
	xml, _ := tinyAppleExport(t)
	pretty := strings.NewReplacer(`" startDate=`, "\"\n      startDate=", `" endDate=`, "\"\n      endDate=", `" duration=`, "\"\n      duration=").Replace(string(xml))
	if strings.Count(pretty, "\n") < strings.Count(string(xml), "\n")*2 {
		t.Fatal("the export was not spread over more lines")
	}
	read := func(doc string) ([]*Activity, []Problem) {
		var acts []*Activity
		probs := NewReader(strings.NewReader(doc), "export.xml", Options{}).Each(context.Background(), func(a *Activity) { acts = append(acts, a) })
		return acts, probs
	}
	want, _ := read(string(xml))
	got, probs := read(pretty)
	if len(probs) != 0 || len(got) != len(want) {
		t.Fatalf("%d activities, problems %v; want %d and none", len(got), probs, len(want))
	}
	for i := range want {
		if got[i].Samples.Len() != want[i].Samples.Len() || !got[i].Start.Equal(want[i].Start) || got[i].Summary.DurationS != want[i].Summary.DurationS {
			t.Errorf("activity %d: %d samples at %v, %.0f s; want %d at %v, %.0f s", i, got[i].Samples.Len(), got[i].Start, got[i].Summary.DurationS,
				want[i].Samples.Len(), want[i].Start, want[i].Summary.DurationS)
		}
	}
	// A Workout start tag left open: the next line starts a tag.
	i := strings.Index(pretty, "<Workout ")
	line := strings.Count(pretty[:i], "\n") + 1
	broken := pretty[:i] + strings.Replace(pretty[i:], "\">\n", "\"\n", 1)
	_, probs = read(broken)
	if len(probs) == 0 || !strings.Contains(probs[0].Error(), fmt.Sprintf("line %d: malformed line: <Workout> not closed on its line", line)) {
		t.Errorf("problems %v, want the open <Workout> at line %d", probs, line)
	}
}

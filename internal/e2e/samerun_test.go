package e2e

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/itbcheck/itbcheck/testkit/synth"
)

// inspected is the part of `inspect --format json` the same-run test reads.
type inspected struct {
	Path      string   `json:"path"`
	Format    string   `json:"format"`
	DurationS *float64 `json:"duration_s"`
	ElapsedS  *float64 `json:"elapsed_s"`
	DistanceM *float64 `json:"distance_m"`
	Summary   struct {
		CadenceSPM   *float64 `json:"avg_cadence_spm"`
		HeartRateBPM *float64 `json:"avg_heart_rate_bpm"`
	} `json:"summary"`
	DeviceAverages *struct {
		CadenceSPM *float64 `json:"avg_cadence_spm"`
	} `json:"device_averages"`
}

// TestSameRunEveryFormat writes one generated run as its watch's FIT file
// and its app's TCX and GPX exports, recorded with Garmin-like smart
// recording (a point every 1–20 s) and a 2-minute pause of the timer, and
// checks that inspect reads the same run from all three (issues 13, 23):
// within 1 % on distance, duration and cadence, 2 % on heart rate. Repeat
// with
//
//	go test ./internal/e2e -run TestSameRunEveryFormat -v
func TestSameRunEveryFormat(t *testing.T) {
	spec := synth.RunSpec{
		Start: time.Date(2026, 6, 2, 6, 30, 0, 0, time.FixedZone("", 2*3600)), Kind: "easy",
		DistanceKm: 10, PaceMinPerKm: 5.5, CadenceSPM: 168, Seed: 13,
	}
	// The runner also stands 90 s at a traffic light, the timer running:
	// the watch's own session average cadence counts those zeros (as a
	// Garmin's does, DOMAIN.md), the sample-based average of every format
	// does not (issue 23).
	rec := synth.Recording{SmartMaxS: 20, PauseAtKm: 4.2, PauseS: 120, StandAtKm: 6.5, StandS: 90}
	dir := t.TempDir()
	var paths []string
	for _, f := range []synth.Format{synth.FIT, synth.TCX, synth.GPX} {
		data, err := synth.EncodeRecorded(spec, f, rec)
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, "run."+string(f))
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	res := itbcheck(t, nil, append([]string{"inspect", "--format", "json"}, paths...)...)
	if res.code != 0 {
		t.Fatalf("inspect exit %d: %s", res.code, res.stderr)
	}
	var got []inspected
	if err := json.Unmarshal(res.stdout, &got); err != nil || len(got) != 3 {
		t.Fatalf("inspect JSON (%v): %s", err, res.stdout)
	}
	val := func(p *float64) float64 {
		if p == nil {
			return math.NaN()
		}
		return *p
	}
	fit := got[0]
	// The watch's own figures: 10 km, moving time without the pause.
	if d := val(fit.DistanceM); math.Abs(d-10000) > 1 {
		t.Errorf("FIT distance %.1f m, want 10000", d)
	}
	if e, m := val(fit.ElapsedS), val(fit.DurationS); math.Abs(e-m-120) > 2 {
		t.Errorf("FIT elapsed %.0f s, moving %.0f s: the 120 s pause is not the difference", e, m)
	}
	// The watch's own session average counts the 90 s of zeros: it is
	// kept beside the sample-based figure, about 2.6 % lower.
	if fit.DeviceAverages == nil || fit.DeviceAverages.CadenceSPM == nil {
		t.Errorf("FIT: the session's own average cadence is not shown beside the sample-based one")
	} else if dev, ours := *fit.DeviceAverages.CadenceSPM, val(fit.Summary.CadenceSPM); !(ours-dev > 3) {
		t.Errorf("FIT: session average %.1f spm, sample-based %.1f: the standing zeros should lower only the session's", dev, ours)
	}
	figures := []struct {
		name string
		get  func(inspected) float64
		tol  float64
	}{
		{"distance_m", func(x inspected) float64 { return val(x.DistanceM) }, 0.01},
		{"duration_s", func(x inspected) float64 { return val(x.DurationS) }, 0.01},
		{"avg_cadence_spm", func(x inspected) float64 { return val(x.Summary.CadenceSPM) }, 0.01},
		{"avg_heart_rate_bpm", func(x inspected) float64 { return val(x.Summary.HeartRateBPM) }, 0.02},
	}
	for _, f := range figures {
		ref := f.get(fit)
		line := ""
		for _, x := range got {
			v := f.get(x)
			dev := (v - ref) / ref
			line += " " + x.Format + "=" + formatFloat(v) + " (" + formatFloat(100*dev) + " %)"
			if math.IsNaN(v) || math.Abs(dev) > f.tol {
				t.Errorf("%s: %s reads %.2f, FIT %.2f (%.2f %%, limit %.0f %%)", f.name, x.Format, v, ref, 100*dev, 100*f.tol)
			}
		}
		t.Logf("%-18s%s", f.name, line)
	}

	// Issue 13 item 1: analysed together, the three files are one run of
	// 10 km, not three (the GPX's haversine distance differs from the
	// watch's).
	res = itbcheck(t, nil, "analyze", "--format", "json", dir)
	if res.code != 0 {
		t.Fatalf("analyze exit %d: %s", res.code, res.stderr)
	}
	rep := parseReport(t, res.stdout)
	if len(rep.Athletes) != 1 || len(rep.Athletes[0].Weeks) != 1 {
		t.Fatalf("analyze: %+v", rep.Athletes)
	}
	w := rep.Athletes[0].Weeks[0]
	if w.Runs != 1 || w.DistanceKm == nil || math.Abs(*w.DistanceKm-10) > 0.05 {
		t.Errorf("week of the run: %d runs, %v km; want 1 run of 10 km", w.Runs, val(w.DistanceKm))
	}

	// Every report says how many copies were merged, not stderr alone.
	if n := rep.Athletes[0].DuplicatesMerged; n != 2 {
		t.Errorf("JSON duplicates_merged = %d, want 2 (the TCX and GPX copies of the FIT run)", n)
	}
	for _, format := range []string{"text", "markdown", "html"} {
		res := itbcheck(t, nil, "analyze", "-q", "--format", format, dir)
		if flat := strings.Join(strings.Fields(string(res.stdout)), " "); res.code != 0 || !strings.Contains(flat, "2 duplicate copies merged") {
			t.Errorf("%s report (exit %d) does not say 2 duplicate copies merged:\n%s", format, res.code, res.stdout)
		}
	}
}

func formatFloat(v float64) string {
	b, _ := json.Marshal(math.Round(v*100) / 100)
	return string(b)
}

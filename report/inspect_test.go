package report

import (
	"bytes"
	"context"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/itbcheck/itbcheck/ingest"
)

// inspectFiles are the FIT files ingest's tests generate with
// muktihari/fit's encoder (ingest/testdata/fit, regenerated there with
// -update).
var inspectFiles = []string{"run_dynamics.fit", "run_plain.fit", "ride.fit"}

func openSynth(t *testing.T, name string) []*ingest.Activity {
	t.Helper()
	path := filepath.Join("..", "ingest", "testdata", "fit", name)
	var acts []*ingest.Activity
	if probs := ingest.Read(context.Background(), path, ingest.Options{}, func(a *ingest.Activity) { acts = append(acts, a) }); len(probs) > 0 {
		t.Fatalf("read %s: %v", path, probs[0])
	}
	return acts
}

// TestInspectGolden compares inspect's json and text output for the
// generated FIT files with testdata/inspect/ (rewrite with -update).
func TestInspectGolden(t *testing.T) {
	for _, name := range inspectFiles {
		for _, format := range []string{"json", "text"} {
			t.Run(name+"."+format, func(t *testing.T) {
				var b bytes.Buffer
				if err := Inspect(&b, format, openSynth(t, name)); err != nil {
					t.Fatal(err)
				}
				ext := map[string]string{"json": ".json", "text": ".txt"}[format]
				golden := filepath.Join("testdata", "inspect", strings.TrimSuffix(name, ".fit")+ext)
				if *update {
					if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(golden, b.Bytes(), 0o644); err != nil {
						t.Fatal(err)
					}
				}
				want, err := os.ReadFile(golden)
				if err != nil {
					t.Fatalf("%v (run go test ./report -update)", err)
				}
				if !bytes.Equal(b.Bytes(), want) {
					t.Errorf("%s differs from golden:\n%s", golden, b.String())
				}
			})
		}
	}
}

// TestInspectJSONContract checks the contract's keys, units and nulls.
func TestInspectJSONContract(t *testing.T) {
	var acts []*ingest.Activity
	for _, name := range inspectFiles {
		acts = append(acts, openSynth(t, name)...)
	}
	var b bytes.Buffer
	if err := Inspect(&b, "json", acts); err != nil {
		t.Fatal(err)
	}
	var got []map[string]any
	if err := json.Unmarshal(b.Bytes(), &got); err != nil {
		t.Fatalf("several activities must give an array: %v", err)
	}
	if len(got) != 3 {
		t.Fatalf("%d entries", len(got))
	}
	keys := []string{"path", "format", "sport", "device", "start", "duration_s", "distance_m", "samples", "channels", "summary"}
	sumKeys := []string{"avg_cadence_spm", "avg_heart_rate_bpm", "avg_stance_time_ms", "avg_stance_time_balance_left_pct",
		"avg_vertical_oscillation_cm", "avg_step_length_m", "ascent_m", "descent_m"}
	for _, e := range got {
		for _, k := range keys {
			if _, ok := e[k]; !ok {
				t.Errorf("%v: key %q missing", e["path"], k)
			}
		}
		sum := e["summary"].(map[string]any)
		for _, k := range sumKeys {
			if _, ok := sum[k]; !ok {
				t.Errorf("%v: summary key %q missing", e["path"], k)
			}
		}
	}
	tests := []struct {
		i     int
		key   string
		want  any // nil: null
		start string
	}{
		{0, "avg_cadence_spm", 169.0, "2026-03-02T07:30:00+01:00"},
		{0, "avg_stance_time_balance_left_pct", 49.7, ""},
		{0, "avg_vertical_oscillation_cm", 8.5, ""},
		{0, "avg_step_length_m", 1.06, ""},
		{1, "avg_stance_time_balance_left_pct", nil, "2026-03-02T06:30:00Z"},
		{1, "avg_step_length_m", nil, ""},
		{2, "avg_stance_time_ms", nil, ""},
		{2, "ascent_m", nil, ""},
	}
	for _, tt := range tests {
		sum := got[tt.i]["summary"].(map[string]any)
		if sum[tt.key] != tt.want {
			t.Errorf("entry %d %s = %v, want %v", tt.i, tt.key, sum[tt.key], tt.want)
		}
		if tt.start != "" && got[tt.i]["start"] != tt.start {
			t.Errorf("entry %d start = %v, want %s", tt.i, got[tt.i]["start"], tt.start)
		}
	}
	if got[0]["dev_fields"] == nil || got[1]["dev_fields"] != nil {
		t.Errorf("dev_fields: %v / %v", got[0]["dev_fields"], got[1]["dev_fields"])
	}
}

func TestInspectSingleObjectAndNulls(t *testing.T) {
	a := &ingest.Activity{Source: "x.csv", Format: ingest.FormatCSVSummary, Sport: ingest.SportRunning,
		Summary: ingest.EmptySummary(), Start: time.Date(2026, 1, 5, 7, 0, 0, 0, time.UTC)}
	a.Summary.DistanceM = 10000.04
	a.Summary.AscentM = 0 // a recorded zero stays 0
	var b bytes.Buffer
	if err := Inspect(&b, "json", []*ingest.Activity{a}); err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	if err := json.Unmarshal(b.Bytes(), &got); err != nil {
		t.Fatalf("one activity must give an object: %v", err)
	}
	sum := got["summary"].(map[string]any)
	if got["distance_m"] != 10000.0 || sum["ascent_m"] != 0.0 || sum["avg_cadence_spm"] != nil || got["device"] != nil {
		t.Errorf("got %s", b.String())
	}
	if !strings.Contains(b.String(), `"avg_cadence_spm": null`) {
		t.Errorf("absent cadence not null: %s", b.String())
	}
	b.Reset()
	if err := Inspect(&b, "text", []*ingest.Activity{a}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "distance") || !strings.Contains(b.String(), "10.00 km") {
		t.Errorf("text: %s", b.String())
	}
}

func TestInspectUnknownFormat(t *testing.T) {
	if err := Inspect(&bytes.Buffer{}, "yaml", nil); err == nil {
		t.Error("unknown format accepted")
	}
}

func TestRound(t *testing.T) {
	for _, tt := range []struct {
		v    float64
		prec int
		want string
	}{
		{1.25, 1, "1.3"}, {-1.25, 1, "-1.3"}, {-0.0001, 2, "0"}, {math.NaN(), 1, "null"},
	} {
		b, _ := num{tt.v, tt.prec}.MarshalJSON()
		if string(b) != tt.want {
			t.Errorf("num{%v, %d} = %s, want %s", tt.v, tt.prec, b, tt.want)
		}
	}
}

// TestInspectTextEscapesFileText: developer-field names, the GPX creator
// (the device), titles and the path come from the file; inspect's text
// shows their control characters and bidi overrides escaped, never raw.
func TestInspectTextEscapesFileText(t *testing.T) {
	a := &ingest.Activity{
		Source:    "runs/x\n::error::forged.gpx",
		Format:    ingest.FormatGPX,
		Sport:     ingest.SportRunning,
		RawSport:  "run\x1b]0;owned\x07",
		Device:    ingest.Device{Manufacturer: "Evil\x1b[2J\u009b31m", Product: "watch\u202eexe.gpx"},
		DevFields: []string{"Power\u2066", "Form\nPower"},
		Summary:   ingest.EmptySummary(),
	}
	var b strings.Builder
	if err := Inspect(&b, "text", []*ingest.Activity{a}); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, bad := range []string{"\x1b", "\u009b", "\u202e", "\u2066", "\x07", "\n::error::", "Form\nPower"} {
		if strings.Contains(out, bad) {
			t.Errorf("inspect text holds %q raw:\n%s", bad, out)
		}
	}
	for _, want := range []string{`x\n::error::forged.gpx`, `Evil\x1b[2J\u009b31m watch\u202eexe.gpx`, `Power\u2066, Form\nPower`, `run\x1b]0;owned\a`} {
		if !strings.Contains(out, want) {
			t.Errorf("inspect text lacks %q:\n%s", want, out)
		}
	}
}

// TestStartTextSubMinuteOffset: a FIT file's local offset that is not a
// whole number of minutes is printed whole, so that the written start
// reads back as the same instant (RFC 3339's layout would drop the 45 s).
func TestStartTextSubMinuteOffset(t *testing.T) {
	start := time.Date(2026, 3, 2, 1, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		off  time.Duration
		want string
	}{
		{5*time.Hour + 30*time.Minute + 45*time.Second, "2026-03-02T06:30:45+05:30:45"},
		{-(3*time.Hour + 20*time.Second), "2026-03-01T21:59:40-03:00:20"},
		{2 * time.Hour, "2026-03-02T03:00:00+02:00"},
	} {
		a := &ingest.Activity{Start: start, LocalOffset: tt.off, HasLocalOffset: true}
		if got := startText(a); got != tt.want {
			t.Errorf("offset %v: %q, want %q", tt.off, got, tt.want)
		}
	}
}

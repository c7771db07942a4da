package e2e

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/itbcheck/itbcheck/testkit/synth"
)

// TestBadInputsBeside: a season of good runs lies in one folder with one of
// each kind of bad file. analyze exits 3, lists every bad file with a
// one-line reason, analyses every good run (and the complete records of
// a truncated run), leaves every input as it was, and refuses -o on an input.
func TestBadInputsBeside(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "alice")
	s := writeSeason(t, synth.Steady, dir)

	// A run of its own, cut in the middle: its complete records count.
	extra := s.Runs[0]
	extra.Start = extra.Start.Add(10 * time.Hour)
	extra.DistanceKm = 8
	cut, err := synth.EncodeRun(extra)
	if err != nil {
		t.Fatal(err)
	}
	cut = cut[:len(cut)/2]

	bad := map[string][]byte{
		"cut.fit":         cut,
		"zero.fit":        nil,
		"random.fit":      bytes.Repeat([]byte{0xA7, 0x13, 0x5C, 0xF0}, 1024),
		"bitflip.fit":     flipped(t, s),
		"4gb.fit":         {14, 0x20, 0x54, 0x08, 0xFF, 0xFF, 0xFF, 0xFF, '.', 'F', 'I', 'T', 0, 0, 1, 2, 3},
		"bomb.fit.gz":     gzipped(t, make([]byte, 64<<20)),
		"slip.zip":        zipped(t, "../../outside.gpx", "<gpx></gpx>"),
		"unknown.csv":     []byte("name,colour\nalice,red\n"),
		"utf16.csv":       append([]byte{0xFF, 0xFE}, []byte(strings.Join(strings.Split("time,heart_rate\n0,120\n", ""), "\x00")+"\x00")...),
		"oneline.csv":     bytes.Repeat([]byte("time,"), 1<<20),
		"laughs.gpx":      []byte(`<?xml version="1.0"?><!DOCTYPE gpx [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><gpx>&b;</gpx>`),
		"mismatched.tcx":  []byte("<TrainingCenterDatabase><Activities></TrainingCenterDatabase>"),
		"sub/baddate.csv": []byte("Activity ID,Activity Date,Activity Name,Activity Type,Distance\n1,not a date,Run,Run,5\n"),
		"notes.txt":       []byte("not an activity file: skipped, not failed\n"),
	}
	for name, data := range bad {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	before := snapshot(t, dir)

	res := itbcheck(t, nil, "analyze", "--format", "json", "--no-progress", dir)
	if res.code != 3 {
		t.Errorf("exit %d, want 3; stderr:\n%s", res.code, res.stderr)
	}
	a := parseReport(t, res.stdout).Athletes[0]
	failed := map[string]string{}
	for _, f := range a.InputsFailed {
		failed[f.Path] = f.Error
		if f.Error == "" || strings.ContainsAny(f.Error, "\r\n") {
			t.Errorf("%s: reason %q is not one line", f.Path, f.Error)
		}
	}
	for name := range bad {
		if name == "notes.txt" {
			continue
		}
		found := false
		for p := range failed {
			if strings.HasPrefix(p, filepath.Join(dir, name)) {
				found = true
			}
		}
		if !found {
			t.Errorf("%s not in inputs_failed %q", name, failed)
		}
	}
	for p, e := range failed {
		t.Logf("%s: %s", strings.TrimPrefix(p, dir+"/"), e)
	}

	// Every good run, plus the complete records of cut.fit as a run in
	// week 1 (a truncated run is still a run: its sport comes from its laps).
	if a.Activities != len(s.Runs)+1 {
		t.Errorf("%d activities, want the %d good runs and the cut one", a.Activities, len(s.Runs))
	}
	km := s.WeeklyKm()
	for _, w := range a.Weeks {
		i := seasonWeek(s, day(t, w.Week)) - 1
		if i < 0 || i >= len(km) || w.DistanceKm == nil {
			t.Errorf("unexpected week %+v", w)
			continue
		}
		got, want := *w.DistanceKm, km[i]
		switch {
		case i == 0 && (got < want+2 || got > want+extra.DistanceKm):
			t.Errorf("week 1: %.2f km, want the plan's %.2f and part of the cut 8 km run", got, want)
		case i > 0 && math.Abs(got-want) > 0.1+0.005*want:
			t.Errorf("week %d: %.2f km, plan %.2f km", i+1, got, want)
		}
	}

	// Refuse -o over an input, in every form: a .fit for its extension
	// (not a report's), a .csv input as an input.
	victim := filepath.Join(dir, s.Runs[1].FileName(map[string]bool{}))
	if r := itbcheck(t, nil, "analyze", "--no-progress", "-o", victim, "--format", "json", dir); r.code != 2 {
		t.Errorf("-o %s: exit %d, stderr %q; want exit 2", victim, r.code, r.stderr)
	}
	csvVictim := filepath.Join(dir, "unknown.csv")
	for _, out := range []string{csvVictim, filepath.Join(dir, "sub", "..", "unknown.csv")} {
		r := itbcheck(t, nil, "analyze", "--no-progress", "-o", out, dir)
		if r.code != 2 || !strings.Contains(string(r.stderr), "would overwrite the input") {
			t.Errorf("-o %s: exit %d, stderr %q; want exit 2 refusing to overwrite an input", out, r.code, r.stderr)
		}
	}
	// A report beside the inputs is written whole, with no temporary left.
	report := filepath.Join(t.TempDir(), "report.json")
	if r := itbcheck(t, nil, "analyze", "--no-progress", "-o", report, dir); r.code != 3 {
		t.Errorf("-o report.json: exit %d; stderr %s", r.code, r.stderr)
	}
	if b, err := os.ReadFile(report); err != nil || !bytes.Contains(b, []byte(`"inputs_failed"`)) {
		t.Errorf("report.json: %v, %.100q", err, b)
	}
	if m, _ := filepath.Glob(filepath.Join(filepath.Dir(report), ".*tmp")); len(m) > 0 {
		t.Errorf("temporary files left: %q", m)
	}

	after := snapshot(t, dir)
	for p, b := range before {
		if after[p] != b {
			t.Errorf("%s changed: %+v, now %+v", p, b, after[p])
		}
	}
	if len(after) != len(before) {
		t.Errorf("%d files in the input folder, %d before", len(after), len(before))
	}
}

// fileState is what must not change in an input file.
type fileState struct {
	sum   [32]byte
	mtime time.Time
	mode  os.FileMode
}

// snapshot records every file under dir.
func snapshot(t *testing.T, dir string) map[string]fileState {
	t.Helper()
	out := map[string]fileState{}
	err := filepath.Walk(dir, func(p string, fi os.FileInfo, err error) error {
		if err != nil || fi.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		out[p] = fileState{sha256.Sum256(b), fi.ModTime(), fi.Mode()}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// flipped is the season's third run with one byte of its records changed.
func flipped(t *testing.T, s synth.Season) []byte {
	b, err := synth.EncodeRun(s.Runs[2])
	if err != nil {
		t.Fatal(err)
	}
	b[len(b)/2] ^= 0x40
	return b
}

func gzipped(t *testing.T, data []byte) []byte {
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	w.Write(data)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func zipped(t *testing.T, name, data string) []byte {
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	f, err := w.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	f.Write([]byte(data))
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

package ingest

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/muktihari/fit/encoder"
	"github.com/muktihari/fit/profile/mesgdef"
	"github.com/muktihari/fit/profile/typedef"
	"github.com/muktihari/fit/proto"
)

// tinyFIT encodes a short FIT run of n one-second records starting at start.
func tinyFIT(t testing.TB, start time.Time, n int) []byte {
	t.Helper()
	msgs := []proto.Message{
		mesgdef.NewFileId(nil).SetType(typedef.FileActivity).SetManufacturer(typedef.ManufacturerGarmin).
			SetProduct(3990).SetTimeCreated(start).ToMesg(nil),
	}
	for i := 0; i < n; i++ {
		msgs = append(msgs, mesgdef.NewRecord(nil).SetTimestamp(start.Add(time.Duration(i)*time.Second)).
			SetDistance(uint32(i*300)).SetEnhancedSpeed(3000).SetHeartRate(150).SetCadence(85).ToMesg(nil))
	}
	end := start.Add(time.Duration(n-1) * time.Second)
	msgs = append(msgs,
		mesgdef.NewSession(nil).SetTimestamp(end).SetStartTime(start).SetSport(typedef.SportRunning).
			SetTotalElapsedTime(uint32((n-1)*1000)).SetTotalTimerTime(uint32((n-1)*1000)).
			SetTotalDistance(uint32((n-1)*300)).ToMesg(nil),
		mesgdef.NewActivity(nil).SetTimestamp(end).SetNumSessions(1).ToMesg(nil),
	)
	var buf bytes.Buffer
	if err := encoder.New(&buf, encoder.WithProtocolVersion(proto.V2)).Encode(&proto.FIT{Messages: msgs}); err != nil {
		t.Fatalf("encoding FIT: %v", err)
	}
	return buf.Bytes()
}

func gz(t testing.TB, data []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := gzip.NewWriter(&buf)
	if _, err := w.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

type member struct {
	name string
	data []byte
}

func makeZip(t testing.TB, members []member) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	for _, m := range members {
		f, err := w.Create(m.name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.Write(m.data); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func writeFile(t testing.TB, dir, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestGzip(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name   string
		data   []byte
		format Format
	}{
		{"run.tcx.gz", gz(t, []byte(makeTCX(30, "Running"))), FormatTCX},
		{"run.gpx.gz", gz(t, []byte(makeGPX(30, "running"))), FormatGPX},
		{"Activities.csv.gz", gz(t, []byte(garminUS)), FormatCSVSummary},
		{"samples.csv.gz", gz(t, []byte(sampleCSV)), FormatCSVSamples},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := writeFile(t, dir, tt.name, tt.data)
			acts, err := Open(p, Options{})
			if err != nil || len(acts) == 0 {
				t.Fatalf("Open: %d activities, %v", len(acts), err)
			}
			wantEq(t, "format", acts[0].Format, tt.format)
			wantEq(t, "source", acts[0].Source, p)
		})
	}
}

// stravaExport builds a Strava bulk export: activities.csv and one file per
// activity in mixed formats, a row without a file, and a file without a row
// that matches a row by start time.
func stravaExport(t testing.TB) []byte {
	t0 := time.Date(2026, 3, 3, 6, 30, 0, 0, time.UTC)
	csv := "Activity ID,Activity Date,Activity Name,Activity Type,Elapsed Time,Distance,Activity Gear,Filename,Elapsed Time,Moving Time,Distance,Average Cadence\n" +
		`1,"Mar 3, 2026, 6:30:00 AM","Tempo, hard",Run,60,0.1,Old Clifton 8,activities/1.fit.gz,60,60,90,86` + "\n" +
		`2,"Mar 4, 2026, 6:30:00 AM",Hill run,Trail Run,30,0.1,Speedgoat 5,activities/2.gpx,30,30,90,` + "\n" +
		`3,"Mar 5, 2026, 6:30:00 AM",Commute,Ride,30,0.1,,activities/3.tcx.gz,30,30,90,` + "\n" +
		`4,"Mar 6, 2026, 6:30:00 AM",Forgot the watch,Run,1800,5.0,Old Clifton 8,,1800,1800,5000,` + "\n" +
		`5,"Mar 7, 2026, 6:31:00 AM",Renamed file,Run,30,0.1,Speedgoat 5,activities/renamed.gpx,30,30,90,` + "\n"
	gpxOn := func(day int) []byte {
		return []byte(strings.Replace(makeGPX(30, "running"), "2026-03-04T06:30", fmt.Sprintf("2026-03-%02dT06:30", day), -1))
	}
	return makeZip(t, []member{
		{"activities.csv", []byte(csv)},
		{"activities/1.fit.gz", gz(t, tinyFIT(t, t0, 60))},
		{"activities/2.gpx", gpxOn(4)},
		{"activities/3.tcx.gz", gz(t, []byte(strings.Replace(makeTCX(30, "Biking"), "2026-03-03", "2026-03-05", -1)))},
		{"activities/7.gpx", gpxOn(7)},
		{"profile.json", []byte("{}")},
		{"media/photo.jpg", []byte("jpeg")},
	})
}

func TestStravaZip(t *testing.T) {
	p := writeFile(t, t.TempDir(), "export_123.zip", stravaExport(t))
	acts, err := Open(p, Options{})
	if err != nil {
		t.Errorf("Open: %v", err)
	}
	got := map[string]*Activity{}
	var titles []string
	for _, a := range acts {
		got[a.Title] = a
		titles = append(titles, a.Title)
	}
	sort.Strings(titles)
	want := []string{"Commute", "Forgot the watch", "Hill run", "Renamed file", "Tempo, hard"}
	if strings.Join(titles, "|") != strings.Join(want, "|") {
		t.Fatalf("activities %q, want each of %q once", titles, want)
	}
	tests := []struct {
		title  string
		format Format
		sport  Sport
		gear   string
		source string
	}{
		{"Tempo, hard", FormatFIT, SportRunning, "Old Clifton 8", "!/activities/1.fit.gz"},
		{"Hill run", FormatGPX, SportTrail, "Speedgoat 5", "!/activities/2.gpx"},
		{"Commute", FormatTCX, SportCycling, "", "!/activities/3.tcx.gz"},
		{"Forgot the watch", FormatCSVSummary, SportRunning, "Old Clifton 8", "!/activities.csv"},
		{"Renamed file", FormatGPX, SportRunning, "Speedgoat 5", "!/activities/7.gpx"},
	}
	for _, tt := range tests {
		a := got[tt.title]
		wantEq(t, tt.title+" format", a.Format, tt.format)
		wantEq(t, tt.title+" sport", a.Sport, tt.sport)
		wantEq(t, tt.title+" gear", a.Gear, tt.gear)
		wantEq(t, tt.title+" source", a.Source, p+tt.source)
		if tt.format != FormatCSVSummary && a.Samples.Len() == 0 {
			t.Errorf("%s: no samples", tt.title)
		}
	}
	wantNum(t, "summary-only distance", got["Forgot the watch"].Summary.DistanceM, 5000)
}

func TestGarminNestedZip(t *testing.T) {
	t0 := time.Date(2026, 3, 3, 6, 30, 0, 0, time.UTC)
	inner := makeZip(t, []member{
		{"a.fit", tinyFIT(t, t0, 20)},
		{"b.fit", tinyFIT(t, t0.Add(24*time.Hour), 20)},
		{"broken.fit", []byte("not a fit file at all")},
	})
	outer := makeZip(t, []member{
		{"DI_CONNECT/DI-Connect-Fitness/summary.json", []byte("{}")},
		{"DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part1.zip", inner},
	})
	p := writeFile(t, t.TempDir(), "garmin.zip", outer)
	acts, err := Open(p, Options{})
	if len(acts) != 2 {
		t.Fatalf("%d activities, want 2 (err %v)", len(acts), err)
	}
	wantEq(t, "source", acts[0].Source, p+"!/DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part1.zip!/a.fit")
	if err == nil || !strings.Contains(err.Error(), "UploadedFiles_0-_Part1.zip!/broken.fit") {
		t.Errorf("err = %v, want a problem naming the broken member", err)
	}
}

func TestArchiveLimits(t *testing.T) {
	dir := t.TempDir()
	bomb := gz(t, bytes.Repeat([]byte("0"), 20<<20)) // 20 MiB of zeros in ~20 KiB
	many := make([]member, 30)
	for i := range many {
		many[i] = member{fmt.Sprintf("f%d.gpx", i), []byte(makeGPX(3, "running"))}
	}
	tests := []struct {
		name     string
		data     []byte
		opt      Options
		wantErr  error
		wantText string
		wantActs int
	}{
		{"bomb.csv.gz", bomb, Options{}, ErrTooLarge, "times its compressed size", 0},
		{"big.csv.gz", bomb, Options{Limits: Limits{MaxDecompressedBytes: 1 << 20, MaxRatio: 1 << 30}}, ErrTooLarge, "more than 1 MB (limits.max_decompressed_mb)", 0},
		{"bomb.zip", makeZip(t, []member{{"x.csv", bytes.Repeat([]byte("0"), 20<<20)}, {"ok.gpx", []byte(makeGPX(3, "running"))}}),
			Options{}, ErrTooLarge, "bomb.zip!/x.csv", 1},
		{"slip.zip", makeZip(t, []member{{"../../etc/evil.gpx", []byte(makeGPX(3, "running"))}, {"ok.gpx", []byte(makeGPX(3, "running"))}}),
			Options{}, ErrCorrupt, "unsafe member name", 1},
		{"big.gpx", []byte(makeGPX(3, "running")), Options{Limits: Limits{MaxFileBytes: 100}}, ErrTooLarge, "limit 100", 0},
		{"big.zip", makeZip(t, many[:2]), Options{Limits: Limits{MaxFileBytes: 100}}, nil, "", 2},
		{"many.zip", makeZip(t, many), Options{Limits: Limits{MaxArchiveEntries: 10}}, ErrTooLarge, "30 members, limit 10", 0},
		{"deep.zip", makeZip(t, []member{{"1.zip", makeZip(t, []member{{"2.zip", makeZip(t, []member{{"3.zip", makeZip(t, many[:1])}})}})}}),
			Options{}, ErrTooLarge, "nested more than 3", 0},
		{"ctrl.zip", makeZip(t, []member{{"bad\x1b[31mname.gpx", []byte("junk")}}), Options{}, ErrEmpty, `ctrl.zip!/bad\x1b[31mname.gpx`, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := writeFile(t, dir, tt.name, tt.data)
			acts, err := Open(p, tt.opt)
			if tt.wantErr == nil && err != nil || !errors.Is(err, tt.wantErr) || !strings.Contains(fmt.Sprint(err), tt.wantText) {
				t.Errorf("err = %v, want %v mentioning %q", err, tt.wantErr, tt.wantText)
			}
			if len(acts) != tt.wantActs {
				t.Errorf("%d activities, want %d", len(acts), tt.wantActs)
			}
		})
	}
}

func TestMergeSummaries(t *testing.T) {
	t0 := time.Date(2026, 3, 3, 6, 30, 0, 0, time.UTC)
	file := func(src string, start time.Time) *Activity {
		return &Activity{Source: src, Format: FormatFIT, Sport: SportRunning, Start: start, Summary: EmptySummary()}
	}
	row := func(title, srcFile string, start time.Time) *Activity {
		a := newSummaryActivity("activities.csv")
		a.Title, a.Gear, a.SourceFile, a.Start, a.Sport = title, "Pegasus", srcFile, start, SportTrail
		return a
	}
	zurich := file("export/activities/9.fit", t0.Add(72*time.Hour))
	zurich.HasLocalOffset, zurich.LocalOffset = true, time.Hour
	garmin := row("garmin row", "", t0.Add(73*time.Hour).Add(30*time.Second))
	garmin.LocalWallClock = true
	in := []*Activity{
		row("by name", "activities/1.fit.gz", t0.Add(-time.Hour)),
		row("no file", "", t0.Add(48*time.Hour)),
		file("export/activities/1.fit.gz", t0),
		row("by time", "", t0.Add(24*time.Hour+90*time.Second)),
		file("export/activities/2.fit", t0.Add(24*time.Hour)),
		file("export/activities/3.fit", t0.Add(96*time.Hour)),
		garmin, zurich,
	}
	out := mergeSummaries(in)
	var got []string
	for _, a := range out {
		got = append(got, a.Title+"/"+string(a.Format))
	}
	want := "by name/fit|by time/fit|/fit|garmin row/fit|no file/csv-summary"
	if strings.Join(got, "|") != want {
		t.Errorf("merged %q, want %q", strings.Join(got, "|"), want)
	}
	wantEq(t, "gear joined", out[0].Gear, "Pegasus")
	wantEq(t, "sport from row", out[0].Sport, SportTrail)
}

// mergeSummaries drives stravaJoin the way the zip reader does, over
// activities read separately (an unpacked Strava export: its
// activities.csv beside the activities/ folder; or a Garmin Activities.csv
// beside the FIT files), so that no activity counts twice. A summary row
// matches a file activity by its SourceFile name, else by start within 2
// minutes (Garmin's zone-less local times are compared with the file's
// local time, when the file has one). Matched rows give the file activity
// their title, gear and sport and are dropped; unmatched rows are kept as
// summary activities. Order is kept: file activities in input order, then
// the unmatched rows in input order. Bulk-export zips are joined while
// reading; this is for loose files.
func mergeSummaries(acts []*Activity) []*Activity {
	j := &stravaJoin{byFile: map[string]*stravaRow{}}
	var files []*Activity
	for _, a := range acts {
		if a.Format == FormatCSVSummary {
			j.addRow(a)
		} else {
			files = append(files, a)
		}
	}
	if len(j.rows) == 0 || len(files) == 0 {
		return acts
	}
	out := make([]*Activity, 0, len(acts))
	for _, a := range files {
		out = append(out, j.join(a))
	}
	for _, r := range j.rows {
		if !r.used {
			out = append(out, r.a)
		}
	}
	return out
}

// TestMacZip reads a zip made by macOS's Archive Utility: every file has
// an AppleDouble companion under __MACOSX/ ("._run.fit", metadata that
// shares the extension), and a "._" file sits beside one. They are
// skipped, not read as corrupt activities (issue 23: exit 3 before).
func TestMacZip(t *testing.T) {
	start := time.Date(2026, 3, 2, 7, 0, 0, 0, time.UTC)
	fork := []byte("\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X        \x00\x02") // AppleDouble header
	data := makeZip(t, []member{
		{"runs/run1.fit", tinyFIT(t, start, 60)},
		{"__MACOSX/runs/._run1.fit", fork},
		{"runs/run2.tcx", []byte(makeTCX(30, "Running"))},
		{"__MACOSX/runs/._run2.tcx", fork},
		{"runs/._run3.gpx", fork},
	})
	p := writeFile(t, t.TempDir(), "export.zip", data)
	var acts []*Activity
	probs := Read(context.Background(), p, Options{}, func(a *Activity) { acts = append(acts, a) })
	if len(probs) != 0 {
		t.Errorf("problems: %v", probs)
	}
	if len(acts) != 2 {
		t.Errorf("%d activities, want 2 (run1.fit, run2.tcx)", len(acts))
	}
	for _, tt := range []struct {
		path string
		want bool
	}{
		{"__MACOSX/runs/._run1.fit", true}, {"runs/._run3.gpx", true}, {"__MACOSX/x.fit", true},
		{"runs/run1.fit", false}, {"runs/.hidden/x.fit", false}, {"a_b.fit", false},
	} {
		if got := ResourceFork(tt.path); got != tt.want {
			t.Errorf("ResourceFork(%q) = %v, want %v", tt.path, got, tt.want)
		}
	}
}

// TestBufferedZipLimitKey: a zip that has to be held in memory (inside a
// gzip, or deflated inside a zip) is bounded by the smaller of
// limits.max_buffered_zip_mb and limits.max_decompressed_mb, and the
// message names the one that bit.
func TestBufferedZipLimitKey(t *testing.T) {
	noise := make([]byte, 3<<20) // incompressible: the zip is about as big
	rand.NewChaCha8([32]byte{1}).Read(noise)
	data := makeZip(t, []member{{"photo.jpg", noise}, {"run.gpx", []byte(makeGPX(3, "running"))}})
	for _, tc := range []struct {
		name string
		lim  Limits
		want string
	}{
		{"decompressed smaller", Limits{MaxDecompressedBytes: 1 << 20, MaxBufferedZipBytes: 2 << 20}, "more than 1 MiB (limits.max_decompressed_mb)"},
		{"buffered smaller", Limits{MaxDecompressedBytes: 2 << 20, MaxBufferedZipBytes: 1 << 20}, "more than 1 MiB (limits.max_buffered_zip_mb)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// Only an io.Reader, as a member's or a gzip's stream is.
			probs := readZip(context.Background(), struct{ io.Reader }{bytes.NewReader(data)}, 0, "x.gz!/in.zip",
				Options{Limits: tc.lim}, 0, func(*Activity) { t.Error("an activity from a refused zip") })
			if len(probs) != 1 || !errors.Is(probs[0].Err, ErrTooLarge) || !strings.Contains(probs[0].Err.Error(), tc.want) {
				t.Fatalf("problems %v, want one saying %q", probs, tc.want)
			}
		})
	}
}

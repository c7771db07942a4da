package e2e

import (
	"archive/zip"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/itbcheck/itbcheck/testkit/synth"
)

// findingKeys lists findings as "rule severity date metric value" for
// comparing reports of the same season read from different containers.
func findingKeys(a athleteReport) []string {
	var out []string
	for _, f := range a.Findings {
		v := "null"
		if f.Value != nil {
			v = fmt.Sprintf("%.4g", *f.Value)
		}
		out = append(out, f.Rule+" "+f.Severity+" "+f.Date+" "+f.Metric+" "+v)
	}
	return out
}

// TestContainers: the compound season as loose .fit files, as .fit.gz and
// as a Strava-like bulk-export zip (activities.csv and activities/*.fit.gz)
// gives the same findings and weekly km.
func TestContainers(t *testing.T) {
	s := synth.Plan(synth.Compound, synth.WithInterval(interval))
	root := t.TempDir()
	plain := filepath.Join(root, "plain")
	paths, err := s.WriteFIT(plain)
	if err != nil {
		t.Fatal(err)
	}
	gz := filepath.Join(root, "gz")
	if err := os.MkdirAll(gz, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(gz, filepath.Base(p)+".gz"), gzipped(t, data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	zipPath := stravaExport(t, s, paths, root)

	analyze := func(path string) athleteReport {
		t.Helper()
		res := itbcheck(t, nil, "analyze", "--format", "json", "--no-progress", "--athlete", "compound", path)
		if res.code != 0 {
			t.Fatalf("analyze %s: exit %d; stderr:\n%s", filepath.Base(path), res.code, res.stderr)
		}
		return parseReport(t, res.stdout).Athletes[0]
	}
	want := analyze(plain)
	for _, path := range []string{gz, zipPath} {
		got := analyze(path)
		if got.Activities != want.Activities {
			t.Errorf("%s: %d activities, loose files give %d", filepath.Base(path), got.Activities, want.Activities)
		}
		if g, w := findingKeys(got), findingKeys(want); !slices.Equal(g, w) {
			t.Errorf("%s: findings differ from the loose files:\n got %q\nwant %q", filepath.Base(path), g, w)
		}
		checkWeeks(t, s, got)
	}
}

// TestUnreadableInput: a truncated file is reported and the rest analysed;
// analyze exits 3, and check exits 1 when a high finding applies, else 3.
func TestUnreadableInput(t *testing.T) {
	for _, p := range []synth.Pattern{synth.Steady, synth.Downhill} {
		t.Run(string(p), func(t *testing.T) {
			t.Parallel()
			dir := filepath.Join(t.TempDir(), string(p))
			s := writeSeason(t, p, dir)
			good, err := os.ReadFile(filepath.Join(dir, s.Runs[3].FileName(map[string]bool{})))
			if err != nil {
				t.Fatal(err)
			}
			// Cut before the first record: a copy of run 3 cut later would
			// now count its complete records as a run (see badinput_test.go).
			if err := os.WriteFile(filepath.Join(dir, "broken.fit"), good[:64], 0o644); err != nil {
				t.Fatal(err)
			}
			res := itbcheck(t, nil, "analyze", "--format", "json", "--no-progress", dir)
			if res.code != 3 {
				t.Errorf("analyze exit %d, want 3; stderr:\n%s", res.code, res.stderr)
			}
			a := parseReport(t, res.stdout).Athletes[0]
			if len(a.InputsFailed) != 1 || !strings.HasSuffix(a.InputsFailed[0].Path, "broken.fit") || a.InputsFailed[0].Error == "" {
				t.Errorf("inputs_failed %+v, want broken.fit with a reason", a.InputsFailed)
			}
			if a.Activities != len(s.Runs) {
				t.Errorf("%d activities, want the other %d analysed", a.Activities, len(s.Runs))
			}
			checkWeeks(t, s, a)
			want := 3
			if p == synth.Downhill {
				want = 1
			}
			if chk := itbcheck(t, nil, "check", "--no-progress", "--format", "json", dir); chk.code != want {
				t.Errorf("check exit %d, want %d; stderr:\n%s", chk.code, want, chk.stderr)
			}
		})
	}
}

// stravaExport writes the season as a Strava-like bulk export into dir:
// export_12345.zip holding activities.csv and activities/<name>.fit.gz
// for the FIT files at paths, and returns the zip's path.
func stravaExport(t *testing.T, s synth.Season, paths []string, dir string) string {
	t.Helper()
	var zbuf bytes.Buffer
	zw := zip.NewWriter(&zbuf)
	add := func(name string, data []byte) {
		f, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.Write(data); err != nil {
			t.Fatal(err)
		}
	}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		add("activities/"+filepath.Base(p)+".gz", gzipped(t, data))
	}
	csvPath := filepath.Join(dir, "activities.csv")
	if err := s.WriteStravaCSV(csvPath); err != nil {
		t.Fatal(err)
	}
	csvData, err := os.ReadFile(csvPath)
	if err != nil {
		t.Fatal(err)
	}
	// Strava names the files activities/<id>.fit.gz; synth's CSV names them
	// activities/<name>.fit, so point it at the gzipped copies.
	add("activities.csv", bytes.ReplaceAll(csvData, []byte(".fit,"), []byte(".fit.gz,")))
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	zipPath := filepath.Join(dir, "export_12345.zip")
	if err := os.WriteFile(zipPath, zbuf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return zipPath
}

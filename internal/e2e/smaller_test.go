package e2e

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/itbcheck/itbcheck/testkit/hostile"
)

// TestOutputsNeverInputs: analyze -o FOLDER is refused first, in one line
// that says so; $GITHUB_STEP_SUMMARY or -o naming an input (an activity
// file, the symptom log) is refused and the file left as it was.
func TestOutputsNeverInputs(t *testing.T) {
	athlete := copyAthlete(t, sampleDir(t, "alice"))
	fit := filepath.Join(athlete, "2026-03-03-easy.fit")
	symptoms := filepath.Join(athlete, "symptoms.csv")
	if err := os.WriteFile(symptoms, []byte("date,site,side,pain\n2026-03-10,outer-knee,left,4\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	before := map[string][]byte{}
	for _, p := range []string{fit, symptoms} {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		before[p] = data
	}
	folder := t.TempDir()
	tests := []struct {
		name   string
		env    []string
		args   []string
		stderr string
	}{
		{"analyze -o FOLDER", nil, []string{"analyze", athlete, "-o", folder}, "-o " + folder + ": is a folder; analyze writes one report file: name one, such as " + filepath.Join(folder, "report.json")},
		{"check -o FOLDER", nil, []string{"check", athlete, "--format", "junit", "-o", folder}, "is a folder; check writes one report file"},
		{"step summary over an input", []string{"GITHUB_STEP_SUMMARY=" + fit}, []string{"check", athlete}, "GITHUB_STEP_SUMMARY " + fit + ": would overwrite the input " + fit},
		{"step summary over the symptom log", []string{"GITHUB_STEP_SUMMARY=" + symptoms}, []string{"check", athlete}, "would overwrite the input " + symptoms},
		{"-o over the symptom log", nil, []string{"analyze", athlete, "--symptoms", symptoms, "--format", "csv", "-o", symptoms}, "would overwrite the input " + symptoms},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := itbcheck(t, tt.env, tt.args...)
			if res.code != 2 || len(lines(res.stderr)) != 1 || !strings.Contains(string(res.stderr), tt.stderr) {
				t.Errorf("exit %d, stderr %q; want 2 and one line with %q", res.code, res.stderr, tt.stderr)
			}
			for p, data := range before {
				if now, err := os.ReadFile(p); err != nil || !bytes.Equal(now, data) {
					t.Errorf("%s changed (%v)", p, err)
				}
			}
			if entries, _ := os.ReadDir(folder); len(entries) != 0 {
				t.Errorf("%d files written into %s", len(entries), folder)
			}
		})
	}
}

// TestIdenticalRefusalsBounded: a summary CSV of 49,000 rows without a
// readable date once gave 49,000 identical lines on stderr and in the
// report; now 20 and one that counts the rest.
func TestIdenticalRefusalsBounded(t *testing.T) {
	athlete := copyAthlete(t, sampleDir(t, "alice"))
	csv := filepath.Join(athlete, "activities.csv")
	if err := writeTo(csv, func(w io.Writer) error { return hostile.UndatedRowsStravaCSV(w, 49_000) }); err != nil {
		t.Fatal(err)
	}
	res, rss, cpu, _ := measuredIn(t, t.TempDir(), nil, hostileTimeout, "analyze", "--format", "json", athlete)
	if res.code != 3 {
		t.Fatalf("exit %d: %.500s", res.code, res.stderr)
	}
	a := parseReport(t, res.stdout).Athletes[0]
	if len(a.InputsFailed) != 21 || !strings.Contains(a.InputsFailed[20].Error, "and 48980 more activities with no start time recorded") {
		t.Errorf("%d inputs_failed, the last %+v; want 20 and one counting 48980 more", len(a.InputsFailed), a.InputsFailed[len(a.InputsFailed)-1])
	}
	if n := len(lines(res.stderr)); n > 25 {
		t.Errorf("%d stderr lines", n)
	}
	if rss > maxHostileRSS || cpu > maxHostileCPU {
		t.Errorf("peak RSS %d MiB, CPU %v", rss>>20, cpu)
	}
}

package ingest

import (
	"bufio"
	"context"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// csvTestFiles lists every CSV file under dir.
func csvTestFiles(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == ".git" || d.Name() == "node_modules") {
			return filepath.SkipDir
		}
		if !d.IsDir() && strings.EqualFold(filepath.Ext(p), ".csv") {
			out = append(out, p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// dataRows counts the non-blank lines after the header.
func dataRows(t *testing.T, path string) int {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	n := -1
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		if strings.TrimSpace(sc.Text()) != "" {
			n++
		}
	}
	return max(n, 0)
}

// TestCSVRowsAccounted (issue 23): no run of a CSV file is dropped without
// a counted reason. Over every CSV test file (the shared corpus and the
// repository's testdata): a summary export gives one activity per row,
// each a run or of a sport the report counts as no run (not_runs); a
// per-sample file gives one activity; any other file is refused with its
// reason (inputs_failed). rows in = runs + counted reasons.
func TestCSVRowsAccounted(t *testing.T) {
	files := csvTestFiles(t, "..")
	shared := filepath.Join("..", "..", "shared", "corpus")
	if _, err := os.Stat(shared); err != nil {
		skipWithoutShared(t, "shared corpus", err)
	}
	files = append(files, csvTestFiles(t, shared)...)
	summaries := 0
	for _, p := range files {
		var acts []*Activity
		probs := Read(context.Background(), p, Options{}, func(a *Activity) { acts = append(acts, a) })
		runs, other, unknown := 0, 0, 0
		for _, a := range acts {
			switch {
			case a.Sport.IsRunning():
				runs++
			case a.Sport == SportUnknown:
				unknown++
			default:
				other++
			}
		}
		refused := 0
		for _, pr := range probs {
			if pr.Err == nil || pr.Err.Error() == "" {
				t.Errorf("%s: a problem without a reason", p)
			}
			if !pr.Partial {
				refused++
			}
		}
		switch {
		case len(acts) == 0:
			if refused == 0 {
				t.Errorf("%s: no activity and no reason", p)
			}
			// Only files that hold no activities may be refused: a header
			// of no activity export (the report's own CSV outputs), or a
			// symptom log. A file read as activities that yields none
			// has lost its runs.
			unsupported := len(probs) > 0 && errors.Is(probs[0].Err, ErrUnsupported)
			if dir := filepath.Base(filepath.Dir(p)); !unsupported && filepath.Base(p) != "symptoms.csv" && dir != "symptoms" {
				t.Errorf("%s: an activity CSV refused whole: %v", p, probs)
			}
		case acts[0].Format == FormatCSVSummary:
			summaries++
			if rows := dataRows(t, p); rows != runs+other+unknown {
				t.Errorf("%s: %d rows in, %d runs + %d other sport + %d unknown sport out", p, rows, runs, other, unknown)
			}
		default:
			if len(acts) != 1 || len(probs) > 0 {
				t.Errorf("%s: per-sample file gave %d activities, problems %v", p, len(acts), probs)
			}
		}
		t.Logf("%s: %d runs, %d other sport, %d unknown sport, %d refused (%v)", p, runs, other, unknown, refused, probs)
	}
	if summaries == 0 {
		t.Error("no summary CSV among the test files: the assertion did not run")
	}
}

// TestGermanGarminKeepsRuns (issue 23): the German export's treadmill,
// track and trail runs (all ten run rows) are runs, its swims are in
// metres, and its other eight rows are other sports.
func TestGermanGarminKeepsRuns(t *testing.T) {
	var acts []*Activity
	if probs := Read(context.Background(), filepath.Join("testdata", "summary", "garmin-de.csv"), Options{}, func(a *Activity) { acts = append(acts, a) }); len(probs) > 0 {
		t.Fatal(probs)
	}
	runs := 0
	for _, a := range acts {
		if a.Sport.IsRunning() {
			runs++
		}
		if a.Sport == SportSwimming && (a.Summary.DistanceM < 1000 || a.Summary.DistanceM > 3000) {
			t.Errorf("%s: %.0f m", a.RawSport, a.Summary.DistanceM)
		}
	}
	if runs != 10 || len(acts) != 18 {
		t.Errorf("%d runs of %d activities, want 10 of 18", runs, len(acts))
	}
}

// TestUnixDateRecordsCSV (issue 23): the shared corpus's record dump of a
// fenix 5 run writes its times as Unix date does ("Sun Jun 11 07:34:09
// PDT 2017") and was refused whole; it is the same run as the FIT file
// beside it: the start the official SDK gives (peer.json
// 2017-06-11T14:34:09Z) and the FIT's distance within 1 %.
func TestUnixDateRecordsCSV(t *testing.T) {
	csvActs, err := Open(corpus(t, "public/fp--garmin-fenix-5-run-records.csv"), Options{})
	if err != nil || len(csvActs) != 1 {
		t.Fatalf("%d activities, %v", len(csvActs), err)
	}
	fitActs, err := Open(corpus(t, "public/fp--garmin-fenix-5-run.fit"), Options{})
	if err != nil || len(fitActs) != 1 {
		t.Fatalf("fit: %d activities, %v", len(fitActs), err)
	}
	c, f := csvActs[0], fitActs[0]
	if want := time.Date(2017, 6, 11, 14, 34, 9, 0, time.UTC); !c.Start.Equal(want) || !f.Start.Equal(want) {
		t.Errorf("start csv %v, fit %v, want %v", c.Start, f.Start, want)
	}
	if d := math.Abs(c.Summary.DistanceM-f.Summary.DistanceM) / f.Summary.DistanceM; d > 0.01 {
		t.Errorf("distance csv %.0f m, fit %.0f m (%.1f %%)", c.Summary.DistanceM, f.Summary.DistanceM, 100*d)
	}
	for _, s := range []string{"Sun Jun 11 07:34:09 XYZ 2017", "Sun Jun 11 07:34:09 2017"} {
		if _, zoned, ok := parseUnixDate(s); zoned && ok {
			t.Errorf("%q read as zoned", s)
		}
	}
}

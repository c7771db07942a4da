package ingest

import (
	"context"
	"encoding/csv"
	"errors"
	"io"
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

// dataRows counts the records after the header that are not blank. It
// counts records, not lines: a quoted cell may hold line breaks (a real
// Spanish export's title "Entrenami\n\nento en cinta"). It reads the
// records with the standard library's parser, not itbcheck's, so the
// count is independent of what it checks.
func dataRows(t *testing.T, path string) int {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	text := strings.TrimPrefix(string(b), "\ufeff")
	comma := ','
	if first, _, _ := strings.Cut(text, "\n"); strings.Count(first, ";") > strings.Count(first, ",") {
		comma = ';'
	} else if strings.Count(first, "\t") > strings.Count(first, ",") {
		comma = '\t'
	}
	r := csv.NewReader(strings.NewReader(text))
	r.Comma, r.FieldsPerRecord, r.LazyQuotes = comma, -1, true
	n := -1
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if strings.TrimSpace(strings.Join(rec, "")) != "" {
			n++
		}
	}
	return max(n, 0)
}

// TestCSVRowsAccounted (issue 23): no run of a CSV file is dropped without
// a counted reason. Over every CSV test file (the shared corpus, the
// repository's testdata and, with ITBCHECK_LABEL_FIXTURES set to a folder,
// the real exports in it): a summary export gives one activity per row,
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
	// Real exports that may not be copied into the repository (no
	// licence; docs/sources/activity-labels.md names them) are checked
	// the same way when a folder of them is given.
	if dir := os.Getenv("ITBCHECK_LABEL_FIXTURES"); dir != "" {
		files = append(files, csvTestFiles(t, dir)...)
	}
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

// TestSpanishGarminRealExport (issue 23): a real Spanish Activities.csv
// (testdata/summary/garmin-es-hjzr2004.csv, MIT, source in the .LICENSE
// file beside it) keeps all its 374 runs: 333 "Carrera" and 41
// "Entrenamiento en cinta", treadmill runs, which no table knew before.
// The figures were counted from the file with Python's csv module: 543.09
// km and 259,955.1 s of moving time in all, cadence in 372 rows.
func TestSpanishGarminRealExport(t *testing.T) {
	var acts []*Activity
	if probs := Read(context.Background(), filepath.Join("testdata", "summary", "garmin-es-hjzr2004.csv"), Options{}, func(a *Activity) { acts = append(acts, a) }); len(probs) > 0 {
		t.Fatal(probs)
	}
	sports := map[Sport]int{}
	km, moving, cadence := 0.0, 0.0, 0
	for _, a := range acts {
		sports[a.Sport]++
		km += a.Summary.DistanceM / 1000
		moving += a.Summary.DurationS
		if a.Summary.AvgCadenceSPM > 0 {
			cadence++
		}
		for _, n := range a.Notes {
			if strings.Contains(n, "not in itbcheck's tables") || strings.Contains(n, "by meaning") {
				t.Errorf("%s %s: %s", a.Start.Format(time.DateTime), a.RawSport, n)
			}
		}
	}
	wantEq(t, "activities", len(acts), 374)
	wantEq(t, "Carrera", sports[SportRunning], 333)
	wantEq(t, "Entrenamiento en cinta", sports[SportTreadmill], 41)
	if math.Abs(km-543.09) > 0.01 || math.Abs(moving-259955.1) > 0.5 {
		t.Errorf("%.2f km, %.1f s moving; want 543.09 km, 259955.1 s", km, moving)
	}
	wantEq(t, "rows with a cadence", cadence, 372)
	first := acts[0]
	wantEq(t, "first start", first.Start, time.Date(2025, 8, 31, 10, 36, 49, 0, time.UTC))
	wantNum(t, "first avg HR", first.Summary.AvgHeartRateBPM, 166)
	wantNum(t, "first cadence", first.Summary.AvgCadenceSPM, 156)
	wantNum(t, "first elapsed", first.Summary.ElapsedS, 2*3600+1*60+57)
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

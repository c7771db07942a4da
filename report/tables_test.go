package report

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"math"
	"testing"
	"time"

	"github.com/parquet-go/parquet-go"

	"github.com/itbcheck/itbcheck/analysis"
	"github.com/itbcheck/itbcheck/screen"
)

// renderTables renders r as the Parquet tables, into one buffer per file.
func renderTables(t *testing.T, r *screen.Report) []*bytes.Buffer {
	t.Helper()
	bufs := []*bytes.Buffer{{}, {}, {}}
	ws := []io.Writer{bufs[0], bufs[1], bufs[2]}
	s, err := NewFilesStream(ws, "parquet", Header{Tool: r.Tool, GeneratedAt: r.GeneratedAt,
		RuleConfig: r.RuleConfig, Athletes: len(r.Athletes), ConfigHash: "c0ffee"})
	if err != nil {
		t.Fatal(err)
	}
	for i := len(r.Athletes) - 1; i >= 0; i-- { // any order: the stream keeps the report's
		if err := s.Add(i, r.Athletes[i]); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	return bufs
}

func readRows[T any](t *testing.T, b *bytes.Buffer) []T {
	t.Helper()
	rows, err := parquet.Read[T](bytes.NewReader(b.Bytes()), int64(b.Len()))
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// TestParquetTables renders the fixture's team and reads the three tables
// back: a row per activity, week and finding, in the report's order, each
// with the four key columns; absent figures are null, never 0.
func TestParquetTables(t *testing.T) {
	r := fixture()
	// The fixture's weeks are written by hand: build alice's from her runs.
	old := r.Athletes[0].Season
	r.Athletes[0].Season = analysis.NewSeason(old.Athlete, old.Runs,
		analysis.Params{Location: time.UTC, LoadMetric: analysis.LoadDistance, MaxHR: math.NaN(), RestHR: math.NaN()})
	bufs := renderTables(t, r)
	runs := readRows[runRow](t, bufs[0])
	weeks := readRows[weekRow](t, bufs[1])
	findings := readRows[findingRow](t, bufs[2])

	var wantRuns, wantWeeks, wantFindings int
	var order []string
	for _, a := range r.Athletes {
		wantFindings += len(a.Findings)
		if a.Season != nil {
			wantRuns += len(a.Season.Runs)
			wantWeeks += len(a.Season.Weeks)
			for range a.Season.Runs {
				order = append(order, a.Name)
			}
		}
	}
	if len(runs) != wantRuns || len(weeks) != wantWeeks || len(findings) != wantFindings {
		t.Fatalf("rows: %d runs, %d weeks, %d findings; want %d, %d, %d",
			len(runs), len(weeks), len(findings), wantRuns, wantWeeks, wantFindings)
	}
	if wantRuns == 0 || wantWeeks == 0 || wantFindings == 0 {
		t.Fatal("the fixture has no runs, weeks or findings: the test proves nothing")
	}
	for i, row := range runs {
		if row.Athlete != order[i] || row.Schema != TablesSchema || row.ToolVersion != r.Tool.Version || row.ConfigHash != "c0ffee" {
			t.Fatalf("run %d: key %q %q %q %q", i, row.Athlete, row.Schema, row.ToolVersion, row.ConfigHash)
		}
	}
	// alice's run 12 has no balance: null, and its neighbours a value.
	a := r.Athletes[0]
	for i, run := range a.Season.Runs {
		row := runs[i]
		if row.Source != run.Source {
			t.Fatalf("run %d: source %q, want %q", i, row.Source, run.Source)
		}
		if math.IsNaN(run.BalanceLeftPct) != (row.BalanceLeftPct == nil) {
			t.Errorf("run %d: balance %v in the season, %v in the table", i, run.BalanceLeftPct, row.BalanceLeftPct)
		}
		if row.Start == nil || !row.Start.Equal(run.Start) {
			t.Errorf("run %d: start %v, want %v", i, row.Start, run.Start)
		}
		if run.IsRun && (row.LoadKm == nil || *row.LoadKm != run.DistanceKm) {
			t.Errorf("run %d: load_distance_km %v, want %v", i, row.LoadKm, run.DistanceKm)
		}
		if !(run.RPE > 0) && row.LoadSRPE != nil {
			t.Errorf("run %d: sRPE load %v without a rating, want null", i, *row.LoadSRPE)
		}
	}
	// The weekly totals of the runs table are the weeks table's.
	km := map[tableDate]float64{}
	for _, row := range runs[:len(a.Season.Runs)] {
		if row.IsRun && row.DistanceKm != nil {
			km[row.Week] += *row.DistanceKm
		}
	}
	for i, w := range a.Season.Weeks {
		if row := weeks[i]; math.Abs(km[row.Week]-w.DistanceKm) > 1e-9 || row.Week != tableDate(w.Monday) {
			t.Errorf("week %s: %.3f km from the runs, %.3f in the week row (%v)", w.Monday.String(), km[row.Week], w.DistanceKm, row.Week)
		}
	}
	for i, f := range findings {
		want := r.Athletes[0].Findings
		if i < len(want) && (f.Rule != want[i].Rule.ID || f.Date == nil || len(f.Mechanism) != len(want[i].Mechanism)) {
			t.Errorf("finding %d: %+v, want rule %s on %s", i, f, want[i].Rule.ID, want[i].Date)
		}
	}
}

// TestNDJSON: one line per athlete, each the JSON report's athlete object
// with the key columns and run_rows beside it.
func TestNDJSON(t *testing.T) {
	r := fixture()
	var b bytes.Buffer
	if err := Render(&b, "ndjson", r, Options{}); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(&b)
	sc.Buffer(nil, 16<<20)
	n := 0
	for sc.Scan() {
		var line struct {
			Schema   string           `json:"schema"`
			Athlete  string           `json:"athlete"`
			Runs     int              `json:"runs"`
			Weeks    []map[string]any `json:"weeks"`
			Findings []map[string]any `json:"findings"`
			RunRows  []map[string]any `json:"run_rows"`
		}
		if err := json.Unmarshal(sc.Bytes(), &line); err != nil {
			t.Fatalf("line %d: %v", n+1, err)
		}
		a := r.Athletes[n]
		if line.Schema != TablesSchema || line.Athlete != a.Name || line.Runs != a.Runs() || len(line.Findings) != len(a.Findings) {
			t.Errorf("line %d: %s %s runs %d findings %d; want %s runs %d findings %d", n+1, line.Schema, line.Athlete,
				line.Runs, len(line.Findings), a.Name, a.Runs(), len(a.Findings))
		}
		if want := a.Activities(); len(line.RunRows) != want {
			t.Errorf("line %d: %d run_rows, want %d", n+1, len(line.RunRows), want)
		}
		for _, row := range line.RunRows {
			if _, ok := row["date"].(string); !ok {
				t.Errorf("line %d: run date %v, want YYYY-MM-DD", n+1, row["date"])
				break
			}
		}
		n++
	}
	if n != len(r.Athletes) {
		t.Errorf("%d lines, want %d", n, len(r.Athletes))
	}
}

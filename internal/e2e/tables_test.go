package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// duckdbDir is the Node package that pins DuckDB (@duckdb/node-api ships
// its engine as a binary in the npm registry): the independent reader of
// the Parquet tables.
var duckdbDir = filepath.Join("..", "..", "testkit", "duckdb")

// duckdbReader makes sure DuckDB's Node package is installed and returns
// the script's folder. It skips, loudly, only where Node or the package
// cannot be installed on this machine; with ITBCHECK_REQUIRE_DUCKDB=1 (set
// by .ci/run once its install succeeded) it fails instead.
func duckdbReader(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs(duckdbDir)
	if err != nil {
		t.Fatal(err)
	}
	unavailable := func(format string, args ...any) {
		msg := fmt.Sprintf(format, args...)
		if os.Getenv("ITBCHECK_REQUIRE_DUCKDB") == "1" {
			t.Fatalf("DuckDB reader required (ITBCHECK_REQUIRE_DUCKDB=1): %s", msg)
		}
		t.Logf("!!! SKIPPING the Parquet check with DuckDB: %s !!!", msg)
		t.Skipf("DuckDB unavailable: %s (run npm install in testkit/duckdb)", msg)
	}
	if _, err := exec.LookPath("node"); err != nil {
		unavailable("node is not installed")
	}
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "@duckdb", "node-api", "package.json")); err == nil {
		return dir
	}
	if _, err := exec.LookPath("npm"); err != nil {
		unavailable("npm is not installed")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "npm", "install", "--no-audit", "--no-fund")
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		unavailable("npm install in %s: %v: %.300s", dir, err, out)
	}
	return dir
}

// duckdbView is what testkit/duckdb/tables.mjs reads from the tables.
type duckdbView struct {
	RunSources []struct {
		Athlete string `json:"athlete"`
		Source  string `json:"source"`
		N       int    `json:"n"`
	} `json:"run_sources"`
	RunWeeks []struct {
		Athlete    string  `json:"athlete"`
		Week       string  `json:"week"`
		Runs       int     `json:"runs"`
		DistanceKm float64 `json:"distance_km"`
		Load       float64 `json:"load"`
	} `json:"run_weeks"`
	WeekRows    int      `json:"week_rows"`
	FindingRows int      `json:"finding_rows"`
	Schemas     []string `json:"schemas"`
}

// TestParquetShardsDuckDB writes the team's research tables in 3 shards,
// as 3 independent processes would, and reads their union with DuckDB:
// every run is in it exactly once, and its per-week totals are the JSON
// report's of the whole team.
func TestParquetShardsDuckDB(t *testing.T) {
	reader := duckdbReader(t)
	root := team(t)
	out := t.TempDir()
	for k := 1; k <= 3; k++ {
		res := itbcheck(t, nil, "batch", root, "--shard", fmt.Sprintf("%d/3", k), "--format", "parquet",
			"-o", filepath.Join(out, fmt.Sprintf("shard-%d", k)))
		if res.code != 0 {
			t.Fatalf("shard %d/3: exit %d: %s", k, res.code, res.stderr)
		}
	}
	res := itbcheck(t, nil, "batch", root, "--format", "json")
	if res.code != 0 {
		t.Fatalf("batch --format json: exit %d: %s", res.code, res.stderr)
	}
	r := parseReport(t, res.stdout)

	cmd := exec.Command("node", "tables.mjs", out)
	cmd.Dir = reader
	b, err := cmd.Output()
	if err != nil {
		var stderr []byte
		if ee, ok := err.(*exec.ExitError); ok {
			stderr = ee.Stderr
		}
		t.Fatalf("DuckDB reading the tables: %v: %s", err, stderr)
	}
	var v duckdbView
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatalf("DuckDB's output %.200q: %v", b, err)
	}

	if len(v.Schemas) != 1 || v.Schemas[0] != "itbcheck.tables/v1" {
		t.Errorf("schemas %v, want only itbcheck.tables/v1", v.Schemas)
	}
	activities, weeks, findings := 0, 0, 0
	for _, a := range r.Athletes {
		activities += a.Activities
		weeks += len(a.Weeks)
		findings += len(a.Findings)
	}
	if activities == 0 || findings == 0 {
		t.Fatal("the team has no activities or findings: the test proves nothing")
	}
	if len(v.RunSources) != activities {
		t.Errorf("the shards' union has %d distinct runs, the JSON report %d activities", len(v.RunSources), activities)
	}
	for _, s := range v.RunSources {
		if s.N != 1 {
			t.Errorf("%s %s: %d rows in the shards' union, want exactly 1", s.Athlete, s.Source, s.N)
		}
	}
	if v.WeekRows != weeks || v.FindingRows != findings {
		t.Errorf("union: %d week rows, %d finding rows; the JSON report has %d weeks, %d findings", v.WeekRows, v.FindingRows, weeks, findings)
	}

	type key struct{ athlete, week string }
	fromRuns := map[key]int{}
	for i, w := range v.RunWeeks {
		fromRuns[key{w.Athlete, w.Week}] = i
	}
	compared := 0
	for _, a := range r.Athletes {
		for _, w := range a.Weeks {
			i, ok := fromRuns[key{a.Athlete, w.Week}]
			if w.Runs == 0 {
				if ok {
					t.Errorf("%s week %s: no runs in the JSON, %d in the tables", a.Athlete, w.Week, v.RunWeeks[i].Runs)
				}
				continue
			}
			if !ok {
				t.Errorf("%s week %s: %d runs in the JSON, none in the tables", a.Athlete, w.Week, w.Runs)
				continue
			}
			delete(fromRuns, key{a.Athlete, w.Week})
			got := v.RunWeeks[i]
			compared++
			// The JSON rounds km and load to 0.1.
			if got.Runs != w.Runs || !near(got.DistanceKm, w.DistanceKm, 0.05) || !near(got.Load, w.Load, 0.05) {
				t.Errorf("%s week %s: tables %d runs, %.3f km, load %.3f; JSON %d runs, %v km, load %v",
					a.Athlete, w.Week, got.Runs, got.DistanceKm, got.Load, w.Runs, deref(w.DistanceKm), deref(w.Load))
			}
		}
	}
	for k := range fromRuns {
		t.Errorf("%s week %s: in the tables, not in the JSON report", k.athlete, k.week)
	}
	if compared < 10 {
		t.Errorf("only %d weeks compared", compared)
	}
}

// near reports whether a is within tol (plus float noise) of *b.
func near(a float64, b *float64, tol float64) bool {
	return b != nil && math.Abs(a-*b) <= tol+1e-9
}

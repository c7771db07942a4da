// Package e2e runs the itbcheck binary on synthetic seasons and checks that
// the rules fire where testkit/synth injected a pattern, and nowhere else:
// the precision and recall of the whole pipeline, FIT bytes to JSON report.
package e2e

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/itbcheck/itbcheck/testkit/synth"
)

// binary is the itbcheck executable TestMain builds once, in scratch, a
// folder that lives as long as the test binary; peakRSS is the wrapper
// that measures a run's peak resident set (testkit/bench/peakrss).
var binary, scratch, peakRSS string

// fixedNow pins the reports' generated_at so outputs compare byte for byte.
const fixedNow = "2026-06-22T10:00:00Z"

// interval keeps the generated FIT files small and the suite fast.
const interval = 3 * time.Second

func TestMain(m *testing.M) {
	os.Exit(buildAndRun(m))
}

func buildAndRun(m *testing.M) int {
	dir, err := os.MkdirTemp("", "itbcheck-e2e-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		return 1
	}
	defer os.RemoveAll(dir)
	scratch = dir
	binary = filepath.Join(dir, "itbcheck")
	peakRSS = filepath.Join(dir, "peakrss")
	build := exec.Command("go", "build", "-o", dir, "github.com/itbcheck/itbcheck/cmd/itbcheck", "github.com/itbcheck/itbcheck/testkit/bench/peakrss")
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "e2e: building itbcheck:", err)
		return 1
	}
	return m.Run()
}

// result is what one itbcheck run printed and how it exited.
type result struct {
	stdout, stderr []byte
	code           int
}

// itbcheck runs the binary with args in an empty working directory, with
// no ITBCHECK_* or XDG config from the caller's environment, generated_at
// pinned, and env ("KEY=value") added.
func itbcheck(t *testing.T, env []string, args ...string) result {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Dir = t.TempDir()
	cmd.Env = append([]string{
		"PATH=" + os.Getenv("PATH"),
		"HOME=" + cmd.Dir,
		"XDG_CONFIG_HOME=" + cmd.Dir,
		"ITBCHECK_NOW=" + fixedNow,
	}, env...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	code := exitCode(t, args, cmd.Run())
	return result{out.Bytes(), errb.Bytes(), code}
}

// report is the part of the itbcheck.report/v2 JSON the suite checks.
type report struct {
	Schema      string          `json:"schema"`
	GeneratedAt string          `json:"generated_at"`
	Athletes    []athleteReport `json:"athletes"`
	Summary     struct {
		Athletes     int            `json:"athletes"`
		Activities   int            `json:"activities"`
		InputsFailed int            `json:"inputs_failed"`
		Findings     map[string]int `json:"findings"`
	} `json:"summary"`
}

type athleteReport struct {
	Athlete      string `json:"athlete"`
	Activities   int    `json:"activities"`
	InputsFailed []struct {
		Path  string `json:"path"`
		Error string `json:"error"`
	} `json:"inputs_failed"`
	Weeks            []weekReport `json:"weeks"`
	Findings         []finding    `json:"findings"`
	DuplicatesMerged int          `json:"duplicates_merged"`
	Seasons          []struct {
		First   string `json:"first"`
		Last    string `json:"last"`
		Runs    int    `json:"runs"`
		Current bool   `json:"current"`
	} `json:"seasons"`
	LastRun *struct {
		Date    string `json:"date"`
		DaysAgo int    `json:"days_ago"`
	} `json:"last_run"`
}

type weekReport struct {
	Week              string   `json:"week"`
	Runs              int      `json:"runs"`
	DistanceKm        *float64 `json:"distance_km"`
	Load              *float64 `json:"load"`
	ACWR              *float64 `json:"acwr"`
	GCTBalanceLeftPct *float64 `json:"gct_balance_left_pct"`
}

type finding struct {
	Rule     string   `json:"rule"`
	Severity string   `json:"severity"`
	Date     string   `json:"date"`
	Until    *string  `json:"until"`
	Activity *string  `json:"activity"`
	Metric   string   `json:"metric"`
	Value    *float64 `json:"value"`
	Summary  string   `json:"summary"`
}

// parseReport decodes a JSON report and checks its schema.
func parseReport(t *testing.T, data []byte) report {
	t.Helper()
	var r report
	if err := json.Unmarshal(data, &r); err != nil {
		t.Fatalf("report is not JSON: %v\n%.500s", err, data)
	}
	if r.Schema != "itbcheck.report/v2" {
		t.Fatalf("schema %q, want itbcheck.report/v2", r.Schema)
	}
	return r
}

// rank orders severities: none 0, low 1, medium 2, high 3.
func rank(sev string) int {
	switch sev {
	case "info":
		return 1
	case "low":
		return 2
	case "medium":
		return 3
	case "high":
		return 4
	}
	return 0
}

// writeSeason plans pattern p and writes its FIT files into dir.
func writeSeason(t *testing.T, p synth.Pattern, dir string, opts ...synth.Option) synth.Season {
	t.Helper()
	s := synth.Plan(p, append([]synth.Option{synth.WithInterval(interval)}, opts...)...)
	if _, err := s.WriteFIT(dir); err != nil {
		t.Fatal(err)
	}
	return s
}

// tempRoot makes a folder for data shared by several tests.
func tempRoot() (string, error) { return os.MkdirTemp(scratch, "data-") }

// day parses a report's YYYY-MM-DD date.
func day(t *testing.T, s string) time.Time {
	t.Helper()
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		t.Fatalf("bad date %q: %v", s, err)
	}
	return d
}

// variants gives the plan options TestPatterns runs every pattern with:
// the defaults, or with E2E_SEEDS=1,2,3 one run per noise seed, and with
// E2E_TZ=America/Denver the seasons in that time zone (a Monday there).
func variants(t *testing.T) map[string][]synth.Option {
	var base []synth.Option
	name := ""
	if tz := os.Getenv("E2E_TZ"); tz != "" {
		loc, err := time.LoadLocation(tz)
		if err != nil {
			t.Fatalf("E2E_TZ: %v", err)
		}
		d := synth.DefaultStart
		base = append(base, synth.WithStart(time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, loc)))
		name = tz + " "
	}
	seeds := os.Getenv("E2E_SEEDS")
	if seeds == "" {
		return map[string][]synth.Option{strings.TrimSpace(name): base}
	}
	out := map[string][]synth.Option{}
	for _, f := range strings.Split(seeds, ",") {
		seed, err := strconv.ParseUint(strings.TrimSpace(f), 10, 64)
		if err != nil {
			t.Fatalf("E2E_SEEDS: %v", err)
		}
		out[name+"seed "+f] = append(append([]synth.Option(nil), base...), synth.WithSeed(seed))
	}
	return out
}

// seasonWeek gives the 1-based week of the season a date falls in (0 when
// before the season).
func seasonWeek(s synth.Season, d time.Time) int {
	start := time.Date(s.Start.Year(), s.Start.Month(), s.Start.Day(), 0, 0, 0, 0, time.UTC)
	if d.Before(start) {
		return 0
	}
	return int(d.Sub(start)/(7*24*time.Hour)) + 1
}

// exitCode is the exit code of the itbcheck run with args that returned
// err; an error other than a non-zero exit (the binary did not start)
// fails the test.
func exitCode(t *testing.T, args []string, err error) int {
	t.Helper()
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		return exit.ExitCode()
	case err != nil:
		t.Fatalf("itbcheck %v: %v", args, err)
	}
	return 0
}

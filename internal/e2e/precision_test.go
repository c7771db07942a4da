package e2e

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/itbcheck/itbcheck/testkit/synth"
)

// bikeSeason is the steady season plus two bike rides a week on the rest
// days (Monday and Friday) that grow by 30 % a week from week 5: a spike in
// any load that counted the rides, none in running.
func bikeSeason() synth.Season {
	s := synth.Plan(synth.Steady, synth.WithAthlete("cyclist"), synth.WithInterval(interval))
	rideKm := 20.0
	for w := 0; w < s.Weeks; w++ {
		if w >= 4 {
			rideKm = math.Min(rideKm*1.3, 190)
		}
		monday := s.WeekStart(w)
		for i, d := range []int{0, 4} {
			s.Runs = append(s.Runs, synth.RunSpec{
				Start:        time.Date(monday.Year(), monday.Month(), monday.Day()+d, 17, 10, 0, 0, monday.Location()),
				Sport:        synth.SportCycling,
				Kind:         "ride",
				DistanceKm:   math.Round(rideKm*10) / 10,
				PaceMinPerKm: 2.2,
				Interval:     interval,
				Seed:         uint64(1000 + 2*w + i),
			})
		}
	}
	return s
}

// TestBikeLoadIsNotRunning: rides that grow week after week raise no
// training-load finding with any load metric, and the weekly km are the
// running km only.
func TestBikeLoadIsNotRunning(t *testing.T) {
	s := bikeSeason()
	dir := filepath.Join(t.TempDir(), s.Athlete)
	if _, err := s.WriteFIT(dir); err != nil {
		t.Fatal(err)
	}
	// The same runs without the rides, for the weekly loads.
	plain := filepath.Join(t.TempDir(), "runner")
	writeSeason(t, synth.Steady, plain)
	for _, metric := range []string{"distance", "duration", "trimp"} {
		t.Run(metric, func(t *testing.T) {
			env := []string{"ITBCHECK_LOAD_METRIC=" + metric}
			res := itbcheck(t, env, "analyze", "--format", "json", "--no-progress", dir)
			if res.code != 0 {
				t.Fatalf("analyze exit %d; stderr:\n%s", res.code, res.stderr)
			}
			a := parseReport(t, res.stdout).Athletes[0]
			ref := parseReport(t, itbcheck(t, env, "analyze", "--format", "json", "--no-progress", plain).stdout).Athletes[0]
			if len(ref.Weeks) != len(a.Weeks) {
				t.Fatalf("%d weeks with the rides, %d without", len(a.Weeks), len(ref.Weeks))
			}
			for i, w := range a.Weeks {
				if w.Load == nil || ref.Weeks[i].Load == nil || math.Abs(*w.Load-*ref.Weeks[i].Load) > 1e-6 {
					t.Errorf("week %s: %s load %v with the rides, %v without", w.Week, metric, deref(w.Load), deref(ref.Weeks[i].Load))
				}
			}
			if first := a.Weeks[0]; metric != "distance" && first.Load != nil && first.DistanceKm != nil && *first.Load == *first.DistanceKm {
				t.Errorf("load.metric %s not in force: load %v = km", metric, *first.Load)
			}
			if a.Activities != len(s.Runs) {
				t.Errorf("%d activities, want %d (rides are listed)", a.Activities, len(s.Runs))
			}
			for _, f := range a.Findings {
				switch f.Rule {
				case "load-spike", "weekly-jump", "monotony", "compound-risk":
					t.Errorf("%s %s on %s: bike rides counted as running load: %s", f.Rule, f.Severity, f.Date, f.Summary)
				}
				if rank(f.Severity) >= rank("medium") {
					t.Errorf("%s %s on %s in a steady running season: %s", f.Rule, f.Severity, f.Date, f.Summary)
				}
			}
			checkWeeks(t, s, a)
		})
	}
}

// TestStravaSummaryOnly: an athlete with only Strava's activities.csv (no
// activity files) gets the plan's weekly running km, and the same season
// as a whole bulk export (activities.csv beside activities/*.fit) counts
// each activity once.
func TestStravaSummaryOnly(t *testing.T) {
	s := synth.Plan(synth.Steady, synth.WithAthlete("summary"), synth.WithInterval(interval))
	root := t.TempDir()
	only := filepath.Join(root, "summary-only")
	if err := os.MkdirAll(only, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := s.WriteStravaCSV(filepath.Join(only, "activities.csv")); err != nil {
		t.Fatalf("synth.WriteStravaCSV: %v", err)
	}
	export := filepath.Join(root, "export")
	if _, err := s.WriteFIT(filepath.Join(export, "activities")); err != nil {
		t.Fatal(err)
	}
	if err := s.WriteStravaCSV(filepath.Join(export, "activities.csv")); err != nil {
		t.Fatal(err)
	}

	for _, dir := range []string{only, export} {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			res := itbcheck(t, nil, "analyze", "--format", "json", "--no-progress", dir)
			if res.code != 0 {
				t.Fatalf("analyze exit %d; stderr:\n%s", res.code, res.stderr)
			}
			a := parseReport(t, res.stdout).Athletes[0]
			if a.Activities != len(s.Runs) {
				t.Errorf("%d activities, want %d (each once)", a.Activities, len(s.Runs))
			}
			km := s.WeeklyKm()
			weeks := map[int]weekReport{}
			for _, w := range a.Weeks {
				weeks[seasonWeek(s, day(t, w.Week))] = w
			}
			var bad []string
			for i, want := range km {
				w := weeks[i+1]
				switch {
				case w.DistanceKm == nil:
					bad = append(bad, fmt.Sprintf("week %d: null km, plan %.1f", i+1, want))
				case math.Abs(*w.DistanceKm-want) > 0.1+0.005*want:
					bad = append(bad, fmt.Sprintf("week %d: %.1f km, plan %.1f", i+1, *w.DistanceKm, want))
				}
			}
			if len(bad) > 0 {
				t.Errorf("weekly km differ from the plan:\n%s", strings.Join(bad, "\n"))
			}
			for _, f := range a.Findings {
				if rank(f.Severity) >= rank("medium") {
					t.Errorf("%s %s on %s in a steady season: %s", f.Rule, f.Severity, f.Date, f.Summary)
				}
			}
		})
	}
}

// deref gives *p, or NaN for nil.
func deref(p *float64) float64 {
	if p == nil {
		return math.NaN()
	}
	return *p
}

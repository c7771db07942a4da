package e2e

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/itbcheck/itbcheck/testkit/synth"
)

// TestAppleHealthPeerFIT: a season written as the Health app's export zip
// gives the same findings, weekly km and activity count as the same season
// written as FIT files, except the balance rules, which Apple cannot feed
// (no GCT balance) and which must say so. Repeat with
//
//	go test ./internal/e2e -run TestAppleHealthPeerFIT -v
func TestAppleHealthPeerFIT(t *testing.T) {
	balance := []string{"gct-imbalance", "asymmetry-drift"}
	for _, name := range []string{"steady", "load-spike", "load-spike-rpe", "cadence-drop", "cadence-fade", "downhill", "track-direction", "compound"} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			p := synth.Pattern(strings.TrimSuffix(name, "-rpe"))
			s := synth.Plan(p, synth.WithInterval(interval))
			if strings.HasSuffix(name, "-rpe") {
				// Every run rated: the load is sRPE, from FIT's
				// session.workout_rpe and Apple's workout effort score.
				for i := range s.Runs {
					s.Runs[i].RPE = float64(3 + i%5)
				}
			}
			root := t.TempDir()
			fitDir := filepath.Join(root, "fit")
			if _, err := s.WriteFIT(fitDir); err != nil {
				t.Fatal(err)
			}
			zipPath := filepath.Join(root, "export.zip")
			if _, err := (synth.AppleHealth{Season: s}).WriteZip(zipPath); err != nil {
				t.Fatal(err)
			}
			analyze := func(path string) athleteReport {
				t.Helper()
				res := itbcheck(t, nil, "analyze", "--format", "json", "--no-progress", "--athlete", string(p), path)
				if res.code != 0 {
					t.Fatalf("analyze %s: exit %d; stderr:\n%s", filepath.Base(path), res.code, res.stderr)
				}
				return parseReport(t, res.stdout).Athletes[0]
			}
			fit, apple := analyze(fitDir), analyze(zipPath)
			if apple.Activities != fit.Activities {
				t.Errorf("%d activities from Apple Health, %d from FIT", apple.Activities, fit.Activities)
			}
			// The same findings: rule, severity, date and metric equal,
			// values within 1 % (Apple's averages are unrounded where
			// the FIT session rounds them, its heart rate to whole bpm).
			// The balance rules aside, and compound-risk's count of risk
			// families, which counts theirs.
			g, w := appleComparable(apple.Findings, balance), appleComparable(fit.Findings, balance)
			if len(g) != len(w) {
				t.Errorf("findings differ:\napple %q\n  fit %q", findingKeys(apple), findingKeys(fit))
			}
			for i := range min(len(g), len(w)) {
				if g[i].key != w[i].key || !closeTo(g[i].value, w[i].value, 0.01) {
					t.Errorf("finding %d: apple %s %v, fit %s %v", i, g[i].key, g[i].value, w[i].key, w[i].value)
				}
			}
			if strings.HasSuffix(name, "-rpe") && !strings.Contains(string(itbcheck(t, nil, "analyze", "--no-progress", zipPath).stdout), fmt.Sprintf("session RPE (RPE × minutes); auto: RPE on %d of %d runs", len(s.Runs), len(s.Runs))) {
				t.Errorf("the Apple season's load is not sRPE from its effort scores")
			}
			t.Logf("%s: %d findings (balance rules aside); apple %q; fit %q", p, len(w), findingKeys(apple), findingKeys(fit))
			noBalance := s
			noBalance.Dynamics = false
			checkWeeks(t, noBalance, apple)
			for _, f := range apple.Findings {
				if slices.Contains(balance, f.Rule) {
					t.Errorf("balance finding from Apple Health, which records no balance: %+v", f)
				}
			}
			if s.Dynamics {
				res := itbcheck(t, nil, "analyze", "--format", "json", "--no-progress", zipPath)
				if !strings.Contains(string(res.stdout), "no GCT balance in Apple Health") {
					t.Errorf("no rule says Apple Health records no GCT balance:\n%.2000s", res.stdout)
				}
			}
		})
	}
}

// TestAppleHealthDuplicateFIT: the same runs exported from Apple Health
// and as FIT files (HealthFit, RunGap) are the same runs by the time-overlap
// rule: counted once.
func TestAppleHealthDuplicateFIT(t *testing.T) {
	s := synth.Plan(synth.Steady, synth.WithInterval(interval))
	root := t.TempDir()
	fitDir := filepath.Join(root, "fit")
	if _, err := s.WriteFIT(fitDir); err != nil {
		t.Fatal(err)
	}
	if _, _, err := (synth.AppleHealth{Season: s}).WriteDir(root); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(root, "apple_health_export", "workout-routes", "missing-is-fine")); err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	one := itbcheck(t, nil, "analyze", "--format", "json", "--no-progress", fitDir)
	both := itbcheck(t, nil, "analyze", "--format", "json", "--no-progress", root)
	if one.code != 0 || both.code != 0 {
		t.Fatalf("exit %d, %d; stderr:\n%s\n%s", one.code, both.code, one.stderr, both.stderr)
	}
	a, b := parseReport(t, one.stdout).Athletes[0], parseReport(t, both.stdout).Athletes[0]
	if b.DuplicatesMerged != a.Activities {
		t.Errorf("%d duplicates merged, want each of the %d activities once", b.DuplicatesMerged, a.Activities)
	}
	checkWeeks(t, s, b)
	if g, w := findingKeys(b), findingKeys(a); !slices.Equal(g, w) {
		t.Errorf("findings differ with the duplicates:\n got %q\nwant %q", g, w)
	}
}

// comparable is a finding as the Apple Health peer test compares it.
type comparable struct {
	key   string // rule severity date metric
	value float64
}

// appleComparable lists the findings but those of the balance rules,
// without compound-risk's value.
func appleComparable(fs []finding, balance []string) []comparable {
	var out []comparable
	for _, f := range fs {
		if slices.Contains(balance, f.Rule) {
			continue
		}
		c := comparable{key: f.Rule + " " + f.Severity + " " + f.Date + " " + f.Metric, value: math.NaN()}
		if f.Value != nil && f.Rule != "compound-risk" {
			c.value = *f.Value
		}
		out = append(out, c)
	}
	return out
}

// closeTo reports whether a and b agree within the relative tolerance
// (both absent counts as agreeing).
func closeTo(a, b, rel float64) bool {
	if math.IsNaN(a) || math.IsNaN(b) {
		return math.IsNaN(a) && math.IsNaN(b)
	}
	return math.Abs(a-b) <= rel*math.Max(math.Abs(a), math.Abs(b))+1e-9
}

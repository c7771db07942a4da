package e2e

import (
	"bytes"
	"encoding/xml"
	"path/filepath"
	"slices"
	"sync"
	"testing"

	"github.com/itbcheck/itbcheck/testkit/synth"
)

// teamPatterns are the athletes of the team folder: two controls, one
// pattern that peaks at medium and three that reach high.
var teamPatterns = []synth.Pattern{synth.Steady, synth.Deload, synth.CadenceDrop, synth.LoadSpike, synth.GCTImbalance, synth.Downhill}

var (
	teamOnce sync.Once
	teamRoot string
	teamErr  error
)

// team writes the team folder once (one sub-folder per pattern, named after
// it) and returns its root.
func team(t *testing.T) string {
	t.Helper()
	teamOnce.Do(func() {
		root, err := tempRoot()
		if err != nil {
			teamErr = err
			return
		}
		var wg sync.WaitGroup
		errs := make([]error, len(teamPatterns))
		for i, p := range teamPatterns {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, errs[i] = synth.Plan(p, synth.WithInterval(interval)).WriteFIT(filepath.Join(root, string(p)))
			}()
		}
		wg.Wait()
		for _, err := range errs {
			if err != nil && teamErr == nil {
				teamErr = err
			}
		}
		teamRoot = root
	})
	if teamErr != nil {
		t.Fatal(teamErr)
	}
	return teamRoot
}

// junit is the part of the JUnit XML the suite checks.
type junit struct {
	XMLName  xml.Name `xml:"testsuites"`
	Failures int      `xml:"failures,attr"`
	Suites   []struct {
		Name     string `xml:"name,attr"`
		Tests    int    `xml:"tests,attr"`
		Failures int    `xml:"failures,attr"`
		Cases    []struct {
			Name     string `xml:"name,attr"`
			Failures []struct {
				Type    string `xml:"type,attr"`
				Message string `xml:"message,attr"`
			} `xml:"failure"`
		} `xml:"testcase"`
	} `xml:"testsuite"`
}

// TestCheckTeamJUnit: one test suite per athlete, failures exactly for the
// athletes with a high finding, exit 1.
func TestCheckTeamJUnit(t *testing.T) {
	root := team(t)
	res := itbcheck(t, nil, "check", "--team", "--format", "junit", "--no-progress", root)
	if res.code != 1 {
		t.Errorf("check --team exit %d, want 1 (some athletes have high findings); stderr:\n%s", res.code, res.stderr)
	}
	var j junit
	if err := xml.Unmarshal(res.stdout, &j); err != nil {
		t.Fatalf("junit XML does not parse: %v\n%.500s", err, res.stdout)
	}

	// What should fail: the athletes whose JSON report has a high finding.
	js := itbcheck(t, nil, "check", "--team", "--format", "json", "--no-progress", root)
	rep := parseReport(t, js.stdout)
	wantFail := map[string]bool{}
	for _, a := range rep.Athletes {
		wantFail[a.Athlete] = slices.ContainsFunc(a.Findings, func(f finding) bool { return f.Severity == "high" })
	}
	for _, p := range []synth.Pattern{synth.Steady, synth.Deload} {
		if wantFail[string(p)] {
			t.Errorf("%s has a high finding in the JSON report", p)
		}
	}
	// A cadence drop of 7 % held two weeks is high (DOMAIN.md: 2 weeks ≤ -5 %);
	// one spiking week alone is not (principle 6: no high from one weekly
	// ratio), nor is balance alone (change detection only).
	for _, p := range []synth.Pattern{synth.Downhill, synth.CadenceDrop} {
		if !wantFail[string(p)] {
			t.Errorf("%s has no high finding in the JSON report", p)
		}
	}

	var names []string
	for _, s := range j.Suites {
		names = append(names, s.Name)
		failed := 0
		for _, c := range s.Cases {
			for _, f := range c.Failures {
				if f.Type != "high" {
					t.Errorf("%s/%s: failure of type %q below --fail-on high: %s", s.Name, c.Name, f.Type, f.Message)
				}
			}
			if len(c.Failures) > 0 {
				failed++
			}
		}
		if failed != s.Failures {
			t.Errorf("%s: failures attribute %d, %d failing test cases", s.Name, s.Failures, failed)
		}
		if (failed > 0) != wantFail[s.Name] {
			t.Errorf("%s: %d failing test cases, want failures: %v", s.Name, failed, wantFail[s.Name])
		}
	}
	slices.Sort(names)
	want := make([]string, 0, len(teamPatterns))
	for _, p := range teamPatterns {
		want = append(want, string(p))
	}
	slices.Sort(want)
	if !slices.Equal(names, want) {
		t.Errorf("test suites %v, want one per athlete %v", names, want)
	}
}

// TestJobsDeterministic: the report does not depend on how many decoders
// run in parallel.
func TestJobsDeterministic(t *testing.T) {
	root := team(t)
	one := itbcheck(t, nil, "check", "--team", "--format", "json", "--no-progress", "--jobs", "1", root)
	eight := itbcheck(t, nil, "check", "--team", "--format", "json", "--no-progress", "--jobs", "8", root)
	if one.code != eight.code {
		t.Errorf("exit %d with --jobs 1, %d with --jobs 8", one.code, eight.code)
	}
	r := parseReport(t, one.stdout)
	if r.GeneratedAt != fixedNow {
		t.Errorf("generated_at %q, want ITBCHECK_NOW %q", r.GeneratedAt, fixedNow)
	}
	if !bytes.Equal(one.stdout, eight.stdout) {
		t.Errorf("--jobs 1 and --jobs 8 give different JSON (%d and %d bytes)", len(one.stdout), len(eight.stdout))
	}

	dir := filepath.Join(root, string(synth.LoadSpike))
	one = itbcheck(t, nil, "analyze", "--format", "json", "--no-progress", "--jobs", "1", dir)
	eight = itbcheck(t, nil, "analyze", "--format", "json", "--no-progress", "--jobs", "8", dir)
	if !bytes.Equal(one.stdout, eight.stdout) {
		t.Errorf("analyze: --jobs 1 and --jobs 8 give different JSON (%d and %d bytes)", len(one.stdout), len(eight.stdout))
	}
}

package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/itbcheck/itbcheck/testkit/hostile"
)

// TestImplausibleDates: runs from a watch with a wrong clock (2100, 9999),
// one never set (1998, as FIT device-relative times read) and one alone
// years before the rest are listed as implausible, with file and date,
// and never end (or start) the season: the weeks and findings are those
// of the good runs alone. Before issue 29 the 9999 GPX (31 KB) built
// 416,025 weeks and the 2100 run showed open HIGH patterns as resolved.
func TestImplausibleDates(t *testing.T) {
	good := sampleDir(t, "alice")
	dir := t.TempDir()
	athlete := filepath.Join(dir, "alice")
	if err := os.MkdirAll(athlete, 0o755); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(good)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(good, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(athlete, e.Name()), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	bad := map[string]time.Time{
		"clock-9999.gpx": time.Date(9999, 12, 30, 6, 0, 0, 0, time.UTC),
		"clock-2100.gpx": time.Date(2100, 1, 1, 6, 0, 0, 0, time.UTC),
		"never-set.gpx":  time.Date(1998, 7, 4, 6, 0, 0, 0, time.UTC),
		"reset-2019.gpx": time.Date(2019, 5, 1, 6, 0, 0, 0, time.UTC),
	}
	for name, start := range bad {
		if err := os.WriteFile(filepath.Join(athlete, name), hostile.GPX(300, "UTF-8", "clock", start), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	clean := itbcheck(t, nil, "analyze", "--format", "json", good)
	res, rss, _ := measured(t, time.Minute, "analyze", "--format", "json", athlete)
	if res.code != 3 && res.code != 1 {
		t.Fatalf("exit %d, want 3 (or 1 for a finding): %s", res.code, res.stderr)
	}
	if rss > maxHostileRSS {
		t.Errorf("peak RSS %d MiB, want under %d", rss>>20, maxHostileRSS>>20)
	}
	want, got := parseReport(t, clean.stdout).Athletes[0], parseReport(t, res.stdout).Athletes[0]
	if len(got.Weeks) != len(want.Weeks) || got.Weeks[len(got.Weeks)-1].Week != want.Weeks[len(want.Weeks)-1].Week {
		t.Errorf("%d weeks ending %s, want the good runs' %d ending %s", len(got.Weeks), got.Weeks[len(got.Weeks)-1].Week,
			len(want.Weeks), want.Weeks[len(want.Weeks)-1].Week)
	}
	if findingKeys := func(a athleteReport) string { return strings.Join(findingKeysOf(a), ",") }; findingKeys(got) != findingKeys(want) {
		t.Errorf("findings %s, want the good runs' %s", findingKeys(got), findingKeys(want))
	}
	listed := map[string]string{}
	for _, in := range got.InputsFailed {
		listed[filepath.Base(in.Path)] = in.Error
	}
	for name, start := range bad {
		why := listed[name]
		if !strings.Contains(why, "implausible date "+start.Format(time.DateOnly)) {
			t.Errorf("%s: listed as %q, want its implausible date %s", name, why, start.Format(time.DateOnly))
		}
		if !strings.Contains(string(res.stderr), name) {
			t.Errorf("%s not named on stderr:\n%s", name, res.stderr)
		}
	}
}

// findingKeysOf are the rule and date of each finding.
func findingKeysOf(a athleteReport) []string {
	var out []string
	for _, f := range a.Findings {
		out = append(out, f.Rule+"@"+f.Date+"/"+f.Severity)
	}
	return out
}

// TestAbsurdWindowRefused: --until 0001-01-01 once meant "no limit", and
// 9999 built weeks to the end of time: a window bound outside 2000–2099
// is refused in one line (exit 2).
func TestAbsurdWindowRefused(t *testing.T) {
	alice := sampleDir(t, "alice")
	for _, args := range [][]string{{"--until", "0001-01-01"}, {"--since", "1970-01-01"}, {"--until", "9999-12-31"}} {
		res := itbcheck(t, nil, append([]string{"analyze", alice}, args...)...)
		if res.code != 2 || len(lines(res.stderr)) != 1 || !strings.Contains(string(res.stderr), args[1]+": outside 2000-01-01 to 2099-12-31") {
			t.Errorf("%v: exit %d, stderr %q; want 2 and one line naming the range", args, res.code, res.stderr)
		}
	}
}

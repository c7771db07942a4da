package screen

import (
	"strings"
	"testing"
	"time"

	"github.com/itbcheck/itbcheck/analysis"
	"github.com/itbcheck/itbcheck/rules"
)

// TestOpenRiskRanking: the team ranking weighs what is open now. A creeping
// athlete with several open lows and a medium ranks above one with many
// info notes (constant exposures) and above one whose high episode ended
// months ago.
func TestOpenRiskRanking(t *testing.T) {
	weeks := func(n int) *analysis.Season {
		s := &analysis.Season{}
		for i := 0; i < n; i++ {
			s.Weeks = append(s.Weeks, analysis.Week{Monday: analysis.DayOf(time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC).AddDate(0, 0, 7*i))})
		}
		return s
	}
	f := func(sev rules.Severity, date, until string) rules.Finding {
		return rules.Finding{Rule: rules.LoadSpike, Severity: sev, Date: mustDay(date), Until: mustDay(until)}
	}
	// 16 weeks: the last two start 2026-06-08 and 2026-06-15.
	creep := &Athlete{Name: "creep", Season: weeks(16), Findings: []rules.Finding{
		f(rules.Low, "2026-05-25", "2026-06-15"), f(rules.Low, "2026-06-08", ""), f(rules.Medium, "2026-06-15", ""),
	}}
	trail := &Athlete{Name: "trail", Season: weeks(16), Findings: []rules.Finding{
		f(rules.Info, "2026-03-02", "2026-06-15"), f(rules.Info, "2026-03-02", "2026-06-15"), f(rules.Info, "2026-04-06", "2026-06-15"),
	}}
	old := &Athlete{Name: "old", Season: weeks(16), Findings: []rules.Finding{
		f(rules.High, "2026-03-30", "2026-04-06"),
	}}
	as := []*Athlete{trail, old, creep}
	SortByRisk(as)
	if got := as[0].Name + " " + as[1].Name + " " + as[2].Name; got != "creep old trail" {
		t.Errorf("ranking %s, want creep old trail (open risk %.1f, %.1f, %.1f)", got, creep.OpenRisk(), old.OpenRisk(), trail.OpenRisk())
	}
	if trail.OpenRisk() != 0 || trail.Highest() != rules.None {
		t.Errorf("info notes count for the ranking: risk %.1f, highest %s", trail.OpenRisk(), trail.Highest())
	}
	if got, want := old.OpenRisk(), riskHigh*resolvedShare; got < want-1e-9 || got > want+1e-9 {
		t.Errorf("resolved high weighs %.2f, want %.2f", got, want)
	}
}

// TestRankingByWhatIsOpen: a resolved HIGH, however often it fired, never
// ranks above an open MEDIUM; a red flag still leads.
func TestRankingByWhatIsOpen(t *testing.T) {
	season := &analysis.Season{}
	for i := 0; i < 16; i++ {
		season.Weeks = append(season.Weeks, analysis.Week{Monday: analysis.DayOf(time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC).AddDate(0, 0, 7*i))})
	}
	f := func(sev rules.Severity, date string) rules.Finding {
		return rules.Finding{Rule: rules.LoadSpike, Severity: sev, Date: mustDay(date)}
	}
	var highs []rules.Finding
	for _, d := range []string{"2026-03-30", "2026-04-06", "2026-04-13", "2026-04-20", "2026-04-27", "2026-05-04"} {
		highs = append(highs, f(rules.High, d))
	}
	resolvedHigh := &Athlete{Name: "a-resolved-high", Season: season, Findings: highs}
	openMedium := &Athlete{Name: "b-open-medium", Season: season, Findings: []rules.Finding{f(rules.Medium, "2026-06-15")}}
	openLow := &Athlete{Name: "c-open-low", Season: season, Findings: []rules.Finding{f(rules.Low, "2026-06-08")}}
	flag := &Athlete{Name: "d-red-flag", Season: season, Findings: []rules.Finding{
		{Rule: rules.Symptom, Severity: rules.High, Date: mustDay("2026-03-02"), Metric: rules.MetricRedFlag}}}
	if resolvedHigh.OpenRisk() <= openMedium.OpenRisk() {
		t.Fatalf("fixture: the resolved highs weigh %.1f, not more than the open medium's %.1f", resolvedHigh.OpenRisk(), openMedium.OpenRisk())
	}
	as := []*Athlete{resolvedHigh, openLow, openMedium, flag}
	SortByRisk(as)
	var got []string
	for _, a := range as {
		got = append(got, a.Name)
	}
	if want := "d-red-flag b-open-medium c-open-low a-resolved-high"; strings.Join(got, " ") != want {
		t.Errorf("ranking %s, want %s", strings.Join(got, " "), want)
	}
}

// mustDay reads a YYYY-MM-DD day (zero for ""), panicking on a malformed
// literal.
func mustDay(s string) analysis.Day {
	if s == "" {
		return 0
	}
	d, err := analysis.ParseDay(s)
	if err != nil {
		panic(err)
	}
	return d
}

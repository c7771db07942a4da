package screen

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/itbcheck/itbcheck/analysis"
	"github.com/itbcheck/itbcheck/rules"
)

// earlierDoc is an earlier report as report writes it, for bob, whose
// period then ended in the week of 2026-06-01.
const earlierDoc = `{
  "schema": "itbcheck.report/v2",
  "generated_at": "2026-06-08T08:00:00Z",
  "athletes": [
    {"athlete": "bob", "runs": 40, "period": {"from": "2026-03-02", "to": "2026-06-07"},
     "weeks": [{"week": "2026-05-25"}, {"week": "2026-06-01"}],
     "findings": [
       {"rule": "load-spike", "severity": "low", "date": "2026-06-01", "until": null, "metric": "acwr"},
       {"rule": "downhill-load", "severity": "medium", "date": "2026-05-25", "until": "2026-06-01", "metric": "descent_m"},
       {"rule": "cadence-drop", "severity": "medium", "date": "2026-05-25", "until": null, "metric": "cadence"},
       {"rule": "cadence-drop", "severity": "info", "date": "2026-05-25", "until": null, "metric": "cadence"},
       {"rule": "gct-imbalance", "severity": "high", "date": "2026-04-06", "until": null, "metric": "balance"},
       {"rule": "no-such-rule", "severity": "high", "date": "2026-06-01", "until": null, "metric": "x"}
     ]}
  ]
}`

// TestCompare: bob's week, finding by finding, and a new athlete.
func TestCompare(t *testing.T) {
	e, err := ReadEarlier(strings.NewReader(earlierDoc))
	if err != nil {
		t.Fatal(err)
	}
	monday := time.Date(2026, 6, 8, 0, 0, 0, 0, time.UTC)
	lastRun := time.Date(2026, 6, 13, 9, 0, 0, 0, time.UTC)
	bob := &Athlete{Name: "bob", To: monday.AddDate(0, 0, 6),
		Season: &analysis.Season{Weeks: []analysis.Week{{Monday: analysis.DayOf(monday)}}}, Findings: []rules.Finding{
			finding(rules.LoadSpike, rules.Medium, "2026-06-01"),                                                  // the same episode, worse
			finding(rules.DownhillLoad, rules.High, "2026-06-08"),                                                 // a new episode, higher: worse
			finding(rules.CadenceDrop, rules.Medium, "2026-05-25"),                                                // open then, not now: resolved
			finding(rules.CadenceDrop, rules.Info, "2026-05-25"),                                                  // a note: never a change
			finding(rules.GCTImbalance, rules.High, "2026-04-06"),                                                 // resolved long ago: no change
			finding(rules.WeeklyJump, rules.Medium, "2026-06-08"),                                                 // new
			{Rule: rules.Symptom, Severity: rules.High, Date: mustDay("2026-06-10"), Metric: rules.MetricRedFlag}, // a new red flag
		}}
	for i := 0; i < 44; i++ {
		bob.Season.Runs = append(bob.Season.Runs, analysis.Run{IsRun: true, Start: lastRun.AddDate(0, 0, -i)})
	}
	now := time.Date(2026, 6, 15, 8, 0, 0, 0, time.UTC)
	Compare(e, bob, now)
	c := bob.Changes
	names := func(fs []ChangedFinding) []string {
		var out []string
		for _, f := range fs {
			s := f.Rule.ID + " " + f.Severity.String()
			if f.Was != rules.None {
				s += " was " + f.Was.String()
			}
			out = append(out, s)
		}
		slices.Sort(out)
		return out
	}
	for _, tt := range []struct {
		what string
		got  []string
		want []string
	}{
		{"new", names(c.New), []string{"weekly-jump medium"}},
		{"worse", names(c.Worse), []string{"downhill-load high was medium", "load-spike medium was low"}},
		{"resolved", names(c.Resolved), []string{"cadence-drop medium"}},
		{"new red flags", names(c.NewRedFlags), []string{"symptom high"}},
	} {
		if !slices.Equal(tt.got, tt.want) {
			t.Errorf("%s: %q, want %q", tt.what, tt.got, tt.want)
		}
	}
	if !c.ComparedWith.Equal(time.Date(2026, 6, 8, 8, 0, 0, 0, time.UTC)) || c.RunsAdded != 4 || c.NoNewRuns || c.NewAthlete || c.Kind() != "red-flag" {
		t.Errorf("changes %+v (kind %s)", *c, c.Kind())
	}

	// A new athlete whose runs stopped 20 days before: every finding new.
	ann := &Athlete{Name: "ann", Season: &analysis.Season{Runs: []analysis.Run{{IsRun: true, Start: now.AddDate(0, 0, -20)}}},
		Findings: []rules.Finding{finding(rules.LoadSpike, rules.Low, "2026-05-18")}}
	Compare(e, ann, now)
	if c := ann.Changes; !c.NewAthlete || len(c.New) != 1 || c.RunsAdded != 1 || c.NoNewRuns {
		t.Errorf("ann: %+v", *c)
	}
	ann.Changes = nil
	Compare(&Earlier{GeneratedAt: now.AddDate(0, 0, -7), Athletes: map[string]*EarlierAthlete{"ann": {Runs: 1, open: &Athlete{Name: "ann"},
		Findings: []rules.Finding{finding(rules.LoadSpike, rules.Low, "2026-05-18")}}}}, ann, now)
	if c := ann.Changes; !c.NoNewRuns || c.NoNewRunsDays != 20 || c.Kind() != "stale" {
		t.Errorf("ann, stopped: %+v", *c)
	}
	team := TeamChangesOf([]*Athlete{bob, ann, {Name: "cy"}})
	if team.New != 1 || team.Worse != 2 || team.Resolved != 1 || team.NewRedFlags != 1 || team.Runs != 4 ||
		len(team.NoNewRuns) != 1 || team.NoNewRuns[0] != (StaleAthlete{Name: "ann", Days: 20}) {
		t.Errorf("team: %+v", *team)
	}
}

// TestReadEarlierRefuses: what is not an itbcheck.report/v2 report is
// ErrNotReport, never a panic.
func TestReadEarlierRefuses(t *testing.T) {
	for _, doc := range []string{
		``,
		`not json`,
		`{"schema": "itbcheck.report/v2", "athletes": [`,
		`{"schema": "itbcheck.report/v1", "generated_at": "2026-06-08T08:00:00Z", "athletes": []}`,
		`{"schema": "itbcheck.report/v2", "generated_at": "last monday", "athletes": []}`,
		`{"schema": "itbcheck.report/v2", "generated_at": "2026-06-08T08:00:00Z", "athletes": [{"athlete": "bob"}]}`,
		`[1, 2, 3]`,
	} {
		if _, err := ReadEarlier(strings.NewReader(doc)); !errors.Is(err, ErrNotReport) {
			t.Errorf("ReadEarlier(%.50q) = %v, want ErrNotReport", doc, err)
		}
	}
}

// FuzzTeamState feeds the two files the coach's week keeps beside the
// reports (an earlier JSON report, the acknowledgements) to their
// readers: no panic, and acknowledgements read are written back as
// themselves.
func FuzzTeamState(f *testing.F) {
	f.Add([]byte(earlierDoc))
	f.Add(FormatAcks([]Ack{{Athlete: "bob", Rule: rules.LoadSpike, Episode: mustDay("2026-06-01"), Severity: rules.Medium,
		Date: time.Date(2026, 6, 9, 0, 0, 0, 0, time.UTC), Note: "called"}}))
	f.Fuzz(func(t *testing.T, data []byte) {
		if e, err := ReadEarlier(strings.NewReader(string(data))); err == nil {
			for name := range e.Athletes {
				Compare(e, &Athlete{Name: name}, e.GeneratedAt)
			}
		}
		acks, err := ReadAcks(strings.NewReader(string(data)))
		if err != nil {
			return
		}
		again, err := ReadAcks(strings.NewReader(string(FormatAcks(acks))))
		if err != nil || len(again) != len(acks) {
			t.Fatalf("acks %+v written and read back as %+v, %v", acks, again, err)
		}
		for i := range acks {
			if again[i] != acks[i] {
				t.Fatalf("ack %+v read back as %+v", acks[i], again[i])
			}
		}
	})
}

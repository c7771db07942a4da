package report

import (
	"bytes"
	"encoding/json"
	"html"
	"strings"
	"testing"
	"time"

	"github.com/itbcheck/itbcheck/rules"
	"github.com/itbcheck/itbcheck/screen"
)

// orderFixture is alice of the fixture, screened two days after her last
// run, with a red flag, a symptom rule that has a resolved HIGH episode, an
// open LOW one and an info note of its own, so that every part of the
// reader's order is there.
func orderFixture() *screen.Report {
	r := alone()
	r.GeneratedAt = time.Date(2026, 4, 27, 8, 0, 0, 0, time.UTC)
	a := r.Athletes[0]
	a.Findings = append(a.Findings,
		rules.Finding{Rule: rules.Symptom, Severity: rules.High, Date: "2026-03-09", Until: "2026-03-12", Metric: rules.MetricPain,
			Value: 8, Threshold: 7, Summary: "Outer-knee pain (left), 8/10 at worst", Mechanism: rules.Symptom.Mechanism,
			Explanation: rules.Symptom.Explanation, Advice: rules.Symptom.Advice},
		rules.Finding{Rule: rules.Symptom, Severity: rules.Info, Date: "2026-03-02", Until: "2026-04-20", Metric: rules.MetricTrainingSessions,
			Value: 0, Threshold: 2, Summary: "No strength or mobility session recorded", Mechanism: rules.Symptom.Mechanism},
		rules.Finding{Rule: rules.Symptom, Severity: rules.Low, Date: "2026-04-18", Until: "2026-04-19", Metric: rules.MetricPain,
			Value: 3, Threshold: 3, Summary: "Low back pain (both sides), 3/10 at worst", Mechanism: rules.Symptom.Mechanism,
			Explanation: "Low back pain after outer knee pain fits the chain.", Advice: rules.Symptom.Advice},
		rules.Finding{Rule: rules.Symptom, Severity: rules.High, Date: "2026-04-20", Metric: rules.MetricRedFlag, Value: 3, Threshold: 8,
			Summary:   "Red flag at the lower back (both sides): numbness. See a physiotherapist or physician promptly.",
			Mechanism: rules.Symptom.Mechanism, Explanation: rules.Symptom.Explanation, Advice: rules.Symptom.Advice},
	)
	return r
}

// TestReaderOrder: every human format says an athlete's results in the
// reader's order: red flags, the one action list with the professional
// first, the open patterns, what could not be judged, the resolved
// patterns, the notes, and how to read the report last.
func TestReaderOrder(t *testing.T) {
	order := []string{
		"RED FLAGS: see a physiotherapist or physician promptly",
		"This week",
		"1. See a physiotherapist or physician promptly, before any other change: you logged the lower back (both sides): numbness",
		"Open now: 3 risk patterns (in the weeks since 13 Apr)",
		"Pain and strength",
		"Not judged",
		"Could not judge track laps run one way (no GPS).",
		"1 input could not be read",
		"Resolved: 2 risk patterns, none in the weeks since 13 Apr",
		"Training load spike",
		"Notes (context, no action needed)",
		"No strength or mobility session recorded",
	}
	last := map[string]string{"text": "--verbose lists every episode", "verbose": "itbcheck is a screening aid",
		"markdown": "## How to read this report", "html": `<summary>How to read this report</summary>`}
	for _, tt := range []struct {
		name, format string
		opt          Options
	}{{"text", "text", Options{}}, {"verbose", "text", Options{Verbose: true}}, {"markdown", "markdown", Options{}}, {"html", "html", Options{}}} {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := Render(&b, tt.format, orderFixture(), tt.opt); err != nil {
				t.Fatal(err)
			}
			flat := html.UnescapeString(strings.Join(strings.Fields(b.String()), " "))
			flat = strings.NewReplacer("**", "", "<strong>", "", "</strong>", "", "<li class=\"redflag-action\">", "1. ").Replace(flat)
			flat = strings.ReplaceAll(flat, `\`, "")
			at := 0
			for _, want := range append(order, last[tt.name]) {
				i := strings.Index(flat[at:], want)
				if i < 0 {
					t.Fatalf("lacks %q after offset %d (or out of order):\n%s", want, at, flat[at:])
				}
				at += i + len(want)
			}
			// The physiotherapist pointer of every advice is left out: the
			// red flag already sends the reader to one.
			if strings.Contains(flat, rules.SeeProfessional) {
				t.Errorf("the conditional pointer to a physiotherapist stays beside a red flag")
			}
			if strings.Contains(flat, "As above") || strings.Contains(flat, "as above") {
				t.Errorf("a block points away to advice said elsewhere")
			}
		})
	}
}

// TestNotesApartFromRisks: a rule's info note is not counted in its risk
// line nor dates it; the open pattern is tagged with the severity open now
// (LOW), not with its resolved HIGH episode; the note stays in Notes.
func TestNotesApartFromRisks(t *testing.T) {
	r := orderFixture()
	a := r.Athletes[0]
	a.Findings = a.Findings[:len(a.Findings)-1] // without the red flag, HIGH and open
	out := renderOpt(t, r, Options{Width: 200})
	flat := strings.Join(strings.Fields(out), " ")
	for _, want := range []string{
		"[LOW] Pain and strength: 2 times from 9 Mar to 19 Apr",
		"- Pain and strength, 2026-03-02 to 2026-04-20: No strength or mobility session recorded",
	} {
		if !strings.Contains(flat, want) {
			t.Errorf("lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(flat, "[HIGH] Pain and strength") {
		t.Errorf("the open pattern is tagged with a resolved episode's severity:\n%s", out)
	}
}

// TestStaleActions: with the last run more than 14 days before the report,
// the action list is not "this week" but says how old the data is, in
// every format and in JSON.
func TestStaleActions(t *testing.T) {
	r := orderFixture()
	r.GeneratedAt = time.Date(2026, 5, 20, 8, 0, 0, 0, time.UTC) // last run 2026-04-25
	for _, format := range []string{"text", "markdown", "html"} {
		var b bytes.Buffer
		if err := Render(&b, format, r, Options{}); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(b.String(), "When you run again (last run 25 days ago)") || strings.Contains(b.String(), "This week<") {
			t.Errorf("%s does not say how old the data is", format)
		}
	}
	doc := jsonOrder(t, r)
	// The age of the data is one fact, last_run.days_ago (issue 23),
	// which the actions' wording above follows.
	if got := doc.Athletes[0].LastRun; got == nil || got.DaysAgo != 25 {
		t.Errorf("last_run = %+v, want days_ago 25", got)
	}
	if got := jsonOrder(t, orderFixture()).Athletes[0].LastRun; got == nil || got.DaysAgo != 2 {
		t.Errorf("last_run = %+v two days after the last run, want days_ago 2", got)
	}
}

// orderDoc is the part of the JSON report the reader's order adds.
type orderDoc struct {
	Athletes []struct {
		Actions []struct {
			Text    string   `json:"text"`
			Rules   []string `json:"rules"`
			RedFlag bool     `json:"red_flag"`
		} `json:"actions"`
		LastRun *struct {
			DaysAgo int `json:"days_ago"`
		} `json:"last_run"`
		Findings []struct {
			Rule     string `json:"rule"`
			Severity string `json:"severity"`
			Date     string `json:"date"`
			Open     *bool  `json:"open"`
		} `json:"findings"`
	} `json:"athletes"`
}

func jsonOrder(t *testing.T, r *screen.Report) orderDoc {
	t.Helper()
	var b bytes.Buffer
	if err := Render(&b, "json", r, Options{}); err != nil {
		t.Fatal(err)
	}
	var doc orderDoc
	if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	return doc
}

// TestJSONReaderOrder: JSON consumers get the same action list (the red
// flag's professional first, each action with its rules) and each finding
// open or not, null for a note.
func TestJSONReaderOrder(t *testing.T) {
	doc := jsonOrder(t, orderFixture())
	acts := doc.Athletes[0].Actions
	if len(acts) < 2 || !acts[0].RedFlag || !strings.HasPrefix(acts[0].Text, "See a physiotherapist or physician promptly") {
		t.Fatalf("actions do not start with the red flag's professional: %+v", acts)
	}
	for _, a := range acts[1:] {
		if a.RedFlag || len(a.Rules) == 0 {
			t.Errorf("action %q: red_flag %v, rules %v", a.Text, a.RedFlag, a.Rules)
		}
	}
	want := map[string]string{"load-spike 2026-03-30": "false", "gct-imbalance 2026-04-13": "true",
		"symptom 2026-03-02": "null", "symptom 2026-03-09": "false", "symptom 2026-04-18": "true"}
	for _, f := range doc.Athletes[0].Findings {
		got := "null"
		if f.Open != nil {
			got = map[bool]string{true: "true", false: "false"}[*f.Open]
		}
		if w, ok := want[f.Rule+" "+f.Date]; ok && got != w {
			t.Errorf("%s %s (%s): open %s, want %s", f.Rule, f.Date, f.Severity, got, w)
		}
	}
}

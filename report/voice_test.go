package report

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/itbcheck/itbcheck/ingest"
	"github.com/itbcheck/itbcheck/rules"
	"github.com/itbcheck/itbcheck/screen"
)

// voiceFixture is the fixture with a symptom log for its quiet athlete
// (bob): knee pain, then low back pain with night pain, a red flag.
func voiceFixture() *screen.Report {
	r := fixture()
	bob := r.Athletes[0]
	day := func(m, d int) time.Time { return time.Date(2026, time.Month(m), d, 0, 0, 0, 0, time.UTC) }
	bob.Season.Symptoms = []ingest.Symptom{
		{Date: day(3, 16), Site: ingest.SiteOuterKnee, Side: ingest.SideLeft, Pain: 4, Note: "after the <b>long</b> run"},
		{Date: day(3, 18), Site: ingest.SiteOuterKnee, Side: ingest.SideLeft, Pain: 5},
		{Date: day(4, 1), Site: ingest.SiteLowBack, Side: ingest.SideBoth, Pain: 5, Flags: []ingest.SymptomFlag{ingest.FlagNightPain}},
	}
	bob.Findings = []rules.Finding{
		{Rule: rules.ByID("symptom"), Severity: rules.Medium, Date: mustDay("2026-03-16"), Until: mustDay("2026-03-18"), Metric: rules.MetricPain, Value: 5, Threshold: 4,
			Summary: "Outer-knee pain (left), 5/10 at worst", Mechanism: rules.Symptom.Mechanism, Explanation: "e", Advice: "a"},
		{Rule: rules.ByID("symptom"), Severity: rules.High, Date: mustDay("2026-04-01"), Metric: rules.MetricRedFlag, Value: 5, Threshold: 8,
			Summary:   "Red flag at the lower back (both sides): night pain. See a physiotherapist or physician promptly.",
			Mechanism: rules.Symptom.Mechanism, Explanation: "e", Advice: "a"},
	}
	return r
}

func renderVoice(t *testing.T, format string) string {
	t.Helper()
	var b bytes.Buffer
	if err := Render(&b, format, voiceFixture(), Options{}); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestRedFlagsFirst: a red flag opens the team report and its athlete's
// section in every human format, and puts the athlete first in the team
// overview, above one with more and higher findings; open symptoms are
// listed per athlete.
func TestRedFlagsFirst(t *testing.T) {
	const reason = "2026-04-01: the lower back (both sides): night pain"
	tests := []struct {
		format string
		order  []string // must appear in this order
	}{
		{"text", []string{"RED FLAGS: see a physiotherapist or physician promptly:", "! bob *the* [builder] <b> · 2026-04-01: the lower back",
			"Team overview", "  bob *the* [bui…", "open symptoms: outer knee pain (left) since 2026-03-16", "  alice",
			"══ bob", "RED FLAGS", "! " + reason, "Period:", "══ alice"}},
		{"markdown", []string{"> **RED FLAGS: see a physiotherapist or physician promptly:**", `> - bob \*the\* \[builder\] &lt;b&gt; · ` + reason,
			"## Team overview", "| bob", "outer knee pain (left) since 2026-03-16, 5/10 at worst; low back pain (both) since 2026-04-01", "| alice",
			"## bob", "> - " + reason, "- Period:"}},
		{"html", []string{`<section class="redflag" aria-label="Red flags">`, "bob *the* [builder] &lt;b&gt; · " + reason,
			"Team overview", "bob *the* [builder] &lt;b&gt;</a>", "low back pain (both) since 2026-04-01",
			`<h2>bob *the* [builder] &lt;b&gt;</h2>`, `<section class="redflag"`, reason, `class="meta"`,
			`<li class="redflag-action"><strong>See a physiotherapist or physician promptly`,
			"Symptoms against weekly load, cadence and balance", "<svg", "<h2>alice</h2>", `<details class="howto">`}},
	}
	for _, tt := range tests {
		t.Run(tt.format, func(t *testing.T) {
			out := renderVoice(t, tt.format)
			at := 0
			for _, want := range tt.order {
				i := strings.Index(out[at:], want)
				if i < 0 {
					t.Fatalf("lacks %q after offset %d:\n%s", want, at, out[at:min(len(out), at+3000)])
				}
				at += i + len(want)
			}
		})
	}
	// Without a log, nothing of it shows.
	for _, format := range []string{"text", "markdown", "html"} {
		var b bytes.Buffer
		if err := Render(&b, format, fixture(), Options{}); err != nil {
			t.Fatal(err)
		}
		for _, never := range []string{"RED FLAGS", "Symptoms against weekly load", "since 20"} {
			if strings.Contains(b.String(), never) {
				t.Errorf("%s without a log holds %q", format, never)
			}
		}
	}
}

// TestJSONSymptomsAndRedFlags: JSON v2 lists the log and the red flags.
func TestJSONSymptomsAndRedFlags(t *testing.T) {
	var doc struct {
		Athletes []struct {
			Athlete  string `json:"athlete"`
			Symptoms []struct {
				Date, Site, Side string
				Pain             float64
				Flags            []string
				Note             string
			} `json:"symptoms"`
			RedFlags []struct{ Date, Reason string } `json:"red_flags"`
		} `json:"athletes"`
	}
	if err := json.Unmarshal([]byte(renderVoice(t, "json")), &doc); err != nil {
		t.Fatal(err)
	}
	bob := doc.Athletes[0]
	if len(bob.Symptoms) != 3 || bob.Symptoms[2].Site != "low-back" || bob.Symptoms[2].Flags[0] != "night-pain" ||
		bob.Symptoms[0].Note != "after the <b>long</b> run" || bob.Symptoms[1].Pain != 5 {
		t.Errorf("symptoms %+v", bob.Symptoms)
	}
	if len(bob.RedFlags) != 1 || bob.RedFlags[0].Date != "2026-04-01" || bob.RedFlags[0].Reason != "the lower back (both sides): night pain" {
		t.Errorf("red flags %+v", bob.RedFlags)
	}
	if alice := doc.Athletes[1]; len(alice.Symptoms) != 0 || len(alice.RedFlags) != 0 || alice.Symptoms == nil || alice.RedFlags == nil {
		t.Errorf("alice without a log: %+v, %+v (want empty lists)", alice.Symptoms, alice.RedFlags)
	}
}

// TestRedFlagLine: a red flag's line carries its span when it has one, so
// that the reason ("pain logged over 15 days") need not repeat it.
func TestRedFlagLine(t *testing.T) {
	tests := []struct {
		f    rules.Finding
		want string
	}{
		{rules.Finding{Rule: rules.ByID("symptom"), Metric: rules.MetricRedFlag, Date: mustDay("2026-05-28"),
			Summary: "Red flag at the lower back (both sides): night pain. See a physiotherapist or physician promptly."},
			"2026-05-28: the lower back (both sides): night pain"},
		{rules.Finding{Rule: rules.ByID("symptom"), Metric: rules.MetricRedFlag, Date: mustDay("2026-05-04"), Until: mustDay("2026-05-18"),
			Summary: "Red flag at the outer hip (left): pain logged over 15 days. See a physiotherapist or physician promptly."},
			"2026-05-04 to 2026-05-18: the outer hip (left): pain logged over 15 days"},
	}
	for _, tt := range tests {
		if got := redFlagLine(tt.f); got != tt.want {
			t.Errorf("redFlagLine = %q, want %q", got, tt.want)
		}
	}
}

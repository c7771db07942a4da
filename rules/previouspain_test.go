package rules

import (
	"strings"
	"testing"

	"github.com/itbcheck/itbcheck/analysis"
	"github.com/itbcheck/itbcheck/ingest"
)

// TestPreviousPain checks that a pain episode of the 12 months before a new
// risk pattern is named beside it: on the same side for a pattern towards
// one side, any side for the others, never pain that began after it.
func TestPreviousPain(t *testing.T) {
	gctLeft := setWeek(steadyWeeks(9), 8, balance(51.1)) // low, towards the left, week 8
	driftRight := join(steadyWeeks(2), []analysis.Run{run(2, 4, 16, durationMin(88), thirds(172, 172, 49.6, 47.8))})
	shoes := steadyWeeks(15, gear("Pegasus")) // shoe-mileage low in week 14: no side
	daysBefore := func(n int, site ingest.SymptomSite, side ingest.Side) []ingest.Symptom {
		return []ingest.Symptom{{Date: start.AddDate(0, 0, -n), Site: site, Side: side, Pain: 3}}
	}
	tests := []struct {
		name string
		runs []analysis.Run
		rule string
		log  []ingest.Symptom
		want string // "" when no previous pain is named
	}{
		{"left pain before a pattern towards the left", gctLeft, "gct-imbalance", pain(2, 0, ingest.SiteOuterKnee, ingest.SideLeft, 2, 4),
			"You logged outer-knee pain on the left in March (worst 4/10); previous injury is the strongest known predictor (Malisoux 2015, HR 1.72)"},
		{"right pain is not named beside a pattern towards the left", gctLeft, "gct-imbalance", pain(2, 0, ingest.SiteOuterKnee, ingest.SideRight, 4), ""},
		{"pain on both sides counts for either side", gctLeft, "gct-imbalance", pain(2, 0, ingest.SiteOuterHip, ingest.SideBoth, 5),
			"You logged outer-hip pain on both sides in March (worst 5/10)"},
		{"pain that began after the pattern is not previous", gctLeft, "gct-imbalance", pain(8, 2, ingest.SiteOuterKnee, ingest.SideLeft, 4), ""},
		{"a drift towards the right names right pain", driftRight, "asymmetry-drift", pain(1, 0, ingest.SiteOuterKnee, ingest.SideRight, 3),
			"You logged outer-knee pain on the right in March (worst 3/10)"},
		{"a drift towards the right leaves left pain out", driftRight, "asymmetry-drift", pain(1, 0, ingest.SiteOuterKnee, ingest.SideLeft, 3), ""},
		{"a pattern of no side names pain on any side", shoes, "shoe-mileage", pain(3, 0, ingest.SiteLowBack, ingest.SideRight, 3),
			"You logged low-back pain on the right in March (worst 3/10)"},
		{"pain within 12 months before the season, with its year", gctLeft, "gct-imbalance", daysBefore(300, ingest.SiteOuterKnee, ingest.SideLeft),
			"You logged outer-knee pain on the left in " + start.AddDate(0, 0, -300).Format("January 2006") + " (worst 3/10)"},
		{"pain more than 12 months before is not named", gctLeft, "gct-imbalance", daysBefore(420, ingest.SiteOuterKnee, ingest.SideLeft), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := season(tt.runs)
			s.Symptoms = tt.log
			var risks []Finding
			for _, f := range only(Screen(s, nil).Findings, tt.rule) {
				if f.Severity >= Low {
					risks = append(risks, f)
				}
			}
			if len(risks) == 0 {
				t.Fatalf("no %s risk finding", tt.rule)
			}
			for _, f := range risks {
				named := strings.Contains(f.Summary, "You logged")
				if tt.want == "" && named {
					t.Errorf("%s %s names pain: %q", f.Rule.ID, f.Date, f.Summary)
				}
				if tt.want != "" && !strings.Contains(f.Summary, tt.want) {
					t.Errorf("%s %s: summary %q lacks %q", f.Rule.ID, f.Date, f.Summary, tt.want)
				}
			}
		})
	}
	// The symptom rule's own findings do not name pain twice.
	s := season(gctLeft)
	s.Symptoms = append(pain(2, 0, ingest.SiteOuterKnee, ingest.SideLeft, 4), pain(6, 0, ingest.SiteOuterKnee, ingest.SideLeft, 4)...)
	for _, f := range Screen(s, nil).Findings {
		if f.Rule.Family == FamilySymptoms && strings.Contains(f.Summary, "You logged") {
			t.Errorf("symptom finding names previous pain: %q", f.Summary)
		}
	}
}

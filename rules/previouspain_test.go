package rules

import (
	"slices"
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
			fs := Screen(s, nil).Findings
			if len(only(fs, tt.rule)) == 0 {
				t.Fatalf("no %s finding", tt.rule)
			}
			for _, f := range fs {
				if strings.Contains(f.Summary, "You logged") {
					t.Errorf("%s %s names pain in its summary (the view names it once): %q", f.Rule.ID, f.Date, f.Summary)
				}
			}
			pp := PreviousPains(fs, analysis.SymptomEpisodes(s.Symptoms))
			var named *PreviousPain
			for k := range pp {
				if slices.ContainsFunc(pp[k].Rules, func(r *Rule) bool { return r.ID == tt.rule }) {
					named = &pp[k]
				}
			}
			switch {
			case tt.want == "" && named != nil:
				t.Errorf("%s names pain: %q", tt.rule, named.Line)
			case tt.want != "" && named == nil:
				t.Errorf("%s: no previous pain named beside it (%+v)", tt.rule, pp)
			case tt.want != "" && !strings.Contains(named.Line, tt.want):
				t.Errorf("%s: %q lacks %q", tt.rule, named.Line, tt.want)
			}
		})
	}
	// The symptom rule's own findings name no previous pain; one episode
	// is named once, however many patterns follow it.
	s := season(gctLeft)
	s.Symptoms = append(pain(2, 0, ingest.SiteOuterKnee, ingest.SideLeft, 4), pain(6, 0, ingest.SiteOuterKnee, ingest.SideLeft, 4)...)
	fs := Screen(s, nil).Findings
	for _, p := range PreviousPains(fs, analysis.SymptomEpisodes(s.Symptoms)) {
		for _, r := range p.Rules {
			if r.Family == FamilySymptoms {
				t.Errorf("previous pain named beside the symptom rule %s", r.ID)
			}
		}
	}
	s = season(shoes)
	s.Symptoms = pain(3, 0, ingest.SiteLowBack, ingest.SideRight, 3)
	fs = append(Screen(s, nil).Findings, Screen(s, nil).Findings...) // every pattern twice
	if pp := PreviousPains(fs, analysis.SymptomEpisodes(s.Symptoms)); len(pp) != 1 || len(pp[0].Rules) != len(distinctRisks(fs)) {
		t.Errorf("one episode beside %d risk rules: got %+v", len(distinctRisks(fs)), pp)
	}
}

// distinctRisks are the rules of the risk findings of fs outside the
// symptom family, each once.
func distinctRisks(fs []Finding) []*Rule {
	var out []*Rule
	for _, f := range fs {
		if f.Severity >= Low && f.Rule.Family != FamilySymptoms && !slices.Contains(out, f.Rule) {
			out = append(out, f.Rule)
		}
	}
	return out
}

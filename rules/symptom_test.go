package rules

import (
	"math"
	"strings"
	"testing"
	"time"

	"github.com/itbcheck/itbcheck/analysis"
	"github.com/itbcheck/itbcheck/ingest"
)

// pain logs pain at site on consecutive days from day d of week w.
func pain(w, d int, site ingest.SymptomSite, side ingest.Side, pains ...float64) []ingest.Symptom {
	var out []ingest.Symptom
	for i, p := range pains {
		out = append(out, ingest.Symptom{Date: start.AddDate(0, 0, 7*w+d+i), Site: site, Side: side, Pain: p})
	}
	return out
}

// flagged is one day's pain with flags.
func flagged(w, d int, site ingest.SymptomSite, p float64, flags ...ingest.SymptomFlag) []ingest.Symptom {
	return []ingest.Symptom{{Date: start.AddDate(0, 0, 7*w+d), Site: site, Side: ingest.SideBoth, Pain: p, Flags: flags}}
}

func logs(lists ...[]ingest.Symptom) []ingest.Symptom {
	var out []ingest.Symptom
	for _, l := range lists {
		out = append(out, l...)
	}
	return out
}

// strengthWeeks adds two strength sessions to every week of n.
func strengthWeeks(n int) []analysis.Run {
	var out []analysis.Run
	for w := 0; w < n; w++ {
		for _, d := range []int{0, 4} {
			t := start.AddDate(0, 0, 7*w+d).Add(18 * time.Hour)
			out = append(out, analysis.Run{Source: "gym" + itoa(w) + itoa(d) + ".fit", Sport: ingest.SportStrength, Start: t, LocalDate: t, DurationS: 1800})
		}
	}
	return out
}

// spikeThenDrop: 6 steady weeks, then a load spike with cadence 7 % down
// from week 6 on, 12 weeks in all; left balance drops to 48.6 % from week 7
// (the runner spends less time on the left foot).
func spikeThenDrop() []analysis.Run {
	runs := steadyWeeks(6)
	runs = append(runs, scaledWeek(6, 1.7, cadence(160))...)
	for w := 7; w < 12; w++ {
		runs = append(runs, steadyWeek(w, cadence(160), balance(48.6))...)
	}
	return runs
}

func symptomFindings(s *analysis.Season, cfg *Config) []Finding {
	var out []Finding
	for _, f := range Evaluate(s, cfg) {
		if f.Rule.ID == Symptom.ID {
			out = append(out, f)
		}
	}
	return out
}

func TestSymptomRule(t *testing.T) {
	kneeThenBack := logs(pain(7, 2, ingest.SiteOuterKnee, ingest.SideLeft, 3, 4, 5, 4, 3),
		pain(10, 2, ingest.SiteLowBack, ingest.SideBoth, 3, 4, 4))
	tests := []struct {
		name string
		runs []analysis.Run
		log  []ingest.Symptom
		// want lists, per finding in order, "severity metric" and phrases
		// its texts must hold.
		want [][]string
		// never are phrases no symptom finding may hold.
		never []string
	}{
		{"knee pain after a spike and cadence drop, back pain three weeks later", spikeThenDrop(), kneeThenBack, [][]string{
			{"info strength-mobility-sessions", "No strength or mobility session recorded from " + monday(4) + " to " + day(10, 6), "cadence down from your baseline (high)", "outer-knee pain (left)",
				"not a prevention promise"},
			{"medium pain", "Outer-knee pain (left), 5/10 at worst, logged on 5 days |",
				"training load spike (medium)", "cadence down from your baseline", "cadence 7.0 % below your baseline",
				"load 1.70× your 4-week average in the week of " + monday(6),
				"moved 1.5 pp towards the right foot", "sparing the painful leg",
				"Ober test", "hip abductor strength", "gluteus medius and maximus", "stretch the hip flexors", "foam rolling eases symptoms but works only together with strengthening"},
			{"medium pain", "Low back pain (both sides), 4/10 at worst", "starting 3 weeks after outer knee pain began (" + day(7, 2) + ")",
				"may be secondary to hip and pelvic control", "tell a secondary back problem from a primary one such as a disc"},
		}, []string{"you have", "Red flag"}},
		{"back pain with no knee or hip pain before it", steadyWeeks(12), pain(8, 0, ingest.SiteLowBack, ingest.SideBoth, 2, 3), [][]string{
			{"low pain", "Low back pain (both sides), 3/10", "does not point to the hip → pelvis → lower back chain", "has many causes, and the log does not point to one"},
		}, []string{"may be secondary to hip and pelvic control", "after hip or knee pain"}},
		{"back pain 8 weeks after the knee pain ended", steadyWeeks(14), logs(pain(1, 0, ingest.SiteOuterHip, ingest.SideRight, 3, 3),
			pain(10, 0, ingest.SiteLowBack, "", 4)), [][]string{
			{"low pain", "Outer-hip pain (right)", "saw no risk pattern"},
			{"info strength-mobility-sessions", "from " + monday(0) + " to " + day(4, 6) + ", while these were open: outer-hip pain (right)"},
			{"medium pain", "Low back pain, 4/10 at worst, logged on 1 day |", "does not point to"},
		}, []string{"may be secondary to hip and pelvic control", "sparing", "after hip or knee pain"}},
		{"red flags: numbness, severe pain, persistent pain, each its episode's one finding", steadyWeeks(12), logs(
			flagged(3, 0, ingest.SiteLowBack, 3, ingest.FlagNumbness, ingest.FlagNightPain),
			pain(5, 0, ingest.SiteOuterKnee, ingest.SideRight, 2, 8),
			pain(9, 0, ingest.SiteOuterHip, ingest.SideLeft, 2, 0, 2, 0, 0, 2, 2, 0, 0, 2, 0, 2, 0, 2, 2)), [][]string{
			{"high red-flag", "Red flag at the lower back (both sides): numbness, night pain. See a physiotherapist or physician promptly.",
				"The log: Low back pain (both sides), 3/10 at worst", "the log does not point to one"},
			{"high red-flag", "Red flag at the outer knee (right): pain 8/10 on " + day(5, 1), "The log: Outer-knee pain (right), 8/10 at worst"},
			{"info strength-mobility-sessions", "from " + monday(2) + " to " + day(11, 6), "outer-knee pain (right); outer-hip pain (left)"},
			{"high red-flag", "Red flag at the outer hip (left): pain logged over 15 days. See", "The log: Outer-hip pain (left), 2/10 at worst, logged on 8 days"},
		}, nil},
		{"open patterns and no pain logged: strength is advice, never a note", spikeThenDrop(), nil, nil, []string{"No strength"}},
		{"open patterns, two strength sessions a week", join(spikeThenDrop(), strengthWeeks(12)), nil, nil, nil},
		{"no log, healthy season", steadyWeeks(12), nil, nil, nil},
		{"pain 0 entries only", steadyWeeks(12), pain(3, 0, ingest.SiteOuterKnee, ingest.SideLeft, 0, 0, 0), nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := season(tt.runs)
			s.Symptoms = tt.log
			got := symptomFindings(s, nil)
			if len(got) != len(tt.want) {
				for _, f := range got {
					t.Logf("%s %s %s: %s | %s", f.Date, f.Severity, f.Metric, f.Summary, f.Explanation)
				}
				t.Fatalf("%d symptom findings, want %d", len(got), len(tt.want))
			}
			for i, f := range got {
				if head := f.Severity.String() + " " + f.Metric; head != tt.want[i][0] {
					t.Errorf("finding %d is %q, want %q: %s", i, head, tt.want[i][0], f.Summary)
				}
				text := f.Summary + " | " + f.Explanation + " | " + f.Advice
				for _, phrase := range tt.want[i][1:] {
					if !strings.Contains(text, phrase) {
						t.Errorf("finding %d lacks %q:\n%s", i, phrase, text)
					}
				}
				for _, phrase := range append(tt.never, "you have", "diagnosed") {
					if strings.Contains(text, phrase) {
						t.Errorf("finding %d holds %q:\n%s", i, phrase, text)
					}
				}
			}
		})
	}
}

// TestSymptomOneFindingPerEpisode: a red flag is the episode's one
// finding (DOMAIN.md: it always stays, high, and sends to a professional);
// the episode's pain finding folds into it (its context in the
// explanation, what to ask the professional in the advice, the exercises
// left for after the assessment) instead of a second high for the same
// pain. Without a red flag the pain finding is graded as before. No
// summary repeats the episode's span, which Date and Until carry.
func TestSymptomOneFindingPerEpisode(t *testing.T) {
	knee := func(pains ...float64) []ingest.Symptom {
		return pain(7, 2, ingest.SiteOuterKnee, ingest.SideRight, pains...)
	}
	tests := []struct {
		name   string
		runs   []analysis.Run
		log    []ingest.Symptom
		head   string   // "severity metric" of the episode's one finding
		want   []string // in summary | explanation | advice
		advice []string // in the advice
		never  []string // nowhere in the finding
	}{
		{"pain 7: high pain, no red flag", spikeThenDrop(), knee(5, 7), "high pain",
			[]string{"Outer-knee pain (right), 7/10 at worst, logged on 2 days", "In the 4 weeks before it began"},
			[]string{"Ober test", "clamshells"}, []string{"Red flag"}},
		{"pain 8: the red flag, with the pain's context", spikeThenDrop(), knee(5, 8), "high red-flag",
			[]string{"Red flag at the outer knee (right): pain 8/10 on " + day(7, 3), "The log: Outer-knee pain (right), 8/10 at worst, logged on 2 days.",
				"In the 4 weeks before it began: risk patterns open", "where IT band trouble shows"},
			[]string{adviceRedFlag, "Ober test"}, []string{"clamshells"}},
		{"pain 10 on one day", steadyWeeks(12), knee(10), "high red-flag",
			[]string{"pain 10/10 on " + day(7, 2), "logged on 1 day."}, []string{adviceRedFlag}, nil},
		{"tingling with mild pain", steadyWeeks(12), flagged(7, 2, ingest.SiteOuterHip, 2, ingest.FlagTingling), "high red-flag",
			[]string{"Red flag at the outer hip (both sides): tingling", "The log: Outer-hip pain (both sides), 2/10 at worst"}, []string{adviceRedFlag}, nil},
		{"night back pain after knee pain: the chain stays", steadyWeeks(12),
			logs(pain(5, 0, ingest.SiteOuterKnee, ingest.SideLeft, 3, 3), flagged(7, 2, ingest.SiteLowBack, 4, ingest.FlagNightPain)), "high red-flag",
			[]string{"Red flag at the lower back (both sides): night pain", "may be secondary to hip and pelvic control"},
			[]string{adviceRedFlag, "such as a disc"}, []string{"clamshells"}},
		{"another site: a red flag alone", steadyWeeks(12), flagged(7, 2, ingest.SiteOther, 3, ingest.FlagNumbness), "high red-flag",
			[]string{"Red flag at another site"}, []string{adviceRedFlag}, []string{"The log:"}},
		{"pain below every threshold with numbness", steadyWeeks(12), flagged(7, 2, ingest.SiteOuterKnee, 0.5, ingest.FlagNumbness), "high red-flag",
			[]string{"numbness"}, []string{adviceRedFlag}, []string{"The log:"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := season(tt.runs)
			s.Symptoms = tt.log
			last := tt.log[len(tt.log)-1].Date
			var got []Finding
			for _, f := range symptomFindings(s, nil) {
				if f.Metric == MetricTrainingSessions {
					continue
				}
				got = append(got, f)
				if f.Until != 0 && strings.Contains(f.Summary, f.Date.String()) && strings.Contains(f.Summary, f.Until.String()) {
					t.Errorf("summary repeats the span %s to %s: %s", f.Date, f.Until, f.Summary)
				}
			}
			// The episode under test is the last; the knee pain before the
			// night back pain has its own finding.
			var ep []Finding
			for _, f := range got {
				if f.Date >= dayOf(last.AddDate(0, 0, -7)) {
					ep = append(ep, f)
				}
			}
			if len(ep) != 1 {
				for _, f := range ep {
					t.Logf("%s %s %s: %s", f.Date, f.Severity, f.Metric, f.Summary)
				}
				t.Fatalf("%d findings for the episode, want 1", len(ep))
			}
			f := ep[0]
			if head := f.Severity.String() + " " + f.Metric; head != tt.head {
				t.Errorf("finding is %q, want %q: %s", head, tt.head, f.Summary)
			}
			text := f.Summary + " | " + f.Explanation + " | " + f.Advice
			for _, w := range tt.want {
				if !strings.Contains(text, w) {
					t.Errorf("lacks %q:\n%s", w, text)
				}
			}
			for _, w := range tt.advice {
				if !strings.Contains(f.Advice, w) {
					t.Errorf("advice lacks %q: %s", w, f.Advice)
				}
			}
			for _, w := range append(tt.never, "you have") {
				if strings.Contains(text, w) {
					t.Errorf("holds %q:\n%s", w, text)
				}
			}
			if IsRedFlag(f) && RedFlagReason(f) == f.Summary {
				t.Errorf("RedFlagReason(%q) did not strip the call to action", f.Summary)
			}
		})
	}
}

// TestSymptomStatusAndRedFlags: without a log nothing changes; red flags
// are high, counted like any high finding, and RedFlagsOf finds them.
func TestSymptomStatusAndRedFlags(t *testing.T) {
	s := season(steadyWeeks(10))
	if fs, st := Symptom.Check(s, nil); st.State != Judged || len(fs) != 0 {
		t.Errorf("without a log: %+v, %d findings; want judged and quiet (nothing changes)", st, len(fs))
	}
	s.Symptoms = flagged(4, 2, ingest.SiteOuterKnee, 3, ingest.FlagTingling)
	fs, st := Symptom.Check(s, nil)
	if st.State != Judged {
		t.Errorf("with a log: %+v", st)
	}
	flags := RedFlagsOf(fs)
	if len(flags) != 1 || flags[0].Severity != High || !IsRedFlag(flags[0]) || flags[0].Date.String() != day(4, 2) {
		t.Errorf("red flags %+v", flags)
	}
	off := false
	if fs := symptomFindings(s, &Config{Rules: map[string]Settings{"symptom": {Enabled: &off}}}); len(fs) != 0 {
		t.Errorf("disabled rule gave %d findings", len(fs))
	}
}

// TestSideShiftJudgedLevel checks that the pain's balance context measures
// the shift from the level gct-imbalance judged the week against: a
// trend's anchor when a trend judged it (principle 8), not the median the
// trend has dragged along.
func TestSideShiftJudgedLevel(t *testing.T) {
	runs := steadyWeeks(8, balance(50.8))
	runs = append(runs, steadyWeek(8, balance(49.6))...)
	knee := analysis.SymptomEpisode{Site: ingest.SiteOuterKnee, Side: ingest.SideLeft, First: start.AddDate(0, 0, 7*8+2)}
	for _, tt := range []struct {
		name  string
		trend *analysis.BalanceTrend
		want  string // a phrase of the context, "" for none
	}{
		{"median judged: 1.2 pp towards the right", nil, "moved 1.2 pp towards the right foot"},
		{"trend judged from 50.0 %: 0.4 pp, no shift", &analysis.BalanceTrend{AnchorPct: 50.0, SlopePP: 0.1, ChangePP: 0.8}, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s := season(runs)
			models := make([]analysis.BalanceModel, len(s.Weeks))
			for i := range models {
				models[i] = analysis.BalanceModel{Valid: true, MedianPct: 50.8, SpreadPP: 0.3, Weeks: 8, Runs: 24, Trend: tt.trend}
			}
			s.RecordBalance(models)
			got := sideShift(s, knee)
			if tt.want == "" && got != "" || tt.want != "" && !strings.Contains(got, tt.want) {
				t.Errorf("sideShift = %q, want %q", got, tt.want)
			}
			if shift, _, ok := balanceShift(s, 8, 8); ok && tt.trend != nil && math.Abs(shift-(-0.4)) > 0.05 {
				t.Errorf("balanceShift = %.2f pp, want -0.4 against the trend's anchor", shift)
			}
		})
	}
}

package rules

import (
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
		if f.Rule == Symptom.ID {
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
			{"info strength-mobility-sessions", "No strength or mobility session recorded from " + monday(3) + " to " + day(11, 6), "cadence down from your baseline (high)", "outer-knee pain (left)"},
			{"medium pain", "Outer-knee pain (left), 5/10 at worst, logged on 5 days from " + day(7, 2) + " to " + day(7, 6),
				"training load spike (medium)", "cadence down from your baseline", "cadence 7.0 % below your baseline",
				"load 1.70× your 4-week average in the week of " + monday(6),
				"moved 1.5 pp towards the right foot", "sparing the painful leg",
				"Ober test", "hip abductor strength", "gluteus medius and maximus", "stretch the hip flexors", "foam rolling eases symptoms but works only together with strengthening"},
			{"medium pain", "Low back pain (both sides), 4/10 at worst", "starting 3 weeks after outer knee pain began (" + day(7, 2) + ")",
				"may be secondary to hip and pelvic control", "tell a secondary back problem from a primary one such as a disc"},
		}, []string{"you have", "Red flag"}},
		{"back pain with no knee or hip pain before it", steadyWeeks(12), pain(8, 0, ingest.SiteLowBack, ingest.SideBoth, 2, 3), [][]string{
			{"low pain", "Low back pain (both sides), 3/10", "does not point to the hip → pelvis → lower back chain"},
		}, []string{"may be secondary to hip and pelvic control"}},
		{"back pain 8 weeks after the knee pain ended", steadyWeeks(14), logs(pain(1, 0, ingest.SiteOuterHip, ingest.SideRight, 3, 3),
			pain(10, 0, ingest.SiteLowBack, "", 4)), [][]string{
			{"low pain", "Outer-hip pain (right)", "saw no risk pattern"},
			{"info strength-mobility-sessions", "from " + monday(0) + " to " + day(4, 6) + ", while these were open: outer-hip pain (right)"},
			{"medium pain", "Low back pain, 4/10 at worst, logged on 1 day from " + day(10, 0), "does not point to"},
		}, []string{"may be secondary to hip and pelvic control", "sparing"}},
		{"red flags: numbness, severe pain, persistent pain", steadyWeeks(12), logs(
			flagged(3, 0, ingest.SiteLowBack, 3, ingest.FlagNumbness, ingest.FlagNightPain),
			pain(5, 0, ingest.SiteOuterKnee, ingest.SideRight, 2, 8),
			pain(9, 0, ingest.SiteOuterHip, ingest.SideLeft, 2, 0, 2, 0, 0, 2, 2, 0, 0, 2, 0, 2, 0, 2, 2)), [][]string{
			{"high red-flag", "Red flag at the lower back (both sides): numbness, night pain. See a physiotherapist or physician promptly."},
			{"low pain", "Low back pain (both sides), 3/10"},
			{"high red-flag", "Red flag at the outer knee (right): pain 8/10 on " + day(5, 1)},
			{"high pain", "Outer-knee pain (right), 8/10 at worst"},
			{"info strength-mobility-sessions", "from " + monday(2) + " to " + day(11, 6), "outer-knee pain (right); outer-hip pain (left)"},
			{"high red-flag", "Red flag at the outer hip (left): pain logged over 15 days (" + day(9, 0) + " to " + day(11, 0) + ")"},
			{"low pain", "Outer-hip pain (left), 2/10 at worst, logged on 8 days"},
		}, nil},
		{"open patterns, no strength sessions", spikeThenDrop(), nil, [][]string{
			{"info strength-mobility-sessions", "No strength or mobility session recorded from " + monday(3) + " to " + day(11, 6) + ", while these were open: ", "cadence down from your baseline (high)",
				"side-lying hip abduction, clamshells"},
		}, nil},
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
	if len(flags) != 1 || flags[0].Severity != High || !IsRedFlag(flags[0]) || flags[0].Date != day(4, 2) {
		t.Errorf("red flags %+v", flags)
	}
	off := false
	if fs := symptomFindings(s, &Config{Rules: map[string]Settings{"symptom": {Enabled: &off}}}); len(fs) != 0 {
		t.Errorf("disabled rule gave %d findings", len(fs))
	}
}

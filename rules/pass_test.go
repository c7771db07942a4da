package rules

import (
	"strings"
	"testing"

	"github.com/itbcheck/itbcheck/analysis"
)

func TestSeverityInfo(t *testing.T) {
	if !(None < Info && Info < Low) {
		t.Fatal("info must rank between none and low")
	}
	if s, err := ParseSeverity("info"); err != nil || s != Info || s.String() != "info" {
		t.Fatalf("ParseSeverity(info) = %v, %v", s, err)
	}
}

// TestScreenStatuses: every rule has one status in catalogue order;
// disabled rules say so, an empty season is no-data, and rules report
// through the pass with their own texts.
func TestScreenStatuses(t *testing.T) {
	off := false
	cfg := &Config{Rules: map[string]Settings{"monotony": {Enabled: &off}}}
	res := Screen(season(steadyWeeks(12)), cfg)
	if len(res.Statuses) != len(All) {
		t.Fatalf("%d statuses, want %d", len(res.Statuses), len(All))
	}
	for i, st := range res.Statuses {
		if st.Rule != All[i].ID {
			t.Errorf("status %d is %s, want %s", i, st.Rule, All[i].ID)
		}
		if want := st.Rule == "monotony"; (st.State == Disabled) != want {
			t.Errorf("%s: state %s", st.Rule, st.State)
		}
		if st.State != Judged && st.State != Disabled && st.Reason == "" {
			t.Errorf("%s: %s without a reason", st.Rule, st.State)
		}
	}
	for _, st := range Screen(&analysis.Season{}, nil).Statuses {
		if st.State != NoData {
			t.Errorf("empty season: %s is %s, want no-data", st.Rule, st.State)
		}
	}
	for _, f := range Evaluate(season(join(steadyWeeks(6), scaledWeek(6, 1.62))), nil) {
		r := f.Rule
		// The symptom rule describes each of its findings in its own words.
		if (r != Symptom && (f.Explanation != r.Explanation || f.Advice != r.Advice)) || f.Explanation == "" || len(f.Mechanism) == 0 {
			t.Errorf("%s: finding does not carry its rule's texts", f.Rule.ID)
		}
	}
}

// TestResultOfNeedsRequires: a rule reads only what it declared.
func TestResultOfNeedsRequires(t *testing.T) {
	defer func() {
		if v := recover(); v == nil || !strings.Contains(v.(string), "without requiring") {
			t.Errorf("recover() = %v, want the missing-requirement panic", v)
		}
	}()
	r := &Rule{ID: "probe", Run: func(p *Pass) { p.ResultOf(LoadSpike) }}
	r.Check(season(steadyWeeks(2)), nil)
}

func TestEpisodes(t *testing.T) {
	m := func(w int, sev Severity, v float64) mark { return mark{week: w, sev: sev, value: v, limit: 1} }
	tests := []struct {
		name  string
		marks []mark
		want  []string // first-last:severity:peak week:trend
	}{
		{"one week", []mark{m(3, Low, 1)}, []string{"3-3:low:3:"}},
		{"three weeks rising", []mark{m(3, Low, 1), m(4, Low, 1.5), m(5, Low, 2)}, []string{"3-5:low:5:rising"}},
		{"a quiet week inside", []mark{m(3, Low, 1), m(5, Low, 1)}, []string{"3-5:low:3:steady"}},
		{"two quiet weeks end it", []mark{m(3, Low, 1), m(6, Low, 1)}, []string{"3-3:low:3:", "6-6:low:6:"}},
		{"an escalation is news", []mark{m(3, Low, 1), m(4, Medium, 2), m(5, Low, 1)}, []string{"3-3:low:3:", "4-5:medium:4:falling"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, e := range episodes(tt.marks, false) {
				got = append(got, itoa(e.first)+"-"+itoa(e.last)+":"+e.peak.sev.String()+":"+itoa(e.peak.week)+":"+string(e.trend(false)))
			}
			if strings.Join(got, " ") != strings.Join(tt.want, " ") {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

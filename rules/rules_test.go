package rules

import (
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/itbcheck/itbcheck/analysis"
)

func TestCatalogue(t *testing.T) {
	contract := []string{"load-spike", "session-spike", "weekly-jump", "monotony", "cadence-drop", "low-cadence", "cadence-fade",
		"gct-imbalance", "asymmetry-drift", "downhill-load", "track-direction", "shoe-mileage", "compound-risk", "symptom"}
	if len(All) != len(contract) {
		t.Fatalf("All has %d rules, want %d", len(All), len(contract))
	}
	known := make(map[Link]bool)
	for _, l := range Links {
		known[l] = true
		if LinkText(l) == "" || LinkLabel(l) == string(l) {
			t.Errorf("link %s has no text or label", l)
		}
	}
	for i, r := range All {
		if r.ID != contract[i] {
			t.Errorf("All[%d] = %s, want %s", i, r.ID, contract[i])
		}
		if ByID(r.ID) != r {
			t.Errorf("ByID(%s) does not return the rule", r.ID)
		}
		if r.Title == "" || r.Doc == "" || r.Computes == "" || r.Evidence == "" || r.Grade == "" || r.Family == "" || r.Run == nil || r.Unit.Text == "" || r.Unit.Quantity == QuantityNone {
			t.Errorf("%s: missing Title, Doc, Computes, Evidence, Grade, Family, Unit or Run", r.ID)
		}
		for _, req := range r.Requires {
			if !slices.Contains(All, req) || requiresRule(req, r) {
				t.Errorf("%s requires %v, which is not in All or requires it in turn", r.ID, req)
			}
		}
		if n := len(r.Mechanism); n == 0 || r.Mechanism[n-1] != LumbarOverload {
			t.Errorf("%s: mechanism %v does not end at lumbar-overload", r.ID, r.Mechanism)
		}
		for _, l := range r.Mechanism {
			if !known[l] {
				t.Errorf("%s: unknown link %q", r.ID, l)
			}
		}
		if r.Explanation == "" || !strings.HasSuffix(r.Advice, seeProfessional) {
			t.Errorf("%s: missing explanation or advice without the pointer to a physiotherapist", r.ID)
		}
		if err := validateThresholds(r, r.Defaults); err != nil {
			t.Errorf("%s: defaults invalid: %v", r.ID, err)
		}
		if tt := r.ThresholdText(r.Defaults); tt == "" || strings.Contains(tt, "NaN") {
			t.Errorf("%s: threshold text %q", r.ID, tt)
		}
	}
	if ByID("no-such-rule") != nil {
		t.Error("ByID of an unknown id is not nil")
	}
}

// requiresRule reports whether r requires target, directly or through
// the rules it requires.
func requiresRule(r, target *Rule) bool {
	for _, req := range r.Requires {
		if req == target || requiresRule(req, target) {
			return true
		}
	}
	return false
}

func TestThresholdText(t *testing.T) {
	tests := []struct {
		rule *Rule
		t    Thresholds
		want string
	}{
		{LoadSpike, LoadSpike.Defaults, "low ≥ 1.30×, medium ≥ 1.50×, high ≥ 2.00× (this week's load ÷ tolerated load; the greater of the 4-week mean and the last well-tolerated level; high only with a second risk family open or the week before ≥ 1.50×)"},
		{TrackDirection, TrackDirection.Defaults, "low ≥ 10 km (per week one way in the first weeks of a new track block, once per block; a steady habit is an info note)"},
		{LowCadence, LowCadence.Defaults, "info note below 160 spm at easy pace (context, not a risk)"},
		{LowCadence, Thresholds{Low: 160, Medium: 150, High: math.NaN()}, "info note below 160 spm at easy pace (context, not a risk); medium < 150 spm"},
		{CadenceDrop, Thresholds{Low: 2, Medium: 4, High: 6}, "low fall ≥ 2 %, medium fall ≥ 4 %, high fall ≥ 6 % (speed-adjusted cadence vs the previous 8 weeks; or 2 weeks ≥ 4 %)"},
		{CompoundRisk, CompoundRisk.Defaults, "medium: ≥ 3 families at low or higher, high: ≥ 2 families at medium or higher, within the same 2 weeks"},
	}
	for _, tt := range tests {
		if got := tt.rule.ThresholdText(tt.t); got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.rule.ID, got, tt.want)
		}
	}
}

// allTexts is every text a user reads from the catalogue and a season's findings.
func allTexts(fs []Finding) []string {
	texts := []string{RedFlags, Disclaimer}
	for _, r := range All {
		texts = append(texts, r.Title, r.Doc, r.Computes, r.Evidence, r.Explanation, r.Advice)
	}
	for _, l := range Links {
		texts = append(texts, LinkText(l), LinkLabel(l))
	}
	for _, f := range fs {
		texts = append(texts, f.Summary, f.Explanation, f.Advice)
	}
	return texts
}

func TestNoDiagnosis(t *testing.T) {
	runs := join(variedWeeks(6), variedWeek(6, 0.9), scaledWeek(7, 1.7, balance(53), gear("Old")))
	for _, s := range allTexts(Evaluate(season(runs), nil)) {
		low := strings.ToLower(s)
		if strings.Contains(low, "you have") || strings.Contains(low, "diagnosed") {
			t.Errorf("text reads as a diagnosis: %q", s)
		}
	}
}

func TestConfig(t *testing.T) {
	on, off := true, false
	tests := []struct {
		name    string
		cfg     *Config
		wantErr string
	}{
		{"nil config", nil, ""},
		{"empty config", &Config{}, ""},
		{"valid override", &Config{Rules: map[string]Settings{"load-spike": {Low: ptr(1.2), Medium: ptr(1.4), High: ptr(1.8)}}}, ""},
		{"disable a rule", &Config{Rules: map[string]Settings{"track-direction": {Enabled: &off}}}, ""},
		{"unknown rule", &Config{Rules: map[string]Settings{"load-spikes": {Enabled: &on}}}, "rules.load-spikes: unknown rule id"},
		{"medium below low", &Config{Rules: map[string]Settings{"load-spike": {Medium: ptr(1.2)}}}, "rules.load-spike.medium: must be ≥ low (1.3)"},
		{"high below medium", &Config{Rules: map[string]Settings{"weekly-jump": {High: ptr(25)}}}, "rules.weekly-jump.high: must be ≥ medium (30)"},
		{"compound-risk counts different things per level", &Config{Rules: map[string]Settings{"compound-risk": {Medium: ptr(4), High: ptr(2)}}}, ""},
		{"negative", &Config{Rules: map[string]Settings{"gct-imbalance": {Low: ptr(-1)}}}, "rules.gct-imbalance.low: must be ≥ 0 (-1)"},
		{"infinite", &Config{Rules: map[string]Settings{"monotony": {High: ptr(math.Inf(1))}}}, "rules.monotony.high: must be a finite number"},
		{"lower-is-worse rule orders downwards", &Config{Rules: map[string]Settings{"low-cadence": {Medium: ptr(165)}}}, "rules.low-cadence.medium: must be ≤ low (160)"},
		{"lower-is-worse rule accepts lower medium", &Config{Rules: map[string]Settings{"low-cadence": {Medium: ptr(150)}}}, ""},
		{"negative prior km", &Config{Gear: map[string]Shoe{"Clifton": {PriorKm: -5}}}, "gear.Clifton.prior_km: must be a number ≥ 0 (-5)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.cfg.Validate()
			switch {
			case tt.wantErr == "" && err != nil:
				t.Fatalf("unexpected error: %v", err)
			case tt.wantErr != "" && (err == nil || !strings.HasPrefix(err.Error(), tt.wantErr)):
				t.Fatalf("got error %v, want %q", err, tt.wantErr)
			}
		})
	}

	var nilCfg *Config
	if !nilCfg.Enabled(TrackDirection) || nilCfg.Thresholds(LoadSpike) != LoadSpike.Defaults {
		t.Error("nil config does not give the defaults")
	}
	cfg := &Config{Rules: map[string]Settings{"track-direction": {Enabled: &off}, "load-spike": {Medium: ptr(1.4)}}}
	if cfg.Enabled(TrackDirection) || !cfg.Enabled(LoadSpike) {
		t.Error("enabled flags not applied")
	}
	if got := cfg.Thresholds(LoadSpike); got.Low != 1.3 || got.Medium != 1.4 || got.High != 2.0 {
		t.Errorf("thresholds %+v, want 1.3/1.4/2.0", got)
	}
}

func TestSortFindings(t *testing.T) {
	fs := []Finding{
		{Rule: ByID("weekly-jump"), Severity: Medium, Date: mustDay("2026-03-09")},
		{Rule: ByID("load-spike"), Severity: High, Date: mustDay("2026-03-09")},
		{Rule: ByID("cadence-fade"), Severity: Low, Date: mustDay("2026-03-02")},
		{Rule: ByID("load-spike"), Severity: Medium, Date: mustDay("2026-03-09")},
		{Rule: ByID("gct-imbalance"), Severity: High, Date: mustDay("2026-03-09")},
	}
	SortFindings(fs)
	want := []string{"2026-03-02 low cadence-fade", "2026-03-09 high gct-imbalance", "2026-03-09 high load-spike",
		"2026-03-09 medium load-spike", "2026-03-09 medium weekly-jump"}
	for i, f := range fs {
		if got := f.Date.String() + " " + f.Severity.String() + " " + f.Rule.ID; got != want[i] {
			t.Errorf("position %d: %s, want %s", i, got, want[i])
		}
	}
}

// atLeast returns the findings at or above a severity.
func atLeast(fs []Finding, sev Severity) []Finding {
	var out []Finding
	for _, f := range fs {
		if f.Severity >= sev {
			out = append(out, f)
		}
	}
	return out
}

// richWeeks is a steady season with every channel: varied speeds, balance,
// rolling descent, a shoe, a long run with steady thirds.
func richWeeks(n int) []analysis.Run {
	var runs []analysis.Run
	for w := 0; w < n; w++ {
		week := variedWeek(w, 1, descent(40, -2), gear("Daily"))
		week[4].DurationS = 88 * 60
		thirds(week[4].CadenceSPM, week[4].CadenceSPM-1, 50.2, 50.4)(&week[4])
		runs = append(runs, week...)
	}
	return runs
}

func TestPrecision(t *testing.T) {
	tests := []struct {
		name  string
		runs  []analysis.Run
		rules []string // the only rules allowed at medium or higher
	}{
		{"steady healthy season", richWeeks(16), nil},
		{"load spike only", join(richWeeks(8), scaledWeek(8, 1.6, descent(40, -2))), []string{"load-spike", "weekly-jump"}},
		{"cadence drop only", setWeek(richWeeks(10), 8, func(r *analysis.Run) { r.CadenceSPM *= 0.93 }), []string{"cadence-drop"}},
		{"imbalance only", setWeek(setWeek(richWeeks(10), 8, balance(52.8)), 9, balance(52.8)), []string{"gct-imbalance"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			allowed := make(map[string]bool)
			for _, id := range tt.rules {
				allowed[id] = true
			}
			fired := make(map[string]bool)
			for _, f := range atLeast(Evaluate(season(tt.runs), nil), Medium) {
				fired[f.Rule.ID] = true
				if !allowed[f.Rule.ID] {
					t.Errorf("unrelated finding: %s %s %s: %s", f.Rule.ID, f.Severity, f.Date, f.Summary)
				}
			}
			for _, id := range tt.rules {
				if !fired[id] {
					t.Errorf("injected pattern %s not found", id)
				}
			}
		})
	}
}

func TestCompoundRisk(t *testing.T) {
	spikeAndDrop := join(richWeeks(8), scaledWeek(8, 1.6, func(r *analysis.Run) { r.CadenceSPM = 172 * 0.92 }))
	off := false
	tests := []struct {
		name  string
		runs  []analysis.Run
		cfg   *Config
		wants []want
	}{
		{"two families in one week", spikeAndDrop, nil, []want{{High, monday(8), 2, 2}}},
		{"one family is not compound", join(richWeeks(8), scaledWeek(8, 1.6)), nil, nil},
		{"three families at low or more within 2 weeks is medium",
			join(richWeeks(10), scaledWeek(10, 1.35, descent(40, -2), func(r *analysis.Run) { r.CadenceSPM *= 0.955 }, balance(51.2))), nil,
			[]want{{Medium, monday(10), 3, 3}}},
		{"compound disabled", spikeAndDrop, &Config{Rules: map[string]Settings{"compound-risk": {Enabled: &off}}}, nil},
		{"a contributing rule disabled", spikeAndDrop, &Config{Rules: map[string]Settings{"cadence-drop": {Enabled: &off}}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := only(Evaluate(season(tt.runs), tt.cfg), "compound-risk")
			checkFindings(t, got, tt.wants)
			for _, f := range got {
				if !strings.Contains(f.Summary, "training load (") || !strings.Contains(f.Summary, "cadence (cadence-drop)") {
					t.Errorf("summary does not name families and rules: %s", f.Summary)
				}
				if f.Mechanism[len(f.Mechanism)-1] != LumbarOverload {
					t.Errorf("mechanism %v does not end at lumbar-overload", f.Mechanism)
				}
			}
		})
	}
	// Check alone gives the same as Evaluate.
	if got, st := CompoundRisk.Check(season(spikeAndDrop), nil); len(got) != 1 || st.State != Judged {
		t.Errorf("CompoundRisk.Check gave %d findings (%s), want 1, judged", len(got), st.State)
	}
}

func TestEvaluateOrderAndFields(t *testing.T) {
	fs := Evaluate(season(join(richWeeks(8), scaledWeek(8, 1.6, func(r *analysis.Run) { r.CadenceSPM = 172 * 0.92 }))), nil)
	if len(fs) == 0 {
		t.Fatal("no findings")
	}
	for i, f := range fs {
		if i > 0 {
			p := fs[i-1]
			if p.Date > f.Date || (p.Date == f.Date && p.Severity < f.Severity) ||
				(p.Date == f.Date && p.Severity == f.Severity && p.Rule.ID > f.Rule.ID) {
				t.Errorf("findings out of order at %d: %s %s %s after %s %s %s", i, f.Date, f.Severity, f.Rule.ID, p.Date, p.Severity, p.Rule.ID)
			}
		}
		if f.Metric == "" || f.Summary == "" || f.Explanation == "" || f.Advice == "" || math.IsNaN(f.Value) || math.IsNaN(f.Threshold) {
			t.Errorf("incomplete finding: %+v", f)
		}
	}
	if Evaluate(nil, nil) != nil || Evaluate(&analysis.Season{}, nil) != nil {
		t.Error("empty seasons give findings")
	}
}

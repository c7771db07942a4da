package report

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"testing"

	"github.com/itbcheck/itbcheck/rules"
	"github.com/itbcheck/itbcheck/screen"
)

// configuredFixture is the fixture under a config file that moves
// load-spike's high limit and turns monotony off; alice has her own
// gct-imbalance medium on top (a roster override), bob runs the report's.
func configuredFixture() *screen.Report {
	hi, med := 1.8, 2.0
	off := false
	team := &rules.Config{Rules: map[string]rules.Settings{"load-spike": {High: &hi}, "monotony": {Enabled: &off}}}
	own := &rules.Config{Rules: map[string]rules.Settings{"load-spike": {High: &hi}, "monotony": {Enabled: &off}, "gct-imbalance": {Medium: &med}}}
	r := fixture()
	r.ConfigFile = "team/itbcheck.yaml"
	r.RuleConfig = team
	r.Athletes[0].RuleConfig = team
	r.Athletes[1].RuleConfig = own
	return r
}

// TestJSONConfig: the JSON report says which config file and thresholds
// were in force, every rule listed, and an athlete's overrides only where
// they differ from the report's.
func TestJSONConfig(t *testing.T) {
	type ruleConfig struct {
		Rule    string   `json:"rule"`
		Enabled bool     `json:"enabled"`
		Low     *float64 `json:"low"`
		Medium  *float64 `json:"medium"`
		High    *float64 `json:"high"`
	}
	type config struct {
		File  *string      `json:"file"`
		Rules []ruleConfig `json:"rules"`
	}
	var doc struct {
		Config   config `json:"config"`
		Athletes []struct {
			Athlete string  `json:"athlete"`
			Config  *config `json:"config"`
		} `json:"athletes"`
	}
	find := func(c config, id string) ruleConfig {
		for _, rc := range c.Rules {
			if rc.Rule == id {
				return rc
			}
		}
		t.Fatalf("rule %s missing from %+v", id, c)
		return ruleConfig{}
	}
	tests := []struct {
		name     string
		report   *screen.Report
		file     string // "" for null
		spikeHi  float64
		monotony bool
		alice    bool // alice has a config of her own
	}{
		{"defaults", fixture(), "", 2.0, true, false},
		{"config file", configuredFixture(), "team/itbcheck.yaml", 1.8, false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := Render(&b, "json", tt.report, Options{}); err != nil {
				t.Fatal(err)
			}
			doc.Config, doc.Athletes = config{}, nil
			if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
				t.Fatal(err)
			}
			if got := doc.Config.File; (got == nil) != (tt.file == "") || (got != nil && *got != tt.file) {
				t.Errorf("config.file = %v, want %q", got, tt.file)
			}
			if len(doc.Config.Rules) != len(rules.All) || doc.Config.Rules[0].Rule != rules.All[0].ID {
				t.Errorf("config.rules lists %d rules, want all %d in catalogue order", len(doc.Config.Rules), len(rules.All))
			}
			spike := find(doc.Config, "load-spike")
			if spike.High == nil || *spike.High != tt.spikeHi || spike.Low == nil || *spike.Low != 1.3 || !spike.Enabled {
				t.Errorf("load-spike = %+v, want low 1.3, high %v, enabled", spike, tt.spikeHi)
			}
			if got := find(doc.Config, "monotony"); got.Enabled != tt.monotony || got.Medium != nil {
				t.Errorf("monotony = %+v, want enabled %v and medium null (it has no medium)", got, tt.monotony)
			}
			if bob := doc.Athletes[0]; bob.Config != nil {
				t.Errorf("bob runs the report's config, got his own %+v", bob.Config)
			}
			alice := doc.Athletes[1]
			if (alice.Config != nil) != tt.alice {
				t.Fatalf("alice config = %+v, want present %v", alice.Config, tt.alice)
			}
			if alice.Config != nil {
				if g := find(*alice.Config, "gct-imbalance"); g.Medium == nil || *g.Medium != 2.0 {
					t.Errorf("alice gct-imbalance = %+v, want medium 2", g)
				}
				if alice.Config.File != nil {
					t.Errorf("alice config names a file %q: the file is the report's", *alice.Config.File)
				}
			}
		})
	}
}

// TestJUnitConfigProperties: each test suite carries the config file and
// the thresholds its athlete was screened with.
func TestJUnitConfigProperties(t *testing.T) {
	var b bytes.Buffer
	if err := Render(&b, "junit", configuredFixture(), Options{}); err != nil {
		t.Fatal(err)
	}
	var doc junitSuites
	if err := xml.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	props := func(s junitSuite) map[string]string {
		m := map[string]string{}
		for _, p := range s.Properties {
			m[p.Name] = p.Value
		}
		return m
	}
	bob, alice := props(doc.Suites[0]), props(doc.Suites[1])
	for name, want := range map[string]string{
		"config.file":                 "team/itbcheck.yaml",
		"rules.load-spike.high":       "1.8",
		"rules.load-spike.low":        "1.3",
		"rules.monotony.enabled":      "false",
		"rules.gct-imbalance.medium":  "1.5",
		"rules.track-direction.low":   "10",
		"rules.weekly-jump.medium":    "30",
		"rules.compound-risk.enabled": "true",
	} {
		if bob[name] != want {
			t.Errorf("bob %s = %q, want %q", name, bob[name], want)
		}
	}
	if _, ok := bob["rules.weekly-jump.low"]; ok {
		t.Errorf("weekly-jump has no low limit, got a property %q", bob["rules.weekly-jump.low"])
	}
	if alice["rules.gct-imbalance.medium"] != "2" || alice["config.file"] != "team/itbcheck.yaml" {
		t.Errorf("alice's suite: gct-imbalance.medium %q, config.file %q; want her override 2 and the team file", alice["rules.gct-imbalance.medium"], alice["config.file"])
	}

	b.Reset()
	if err := Render(&b, "junit", fixture(), Options{}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(b.Bytes(), []byte(`<property name="config.file" value="none">`)) {
		t.Errorf("without a config file the suite does not say none:\n%s", b.String())
	}
}
